import Foundation
import SporInstruments
import SporReports

/// The trends page (`Templates/trends.mustache`): the filters, and the trend report they ask for as a chart and
/// a table, its numbers written as the page's language writes them (`60,0` in Danish); suppressed cells show
/// `< 5` or `skjult` and no figures.
struct TrendsView {
    /// The report, when the filters were valid.
    struct Report {
        let hasRelease: Bool
        let release: String
        /// The query of the CSV link.
        let csvQuery: String
        let chart: ChartView
        let caption: String
        let headings: [Heading]
        let rows: [Row]
    }

    /// A column heading; figures are right-aligned.
    struct Heading {
        let text: String
        let number: Bool
    }

    /// A period and group.
    struct Row {
        let period: String
        let group: String
        let cells: [Cell]
    }

    /// A figure, a suppression mark, or nothing.
    struct Cell {
        let text: String
        /// `number`, or `number suppressed` for a mark.
        let cssClass: String
    }

    let invalidFilter: Bool
    let instrument: SelectView
    let period: SelectView
    let by: SelectView
    let from: TextFieldView
    let to: TextFieldView
    /// None or one.
    let report: [Report]

    /// - Parameters:
    ///   - query: the filters as asked for (`instrument`, `period`, `by`, `from`, `to`), to show them again.
    ///   - errors: the filters' errors.
    ///   - report: the report and what it was asked for, when the filters were valid.
    init(
        query: [String: String], errors: [FieldError], report: (TrendReport, TrendReportRequest)?, _ language: Language,
        catalog: InstrumentCatalog = .builtIn
    ) {
        invalidFilter = errors.contains { !["from", "to"].contains($0.field) }
        instrument = SelectView(
            "instrument", label: language.text("questionnaire"),
            catalog.definitions.map { ($0.id.rawValue, language.text($0.name)) },
            chosen: query["instrument"] ?? InstrumentID.who5.rawValue)
        period = SelectView(
            "period", label: language.text("period"),
            [
                ("month", language.text("month")), ("quarter", language.text("quarter")),
                ("year", language.text("year")),
            ],
            chosen: query["period"] ?? "quarter")
        by = SelectView(
            "by", label: language.text("groupedBy"),
            [
                ("unit", language.text("unit")), ("intervention", language.text("intervention")),
                ("none", language.text("noGrouping")),
            ],
            chosen: query["by"] ?? "unit")
        func date(_ name: String, _ label: String) -> TextFieldView {
            TextFieldView(
                name, label: language.text(label),
                value: query[name].flatMap(CalendarDate.init(iso8601:))?.description ?? "",
                type: "date", errors: errors.filter { $0.field == name }.map { FieldErrorText.text($0, language) })
        }
        from = date("from", "fromOptional")
        to = date("to", "toOptional")
        if case let (trend, request)? = report, let definition = catalog[request.instrument] {
            self.report = [Self.makeReport(trend, request, definition, language)]
        } else {
            self.report = []
        }
    }

    private static func makeReport(
        _ report: TrendReport, _ request: TrendReportRequest, _ definition: InstrumentDefinition, _ language: Language
    ) -> Report {
        let minCell = "\(report.minCell)"
        let svg = report.svg(
            cutoff: ResponseDataset.cutoffScore(of: definition),
            title: language.text("meanScoreOf", ["instrument": language.text(definition.name)]),
            wording: language.chartWording)
        var query = [
            "instrument=\(request.instrument.rawValue)", "period=\(request.period.rawValue)",
            "by=\(request.by.rawValue)",
        ]
        if let from = request.from { query.append("from=\(from)") }
        if let to = request.to { query.append("to=\(to)") }
        let flagHeadings = report.flagNames.map { name in
            definition.flags.first { $0.name == Flag(name) }.map { language.text($0.label) } ?? name
        }
        let headings =
            [("period", false), ("group", false), ("citizens", true), ("mean", true), ("median", true), ("sd", true)]
            .map { Heading(text: language.text($0.0), number: $0.1) }
            + flagHeadings.map { Heading(text: $0, number: true) }
            + ["paired", "meanChange", "improvedHeading", "unchangedHeading", "deterioratedHeading"]
            .map { Heading(text: language.text($0), number: true) }
        return Report(
            hasRelease: report.release != nil,
            release: report.release.map {
                language.text("release", ["id": "\($0.id)", "asOf": $0.asOf.formatted(Date.ISO8601FormatStyle())])
            } ?? "",
            csvQuery: query.joined(separator: "&"),
            chart: ChartView(
                trustedSVG: Charts.inline(svg), caption: language.text("trendChartCaption", ["minCell": minCell])),
            caption: language.text("trendCaption", ["minCell": minCell]), headings: headings,
            rows: report.cells.map { cell in
                Row(
                    period: cell.period, group: cell.group ?? language.text("noGroup"),
                    cells: cells(cell, report, headings.count, language))
            })
    }

    /// The figures of a cell after its period and group: numbers with the language's decimal separator, shares in
    /// whole per cent; a suppressed cell's mark and empty cells.
    private static func cells(_ cell: TrendCell, _ report: TrendReport, _ columns: Int, _ language: Language) -> [Cell]
    {
        func number(_ value: Double?) -> Cell {
            Cell(text: value.map { language.decimal($0) } ?? "–", cssClass: "number")
        }
        func share(_ value: Double?) -> Cell { Cell(text: value.map(language.percent) ?? "–", cssClass: "number") }
        let empty = Cell(text: "", cssClass: "number")
        let hidden = Cell(text: language.text("hidden"), cssClass: "number suppressed")
        guard let f = cell.figures else {
            let mark =
                cell.suppression == .primary ? Cell(text: "< \(report.minCell)", cssClass: "number suppressed") : hidden
            return [mark] + Array(repeating: empty, count: columns - 3)
        }
        var cells =
            [
                Cell(text: "\(f.citizens)", cssClass: "number"), number(f.meanScore), number(f.medianScore),
                number(f.sdScore),
            ]
            + f.flags.map { share($0.value) }
        if let change = f.change {
            cells += [
                Cell(text: "\(change.pairedCitizens)", cssClass: "number"), number(change.meanChange),
                share(change.improved),
                share(change.unchanged), share(change.deteriorated),
            ]
        } else {
            cells += [hidden] + Array(repeating: empty, count: 4)
        }
        return cells
    }
}
