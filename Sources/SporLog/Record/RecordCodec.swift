import Crypto
import Foundation
import SporInstruments

/// The binary form of one log record.
///
/// A record on disk is a frame: `length` (UInt32, little-endian, the body's size), `crc` (UInt32, CRC-32C of the
/// four length bytes and the body), then the body:
///
/// | bytes | field |
/// | --- | --- |
/// | 1 | format version: 2 (1 in logs written before authors were recorded, still read) |
/// | 1 | event type: 1 recorded, 2 corrected, 3 retracted |
/// | 1 | flags: bit 0 set when more records of the same batch follow |
/// | 1 | reserved, 0 |
/// | 8 | sequence number |
/// | 8 | time appended, milliseconds since 1970 |
/// | 32 | SHA-256 of the previous record's body (zeros for the first record) |
/// | … | payload |
///
/// Payload of a recorded or corrected response: id (16), citizen (length byte + UTF-8), instrument (same),
/// administeredAt (Int32 days since 1970), answer count (1) and one byte per answer (255 unanswered), unit and
/// intervention (length byte, 0 when absent), mode (0 none, 1 self, 2 with-staff, 3 paper), definition version
/// (length byte + UTF-8), and for a correction the reason (UInt16 length + UTF-8). A retraction: id (16), reason.
/// In format version 2 every payload ends with the event's author (`RecordCodec+Author.swift`); a version 1 record
/// has none, and its author reads ``Author/unknown``. Both versions are read, also mixed in one log.
enum RecordCodec {
    /// The format version written.
    static let schemaVersion: UInt8 = 2
    /// The first format version, of records written before authors were recorded: read, never written.
    static let unauthoredVersion: UInt8 = 1
    static let frameHeaderSize = 8
    static let bodyHeaderSize = 52
    /// The largest body accepted; a longer length field is damage, and is never allocated.
    static let maximumBodySize = 1 << 20
    static let zeroHash = [UInt8](repeating: 0, count: 32)

    /// A record's header fields.
    struct Header {
        var sequence: UInt64
        var recordedAtMillis: Int64
        var previousHash: ArraySlice<UInt8>
        var continuesBatch: Bool
    }

    /// The header fields of a record's body, without decoding its payload; `nil` when the body is shorter than a
    /// header.
    static func header(_ body: [UInt8]) -> Header? {
        guard body.count >= bodyHeaderSize else { return nil }
        return body.withUnsafeBytes { raw in
            Header(
                sequence: raw.loadUnaligned(fromByteOffset: 4, as: UInt64.self).littleEndian,
                recordedAtMillis: raw.loadUnaligned(fromByteOffset: 12, as: Int64.self).littleEndian,
                previousHash: body[20..<bodyHeaderSize], continuesBatch: body[2] & 1 == 1)
        }
    }

    /// The body of a record for `entry`.
    static func encodeBody(_ entry: LogEntry, previousHash: [UInt8], continuesBatch: Bool) -> [UInt8] {
        var writer = ByteWriter()
        writer.bytes.reserveCapacity(128)
        writer.byte(schemaVersion)
        switch entry.event {
        case .responseRecorded: writer.byte(1)
        case .responseCorrected: writer.byte(2)
        case .responseRetracted: writer.byte(3)
        }
        writer.byte(continuesBatch ? 1 : 0)
        writer.byte(0)
        writer.integer(entry.sequence)
        writer.integer(entry.recordedAtMillis)
        writer.bytes.append(contentsOf: previousHash)
        switch entry.event {
        case .responseRecorded(let response, let version):
            encode(response, version: version, into: &writer)
        case .responseCorrected(let response, let version, let reason):
            encode(response, version: version, into: &writer)
            writer.longString(reason)
        case .responseRetracted(let id, let reason):
            encode(id, into: &writer)
            writer.longString(reason)
        }
        encode(entry.author, into: &writer)
        return writer.bytes
    }

    /// A frame around `body`: length, checksum, body.
    static func frame(_ body: [UInt8]) -> [UInt8] {
        var frame = ByteWriter()
        frame.bytes.reserveCapacity(frameHeaderSize + body.count)
        frame.integer(UInt32(body.count))
        frame.integer(body.withUnsafeBytes { checksum(length: UInt32(body.count), body: $0) })
        frame.bytes.append(contentsOf: body)
        return frame.bytes
    }

    /// The CRC-32C of the length field's four bytes followed by the body.
    static func checksum(length: UInt32, body: UnsafeRawBufferPointer) -> UInt32 {
        let seed = withUnsafeBytes(of: length.littleEndian) { CRC32C.checksum($0) }
        return CRC32C.checksum(body, seed: seed)
    }

    /// Decodes a body; throws the reason on failure.
    static func decode(_ bytes: [UInt8], body: Range<Int>) throws(DecodeFailure) -> (LogEntry, Header) {
        var reader = ByteReader(bytes, from: body.lowerBound, to: body.upperBound)
        guard let version = reader.byte(), let type = reader.byte(), let flags = reader.byte(), reader.byte() != nil,
            let sequence = reader.integer(UInt64.self), let millis = reader.integer(Int64.self),
            let previous = reader.slice(32)
        else { throw DecodeFailure("record header is truncated") }
        guard version == schemaVersion || version == unauthoredVersion else {
            throw DecodeFailure("unknown schema version \(version)")
        }
        let event: LogEvent
        switch type {
        case 1, 2:
            guard let (response, definitionVersion) = decodeResponse(&reader) else {
                throw DecodeFailure("response payload is malformed")
            }
            if type == 1 {
                event = .responseRecorded(response, definitionVersion: definitionVersion)
            } else {
                guard let length = reader.integer(UInt16.self), let reason = reader.string(length: Int(length)) else {
                    throw DecodeFailure("correction reason is malformed")
                }
                event = .responseCorrected(response, definitionVersion: definitionVersion, reason: reason)
            }
        case 3:
            guard let id = decodeID(&reader), let length = reader.integer(UInt16.self),
                let reason = reader.string(length: Int(length))
            else { throw DecodeFailure("retraction payload is malformed") }
            event = .responseRetracted(id: id, reason: reason)
        default:
            throw DecodeFailure("unknown event type \(type)")
        }
        var author = Author.unknown
        if version == schemaVersion {
            guard let decoded = decodeAuthor(&reader) else { throw DecodeFailure("author is malformed") }
            author = decoded
        }
        guard reader.isAtEnd else { throw DecodeFailure("record has trailing bytes") }
        let entry = LogEntry(sequence: sequence, recordedAtMillis: millis, event: event, author: author)
        return (
            entry,
            Header(sequence: sequence, recordedAtMillis: millis, previousHash: previous, continuesBatch: flags & 1 == 1)
        )
    }

    /// The fields of a body that the log's own state needs, read without decoding the response.
    struct Summary {
        /// 1 recorded, 2 corrected, 3 retracted.
        var type: UInt8
        var id: UUID
        var sequence: UInt64
        var continuesBatch: Bool
    }

    /// Reads a body's header and response id, and checks that its fields fit the body exactly, without building
    /// the event; throws the reason on failure.
    static func summary(_ body: UnsafeRawBufferPointer) throws(DecodeFailure) -> Summary {
        guard body.count >= bodyHeaderSize else { throw DecodeFailure("record header is truncated") }
        let version = body[0]
        guard version == schemaVersion || version == unauthoredVersion else {
            throw DecodeFailure("unknown schema version \(version)")
        }
        let type = body[1]
        let payload = UnsafeRawBufferPointer(rebasing: body[bodyHeaderSize...])
        // Where the event's fields end: the payload's end, or in version 2 the start of the author.
        let eventEnd: Int
        switch type {
        case 1, 2:
            guard let length = responseLength(payload), length < payload.count,
                length + 1 + Int(payload[length]) <= payload.count
            else { throw DecodeFailure("response payload is malformed") }
            var end = length + 1 + Int(payload[length])
            if type == 2 {
                guard end + 2 <= payload.count else { throw DecodeFailure("correction reason is malformed") }
                end += 2 + Int(payload.loadUnaligned(fromByteOffset: end, as: UInt16.self).littleEndian)
                guard end <= payload.count else { throw DecodeFailure("correction reason is malformed") }
            }
            eventEnd = end
        case 3:
            guard payload.count >= 18,
                18 + Int(payload.loadUnaligned(fromByteOffset: 16, as: UInt16.self).littleEndian) <= payload.count
            else { throw DecodeFailure("retraction payload is malformed") }
            eventEnd = 18 + Int(payload.loadUnaligned(fromByteOffset: 16, as: UInt16.self).littleEndian)
        default:
            throw DecodeFailure("unknown event type \(type)")
        }
        var end = eventEnd
        if version == schemaVersion {
            guard let length = authorLength(payload, at: eventEnd) else { throw DecodeFailure("author is malformed") }
            end += length
        }
        guard end == payload.count else { throw DecodeFailure("record has trailing bytes") }
        var uuid: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &uuid) { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: payload[0..<16])) }
        return Summary(
            type: type, id: UUID(uuid: uuid),
            sequence: body.loadUnaligned(fromByteOffset: 4, as: UInt64.self).littleEndian,
            continuesBatch: body[2] & 1 == 1)
    }

    /// The bytes of a recorded or corrected payload that describe the response (everything before the definition
    /// version), or `nil` when the lengths in it run past its end or the mode is unknown.
    static func responseLength(_ payload: UnsafeRawBufferPointer) -> Int? {
        var position = 16
        func skipShortString() -> Bool {
            guard position < payload.count else { return false }
            position += 1 + Int(payload[position])
            return position <= payload.count
        }
        guard skipShortString(), skipShortString() else { return nil }  // citizen, instrument
        position += 4  // administeredAt
        guard position < payload.count else { return nil }
        position += 1 + Int(payload[position])  // answers
        guard skipShortString(), skipShortString(), position < payload.count, payload[position] <= 3 else { return nil }
        return position + 1
    }

    /// Appends the frame of a record of a recorded response, given its payload and its author's encoded form
    /// (``encoded(_:)``), and returns the body's hash.
    static func appendFrame(
        payload: UnsafeRawBufferPointer, author: [UInt8], sequence: UInt64, recordedAtMillis: Int64,
        previousHash: SHA256Digest?, continuesBatch: Bool, to buffer: inout [UInt8]
    ) -> SHA256Digest {
        let start = buffer.count
        let length = UInt32(bodyHeaderSize + payload.count + author.count)
        buffer.append(contentsOf: repeatElement(0, count: frameHeaderSize))
        buffer.append(contentsOf: [schemaVersion, 1, continuesBatch ? 1 : 0, 0])
        withUnsafeBytes(of: sequence.littleEndian) { buffer.append(contentsOf: $0) }
        withUnsafeBytes(of: recordedAtMillis.littleEndian) { buffer.append(contentsOf: $0) }
        if let previousHash {
            previousHash.withUnsafeBytes { buffer.append(contentsOf: $0) }
        } else {
            buffer.append(contentsOf: zeroHash)
        }
        buffer.append(contentsOf: payload)
        buffer.append(contentsOf: author)
        return buffer.withUnsafeMutableBytes { frame in
            frame.storeBytes(of: length.littleEndian, toByteOffset: start, as: UInt32.self)
            let body = UnsafeRawBufferPointer(rebasing: frame[(start + frameHeaderSize)...])
            let crc = CRC32C.checksum(
                body, seed: CRC32C.checksum(UnsafeRawBufferPointer(rebasing: frame[start..<start + 4])))
            frame.storeBytes(of: crc.littleEndian, toByteOffset: start + 4, as: UInt32.self)
            return SHA256.hash(data: body)
        }
    }

    /// Why a body could not be decoded.
    struct DecodeFailure: Error {
        var reason: String
        init(_ reason: String) { self.reason = reason }
    }

    private static func encode(_ id: UUID, into writer: inout ByteWriter) {
        withUnsafeBytes(of: id.uuid) { writer.bytes.append(contentsOf: $0) }
    }

    /// Writes the payload of a recorded or corrected response: what follows the body header.
    static func encode(_ response: Response, version: String, into writer: inout ByteWriter) {
        encode(response.id, into: &writer)
        writer.shortString(response.citizen.rawValue)
        writer.shortString(response.instrument.rawValue)
        writer.integer(Int32(truncatingIfNeeded: response.administeredAt.daysSinceEpoch))
        writer.byte(UInt8(response.answers.count))
        for answer in response.answers { writer.byte(answer.map { UInt8($0) } ?? 255) }
        writer.shortString(response.unit?.rawValue ?? "")
        writer.shortString(response.intervention?.rawValue ?? "")
        switch response.mode {
        case nil: writer.byte(0)
        case .self?: writer.byte(1)
        case .withStaff?: writer.byte(2)
        case .paper?: writer.byte(3)
        }
        writer.shortString(version)
    }

    private static func decodeID(_ reader: inout ByteReader) -> UUID? {
        guard let bytes = reader.slice(16) else { return nil }
        var uuid: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &uuid) { target in
            for (index, byte) in bytes.enumerated() { target[index] = byte }
        }
        return UUID(uuid: uuid)
    }

    /// - Parameter checking: check the citizen id and the labels as any input is checked; `false` only for bytes
    ///   this process encoded from a `Response` (whose fields were checked when it was made).
    static func decodeResponse(_ reader: inout ByteReader, checking: Bool = true) -> (Response, String)? {
        guard let id = decodeID(&reader),
            let citizenLength = reader.byte(), let citizenText = reader.string(length: Int(citizenLength)),
            let citizen = checking ? CitizenID(rawValue: citizenText) : CitizenID(alreadyChecked: citizenText),
            let instrumentLength = reader.byte(), let instrument = reader.string(length: Int(instrumentLength)),
            let days = reader.integer(Int32.self), let count = reader.byte()
        else { return nil }
        var answers: [Int?] = []
        answers.reserveCapacity(Int(count))
        for _ in 0..<count {
            guard let value = reader.byte() else { return nil }
            answers.append(value == 255 ? nil : Int(value))
        }
        guard let unit = decodeLabel(&reader, checking: checking),
            let intervention = decodeLabel(&reader, checking: checking), let modeByte = reader.byte(),
            let versionLength = reader.byte(), let version = reader.string(length: Int(versionLength))
        else { return nil }
        let mode: AdministrationMode?
        switch modeByte {
        case 0: mode = nil
        case 1: mode = .self
        case 2: mode = .withStaff
        case 3: mode = .paper
        default: return nil
        }
        let response = Response(
            id: id, citizen: citizen, instrument: InstrumentID(instrument),
            administeredAt: CalendarDate(daysSinceEpoch: Int(days)), answers: answers,
            unit: unit.label, intervention: intervention.label, mode: mode)
        return (response, version)
    }

    /// A label field: `.absent` when its length is 0, `nil` when malformed.
    private static func decodeLabel(_ reader: inout ByteReader, checking: Bool) -> OptionalLabel? {
        guard let length = reader.byte(), let text = reader.string(length: Int(length)) else { return nil }
        if length == 0 { return .absent }
        guard let label = checking ? Label(rawValue: text) : Label(alreadyChecked: text) else { return nil }
        return .present(label)
    }

    /// A label field that may be absent.
    private enum OptionalLabel {
        case absent
        case present(Label)

        var label: Label? {
            if case .present(let label) = self { label } else { nil }
        }
    }
}
