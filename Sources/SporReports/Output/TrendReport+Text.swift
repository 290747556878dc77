import Foundation
import SporInstruments

extension TrendReport {
    /// The instrument-specific column names of the CSV and table forms: flags, then CHIME means.
    private var columns: (flags: [String], chime: [String]) { (flagNames, domainNames) }

    /// One line per cell; suppressed cells have empty figures, `null` figures are empty, shares are fractions.
    /// The last two columns say why: `suppression` (`primary` or `complementary`, empty when shown) and
    /// `changeSuppressed` (`true` when the change figures are hidden).
    /// - Parameter decimalComma: numbers with a decimal comma and fields separated by `;`, as a Danish spreadsheet
    ///   reads them; a decimal point and `,` by default.
    public func csv(decimalComma: Bool = false) -> String {
        let (flagNames, chimeNames) = columns
        let separator: Character = decimalComma ? ";" : ","
        func number(_ value: Double?) -> String { DecimalText.full(value, separator: decimalComma ? "," : ".") }
        var out = CSVText.line(
            ["period", "group", "suppressed", "citizens", "meanScore", "medianScore", "sdScore"] + flagNames
                + ["pairedCitizens", "meanChange", "improved", "unchanged", "deteriorated", "crossedCutoff"]
                + chimeNames.map { "chime." + $0 } + ["suppression", "changeSuppressed"], separator: separator)
        for cell in cells {
            var fields = [cell.period, cell.group ?? "", cell.suppressed ? "true" : "false"]
            if let f = cell.figures {
                fields += [String(f.citizens), number(f.meanScore), number(f.medianScore), number(f.sdScore)]
                fields += f.flags.map { number($0.value) }
                let change = f.change
                fields += [
                    change.map { String($0.pairedCitizens) } ?? "", number(change?.meanChange),
                    number(change?.improved), number(change?.unchanged), number(change?.deteriorated),
                    number(change?.crossedCutoff),
                ]
                fields += (f.chimeMeans ?? []).map { number($0.value) }
            } else {
                fields += Array(repeating: "", count: 10 + flagNames.count + chimeNames.count)
            }
            fields += [cell.suppression?.rawValue ?? "", cell.figures?.changeSuppressed == false ? "false" : "true"]
            out += CSVText.line(fields, separator: separator)
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
                    row += [
                        String(change.pairedCitizens), one(change.meanChange), percent(change.improved),
                        percent(change.unchanged), percent(change.deteriorated), percent(change.crossedCutoff),
                    ]
                } else {
                    row += ["hidden", "", "", "", "", ""]
                }
                row += (f.chimeMeans ?? []).map { String(format: "%.2f", $0.value) }
            } else {
                row +=
                    [cell.suppression!.rawValue] + Array(repeating: "", count: 9 + flagNames.count + chimeNames.count)
            }
            table.append(row)
        }
        return "\(instrument) by \(by.rawValue) per \(period.rawValue)\(releaseLine)\n" + Self.suppressionNote(minCell)
            + "\n"
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
    ///   - wording: the chart's words and decimal separator, English by default.
    public func svg(cutoff: Int?, title: String? = nil, wording: ChartWording = .english) -> String {
        let periods = Array(Set(cells.map(\.period))).sorted()
        let position = Dictionary(uniqueKeysWithValues: periods.enumerated().map { ($1, Double($0)) })
        var size: [String?: Int] = [:]
        for cell in cells { size[cell.group, default: 0] += cell.figures?.citizens ?? 0 }
        let groups = size.keys.sorted { (size[$0]!, $1 ?? "") > (size[$1]!, $0 ?? "") }.prefix(12)
        let series = groups.sorted { ($0 ?? "\u{10FFFF}") < ($1 ?? "\u{10FFFF}") }.map { group in
            let byPeriod = Dictionary(
                cells.filter { $0.group == group }.map { ($0.period, $0.figures?.meanScore) },
                uniquingKeysWith: { a, _ in a })
            let name = group ?? wording.noGroup
            return LineChart.Series(
                name: name, points: periods.map { (position[$0]!, byPeriod[$0] ?? nil, "\($0) \(name)") }, decimals: 1)
        }
        let hidden = TrendCell.Suppression.allCases.map { kind in (kind, cells.filter { $0.suppression == kind }.count)
        }
        let kinds: [TrendCell.Suppression: String] = [.primary: wording.primary, .complementary: wording.complementary]
        let note =
            hidden.allSatisfy { $0.1 == 0 }
            ? nil
            : wording.gaps + " ("
                + hidden.filter { $0.1 > 0 }.map { "\($0.1) \(kinds[$0.0] ?? $0.0.rawValue)" }.joined(separator: ", ")
                + ")"
        return LineChart(
            title: title ?? "\(instrument): mean score per \(period.rawValue) by \(by.rawValue)" + releaseLine,
            xTicks: periods.map { (position[$0]!, $0) }, series: series, cutoff: cutoff, note: note, wording: wording
        ).svg()
    }
}
