import Foundation
import SporTesting
import Testing

@testable import SporLog

@Suite struct SegmentWriterTests {
    /// `count` bytes of `value`.
    private func bytes(_ value: UInt8, _ count: Int) -> [UInt8] { [UInt8](repeating: value, count: count) }

    private func contents(_ folder: TemporaryFolder, _ segment: UInt32) throws -> [UInt8] {
        Array(try Data(contentsOf: folder.path(SegmentName.fileName(segment))))
    }

    @Test func writesEveryChunkInOrderAcrossTheJoinLimitAndANewSegment() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try SegmentWriter.createSegment(1, in: folder.url)
        let writer = try SegmentWriter(folder: folder.url, segment: 1)
        // Small chunks are joined up to the limit; one past it, and a chunk larger than it, go out on their own.
        let small = (1...5).map { bytes($0, 300) }
        let large = bytes(6, SegmentWriter.joinedBytes + 1)
        let nearLimit = bytes(7, SegmentWriter.joinedBytes - 500)
        let first = small + [large, nearLimit, bytes(8, 600), bytes(9, 10)]
        let second = [bytes(10, 40), bytes(11, 50)]
        let chunks =
            first.map { SegmentWriter.Chunk(segment: 1, offset: 0, startsSegment: false, bytes: $0) }
            + [SegmentWriter.Chunk(segment: 2, offset: 0, startsSegment: true, bytes: second[0])]
            + [SegmentWriter.Chunk(segment: 2, offset: 0, startsSegment: false, bytes: second[1])]
        try writer.write(chunks, sync: true)
        #expect(try contents(folder, 1) == SegmentName.magic + first.flatMap { $0 })
        #expect(try contents(folder, 2) == SegmentName.magic + second.flatMap { $0 })
    }
}
