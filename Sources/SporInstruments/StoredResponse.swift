/// The current version of one stored response: what the log holds for its id and what every door answers after a
/// write or a read. The one stored-response type of every module.
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
