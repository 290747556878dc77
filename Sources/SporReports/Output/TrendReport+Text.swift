import Foundation
import SporInstruments

extension TrendReport {
    /// The instrument-specific column names of the CSV and table forms: flags, then CHIME means.
    private var columns: (flags: [String], chime: [String]) { (flagNames, domainNames) }

    /// One line per cell; suppressed cells have empty figures, `null` figures are empty, shares are fractions.
    public func csv() -> String {
        let (flagNames, chimeNames) = columns
        var out = CSVText.line(
            ["period", "group", "suppressed", "citizens", "meanScore", "medianScore", "sdScore"] + flagNames
                + ["pairedCitizens", "meanChange", "improved", "unchanged", "deteriorated", "crossedCutoff"]
                + chimeNames.map { "chime." + $0 })
        for cell in cells {
            var fields = [cell.period, cell.group ?? "", cell.suppressed ? "true" : "false"]
            if let f = cell.figures {
                fields += [String(f.citizens), CSVText.number(f.meanScore), CSVText.number(f.medianScore),
                           CSVText.number(f.sdScore)]
                fields += f.flags.map { CSVText.number($0.value) }
                fields += [String(f.pairedCitizens), CSVText.number(f.meanChange), CSVText.number(f.improved),
                           CSVText.number(f.unchanged), CSVText.number(f.deteriorated), CSVText.number(f.crossedCutoff)]
                fields += (f.chimeMeans ?? []).map { CSVText.number($0.value) }
            } else {
                fields += Array(repeating: "", count: 10 + flagNames.count + chimeNames.count)
            }
            out += CSVText.line(fields)
        }
        return out
    }

    /// An aligned table, one decimal, shares in per cent; suppressed cells say so.
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
                row += [String(f.pairedCitizens), one(f.meanChange), percent(f.improved), percent(f.unchanged),
                        percent(f.deteriorated), percent(f.crossedCutoff)]
                row += (f.chimeMeans ?? []).map { String(format: "%.2f", $0.value) }
            } else {
                row += ["suppressed"] + Array(repeating: "", count: 9 + flagNames.count + chimeNames.count)
            }
            table.append(row)
        }
        return "\(instrument) by \(by.rawValue) per \(period.rawValue); cells under \(minCell) citizens suppressed\n"
            + table.render()
    }

    /// A line chart of mean scores: one line per group (the 12 largest by citizens counted, so a chart stays
    /// readable), periods on the x axis, suppressed cells as gaps.
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
        return LineChart(
            title: title ?? "\(instrument): mean score per \(period.rawValue) by \(by.rawValue)",
            xTicks: periods.map { (position[$0]!, $0) }, series: series, cutoff: cutoff
        ).svg()
    }
}
