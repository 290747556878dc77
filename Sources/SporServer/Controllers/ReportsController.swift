import Hummingbird
import SporApplication
import SporInstruments
import SporReports

/// `GET /v1/reports/trends`: the strategic level's aggregate view (docs/report-definition.md), small cells
/// suppressed; never individual data. Live figures for case workers and admins, the newest release for the
/// strategic role. `GET /v1/reports/releases` lists the releases, and `GET /v1/reports/releases/{id}/trends`
/// reads one.
struct ReportsController {
    let spor: UseCases

    func register(on group: RouterGroup<SporRequestContext>) {
        group.get("reports/trends", use: trends)
        group.get("reports/releases", use: releases)
        group.get("reports/releases/:id/trends", use: releasedTrends)
    }

    @Sendable func trends(_ request: Request, context: SporRequestContext) async throws -> Response {
        let caller = try context.caller()
        try spor.require(.releasedReport, by: caller)
        let report = try await spor.trendReport(
            try Self.trendRequest(request), by: caller, via: context.endpoint(request))
        return try JSONResponse.make(.ok, report: report)
    }

    @Sendable func releases(_ request: Request, context: SporRequestContext) async throws -> Response {
        try JSONResponse.make(.ok, ["releases": try await spor.releases(by: try context.caller())])
    }

    @Sendable func releasedTrends(_ request: Request, context: SporRequestContext) async throws -> Response {
        let caller = try context.caller()
        try spor.require(.releasedReport, by: caller)
        guard let text = context.parameters.get("id"), let id = TrendRelease.ID(text) else {
            throw Problem.notFound("No release with that id is stored.")
        }
        return try JSONResponse.make(
            .ok, report: try await spor.releasedReport(id, try Self.trendRequest(request), by: caller))
    }

    /// The report the query asks for: `instrument` (required), `period`, `by`, `from`, `to`.
    static func trendRequest(_ request: Request) throws -> TrendReportRequest {
        let query = request.uri.queryParameters
        var errors: [FieldError] = []
        for (position, name) in query.map({ String($0.key) }).enumerated()
        where !["instrument", "period", "by", "from", "to"].contains(name) {
            // The name is never repeated: a caller may have typed anything there.
            errors.append(
                FieldError(
                    field: "query", rule: .unknownField,
                    message:
                        "parameter \(position + 1) is not a parameter of this report (instrument, period, by, from, to)"
                ))
        }
        var instrument: InstrumentID?
        switch query.get("instrument") {
        case nil:
            errors.append(FieldError(field: "instrument", rule: .required, message: "instrument is required"))
        case let text?:
            instrument = InstrumentCatalog.builtIn[InstrumentID(text)]?.id
            if instrument == nil {
                let known = InstrumentCatalog.builtIn.definitions.map(\.id.rawValue).joined(separator: ", ")
                errors.append(
                    FieldError(
                        field: "instrument", rule: .unknownInstrument, message: "instrument must be one of: \(known)"))
            }
        }
        let period = Self.choice(query.get("period"), default: ReportPeriod.quarter, field: "period", into: &errors)
        let by = Self.choice(query.get("by"), default: ReportGrouping.none, field: "by", into: &errors)
        let from = Self.date(query.get("from"), field: "from", into: &errors)
        let to = Self.date(query.get("to"), field: "to", into: &errors)
        guard errors.isEmpty, let instrument, let period, let by else { throw Problem.invalid(errors) }
        return TrendReportRequest(instrument: instrument, period: period, by: by, from: from, to: to)
    }

    static func choice<Value: RawRepresentable & CaseIterable>(
        _ text: String?, default value: Value, field: String, into errors: inout [FieldError]
    ) -> Value? where Value.RawValue == String {
        guard let text else { return value }
        guard let parsed = Value(rawValue: text) else {
            let known = Value.allCases.map(\.rawValue).joined(separator: ", ")
            errors.append(FieldError(field: field, rule: .format, message: "\(field) must be one of: \(known)"))
            return nil
        }
        return parsed
    }

    static func date(_ text: String?, field: String, into errors: inout [FieldError]) -> CalendarDate? {
        guard let text else { return nil }
        guard let date = CalendarDate(iso8601: text) else {
            errors.append(FieldError(field: field, rule: .format, message: "\(field) must be a date, YYYY-MM-DD"))
            return nil
        }
        return date
    }
}
