import Foundation
import Testing

@testable import SporLog

@Suite struct IDTableTests {
    /// Ids a client might choose: counting up in the last bytes, which a weak hash would pile into few slots.
    private static func countingIDs(_ count: Int) -> [UUID] {
        (0..<count).map { number in
            var bytes = [UInt8](repeating: 0, count: 16)
            withUnsafeBytes(of: UInt32(number).bigEndian) { bytes.replaceSubrange(12..<16, with: $0) }
            return UUID(
                uuid: (
                    bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7], bytes[8], bytes[9],
                    bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]
                ))
        }
    }

    @Test func findsEveryRowAfterGrowingFromEmpty() {
        let ids = Self.countingIDs(50_000) + (0..<50_000).map { _ in UUID() }
        var table = IDTable()
        for row in ids.indices { table.insert(row: row, ids: ids) }
        #expect(table.count == ids.count)
        for (row, id) in ids.enumerated() { #expect(table.row(of: id, in: ids) == row) }
        #expect(table.row(of: UUID(), in: ids) == nil)
        // At most 7/10 full and at most twice the slots that needs: 8 bytes a slot.
        #expect(table.byteCount <= ids.count * 8 * 10 / 7 * 2)
    }

    @Test func reservingFirstGivesTheSameAnswers() {
        let ids = (0..<5_000).map { _ in UUID() }
        var reserved = IDTable(minimumCapacity: ids.count)
        let bytesBefore = reserved.byteCount
        for row in ids.indices { reserved.insert(row: row, ids: ids) }
        #expect(reserved.byteCount == bytesBefore)
        for (row, id) in ids.enumerated() { #expect(reserved.row(of: id, in: ids) == row) }
    }

    @Test func aTableSavedForASnapshotIsTheSameTable() throws {
        let ids = (0..<1_000).map { _ in UUID() }
        var table = IDTable()
        for row in ids.indices { table.insert(row: row, ids: ids) }
        let restored = try #require(IDTable(snapshotSlots: table.snapshotSlots, count: table.count))
        #expect(restored.count == ids.count)
        for (row, id) in ids.enumerated() { #expect(restored.row(of: id, in: ids) == row) }
    }

    @Test(arguments: [
        (slots: 8, count: 0),  // fewer than 16 slots
        (slots: 48, count: 0),  // not a power of two
        (slots: 16, count: 12),  // fuller than 7/10
    ])
    func aMalformedSnapshotTableIsRefused(slots: Int, count: Int) {
        #expect(IDTable(snapshotSlots: [UInt64](repeating: .max, count: slots), count: count) == nil)
    }
}
