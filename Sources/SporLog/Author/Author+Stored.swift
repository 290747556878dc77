/// The author's binary form as the log stores it, for other stores of derived state (the dataset snapshot).
extension Author {
    /// The author's fields as a record's payload ends with them.
    package var storedBytes: [UInt8] { RecordCodec.encoded(self) }

    /// Reads back exactly one author's ``storedBytes``; `nil` when they are malformed or followed by more bytes.
    package init?(storedBytes bytes: [UInt8]) {
        var reader = ByteReader(bytes, from: 0, to: bytes.count)
        guard let author = RecordCodec.decodeAuthor(&reader), reader.isAtEnd else { return nil }
        self = author
    }
}
