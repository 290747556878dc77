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
        let list = Self.attentionList(for: identity, storage: storage, settings: settings, today: today())
        try storage.audit.append(contentsOf: list.entries.map { entry in
            AuditRecord(
                at: now(), who: identity.name, role: identity.role, citizen: CitizenID(rawValue: entry.citizen)!,
                endpoint: "\(request.method) \(context.endpointPath ?? "-")")
        })
        return try JSONResponse.make(.ok, report: list)
    }

    /// The list as `identity` may see it: staff only citizens seen in their units.
    static func attentionList(
        for identity: Identity, storage: Storage, settings: WebSettings, today: CalendarDate
    ) -> AttentionList {
        let units: Set<String>? = identity.role == .staff ? Set(identity.units.map(\.rawValue)) : nil
        return storage.dataset.withLock {
            $0.attentionList(units: units, asOf: today, silenceDays: settings.attentionSilenceDays)
        }
    }
}
