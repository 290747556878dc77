public import Foundation
public import SporInstruments
import SporLog
public import SporReports

extension UseCases {
    /// One response's result, as a staff member talks it through with the citizen: the response and its point in
    /// the trajectory of its instrument (score, flags, changes since the previous and the baseline response).
    public struct Result: Sendable {
        public var stored: StoredResponse
        public var definition: InstrumentDefinition
        /// The trajectory of the response's instrument, as far as the caller may see it.
        public var trajectory: Trajectory
        /// The response's place in `trajectory.instruments[0].points`.
        public var index: Int
    }

    /// What the citizen page shows: the trajectory of every instrument and the follow-up summary since a date.
    public struct CitizenOverview: Sendable {
        public var trajectory: Trajectory
        public var summary: FollowUpSummary
        /// Every event of each response shown (recorded, corrected, retracted, with its author), by response id.
        public var history: [UUID: [ResponseRevision]]
    }

    /// The pseudonymous id a CPR number gives, the same one recording with it gives. The lookup is audited.
    /// - Parameter text: the CPR number as typed (`DDMMYY-SSSS` or `DDMMYYSSSS`); never repeated in an error.
    public func resolveCPR(
        _ text: String, field: String = "cpr", by caller: Caller, via endpoint: String
    ) async throws -> CitizenID {
        _ = try AccessPolicy.responses(caller, .resolveCPR)
        let cpr: CPRNumber
        do {
            cpr = try CPRNumber(parsing: text)
        } catch {
            throw UseCaseError.invalid([
                error == .date
                    ? FieldError(
                        field: field, rule: .date, message: "\(field) must begin with a real birth date (DDMMYY)")
                    : FieldError(field: field, rule: .format, message: "\(field) must be DDMMYY-SSSS or DDMMYYSSSS")
            ])
        }
        let citizen = try folder.pseudonymiserForCPR().citizenID(for: cpr)
        try await audit(citizen, by: caller, via: endpoint)
        return citizen
    }

    /// The citizen's trajectory per instrument, as far as the caller may see it; audited.
    /// - Throws: ``UseCaseError`` `notFound` when the citizen has no response the caller may see.
    public func trajectory(
        of citizen: CitizenID, instrument: InstrumentID? = nil, history: Bool = false, by caller: Caller,
        via endpoint: String
    ) async throws -> Trajectory {
        let scope = try AccessPolicy.responses(caller, .readCitizen)
        guard
            let trajectory = try folder.read({
                $0.trajectory(of: citizen, instrument: instrument, history: history, scope: scope)
            })
        else { throw UseCaseError.unknownCitizen }
        try await audit(citizen, by: caller, via: endpoint)
        return trajectory
    }

    /// The follow-up summary since the last meeting, as far as the caller may see it; audited.
    public func summary(
        of citizen: CitizenID, since: CalendarDate, by caller: Caller, via endpoint: String
    ) async throws -> FollowUpSummary {
        let scope = try AccessPolicy.responses(caller, .readCitizen)
        let asOf = today()
        guard let summary = try folder.read({ $0.summary(of: citizen, since: since, asOf: asOf, scope: scope) }) else {
            throw UseCaseError.unknownCitizen
        }
        try await audit(citizen, by: caller, via: endpoint)
        return summary
    }

    /// The citizen page: every instrument's trajectory and the summary since `since`; one audited read.
    public func overview(
        of citizen: CitizenID, since: CalendarDate, by caller: Caller, via endpoint: String
    ) async throws -> CitizenOverview {
        let scope = try AccessPolicy.responses(caller, .readCitizen)
        let asOf = today()
        let (trajectory, summary, history) = try folder.read { dataset in
            let trajectory = dataset.trajectory(of: citizen, scope: scope)
            let ids = trajectory?.instruments.flatMap { $0.points.map(\.id) } ?? []
            return (
                trajectory, dataset.summary(of: citizen, since: since, asOf: asOf, scope: scope),
                Dictionary(uniqueKeysWithValues: ids.map { ($0, dataset.revisions(of: $0)) })
            )
        }
        guard let trajectory, let summary else { throw UseCaseError.unknownCitizen }
        try await audit(citizen, by: caller, via: endpoint)
        return CitizenOverview(trajectory: trajectory, summary: summary, history: history)
    }

    /// One live response's result; audited.
    /// - Throws: ``UseCaseError`` `notFound` when it is unknown, retracted or outside the caller's units.
    public func result(of id: UUID, by caller: Caller, via endpoint: String) async throws -> Result {
        let scope = try AccessPolicy.responses(caller, .readCitizen)
        guard let stored = try await folder.stored(id), !stored.isRetracted, scope.contains(unit: stored.response.unit),
            let definition = InstrumentCatalog.builtIn[stored.response.instrument],
            let trajectory = try folder.read({
                $0.trajectory(of: stored.response.citizen, instrument: stored.response.instrument, scope: scope)
            }),
            let index = trajectory.instruments.first?.points.firstIndex(where: { $0.id == id })
        else { throw UseCaseError.unknownResponse }
        try await audit(stored.response.citizen, by: caller, via: endpoint)
        return Result(stored: stored, definition: definition, trajectory: trajectory, index: index)
    }
}
