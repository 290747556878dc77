import Hummingbird
import SporInstruments
import SporReports
import Synchronization

/// `GET /v1/reports/trends`: the strategic level's aggregate view (docs/report-definition.md), small cells suppressed.
/// Caseworkers, strategic and admin; never individual data, so nothing is audited.
struct ReportsController {
    let storage: Storage

    func register(on group: RouterGroup<SporRequestContext>) {
        group.get("reports/trends", use: trends)
    }

    @Sendable func trends(_ request: Request, context: SporRequestContext) async throws -> Response {
        _ = try context.require(.caseworker, .strategic, .admin, for: "read reports")
        let query = request.uri.queryParameters
        var errors: [FieldError] = []
        for name in query.map({ String($0.key) }) where !["instrument", "period", "by", "from", "to"].contains(name) {
            errors.append(FieldError(field: name, rule: .unknownField, message: "\(name) is not a parameter of this report"))
        }
        var instrument: InstrumentID?
        switch query.get("instrument") {
        case nil:
            errors.append(FieldError(field: "instrument", rule: .required, message: "instrument is required"))
        case let text?:
            instrument = InstrumentCatalog.builtIn[InstrumentID(text)]?.id
            if instrument == nil {
                let known = InstrumentCatalog.builtIn.definitions.map(\.id.rawValue).joined(separator: ", ")
                errors.append(FieldError(field: "instrument", rule: .unknownInstrument, message: "instrument must be one of: \(known)"))
            }
        }
        let period = Self.choice(query.get("period"), default: ReportPeriod.quarter, field: "period", into: &errors)
        let by = Self.choice(query.get("by"), default: ReportGrouping.none, field: "by", into: &errors)
        let from = Self.date(query.get("from"), field: "from", into: &errors)
        let to = Self.date(query.get("to"), field: "to", into: &errors)
        Self.checkAligned(from: from, to: to, period: period, into: &errors)
        guard errors.isEmpty, let instrument, let period, let by else { throw Problem.invalid(errors) }
        let reportRequest = TrendReportRequest(instrument: instrument, period: period, by: by, from: from, to: to)
        do {
            try reportRequest.validate()
            let report = try storage.dataset.withLock { try $0.trendReport(reportRequest) }
            return try JSONResponse.make(.ok, report: report)
        } catch let error as ReportError {
            throw Problem.invalid([FieldError(field: error.field, rule: .range, message: "\(error.field) \(error.message)")])
        }
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

    /// Over HTTP, `from` must be the first day and `to` the last day of a period: two reports whose dates differ by
    /// a day would otherwise differ by the few citizens who answered that day, which small-cell suppression
    /// cannot hide. (The CLI, used on the data folder itself, takes any date.)
    static func checkAligned(from: CalendarDate?, to: CalendarDate?, period: ReportPeriod?, into errors: inout [FieldError]) {
        guard let period else { return }
        if let from, !period.begins(on: from) {
            errors.append(FieldError(
                field: "from", rule: .range, message: "from must be the first day of a \(period.rawValue), such as \(from.year)-01-01"))
        }
        if let to, !period.ends(on: to) {
            errors.append(FieldError(
                field: "to", rule: .range, message: "to must be the last day of a \(period.rawValue), such as \(to.year)-12-31"))
        }
    }
}
