public import Foundation
public import SporFHIR
public import SporInstruments
import SporReports

extension UseCases {
    /// A QuestionnaireResponse recorded: the outcome as for any response, and the response as the FHIR export
    /// writes it.
    public struct RecordedFHIR: Sendable {
        public var recorded: Recorded
        public var record: FHIRResponseRecord
    }

    /// Records a FHIR QuestionnaireResponse through the same rules as any response: the role and unit rule, the
    /// data contract, idempotency by `identifier` (the response id), a CPR subject pseudonymised and never stored.
    /// Every broken rule is reported at once, each at its element's FHIRPath; nothing is written on an error.
    public func record(fhir document: JSONValue, settings: FHIRSettings, by caller: Caller) async throws -> RecordedFHIR
    {
        _ = try AccessPolicy.responses(caller, .record)
        let reading = FHIRResponseReader(settings: settings).read(document)
        let (draft, validation) = try check(reading.raw, by: caller)
        let errors = reading.allErrors(with: validation)
        guard errors.isEmpty, let draft else { throw UseCaseError.invalid(errors) }
        let recorded = try await record(draft, by: caller)
        let revisions = try folder.read { $0.revisions(of: recorded.stored.response.id) }
        return RecordedFHIR(
            recorded: recorded,
            record: Self.fhirRecord(ResponseHistory(stored: recorded.stored, revisions: revisions)))
    }

    /// The responses the caller may see, retracted ones included, as the FHIR export writes them: of one citizen or
    /// all, and only those changed (recorded, corrected, retracted) on or after `changedSince` (Danish time).
    /// One audit line per citizen exported.
    public func fhirRecords(
        of citizen: CitizenID? = nil, changedSince: CalendarDate? = nil, by caller: Caller, via endpoint: String
    ) async throws -> [FHIRResponseRecord] {
        let scope = try AccessPolicy.responses(caller, .readCitizen)
        let since = changedSince.map(Self.startMillis)
        let histories = try folder.read { $0.histories(of: citizen, changedSinceMillis: since, scope: scope) }
        var citizens: [CitizenID] = []
        var seen = Set<CitizenID>()
        for history in histories where seen.insert(history.stored.response.citizen).inserted {
            citizens.append(history.stored.response.citizen)
        }
        if !citizens.isEmpty { try await audit(citizens.map(Optional.some), by: caller, via: endpoint) }
        return histories.map(Self.fhirRecord)
    }

    /// One response, retracted or not, as the FHIR export writes it; audited.
    /// - Throws: ``UseCaseError`` `notFound` when it is unknown or outside the caller's units.
    public func fhirRecord(of id: UUID, by caller: Caller, via endpoint: String) async throws -> FHIRResponseRecord {
        let scope = try AccessPolicy.responses(caller, .readCitizen)
        guard let stored = try await folder.stored(id), scope.contains(unit: stored.response.unit) else {
            throw UseCaseError.unknownResponse
        }
        let revisions = try folder.read { $0.revisions(of: id) }
        try await audit(stored.response.citizen, by: caller, via: endpoint)
        return Self.fhirRecord(ResponseHistory(stored: stored, revisions: revisions))
    }

    /// The status, author and time of last change a history gives.
    private static func fhirRecord(_ history: ResponseHistory) -> FHIRResponseRecord {
        let status: FHIRResponseRecord.Status =
            history.stored.isRetracted
            ? .enteredInError
            : history.revisions.contains { $0.kind == .corrected } ? .amended : .completed
        let author = history.revisions.last { $0.response != nil }?.authorText
        return FHIRResponseRecord(
            response: history.stored.response, definitionVersion: history.stored.definitionVersion, status: status,
            author: author, lastUpdated: Date(timeIntervalSince1970: Double(history.lastEventMillis) / 1000))
    }

    /// Midnight at the start of `date` in Denmark, in milliseconds since 1970.
    private static func startMillis(_ date: CalendarDate) -> Int64 {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = CalendarDate.denmark
        let start =
            calendar.date(from: DateComponents(year: date.year, month: date.month, day: date.day)) ?? Date.distantPast
        return Int64((start.timeIntervalSince1970 * 1000).rounded())
    }
}
