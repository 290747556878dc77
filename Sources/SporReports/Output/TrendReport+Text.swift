import Foundation
import SporInstruments

extension TrendReport {
    /// The instrument-specific column names of the CSV and table forms: flags, then CHIME means.
    private var columns: (flags: [String], chime: [String]) { (flagNames, domainNames) }

    /// One line per cell; suppressed cells have empty figures, `null` figures are empty, shares are fractions.
    /// The last two columns say why: `suppression` (`primary` or `complementary`, empty when shown) and
    /// `changeSuppressed` (`true` when the change figures are hidden).
    public func csv() -> String {
        let (flagNames, chimeNames) = columns
        var out = CSVText.line(
            ["period", "group", "suppressed", "citizens", "meanScore", "medianScore", "sdScore"] + flagNames
                + ["pairedCitizens", "meanChange", "improved", "unchanged", "deteriorated", "crossedCutoff"]
                + chimeNames.map { "chime." + $0 } + ["suppression", "changeSuppressed"])
        for cell in cells {
            var fields = [cell.period, cell.group ?? "", cell.suppressed ? "true" : "false"]
            if let f = cell.figures {
                fields += [String(f.citizens), CSVText.number(f.meanScore), CSVText.number(f.medianScore),
                           CSVText.number(f.sdScore)]
                fields += f.flags.map { CSVText.number($0.value) }
                let change = f.change
                fields += [change.map { String($0.pairedCitizens) } ?? "", CSVText.number(change?.meanChange),
                           CSVText.number(change?.improved), CSVText.number(change?.unchanged),
                           CSVText.number(change?.deteriorated), CSVText.number(change?.crossedCutoff)]
                fields += (f.chimeMeans ?? []).map { CSVText.number($0.value) }
            } else {
                fields += Array(repeating: "", count: 10 + flagNames.count + chimeNames.count)
            }
            fields += [cell.suppression?.rawValue ?? "", cell.figures?.changeSuppressed == false ? "false" : "true"]
            out += CSVText.line(fields)
        }
        return out
    }

    /// An aligned table, one decimal, shares in per cent; suppressed cells say which kind, hidden change figures
    /// say `hidden`.
    public func table() -> String {
        let (flagNames, chimeNames) = columns
        func one(_ value: Double?) -> String { value.map { String(format: "%.1f", $0) } ?? "-" }
        func percent(_ value: Double?) -> String { value.map { String(format: "%.0f%%", $0 * 100) } ?? "-" }
        var table = TextTable(
            ["period", "group", "n", "mean", "median", "sd"] + flagNames
                + ["paired", "change", "improved", "unchanged", "deteriorated", "crossed"] + chimeNames)
        for cell in cells {
            var row = [cell.period, cell.group ?? "(none)"]
            if let f = cell.figures {
                row += [String(f.citizens), one(f.meanScore), one(f.medianScore), one(f.sdScore)]
                row += f.flags.map { percent($0.value) }
                if let change = f.change {
                    row += [String(change.pairedCitizens), one(change.meanChange), percent(change.improved),
                            percent(change.unchanged), percent(change.deteriorated), percent(change.crossedCutoff)]
                } else {
                    row += ["hidden", "", "", "", "", ""]
                }
                row += (f.chimeMeans ?? []).map { String(format: "%.2f", $0.value) }
            } else {
                row += [cell.suppression!.rawValue] + Array(repeating: "", count: 9 + flagNames.count + chimeNames.count)
            }
            table.append(row)
        }
        return "\(instrument) by \(by.rawValue) per \(period.rawValue)\(releaseLine)\n" + Self.suppressionNote(minCell) + "\n"
            + table.render()
    }

    /// ` (release 3 as of 2026-11-30T13:07:28Z)` for a released report, empty for live figures.
    private var releaseLine: String {
        release.map { " (release \($0.id) as of \(TrendRelease.text($0.asOf)))" } ?? ""
    }

    /// What the marks of suppressed cells mean.
    private static func suppressionNote(_ minCell: Int) -> String {
        "primary: fewer than \(minCell) citizens; complementary: hidden so the suppressed cells of a period hold at least "
            + "\(minCell) together; hidden change figures: fewer than \(minCell) paired citizens, or hidden likewise"
    }

    /// A line chart of mean scores: one line per group (the 12 largest by citizens counted, so a chart stays
    /// readable), periods on the x axis, suppressed cells as gaps, counted by kind in a note under the chart.
    /// - Parameters:
    ///   - cutoff: the cut-off score to draw, such as 50.
    ///   - title: the chart's title, such as one in the reader's language; by default "who5: mean score per …".
    public func svg(cutoff: Int?, title: String? = nil) -> String {
        let periods = Array(Set(cells.map(\.period))).sorted()
        let position = Dictionary(uniqueKeysWithValues: periods.enumerated().map { ($1, Double($0)) })
        var size: [String?: Int] = [:]
        for cell in cells { size[cell.group, default: 0] += cell.figures?.citizens ?? 0 }
        let groups = size.keys.sorted { (size[$0]!, $1 ?? "") > (size[$1]!, $0 ?? "") }.prefix(12)
        let series = groups.sorted { ($0 ?? "\u{10FFFF}") < ($1 ?? "\u{10FFFF}") }.map { group in
            let byPeriod = Dictionary(
                cells.filter { $0.group == group }.map { ($0.period, $0.figures?.meanScore) }, uniquingKeysWith: { a, _ in a })
            return LineChart.Series(
                name: group ?? "(none)", points: periods.map { (position[$0]!, byPeriod[$0] ?? nil) })
        }
        let hidden = TrendCell.Suppression.allCases.map { kind in (kind, cells.filter { $0.suppression == kind }.count) }
        let note = hidden.allSatisfy { $0.1 == 0 } ? nil
            : "Gaps: suppressed cells ("
                + hidden.filter { $0.1 > 0 }.map { "\($0.1) \($0.0.rawValue)" }.joined(separator: ", ") + ")"
        return LineChart(
            title: title ?? "\(instrument): mean score per \(period.rawValue) by \(by.rawValue)" + releaseLine,
            xTicks: periods.map { (position[$0]!, $0) }, series: series, cutoff: cutoff, note: note
        ).svg()
    }
}
