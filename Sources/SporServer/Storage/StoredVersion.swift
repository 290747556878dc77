import SporInstruments

/// The current version of one response as the server holds it in memory.
struct StoredVersion: Hashable, Sendable {
    var response: Response
    var definitionVersion: String
    var isRetracted: Bool
    /// The log position of the first record, so responses of one day keep the order they were recorded in.
    var recordedSequence: UInt64
}
