import Foundation

/// An open-addressing hash table from response id to row. A slot holds 32 bits of the id's hash and the row
/// (8 bytes); the ids themselves stay in the dataset's id column and are compared only when the hash bits match,
/// so a probe rarely touches the id column.
struct ResponseIndex: Sendable {
    private static let empty = UInt64.max
    private var slots: [UInt64] = Array(repeating: ResponseIndex.empty, count: 16)
    private var used = 0

    init() {}

    /// The row of `id`, looking ids up in `ids`.
    func row(of id: UUID, in ids: [UUID]) -> Int? {
        let mask = slots.count - 1
        let hash = Self.hash(id)
        let tag = UInt64(UInt32(truncatingIfNeeded: hash >> 32))
        var slot = hash & mask
        while true {
            let value = slots[slot]
            if value == Self.empty { return nil }
            if value >> 32 == tag, ids[Int(value & 0xFFFF_FFFF)] == id { return Int(value & 0xFFFF_FFFF) }
            slot = (slot + 1) & mask
        }
    }

    /// Adds `row`, whose id is `ids[row]` and not yet in the table.
    mutating func insert(row: Int, ids: [UUID]) {
        if (used + 1) * 10 > slots.count * 7 { grow(ids: ids) }
        place(row: row, id: ids[row])
        used += 1
    }

    /// Makes room for `count` rows in total without growing again.
    mutating func reserveCapacity(_ count: Int, ids: [UUID]) {
        var capacity = slots.count
        while count * 10 > capacity * 7 { capacity *= 2 }
        if capacity > slots.count { rebuild(capacity: capacity, ids: ids) }
    }

    /// The rows held.
    var count: Int { used }

    /// The table as it stands, for a snapshot.
    var snapshotSlots: [UInt64] { slots }

    /// The table of a snapshot, holding `count` rows.
    /// - Throws: ``SnapshotMismatch`` when the slots cannot be such a table.
    init(snapshotSlots: [UInt64], count: Int) throws {
        guard snapshotSlots.count >= 16, snapshotSlots.count & (snapshotSlots.count - 1) == 0,
            count * 10 <= snapshotSlots.count * 7
        else { throw SnapshotMismatch("the id index in the snapshot is malformed") }
        slots = snapshotSlots
        used = count
    }

    /// Bytes held by the table.
    var byteCount: Int { slots.capacity * MemoryLayout<UInt64>.stride }

    private mutating func grow(ids: [UUID]) { rebuild(capacity: slots.count * 2, ids: ids) }

    private mutating func rebuild(capacity: Int, ids: [UUID]) {
        let old = slots
        slots = Array(repeating: Self.empty, count: capacity)
        for value in old where value != Self.empty {
            place(row: Int(value & 0xFFFF_FFFF), id: ids[Int(value & 0xFFFF_FFFF)])
        }
    }

    private mutating func place(row: Int, id: UUID) {
        let mask = slots.count - 1
        let hash = Self.hash(id)
        var slot = hash & mask
        while slots[slot] != Self.empty { slot = (slot + 1) & mask }
        slots[slot] = UInt64(UInt32(truncatingIfNeeded: hash >> 32)) << 32 | UInt64(row)
    }

    /// Mixes the id's 128 bits (client-chosen ids need not be random).
    private static func hash(_ id: UUID) -> Int {
        let u = id.uuid
        let high =
            UInt64(u.0) << 56 | UInt64(u.1) << 48 | UInt64(u.2) << 40 | UInt64(u.3) << 32
            | UInt64(u.4) << 24 | UInt64(u.5) << 16 | UInt64(u.6) << 8 | UInt64(u.7)
        let low =
            UInt64(u.8) << 56 | UInt64(u.9) << 48 | UInt64(u.10) << 40 | UInt64(u.11) << 32
            | UInt64(u.12) << 24 | UInt64(u.13) << 16 | UInt64(u.14) << 8 | UInt64(u.15)
        var x = high ^ (low &* 0x9E37_79B9_7F4A_7C15)
        x ^= x >> 33
        x &*= 0xFF51_AFD7_ED55_8CCD
        x ^= x >> 33
        return Int(truncatingIfNeeded: x & 0x7FFF_FFFF_FFFF_FFFF)
    }
}
