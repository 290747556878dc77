import Foundation
public import SporInstruments

extension UseCases {
    /// The access audit trail, oldest first, optionally for one citizen and from a date (UTC), and how many lines
    /// were skipped as damaged (``verify(by:)`` says which).
    public func auditTrail(
        citizen: CitizenID? = nil, since: CalendarDate? = nil, by caller: Caller
    ) async throws -> (records: [AuditRecord], damaged: Int) {
        _ = try AccessPolicy.responses(caller, .readAuditTrail)
        let start = since.map { Date(timeIntervalSince1970: TimeInterval($0.daysSinceEpoch) * 86_400) }
        let (records, damaged) =
            if let store = folder.store {
                AuditTrail.read(lines: try await store.auditLines())
            } else {
                try AuditTrail.read(folder: folder.url)
            }
        let chosen = records.filter { record in
            (citizen.map { record.citizen == $0 } ?? true) && (start.map { record.at >= $0 } ?? true)
        }
        return (chosen, damaged)
    }

    /// Writes that `caller` read `citizen`'s data through `endpoint`, and returns once it is durable: the data may
    /// be answered only then.
    func audit(_ citizen: CitizenID?, by caller: Caller, via endpoint: String) async throws {
        try await audit([citizen], by: caller, via: endpoint)
    }

    /// One audit line per citizen, in one durable write; `nil` stands for a bulk read of many citizens.
    func audit(_ citizens: [CitizenID?], by caller: Caller, via endpoint: String) async throws {
        let at = now()
        try await folder.appendAudit(
            citizens.map { citizen in
                AuditRecord(at: at, who: caller.identity.name, role: caller.role, citizen: citizen, endpoint: endpoint)
            })
    }
}
