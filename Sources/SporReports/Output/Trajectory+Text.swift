import Foundation
import SporInstruments
import SporLog

extension Trajectory {
    /// One line per response: instrument, date, score, flags, changes, items and status.
    public func csv() -> String {
        var out = CSVText.line([
            "instrument", "id", "administeredAt", "unit", "intervention", "mode", "complete", "score", "flags",
            "changeSincePrevious", "directionSincePrevious", "changeSinceBaseline", "directionSinceBaseline",
            "baseline", "corrected", "retracted", "answers",
        ])
        for trajectory in instruments {
            for p in trajectory.points {
                out += CSVText.line([
                    trajectory.instrument.rawValue, p.id.uuidString.lowercased(), p.administeredAt.description,
                    p.unit ?? "", p.intervention ?? "", p.mode?.rawValue ?? "", String(p.complete),
                    p.score.map(String.init) ?? "", p.flags.map(\.rawValue).joined(separator: " "),
                    p.changeSincePrevious.map { String($0.delta) } ?? "",
                    p.changeSincePrevious?.direction.rawValue ?? "",
                    p.changeSinceBaseline.map { String($0.delta) } ?? "",
                    p.changeSinceBaseline?.direction.rawValue ?? "", String(p.baseline), String(p.corrected),
                    String(p.retracted), p.answers.map { $0.map(String.init) ?? "" }.joined(separator: " "),
                ])
            }
        }
        return out
    }

    /// An aligned table per instrument; with history, followed by every event of its responses: what it did, when,
    /// by whom and why.
    public func table() -> String {
        func signed(_ change: ScoreChange?) -> String {
            guard let change else { return "-" }
            return (change.delta > 0 ? "+" : "") + "\(change.delta) \(change.direction.rawValue)"
                + (change.crossedCutoff ? ", crossed cut-off" : "")
        }
        var out = "citizen \(citizen)\n"
        for trajectory in instruments {
            var table = TextTable(["date", "score", "flags", "since previous", "since baseline", "answers", "note"])
            for p in trajectory.points {
                let note = [
                    p.baseline ? "baseline" : nil, p.corrected ? "corrected" : nil,
                    p.retracted ? "retracted" : nil,
                ].compactMap { $0 }.joined(separator: ", ")
                table.append([
                    p.administeredAt.description, p.score.map(String.init) ?? "-",
                    p.flags.map(\.rawValue).joined(separator: " "), signed(p.changeSincePrevious),
                    signed(p.changeSinceBaseline), p.answers.map { $0.map(String.init) ?? "·" }.joined(separator: " "),
                    note,
                ])
            }
            out += "\n\(trajectory.instrument) (meaningful change ≥ \(trajectory.threshold) points)\n" + table.render()
            if history { out += "\n\(trajectory.instrument) history\n" + Self.historyTable(trajectory.points) }
        }
        return out
    }

    /// One line per event of the points' responses, in log order.
    private static func historyTable(_ points: [TrajectoryPoint]) -> String {
        let time = ISO8601DateFormatter()
        var table = TextTable(["sequence", "written", "event", "response", "date", "by", "reason"])
        let events = points.flatMap { point in (point.revisions ?? []).map { (point, $0) } }
        for (point, revision) in events.sorted(by: { $0.1.sequence < $1.1.sequence }) {
            table.append([
                String(revision.sequence),
                time.string(from: Date(timeIntervalSince1970: Double(revision.recordedAtMillis) / 1000)),
                revision.kind.rawValue, String(point.id.uuidString.lowercased().prefix(8)),
                (revision.response?.administeredAt ?? point.administeredAt).description, revision.author.description,
                revision.reason ?? "",
            ])
        }
        return table.render()
    }

    /// A line chart with one line per instrument over the response dates; incomplete and retracted responses are
    /// left out.
    /// - Parameters:
    ///   - title: the chart's title, such as one in the reader's language; by default "Citizen …: scores over time".
    ///   - wording: the legend's instrument names and the chart's words, English by default.
    public func svg(title: String? = nil, wording: ChartWording = .english) -> String {
        let days = instruments.flatMap { $0.points.map { $0.administeredAt.daysSinceEpoch } }
        let first = days.min() ?? 0
        let last = days.max() ?? 0
        let tickCount = min(6, Set(days).count)
        let ticks: [(x: Double, label: String)] =
            tickCount < 2
            ? [(Double(first), CalendarDateText.label(first))]
            : (0..<tickCount).map { index in
                let day = first + (last - first) * index / (tickCount - 1)
                return (Double(day), CalendarDateText.label(day))
            }
        let series = instruments.map { trajectory in
            LineChart.Series(
                name: wording.name(of: trajectory.instrument),
                points: trajectory.points.filter { $0.score != nil && !$0.retracted }.map {
                    (Double($0.administeredAt.daysSinceEpoch), $0.score.map(Double.init), $0.administeredAt.description)
                })
        }
        let cutoffs = Set(instruments.compactMap(\.cutoff))
        return LineChart(
            title: title ?? "Citizen \(citizen): scores over time", xTicks: ticks, series: series,
            cutoff: cutoffs.count == 1 ? cutoffs.first : nil, wording: wording
        ).svg()
    }
}
