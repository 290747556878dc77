public import Foundation
import Synchronization

/// The append-only access audit trail, `audit.log` in the data folder: one JSON line per read of one citizen's
/// data and per CPR resolve, synced to disk before the data is answered.
///
/// ```swift
/// let trail = try AuditTrail(folder: dataFolder)
/// try trail.append(AuditRecord(at: Date(), who: "anna", role: .staff, citizen: id, endpoint: "GET /v1/…"))
/// let lines = try AuditTrail.read(folder: dataFolder)
/// ```
public final class AuditTrail: Sendable {
    /// The file name in the data folder.
    public static let fileName = "audit.log"

    private let descriptor: Mutex<Int32>
    private let path: String

    /// Opens (creating with mode 0600) the trail of `folder` for appending.
    public init(folder: URL) throws {
        let url = folder.appendingPathComponent(Self.fileName)
        path = url.path
        descriptor = Mutex(try DurableFile.openForAppend(url))
    }

    deinit {
        descriptor.withLock { _ = close($0) }
    }

    /// Appends one record and returns once it is on disk.
    public func append(_ record: AuditRecord) throws {
        try append(contentsOf: [record])
    }

    /// Appends records with one sync, such as one per citizen on a list, and returns once they are on disk.
    public func append(contentsOf records: [AuditRecord]) throws {
        guard !records.isEmpty else { return }
        var lines: [UInt8] = []
        for record in records {
            lines += try JSONEncoder.audit.encode(record)
            lines.append(UInt8(ascii: "\n"))
        }
        try descriptor.withLock { descriptor in
            try DurableFile.writeAll(descriptor, lines, path: path)
            guard fsync(descriptor) == 0 else { throw DurableFile.failure("sync", path) }
        }
    }

    /// Every record of `folder`'s trail, oldest first; empty when there is none.
    public static func read(folder: URL) throws -> [AuditRecord] {
        let url = folder.appendingPathComponent(fileName)
        guard let data = FileManager.default.contents(atPath: url.path) else { return [] }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let text = try decoder.singleValueContainer().decode(String.self)
            guard let date = try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)) else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a time"))
            }
            return date
        }
        return try data.split(separator: UInt8(ascii: "\n")).map { try decoder.decode(AuditRecord.self, from: Data($0)) }
    }
}

extension JSONEncoder {
    /// One compact line with times to the millisecond.
    static let audit: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true)))
        }
        return encoder
    }()
}
