import CSporCPU
public import Foundation

/// An open-addressing hash table from a response id to its row in an id column the owner keeps: Spor's one id
/// table, used by the log's response index and by the dataset in memory.
///
/// A slot is 8 bytes: 32 bits of the id's hash beside the row. The ids themselves stay in the owner's column and
/// are compared only when the hash bits match, so a probe rarely leaves the table, and the table is a third of
/// one holding whole ids. Linear probing, a power-of-two capacity, a load of at most 7/10; nothing is ever removed.
/// The hash mixes all 128 bits, since ids chosen by clients need not be random. The slots are part of a snapshot,
/// so the hash must not change without a new snapshot format.
public struct IDTable: Sendable {
    private static let empty = UInt64.max
    private var slots: [UInt64]
    /// The rows held.
    public private(set) var count = 0

    /// An empty table with room for `minimumCapacity` rows.
    public init(minimumCapacity: Int = 0) {
        slots = Self.emptySlots(capacity: Self.capacity(for: minimumCapacity))
    }

    /// The table saved by ``snapshotSlots``, holding `count` rows; `nil` when the slots cannot be such a table.
    public init?(snapshotSlots: [UInt64], count: Int) {
        guard snapshotSlots.count >= 16, snapshotSlots.count & (snapshotSlots.count - 1) == 0,
            count * 10 <= snapshotSlots.count * 7
        else { return nil }
        slots = snapshotSlots
        self.count = count
    }

    /// The table as it stands, for a snapshot.
    public var snapshotSlots: [UInt64] { slots }

    /// Bytes held by the table.
    public var byteCount: Int { slots.capacity * MemoryLayout<UInt64>.stride }

    /// The row of `id`, comparing with the ids in `ids`.
    public func row(of id: UUID, in ids: [UUID]) -> Int? {
        let hash = Self.hash(id)
        let tag = hash >> 32
        return slots.withUnsafeBufferPointer { slots in
            let mask = slots.count - 1
            var slot = Int(truncatingIfNeeded: hash) & mask
            while true {
                let value = slots[slot]
                if value == Self.empty { return nil }
                let row = Int(truncatingIfNeeded: value & 0xFFFF_FFFF)
                if value >> 32 == tag, ids[row] == id { return row }
                slot = (slot + 1) & mask
            }
        }
    }

    /// Adds `row`, whose id is `ids[row]` and not yet in the table.
    public mutating func insert(row: Int, ids: [UUID]) {
        precondition(row < Int(UInt32.max), "an id table holds fewer than 2^32 - 1 rows")
        if (count + 1) * 10 > slots.count * 7 { rebuild(capacity: slots.count * 2, ids: ids) }
        place(row: row, hash: Self.hash(ids[row]))
        count += 1
    }

    /// Makes room for `total` rows in all without growing on the way.
    public mutating func reserveCapacity(_ total: Int, ids: [UUID]) {
        let needed = Self.capacity(for: total)
        if needed > slots.count { rebuild(capacity: needed, ids: ids) }
    }

    /// How many responses ahead of the one it applies a caller going through many in a row asks for a slot
    /// (``prefetch(_:)``): far enough for the memory to arrive, near enough to stay in the cache. The log's writer
    /// and an import's snapshot build both use it.
    public static let prefetchDistance = 16

    /// Starts bringing the slot where a probe for `id` begins into the cache, so that a lookup or insert a little
    /// later does not wait for memory: a large table is far larger than the caches.
    public func prefetch(_ id: UUID) {
        let hash = Self.hash(id)
        slots.withUnsafeBufferPointer { slots in
            spor_prefetch(slots.baseAddress! + (Int(truncatingIfNeeded: hash) & (slots.count - 1)))
        }
    }

    /// The smallest power of two of at least 16 slots that holds `count` rows at a load of at most 7/10.
    private static func capacity(for count: Int) -> Int {
        var capacity = 16
        while count * 10 > capacity * 7 { capacity *= 2 }
        return capacity
    }

    private mutating func place(row: Int, hash: UInt64) {
        slots.withUnsafeMutableBufferPointer { slots in
            let mask = slots.count - 1
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot] != Self.empty { slot = (slot + 1) & mask }
            slots[slot] = (hash >> 32) << 32 | UInt64(row)
        }
    }

    private mutating func rebuild(capacity: Int, ids: [UUID]) {
        let old = slots
        slots = Self.emptySlots(capacity: capacity)
        for value in old where value != Self.empty {
            let row = Int(truncatingIfNeeded: value & 0xFFFF_FFFF)
            place(row: row, hash: Self.hash(ids[row]))
        }
    }

    /// Empty slots; a large table asks for huge pages first, since probes land anywhere in it and would otherwise
    /// miss the TLB on almost every lookup.
    private static func emptySlots(capacity: Int) -> [UInt64] {
        [UInt64](unsafeUninitializedCapacity: capacity) { buffer, count in
            #if os(Linux)
            let hugePage = 2 << 20
            if buffer.count * 8 >= 2 * hugePage, let base = buffer.baseAddress {
                let start = (Int(bitPattern: base) + hugePage - 1) & ~(hugePage - 1)
                let end = (Int(bitPattern: base) + buffer.count * 8) & ~(hugePage - 1)
                if end > start { _ = madvise(UnsafeMutableRawPointer(bitPattern: start), end - start, MADV_HUGEPAGE) }
            }
            #endif
            buffer.initialize(repeating: Self.empty)
            count = buffer.count
        }
    }

    /// The id's 128 bits, read big-endian, mixed: the low bits pick the slot, the high 32 are the slot's tag.
    private static func hash(_ id: UUID) -> UInt64 {
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
        return x & 0x7FFF_FFFF_FFFF_FFFF
    }
}
