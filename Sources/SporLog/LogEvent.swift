public import Foundation
public import SporInstruments

/// One fact in the log. Nothing is ever changed or removed in place: a correction or a retraction is a new event
/// that refers to the response it changes by the response's id.
public enum LogEvent: Hashable, Sendable {
    /// A new response, scored under `definitionVersion` of its instrument.
    case responseRecorded(Response, definitionVersion: String)
    /// A new version of an earlier response (same `id`): the whole response as it now stands, with the reason.
    case responseCorrected(Response, definitionVersion: String, reason: String)
    /// An earlier response entered in error; it leaves trajectories and reports but stays in the history.
    case responseRetracted(id: UUID, reason: String)

    /// The id of the response the event is about.
    public var responseID: UUID {
        switch self {
        case .responseRecorded(let response, _), .responseCorrected(let response, _, _): response.id
        case .responseRetracted(let id, _): id
        }
    }

    /// The event's type name as written by `spor log dump`.
    public var typeName: String {
        switch self {
        case .responseRecorded: "responseRecorded"
        case .responseCorrected: "responseCorrected"
        case .responseRetracted: "responseRetracted"
        }
    }
}

/// An event as it stands in the log: its position, the time it was written and who wrote it.
public struct LogEntry: Hashable, Sendable {
    /// Position in the log, from 0, without gaps.
    public var sequence: UInt64
    /// Wall-clock time the event was appended, in milliseconds since 1970 (for audit; reports use `administeredAt`).
    public var recordedAtMillis: Int64
    public var event: LogEvent
    /// Who wrote the event; ``Author/unknown`` for a record written before authors were recorded.
    public var author: Author

    public init(sequence: UInt64, recordedAtMillis: Int64, event: LogEvent, author: Author) {
        self.sequence = sequence
        self.recordedAtMillis = recordedAtMillis
        self.event = event
        self.author = author
    }
}
