/// A definition that breaks one of the rules a definition must keep; thrown when loading.
public struct InstrumentDefinitionError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The instrument (or file) at fault.
    public var instrument: String
    /// What is wrong, naming the field.
    public var message: String

    public init(instrument: String, message: String) {
        self.instrument = instrument
        self.message = message
    }

    public var description: String { "instrument definition '\(instrument)': \(message)" }
}
