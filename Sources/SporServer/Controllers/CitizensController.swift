import Foundation
import Hummingbird
import SporInstruments
import SporLog
import SporReports
import Synchronization

/// `POST /v1/citizens/resolve` and the reads of one citizen's data; every answered read and every resolve is
/// written to the access audit trail before the data leaves the server.
struct CitizensController {
    let storage: Storage
    /// Today's date, for the summary's staleness notes.
    let today: @Sendable () -> CalendarDate
    /// The time written to the audit trail.
    let now: @Sendable () -> Date

    func register(on group: RouterGroup<SporRequestContext>) {
        group.post("citizens/resolve", use: resolve)
        group.get("citizens/:citizen/trajectory", use: trajectory)
        group.get("citizens/:citizen/summary", use: summary)
    }

    /// `{"cpr": "…"}` → `{"citizen": "p-…"}`: the pseudonymous id, the same one recording with that CPR gives.
    @Sendable func resolve(_ request: Request, context: SporRequestContext) async throws -> Response {
        let identity = try context.require(.staff, .caseworker, .admin, for: "resolve CPR numbers")
        var reader = JSONObjectReader(try await request.jsonBody(limit: RequestLimits.singleBody), known: ["cpr"])
        var cpr: CPRNumber?
        if let text = reader.string("cpr") {
            do {
                cpr = try CPRNumber(parsing: text)
            } catch {
                switch error {
                case .format: reader.add(FieldError(field: "cpr", rule: .format, message: "cpr must be DDMMYY-SSSS or DDMMYYSSSS"))
                case .date: reader.add(FieldError(field: "cpr", rule: .date, message: "cpr must begin with a real birth date (DDMMYY)"))
                }
            }
        }
        guard reader.errors.isEmpty, let cpr else { throw Problem.invalid(reader.errors) }
        let citizen = storage.pseudonymiser.citizenID(for: cpr)
        try await audit(identity, citizen, request, context)
        return try JSONResponse.make(.ok, ["citizen": citizen.rawValue])
    }

    /// The citizen's trajectory per instrument (`Schemas/trajectory.schema.json`).
    @Sendable func trajectory(_ request: Request, context: SporRequestContext) async throws -> Response {
        let (identity, citizen) = try readable(context)
        guard let trajectory = storage.dataset.withLock({ $0.trajectory(of: citizen) }) else {
            throw Problem.notFound("No responses are stored for that citizen.")
        }
        try await audit(identity, citizen, request, context)
        return try JSONResponse.make(.ok, report: trajectory)
    }

    /// The follow-up summary since the last meeting (`Schemas/summary.schema.json`); `since` is required.
    @Sendable func summary(_ request: Request, context: SporRequestContext) async throws -> Response {
        let (identity, citizen) = try readable(context)
        guard let text = request.uri.queryParameters.get("since") else {
            throw Problem.invalid([FieldError(field: "since", rule: .required, message: "since is required, YYYY-MM-DD")])
        }
        guard let since = CalendarDate(iso8601: text) else {
            throw Problem.invalid([FieldError(field: "since", rule: .format, message: "since must be a date, YYYY-MM-DD")])
        }
        let asOf = today()
        guard let summary = storage.dataset.withLock({ $0.summary(of: citizen, since: since, asOf: asOf) }) else {
            throw Problem.notFound("No responses are stored for that citizen.")
        }
        try await audit(identity, citizen, request, context)
        return try JSONResponse.make(.ok, report: summary)
    }

    /// The caller, the citizen in the path and its live responses, when the caller may read them: caseworkers and
    /// admins any citizen, staff only citizens seen in their units (403 otherwise, known or not), strategic none.
    private func readable(_ context: SporRequestContext) throws -> (Identity, CitizenID) {
        let identity = try context.require(.staff, .caseworker, .admin, for: "read individual citizens")
        guard let text = context.parameters.get("citizen"), let citizen = CitizenID(rawValue: text) else {
            throw Problem.invalid([FieldError(
                field: "citizen", rule: .format, message: "citizen must be a pseudonymous id; resolve a CPR number first")])
        }
        if identity.role == .staff, !storage.dataset.withLock({ $0.hasResponse(of: citizen, inAnyOf: identity.units) }) {
            throw Problem.forbidden("Staff read only citizens seen in their own units.")
        }
        return (identity, citizen)
    }

    private func audit(_ identity: Identity, _ citizen: CitizenID, _ request: Request, _ context: SporRequestContext) async throws {
        let endpoint = "\(request.method) \(context.endpointPath ?? "-")"
        try await storage.audit.append(AuditRecord(
            at: now(), who: identity.name, role: identity.role, citizen: citizen, endpoint: endpoint))
    }
}
