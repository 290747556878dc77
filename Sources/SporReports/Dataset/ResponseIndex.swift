import Foundation

/// An open-addressing hash table from response id to row, storing only row numbers (4 bytes a slot); the ids
/// themselves stay in the dataset's id column.
struct ResponseIndex: Sendable {
    private var slots: [Int32] = Array(repeating: -1, count: 16)
    private var used = 0

    /// The row of `id`, looking ids up in `ids`.
    func row(of id: UUID, in ids: [UUID]) -> Int? {
        let mask = slots.count - 1
        var slot = Self.hash(id) & mask
        while true {
            let row = slots[slot]
            if row < 0 { return nil }
            if ids[Int(row)] == id { return Int(row) }
            slot = (slot + 1) & mask
        }
    }

    /// Adds `row`, whose id is `ids[row]` and not yet in the table.
    mutating func insert(row: Int, ids: [UUID]) {
        if (used + 1) * 10 > slots.count * 7 { grow(ids: ids) }
        place(row: Int32(row), id: ids[row])
        used += 1
    }

    /// Makes room for `count` rows in total without growing again.
    mutating func reserveCapacity(_ count: Int, ids: [UUID]) {
        var capacity = slots.count
        while count * 10 > capacity * 7 { capacity *= 2 }
        if capacity > slots.count { rebuild(capacity: capacity, ids: ids) }
    }

    /// Bytes held by the table.
    var byteCount: Int { slots.capacity * MemoryLayout<Int32>.stride }

    private mutating func grow(ids: [UUID]) { rebuild(capacity: slots.count * 2, ids: ids) }

    private mutating func rebuild(capacity: Int, ids: [UUID]) {
        let old = slots
        slots = Array(repeating: -1, count: capacity)
        for row in old where row >= 0 { place(row: row, id: ids[Int(row)]) }
    }

    private mutating func place(row: Int32, id: UUID) {
        let mask = slots.count - 1
        var slot = Self.hash(id) & mask
        while slots[slot] >= 0 { slot = (slot + 1) & mask }
        slots[slot] = row
    }

    /// Mixes the id's 128 bits (client-chosen ids need not be random).
    private static func hash(_ id: UUID) -> Int {
        let u = id.uuid
        let high = UInt64(u.0) << 56 | UInt64(u.1) << 48 | UInt64(u.2) << 40 | UInt64(u.3) << 32
            | UInt64(u.4) << 24 | UInt64(u.5) << 16 | UInt64(u.6) << 8 | UInt64(u.7)
        let low = UInt64(u.8) << 56 | UInt64(u.9) << 48 | UInt64(u.10) << 40 | UInt64(u.11) << 32
            | UInt64(u.12) << 24 | UInt64(u.13) << 16 | UInt64(u.14) << 8 | UInt64(u.15)
        var x = high ^ (low &* 0x9E37_79B9_7F4A_7C15)
        x ^= x >> 33
        x &*= 0xFF51_AFD7_ED55_8CCD
        x ^= x >> 33
        return Int(truncatingIfNeeded: x & 0x7FFF_FFFF_FFFF_FFFF)
    }
}
