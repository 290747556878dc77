import Foundation
public import SporInstruments
import SporLog
import SporReports

extension UseCases {
    /// What recording one response led to.
    public struct Recorded: Hashable, Sendable {
        /// The response as stored (the earlier one when it was stored already).
        public var stored: StoredResponse
        /// Written now (`true`), or stored before with the same content (`false`).
        public var created: Bool
    }

    /// Records one validated response: the CPR number pseudonymised, an id chosen when none is given.
    ///
    /// The same id with the same content again is answered with the stored response (`created: false`); the same
    /// id with other content is a `conflict`. Staff record only in their own units (`unit` must be one of them).
    public func record(_ draft: ResponseDraft, by caller: Caller) async throws -> Recorded {
        let response = try prepare(draft, by: caller, field: "unit", id: draft.id ?? UUID())
        return try await store([response], by: caller)[0]
    }

    /// Validates a response as given and records it: every broken rule, the unit rule for staff included, is
    /// reported at once.
    public func record(_ raw: RawResponse, by caller: Caller) async throws -> Recorded {
        let (draft, errors) = try check(raw, by: caller)
        guard errors.isEmpty, let draft else { throw UseCaseError.invalid(errors) }
        return try await record(draft, by: caller)
    }

    /// The response as given, validated, and every rule it breaks (the unit rule for staff included), without
    /// writing anything: for a form that adds rules of its own before it records.
    public func check(_ raw: RawResponse, by caller: Caller) throws -> (ResponseDraft?, [FieldError]) {
        let scope = try AccessPolicy.responses(caller, .record)
        var errors: [FieldError] = []
        var draft: ResponseDraft?
        do {
            draft = try validator.validate(raw)
        } catch {
            errors = error.errors
        }
        if !errors.contains(where: { $0.field == "unit" }) {
            let unit: Label? = if case .string(let text)? = raw.unit { Label(rawValue: text) } else { nil }
            if !scope.contains(unit: unit) { errors.append(Self.unitOutsideScope("unit")) }
        }
        return (errors.isEmpty ? draft : nil, errors)
    }

    /// Records up to a batch of validated responses all or nothing, each answered as ``record(_:by:)`` would.
    ///
    /// A response without an id gets the id an import row at the same place would get (derived from the
    /// pseudonymised response and its position), so sending the same batch again stores nothing twice.
    public func recordBatch(_ drafts: [ResponseDraft], by caller: Caller) async throws -> [Recorded] {
        var responses: [Response] = []
        var errors: [FieldError] = []
        for (index, draft) in drafts.enumerated() {
            do {
                var response = try prepare(draft, by: caller, field: "responses[\(index)].unit", id: ImportID.pending)
                response.id = draft.id ?? ImportID.derived(for: response, row: index)
                responses.append(response)
            } catch let error as UseCaseError where error.code == .invalid {
                errors += error.fieldErrors
            }
        }
        guard errors.isEmpty else { throw UseCaseError.invalid(errors) }
        return try await store(responses, by: caller)
    }

    /// The response to store: the caller may record in its unit, the citizen is pseudonymised.
    private func prepare(_ draft: ResponseDraft, by caller: Caller, field: String, id: UUID) throws -> Response {
        let scope = try AccessPolicy.responses(caller, .record)
        guard scope.contains(unit: draft.unit) else { throw UseCaseError.invalid([Self.unitOutsideScope(field)]) }
        return try folder.resolve(draft, id: id)
    }

    /// The unit rule's refusal for staff.
    private static func unitOutsideScope(_ field: String) -> FieldError {
        FieldError(field: field, rule: .range, message: "\(field) must be one of your units")
    }

    /// Appends the responses as one batch and answers each with its stored version.
    private func store(_ responses: [Response], by caller: Caller) async throws -> [Recorded] {
        let events = responses.map { SporLog.LogEvent.responseRecorded($0, definitionVersion: Self.version(of: $0)) }
        let results = try await append(events, by: caller)
        let recorded = try await zip(responses, results).asyncMap { response, result in
            switch result {
            case .appended:
                return Recorded(stored: try await storedVersion(response.id, fallback: response), created: true)
            case .alreadyStored(let earlier):
                return Recorded(stored: try await storedVersion(earlier.id, fallback: earlier), created: false)
            }
        }
        // A response stored before is answered in its current version, which may have been corrected since: a read
        // of the citizen's data, so it is audited like one.
        let repeated = recorded.filter { !$0.created }.map { Optional($0.stored.response.citizen) }
        if !repeated.isEmpty {
            try await audit(repeated, by: caller, via: "record: a response stored before, answered")
        }
        return recorded
    }

    /// The stored version of a response just written or found.
    func storedVersion(_ id: UUID, fallback: Response) async throws -> StoredResponse {
        try await folder.stored(id)
            ?? StoredResponse(
                response: fallback, definitionVersion: Self.version(of: fallback), isRetracted: false,
                recordedSequence: 0)
    }

    /// Appends durably, turning the log's refusals into use-case errors.
    func append(_ events: [SporLog.LogEvent], by caller: Caller) async throws -> [EventLog.AppendResult] {
        do {
            return try await folder.append(events, author: try caller.author())
        } catch let error as LogError {
            switch error.code {
            case .conflict: throw UseCaseError(.conflict, "A response with this id is stored with other content.")
            case .retracted: throw UseCaseError(.conflict, "The response is retracted.")
            case .unknownResponse: throw UseCaseError.unknownResponse
            case .invalidEvent:
                throw UseCaseError.invalid([FieldError(field: "$", rule: .range, message: error.message)])
            default: throw error
            }
        }
    }

    /// The version of the instrument definition a response is scored under now.
    static func version(of response: Response) -> String {
        InstrumentCatalog.builtIn[response.instrument]?.version ?? ""
    }
}

extension Sequence {
    /// `map` with an asynchronous transform, in order.
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var results: [T] = []
        for element in self { results.append(try await transform(element)) }
        return results
    }
}
