import Foundation

/// Segment file names: `segment-00000001.log`, numbered from 1 without gaps.
enum SegmentName {
    /// The first eight bytes of every segment.
    static let magic: [UInt8] = Array("SPORLOG1".utf8)

    static func fileName(_ number: UInt32) -> String {
        let digits = String(number)
        return "segment-" + String(repeating: "0", count: max(0, 8 - digits.count)) + digits + ".log"
    }

    /// The segment number in a file name, or `nil` for other files.
    static func number(of fileName: String) -> UInt32? {
        guard fileName.hasPrefix("segment-"), fileName.hasSuffix(".log"), fileName.utf8.count == 20 else { return nil }
        return UInt32(fileName.dropFirst(8).prefix(8))
    }

    /// The segments of a folder in order; throws `corrupt` when numbers are missing.
    static func list(in folder: URL) throws -> [UInt32] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        } catch {
            throw LogError(.io, "cannot list the data folder \(folder.path)")
        }
        let numbers = names.compactMap(number(of:)).sorted()
        for (index, number) in numbers.enumerated() where number != UInt32(index + 1) {
            throw LogError.corrupt(
                "segment \(fileName(UInt32(index + 1))) is missing", segment: UInt32(index + 1), offset: 0)
        }
        return numbers
    }
}
