public import SporInstruments

/// One response with its whole life: its current version and every event (recorded, corrected, retracted) with
/// its author and time, for an export that carries status and authorship.
public struct ResponseHistory: Hashable, Sendable {
    /// The current version, retracted or not.
    public var stored: StoredResponse
    /// Every event, oldest first; never empty.
    public var revisions: [ResponseRevision]

    public init(stored: StoredResponse, revisions: [ResponseRevision]) {
        self.stored = stored
        self.revisions = revisions
    }

    /// When the last event happened, in milliseconds since 1970.
    public var lastEventMillis: Int64 { revisions.last?.recordedAtMillis ?? 0 }
}
