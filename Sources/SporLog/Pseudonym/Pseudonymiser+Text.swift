extension Pseudonymiser {
    /// A pseudonymiser with the key written as `SPOR_PSEUDONYM_KEY` takes it: 32 bytes as 64 hex digits or base64.
    /// - Parameter source: where the text came from, for the message (never the key).
    /// - Throws: ``LogError`` `invalidKey` when the text is not such a key.
    public init(keyText text: String, source: String) throws {
        guard let key = Self.decodeKey(text) else {
            throw LogError(.invalidKey, "\(source) must hold 32 bytes written as 64 hex digits or in base64")
        }
        try self.init(key: key)
    }
}
