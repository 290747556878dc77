/// The author at the end of a format version 2 payload: a kind byte, then its fields.
///
/// | kind | fields |
/// | --- | --- |
/// | 0 unknown | none (never written by `append` or `record`, which refuse an unknown author) |
/// | 1 token | name, role (length byte + UTF-8 each) |
/// | 2 cli | operating-system user (length byte + UTF-8) |
/// | 3 import | operating-system user (length byte + UTF-8), the file's SHA-256 (32 bytes) |
extension RecordCodec {
    /// Appends the author's fields.
    static func encode(_ author: Author, into writer: inout ByteWriter) {
        switch author {
        case .unknown:
            writer.byte(0)
        case .token(let name, let role):
            writer.byte(1)
            writer.shortString(name.rawValue)
            writer.shortString(role.rawValue)
        case .cli(let user):
            writer.byte(2)
            writer.shortString(user.rawValue)
        case .import(let user, let digest):
            writer.byte(3)
            writer.shortString(user.rawValue)
            writer.bytes.append(contentsOf: digest.bytes)
        }
    }

    /// The author's fields alone, as ``EventLog/record(_:)`` appends them to each payload of a batch.
    static func encoded(_ author: Author) -> [UInt8] {
        var writer = ByteWriter()
        encode(author, into: &writer)
        return writer.bytes
    }

    /// Reads an author's fields; `nil` when they are cut short or the kind is unknown. The names are taken as
    /// stored (see ``AuthorName/init(stored:)``).
    static func decodeAuthor(_ reader: inout ByteReader) -> Author? {
        func readName() -> AuthorName? {
            guard let length = reader.byte(), length > 0, let text = reader.string(length: Int(length)) else {
                return nil
            }
            return AuthorName(stored: text)
        }
        switch reader.byte() {
        case 0:
            return .unknown
        case 1:
            guard let name = readName(), let role = readName() else { return nil }
            return .token(name: name, role: role)
        case 2:
            return readName().map { .cli(user: $0) }
        case 3:
            guard let user = readName(), let bytes = reader.slice(FileDigest.byteCount),
                let digest = FileDigest(bytes: bytes)
            else { return nil }
            return .import(user: user, fileSHA256: digest)
        default:
            return nil
        }
    }

    /// The byte count of the author fields at `start` of `payload`, or `nil` when they run past its end, a name is
    /// empty or the kind is unknown (as ``decodeAuthor(_:)`` judges them).
    static func authorLength(_ payload: UnsafeRawBufferPointer, at start: Int) -> Int? {
        guard start < payload.count else { return nil }
        var position = start + 1
        func skipName() -> Bool {
            guard position < payload.count, payload[position] > 0 else { return false }
            position += 1 + Int(payload[position])
            return position <= payload.count
        }
        switch payload[start] {
        case 0: break
        case 1: guard skipName(), skipName() else { return nil }
        case 2: guard skipName() else { return nil }
        case 3:
            guard skipName() else { return nil }
            position += FileDigest.byteCount
            guard position <= payload.count else { return nil }
        default: return nil
        }
        return position - start
    }
}
