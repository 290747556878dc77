import Foundation
import SporInstruments
import SporLog

/// What the responses known so far say about a group of appends to a PostgreSQL store, decided as the embedded
/// log decides them (`EventLog.admit`): a response id recorded again with the same content is answered with the
/// stored one, with other content it is a conflict; a correction or retraction needs a live response, and a
/// correction keeps its citizen and instrument. Requests of one group commit see each other in order.
struct StoreAdmission {
    /// How the store reaches the responses committed before the group.
    struct Known: Sendable {
        /// The current version of a response, retracted or not.
        var current: @Sendable (UUID) async throws -> StoredResponse?
        /// The response as first recorded (before any correction).
        var recorded: @Sendable (UUID) async throws -> Response?
    }

    let known: Known
    /// Responses recorded by earlier requests of the group.
    private var recorded: [UUID: Response] = [:]
    /// Their current content after corrections in the group.
    private var corrected: [UUID: Response] = [:]
    private var retracted: Set<UUID> = []

    init(known: Known) {
        self.known = known
    }

    /// Decides one request's events: the answer of each event stored already, and the events to write. The group
    /// remembers them only when the request is admitted as a whole.
    /// - Throws: ``LogError`` (`conflict`, `unknownResponse`, `retracted`, `invalidEvent`) refusing the request.
    mutating func admit(
        _ events: [SporLog.LogEvent]
    ) async throws -> (answers: [Response?], toWrite: [SporLog.LogEvent]) {
        var state = self
        var answers = [Response?](repeating: nil, count: events.count)
        var toWrite: [SporLog.LogEvent] = []
        for (position, event) in events.enumerated() {
            switch event {
            case .responseRecorded(let response, _):
                if let existing = try await state.recordedVersion(response.id) {
                    guard existing == response else {
                        throw LogError(
                            .conflict,
                            "response \(response.id.uuidString.lowercased()) is already stored with other content",
                            responseID: response.id)
                    }
                    answers[position] = existing
                    continue
                }
                state.recorded[response.id] = response
            case .responseCorrected(let response, _, _):
                let current = try await state.live(response.id)
                guard current.citizen == response.citizen, current.instrument == response.instrument else {
                    throw LogError(
                        .invalidEvent, "a correction must keep the response's citizen and instrument",
                        responseID: response.id)
                }
                state.corrected[response.id] = response
            case .responseRetracted(let id, _):
                _ = try await state.live(id)
                state.retracted.insert(id)
            }
            toWrite.append(event)
        }
        self = state
        return (answers, toWrite)
    }

    /// The response as first recorded, in the group or before it: a later correction does not count, as in the
    /// embedded log.
    private func recordedVersion(_ id: UUID) async throws -> Response? {
        if let earlier = recorded[id] { return earlier }
        return try await known.recorded(id)
    }

    /// The current content of a live response.
    /// - Throws: `unknownResponse` or `retracted`.
    private func live(_ id: UUID) async throws -> Response {
        let text = id.uuidString.lowercased()
        guard !retracted.contains(id) else {
            throw LogError(.retracted, "response \(text) is retracted", responseID: id)
        }
        if let response = corrected[id] ?? recorded[id] { return response }
        guard let stored = try await known.current(id) else {
            throw LogError(.unknownResponse, "no response with id \(text) is stored", responseID: id)
        }
        guard !stored.isRetracted else { throw LogError(.retracted, "response \(text) is retracted", responseID: id) }
        return stored.response
    }
}
