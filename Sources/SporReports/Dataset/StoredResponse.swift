public import SporInstruments

/// The current version of one stored response, as a running server answers it after a write.
public struct StoredResponse: Hashable, Sendable {
    /// The latest version: the recording, or its latest correction.
    public var response: Response
    /// The instrument definition version that version was scored under.
    public var definitionVersion: String
    /// Retracted (entered in error); kept for the history.
    public var isRetracted: Bool
    /// The sequence number of the `responseRecorded` event.
    public var recordedSequence: UInt64

    public init(response: Response, definitionVersion: String, isRetracted: Bool, recordedSequence: UInt64) {
        self.response = response
        self.definitionVersion = definitionVersion
        self.isRetracted = isRetracted
        self.recordedSequence = recordedSequence
    }
}
