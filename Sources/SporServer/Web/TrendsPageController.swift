import Foundation
import Hummingbird
import NIOCore
import SporApplication
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
        let period = ReportsController.choice(
            query.get("period"), default: ReportPeriod.quarter, field: "period", into: &errors)
        let by = ReportsController.choice(query.get("by"), default: ReportGrouping.unit, field: "by", into: &errors)
        let from = ReportsController.date(
            query.get("from").flatMap { $0.isEmpty ? nil : $0 }, field: "from", into: &errors)
        let to = ReportsController.date(query.get("to").flatMap { $0.isEmpty ? nil : $0 }, field: "to", into: &errors)
        guard errors.isEmpty, let period, let by else { return (nil, errors, nil) }
        let reportRequest = TrendReportRequest(instrument: instrument, period: period, by: by, from: from, to: to)
        do {
            return (
                reportRequest, [], try await spor.trendReport(reportRequest, by: caller, via: context.endpoint(request))
            )
        } catch let error as UseCaseError where error.code == .invalid {
            return (reportRequest, error.fieldErrors, nil)
        }
    }

    /// The report as CSV; for a Danish page with decimal commas and `;` between fields, as a Danish spreadsheet
    /// reads it.
    @Sendable func csv(_ request: Request, context: SporRequestContext) async throws -> Response {
        guard case (let reportRequest?, _, let report?) = try await report(request, context: context) else {
            throw Problem.invalid([FieldError(field: "instrument", rule: .format, message: "the filters are invalid")])
        }
        let name =
            "spor-\(reportRequest.instrument.rawValue)-\(reportRequest.period.rawValue)-\(reportRequest.by.rawValue).csv"
        return Response(
            status: .ok,
            headers: [
                .contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"\(name)\"",
            ],
            body: .init(byteBuffer: ByteBuffer(string: report.csv(decimalComma: Language.of(request).language == .da))))
    }

    @Sendable func show(_ request: Request, context: SporRequestContext) async throws -> Response {
        let (reportRequest, errors, report) = try await report(request, context: context)
        let page = WebPage(request, context)
        let query = request.uri.queryParameters
        let filters = ["instrument", "period", "by", "from", "to"].reduce(into: [String: String]()) {
            $0[$1] = query.get($1)
        }
        let view = TrendsView(
            query: filters, errors: errors, report: reportRequest.flatMap { request in report.map { ($0, request) } },
            page.language)
        return page.render(
            "trends", view, title: page.language.text("trends"), status: errors.isEmpty ? .ok : .unprocessableContent)
    }
}
