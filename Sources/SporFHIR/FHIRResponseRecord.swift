public import Foundation
public import SporInstruments

/// One stored response as the FHIR export needs it: its current version, its status and who wrote it.
public struct FHIRResponseRecord: Hashable, Sendable {
    /// The QuestionnaireResponse status a response's history gives.
    public enum Status: String, Hashable, Sendable {
        /// Recorded and never changed.
        case completed
        /// Corrected at least once.
        case amended
        /// Retracted (entered in error).
        case enteredInError = "entered-in-error"
    }

    /// The current version.
    public var response: Response
    /// The definition version the current version was scored under.
    public var definitionVersion: String
    public var status: Status
    /// Who wrote the current version (the recording or the latest correction), in words; `nil` when unknown.
    public var author: String?
    /// When the response last changed (recorded, corrected or retracted).
    public var lastUpdated: Date

    public init(
        response: Response, definitionVersion: String, status: Status, author: String?, lastUpdated: Date
    ) {
        self.response = response
        self.definitionVersion = definitionVersion
        self.status = status
        self.author = author
        self.lastUpdated = lastUpdated
    }
}
