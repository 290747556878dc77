import Foundation
import Hummingbird
import SporInstruments
import SporReports
import Synchronization

/// `GET /v1/attention`: the citizens to look at first, with the reasons why. Staff see citizens seen in their
/// units, case workers and admins all; every listed citizen is written to the access audit trail.
struct AttentionController {
    let storage: Storage
    let settings: WebSettings
    let today: @Sendable () -> CalendarDate
    let now: @Sendable () -> Date

    func register(on group: RouterGroup<SporRequestContext>) {
        group.get("attention", use: list)
    }

    @Sendable func list(_ request: Request, context: SporRequestContext) async throws -> Response {
        let identity = try context.require(.staff, .caseworker, .admin, for: "read the attention list")
        var limit = AttentionList.defaultLimit
        if let text = request.uri.queryParameters.get("limit") {
            guard let value = Int(text), (1...AttentionList.maximumLimit).contains(value) else {
                throw Problem.invalid([FieldError(
                    field: "limit", rule: .range, message: "limit must be a whole number from 1 to \(AttentionList.maximumLimit)")])
            }
            limit = value
        }
        let list = try await auditedList(for: identity, limit: limit, endpoint: "\(request.method) \(context.endpointPath ?? "-")")
        return try JSONResponse.make(.ok, report: list)
    }

    /// The `limit` most urgent citizens of the list as `identity` may see it (staff only citizens seen in their
    /// units), each one shown written to the access audit trail as read through `endpoint`.
    func auditedList(for identity: Identity, limit: Int, endpoint: String) async throws -> AttentionList {
        let units: Set<String>? = identity.role == .staff ? Set(identity.units.map(\.rawValue)) : nil
        let asOf = today()
        let list = storage.dataset.withLock {
            $0.attentionList(units: units, asOf: asOf, silenceDays: settings.attentionSilenceDays, limit: limit)
        }
        let at = now()
        try await storage.audit.append(contentsOf: list.entries.map { entry in
            AuditRecord(at: at, who: identity.name, role: identity.role, citizen: CitizenID(rawValue: entry.citizen)!, endpoint: endpoint)
        })
        return list
    }
}
