public import Foundation
public import SporInstruments
import SporLog
import SporReports

extension UseCases {
    /// A live response the caller may change, with its instrument definition.
    public struct Changeable: Sendable {
        public var stored: StoredResponse
        public var definition: InstrumentDefinition
    }

    /// Stores a new version of a response with new answers and/or date, and a reason.
    ///
    /// A correction that changes nothing writes nothing and is answered with the current version, so a client may
    /// send the same correction again safely.
    /// - Parameters:
    ///   - answers: the new answers as given (validated against the response's instrument), or `nil` to keep them.
    ///   - administeredAt: the new date as given, or `nil` to keep it.
    ///   - reason: why (required; stored, so never a CPR number).
    /// - Returns: the current version: a read of the citizen's data, so it is audited as read through `endpoint`.
    /// - Throws: ``UseCaseError``: `invalid` (every broken rule), `notFound` (unknown, or another unit's for staff),
    ///   `conflict` (retracted), `forbidden`.
    public func correct(
        _ id: UUID, answers: JSONValue?, administeredAt: JSONValue?, reason: String?, by caller: Caller,
        via endpoint: String
    ) async throws -> StoredResponse {
        let (stored, definition) = try await changeable(id, by: caller, for: .correct)
        let validator = self.validator
        var errors: [FieldError] = []
        var response = stored.response
        if answers == nil, administeredAt == nil {
            errors.append(
                FieldError(field: "answers", rule: .required, message: "give answers, administeredAt or both"))
        }
        if let answers,
            let checked = validator.validateAnswers(answers, for: definition, field: "answers", into: &errors)
        {
            response.answers = checked
        }
        if let administeredAt, let date = validator.validateDate(administeredAt, field: "administeredAt", into: &errors)
        {
            response.administeredAt = date
        }
        Self.checkReason(reason, into: &errors)
        guard errors.isEmpty, let reason else { throw UseCaseError.invalid(errors) }
        if response != stored.response {
            _ = try await append(
                [.responseCorrected(response, definitionVersion: Self.version(of: response), reason: reason)],
                by: caller)
        }
        let current = try await storedVersion(id, fallback: response)
        try await audit(current.response.citizen, by: caller, via: endpoint)
        return current
    }

    /// Retracts a response entered in error, with a reason: it leaves trajectories and reports and stays in the
    /// history.
    /// - Returns: the retracted response.
    /// - Throws: as ``correct(_:answers:administeredAt:reason:by:via:)``.
    public func retract(_ id: UUID, reason: String?, by caller: Caller) async throws -> StoredResponse {
        let (stored, _) = try await changeable(id, by: caller, for: .retract)
        var errors: [FieldError] = []
        Self.checkReason(reason, into: &errors)
        guard errors.isEmpty, let reason else { throw UseCaseError.invalid(errors) }
        _ = try await append([.responseRetracted(id: id, reason: reason)], by: caller)
        var retracted = stored
        retracted.isRetracted = true
        return retracted
    }

    /// A live response as a correction or retraction form shows it: an audited read of its answers.
    public func openForChange(
        _ id: UUID, action: AccessPolicy.Action, by caller: Caller, via endpoint: String
    ) async throws -> Changeable {
        let (stored, definition) = try await changeable(id, by: caller, for: action)
        try await audit(stored.response.citizen, by: caller, via: endpoint)
        return Changeable(stored: stored, definition: definition)
    }

    /// The live response `id` when the caller may change it.
    private func changeable(
        _ id: UUID, by caller: Caller, for action: AccessPolicy.Action
    ) async throws -> (StoredResponse, InstrumentDefinition) {
        let scope = try AccessPolicy.responses(caller, action)
        guard let stored = try await folder.stored(id), scope.contains(unit: stored.response.unit),
            let definition = InstrumentCatalog.builtIn[stored.response.instrument]
        else { throw UseCaseError.unknownResponse }
        guard !stored.isRetracted else { throw UseCaseError(.conflict, "The response is retracted.") }
        return (stored, definition)
    }

    /// The reason rule: required, and what ``ReasonRule`` allows.
    private static func checkReason(_ reason: String?, into errors: inout [FieldError]) {
        guard let reason else {
            errors.append(FieldError(field: "reason", rule: .required, message: "reason is required"))
            return
        }
        if let error = ReasonRule.check(reason) { errors.append(error) }
    }
}
