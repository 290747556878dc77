public import Foundation

/// Why the log refused an operation: what went wrong and where, never a CPR number, an answer or a reason text.
public struct LogError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The kind of failure.
    public enum Code: String, Hashable, Sendable {
        /// A record or segment is damaged, reordered or missing; `segment` and `offset` say where.
        case corrupt
        /// Another process holds the data folder; `pid` names it when known.
        case locked
        /// A response id already stored with other content.
        case conflict
        /// A correction or retraction of an id the log does not hold.
        case unknownResponse
        /// A correction or retraction of a response already retracted.
        case retracted
        /// The operating system refused a file operation.
        case io
        /// An earlier write failed; the log accepts nothing more until it is opened again.
        case failed
        /// The log was closed.
        case closed
        /// The pseudonymisation key is missing, unreadable, malformed or not the key the log was written with.
        case invalidKey
        /// The checkpoint file is unreadable or malformed, or its signature does not verify.
        case checkpoint
        /// An event broke a rule of the log, such as an empty reason.
        case invalidEvent
    }

    public var code: Code
    /// A sentence saying what went wrong.
    public var message: String
    /// The segment file name, for `corrupt`.
    public var segment: String?
    /// The byte offset of the damaged record in `segment`, for `corrupt`.
    public var offset: Int?
    /// The response concerned, for `conflict`, `unknownResponse` and `retracted`.
    public var responseID: UUID?
    /// The process holding the lock, for `locked`.
    public var pid: Int32?

    public init(
        _ code: Code, _ message: String, segment: String? = nil, offset: Int? = nil, responseID: UUID? = nil,
        pid: Int32? = nil
    ) {
        self.code = code
        self.message = message
        self.segment = segment
        self.offset = offset
        self.responseID = responseID
        self.pid = pid
    }

    public var description: String {
        var text = message
        if let segment {
            text += " (\(segment)"
            if let offset { text += " at byte offset \(offset)" }
            text += ")"
        }
        return text
    }

    static func corrupt(_ message: String, segment: UInt32, offset: Int) -> LogError {
        LogError(.corrupt, message, segment: SegmentName.fileName(segment), offset: offset)
    }

    static func io(_ operation: String, _ path: String, errno code: Int32 = errno) -> LogError {
        LogError(.io, "\(operation) \(path) failed: \(String(cString: strerror(code)))")
    }
}
