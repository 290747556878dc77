public import SporInstruments
public import SporLog

/// One event in the life of a response, for audit: its recording, each correction and a retraction.
public struct ResponseRevision: Hashable, Sendable, Encodable {
    /// What the event did.
    public enum Kind: String, Hashable, Sendable, Codable {
        case recorded, corrected, retracted
    }

    public var kind: Kind
    /// The event's position in the log.
    public var sequence: UInt64
    /// When the event was appended, in milliseconds since 1970.
    public var recordedAtMillis: Int64
    /// Who wrote the event.
    public var author: Author
    /// The reason given for a correction or retraction.
    public var reason: String?
    /// The response as this event left it; `nil` for a retraction, which changes no content.
    public var response: Response?
    /// The definition version the response was scored under; `nil` for a retraction.
    public var definitionVersion: String?

    public init(
        kind: Kind, sequence: UInt64, recordedAtMillis: Int64, author: Author, reason: String?, response: Response?,
        definitionVersion: String?
    ) {
        self.kind = kind
        self.sequence = sequence
        self.recordedAtMillis = recordedAtMillis
        self.author = author
        self.reason = reason
        self.response = response
        self.definitionVersion = definitionVersion
    }

    private enum Key: String, CodingKey {
        case kind, sequence, recordedAtMillis, author, reason, definitionVersion, citizen, administeredAt, answers,
            unit,
            intervention, mode
    }

    /// The event fields, then the version's content (absent for a retraction).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(kind, forKey: .kind)
        try container.encode(sequence, forKey: .sequence)
        try container.encode(recordedAtMillis, forKey: .recordedAtMillis)
        try container.encode(author, forKey: .author)
        try container.encode(reason, forKey: .reason)
        guard let response else { return }
        try container.encode(definitionVersion, forKey: .definitionVersion)
        try container.encode(response.citizen, forKey: .citizen)
        try container.encode(response.administeredAt, forKey: .administeredAt)
        try container.encode(response.answers, forKey: .answers)
        try container.encode(response.unit, forKey: .unit)
        try container.encode(response.intervention, forKey: .intervention)
        try container.encode(response.mode, forKey: .mode)
    }
}

extension ResponseRevision {
    /// Who wrote the event, in words (`anna (staff)`, `ole (cli)`); `nil` for an event from before authors were
    /// recorded.
    public var authorText: String? { author == .unknown ? nil : author.description }
}
