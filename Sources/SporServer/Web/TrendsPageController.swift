import Foundation
import Hummingbird
import SporApplication
import NIOCore
import SporInstruments
import SporReports

/// `GET /trends` and `GET /trends.csv`: the trend report with its filters, as a table and a chart, suppressed
/// cells shown as "< 5", and the same report as CSV. Case workers, strategic and admin; no individual data.
struct TrendsPageController {
    let spor: UseCases

    func register(on group: RouterGroup<SporRequestContext>) {
        group.get("trends", use: show)
        group.get("trends.csv", use: csv)
    }

    /// The report the query asks for (WHO-5 by unit per quarter unless told otherwise), or the errors by field.
    private func report(
        _ request: Request, context: SporRequestContext
    ) async throws -> (TrendReportRequest?, [FieldError], TrendReport?) {
        let caller = try context.caller()
        let query = request.uri.queryParameters
        var errors: [FieldError] = []
        let instrument = query.get("instrument").map { InstrumentID($0) } ?? .who5
        if InstrumentCatalog.builtIn[instrument] == nil {
            errors.append(FieldError(field: "instrument", rule: .unknownInstrument, message: "unknown instrument"))
        }
        let period = ReportsController.choice(query.get("period"), default: ReportPeriod.quarter, field: "period", into: &errors)
        let by = ReportsController.choice(query.get("by"), default: ReportGrouping.unit, field: "by", into: &errors)
        let from = ReportsController.date(query.get("from").flatMap { $0.isEmpty ? nil : $0 }, field: "from", into: &errors)
        let to = ReportsController.date(query.get("to").flatMap { $0.isEmpty ? nil : $0 }, field: "to", into: &errors)
        guard errors.isEmpty, let period, let by else { return (nil, errors, nil) }
        let reportRequest = TrendReportRequest(instrument: instrument, period: period, by: by, from: from, to: to)
        do {
            return (reportRequest, [], try await spor.trendReport(reportRequest, by: caller, via: context.endpoint(request)))
        } catch let error as UseCaseError where error.code == .invalid {
            return (reportRequest, error.fieldErrors, nil)
        }
    }

    @Sendable func csv(_ request: Request, context: SporRequestContext) async throws -> Response {
        guard case (let reportRequest?, _, let report?) = try await report(request, context: context) else {
            throw Problem.invalid([FieldError(field: "instrument", rule: .format, message: "the filters are invalid")])
        }
        let name = "spor-\(reportRequest.instrument.rawValue)-\(reportRequest.period.rawValue)-\(reportRequest.by.rawValue).csv"
        return Response(
            status: .ok,
            headers: [.contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"\(name)\""],
            body: .init(byteBuffer: ByteBuffer(string: report.csv())))
    }

    @Sendable func show(_ request: Request, context: SporRequestContext) async throws -> Response {
        let (reportRequest, errors, report) = try await report(request, context: context)
        let page = WebPage(request, context)
        let language = page.language
        let query = request.uri.queryParameters
        var content: [HTML] = [filters(query, errors: errors, language)]
        if let reportRequest, let report, let definition = InstrumentCatalog.builtIn[reportRequest.instrument] {
            if let release = report.release {
                let asOf = release.asOf.formatted(Date.ISO8601FormatStyle())
                content.append(.tag("p", [("class", "hint"), ("id", "release")], HTML(language(
                    "Udgivelse \(release.id) af \(asOf): kun afsluttede perioder, tallene ændres ikke.",
                    "Release \(release.id) of \(asOf): settled periods only; the figures do not change."))))
            }
            content.append(.tag("p", [],
                .tag("a", [("href", "/trends.csv?\(queryString(reportRequest))")], HTML(language("Hent som CSV", "Download as CSV")))))
            content.append(.tag("figure", [],
                Charts.inline(report.svg(
                    cutoff: ResponseDataset.cutoffScore(of: definition),
                    title: language("Gennemsnitlig score", "Mean score") + ": " + Wording.shortName(definition).text(language.rawValue))),
                .tag("figcaption", [], HTML(language(
                    "Gennemsnitlig score pr. periode og gruppe. Grupper med færre end \(report.minCell) borgere vises ikke.",
                    "Mean score per period and group. Groups with fewer than \(report.minCell) citizens are not shown.")))))
            content.append(.tag("div", [("class", "table-scroll"), ("tabindex", "0"), ("role", "region"),
                                        ("aria-label", language("Tabel over tendenser", "Trend table"))], table(report, language)))
        }
        return page.render(title: language("Tendenser", "Trends"), status: errors.isEmpty ? .ok : .unprocessableContent, content: content)
    }

    private func queryString(_ request: TrendReportRequest) -> String {
        var parts = ["instrument=\(request.instrument.rawValue)", "period=\(request.period.rawValue)", "by=\(request.by.rawValue)"]
        if let from = request.from { parts.append("from=\(from)") }
        if let to = request.to { parts.append("to=\(to)") }
        return parts.joined(separator: "&")
    }

    private func filters(_ query: Parameters, errors: [FieldError], _ language: Language) -> HTML {
        func select(_ name: String, _ label: String, _ options: [(String, String)], default value: String) -> HTML {
            let chosen = query.get(name) ?? value
            return .tag("div", [("class", "field")],
                .tag("label", [("for", name)], HTML(label)),
                .tag("select", [("id", name), ("name", name)], children: options.map { option, text in
                    .tag("option", [("value", option), ("selected", option == chosen ? "selected" : nil)], HTML(text))
                }))
        }
        func date(_ name: String, _ label: String) -> HTML {
            let error = errors.first { $0.field == name }
            return .tag("div", [("class", error == nil ? "field" : "field invalid")],
                .tag("label", [("for", name)], HTML(label)),
                error.map { .tag("p", [("class", "error"), ("id", "\(name)-error")], HTML(FieldErrorText.text($0, language))) } ?? .empty,
                .tag("input", [("type", "date"), ("id", name), ("name", name), ("value", query.get(name).flatMap(CalendarDate.init(iso8601:))?.description ?? ""),
                               ("aria-describedby", error == nil ? nil : "\(name)-error")]))
        }
        let other = errors.filter { !["from", "to"].contains($0.field) }
        return .tag("form", [("method", "get"), ("action", "/trends"), ("class", "filters")],
            other.isEmpty ? .empty : .tag("p", [("class", "error")], HTML(language("Ugyldigt filter.", "Invalid filter."))),
            select("instrument", language("Spørgeskema", "Questionnaire"), InstrumentCatalog.builtIn.definitions.map {
                ($0.id.rawValue, Wording.shortName($0).text(language.rawValue))
            }, default: InstrumentID.who5.rawValue),
            select("period", language("Periode", "Period"), [
                ("month", language("Måned", "Month")), ("quarter", language("Kvartal", "Quarter")), ("year", language("År", "Year")),
            ], default: "quarter"),
            select("by", language("Opdelt efter", "Grouped by"), [
                ("unit", language("Enhed", "Unit")), ("intervention", language("Indsats", "Intervention")),
                ("none", language("Ingen opdeling", "No grouping")),
            ], default: "unit"),
            date("from", language("Fra dato (valgfri)", "From (optional)")),
            date("to", language("Til dato (valgfri)", "To (optional)")),
            .tag("button", [("type", "submit")], HTML(language("Vis", "Show"))))
    }

    private func table(_ report: TrendReport, _ language: Language) -> HTML {
        func number(_ value: Double?) -> String { value.map { String(format: "%.1f", $0) } ?? "–" }
        func share(_ value: Double?) -> String { value.map { String(format: "%.0f %%", $0 * 100) } ?? "–" }
        let hidden = language("skjult", "hidden")
        let flagHeadings = report.flagNames.map { name in
            let text = Wording.flag(Flag(name)).text(language.rawValue)
            return text.prefix(1).uppercased() + text.dropFirst()
        }
        let headings = [language("Periode", "Period"), language("Gruppe", "Group"), language("Borgere", "Citizens"),
                        language("Gennemsnit", "Mean"), language("Median", "Median"), language("Spredning", "SD")]
            + flagHeadings
            + [language("Med udgangspunkt", "Paired"), language("Gns. ændring", "Mean change"), language("Forbedret", "Improved"),
               language("Uændret", "Unchanged"), language("Forværret", "Deteriorated")]
        return .tag("table", [],
            .tag("caption", [("class", "hint")], HTML(language(
                "Andele i procent. \"< \(report.minCell)\": færre end \(report.minCell) borgere, så tallene vises ikke. "
                    + "\"\(hidden)\": skjult, så de skjulte tal ikke kan regnes ud fra periodens total, "
                    + "eller færre end \(report.minCell) borgere med udgangspunkt.",
                "Shares in per cent. \"< \(report.minCell)\": fewer than \(report.minCell) citizens, so no figures are shown. "
                    + "\"\(hidden)\": hidden, so the hidden figures cannot be worked out from the period's total, "
                    + "or fewer than \(report.minCell) paired citizens."))),
            .tag("thead", [], .tag("tr", [], children: headings.enumerated().map { index, text in
                .tag("th", [("scope", "col"), ("class", index >= 2 ? "number" : nil)], HTML(text))
            })),
            .tag("tbody", [], children: report.cells.map { cell in
                var cells: [HTML] = [
                    .tag("th", [("scope", "row")], HTML(cell.period)),
                    .tag("td", [("class", "nowrap")], HTML(cell.group ?? language("(ingen)", "(none)"))),
                ]
                if let f = cell.figures {
                    let values = [String(f.citizens), number(f.meanScore), number(f.medianScore), number(f.sdScore)]
                        + f.flags.map { share($0.value) }
                    cells += values.map { .tag("td", [("class", "number")], HTML($0)) }
                    if let change = f.change {
                        cells += [String(change.pairedCitizens), number(change.meanChange), share(change.improved),
                                  share(change.unchanged), share(change.deteriorated)].map { .tag("td", [("class", "number")], HTML($0)) }
                    } else {
                        cells.append(.tag("td", [("class", "number suppressed")], HTML(hidden)))
                        cells += Array(repeating: HTML.tag("td", [("class", "number")], ""), count: 4)
                    }
                } else {
                    let mark = cell.suppression == .primary ? "< \(report.minCell)" : hidden
                    cells.append(.tag("td", [("class", "number suppressed")], HTML(mark)))
                    cells += Array(repeating: HTML.tag("td", [("class", "number")], ""), count: headings.count - 3)
                }
                return .tag("tr", [], children: cells)
            }))
    }
}
