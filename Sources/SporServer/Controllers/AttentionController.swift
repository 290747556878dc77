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
        let list = try await auditedList(for: identity, endpoint: "\(request.method) \(context.endpointPath ?? "-")")
        return try JSONResponse.make(.ok, report: list)
    }

    /// The list as `identity` may see it (staff only citizens seen in their units), each listed citizen written
    /// to the access audit trail as read through `endpoint`.
    func auditedList(for identity: Identity, endpoint: String) async throws -> AttentionList {
        let units: Set<String>? = identity.role == .staff ? Set(identity.units.map(\.rawValue)) : nil
        let asOf = today()
        let list = storage.dataset.withLock {
            $0.attentionList(units: units, asOf: asOf, silenceDays: settings.attentionSilenceDays)
        }
        let at = now()
        try await storage.audit.append(contentsOf: list.entries.map { entry in
            AuditRecord(at: at, who: identity.name, role: identity.role, citizen: CitizenID(rawValue: entry.citizen)!, endpoint: endpoint)
        })
        return list
    }
}
