import CSporCPU
import Foundation

/// Response id → where its recorded version lies, in a flat open-addressing table: 24 bytes a slot, the id's two
/// words and the value side by side, so a probe touches one cache line.
///
/// A location packs the segment number (bits 40–62) and byte offset (bits 0–39); bit 63 marks a retracted
/// response. Offsets are never 0 (every segment starts with a header), so 0 marks an empty slot.
struct ResponseIndex {
    /// Three words a slot: high and low half of the id, then the value.
    private var slots: [UInt64]
    private(set) var count = 0

    init(minimumCapacity: Int = 1024) {
        slots = Self.emptySlots(capacity: Self.capacity(for: minimumCapacity))
    }

    /// Bytes held by the table.
    var residentBytes: Int { slots.count * 8 }

    static func pack(segment: UInt32, offset: Int) -> UInt64 { UInt64(segment) << 40 | UInt64(offset) }
    static let retractedBit: UInt64 = 1 << 63

    /// The packed location and retracted bit of `id`, or `nil`.
    func value(for id: UUID) -> UInt64? {
        let (h, l) = Self.words(id)
        return slots.withUnsafeBufferPointer { slots in
            let mask = slots.count / 3 - 1
            var slot = Self.slot(h, l, mask)
            while slots[3 * slot + 2] != 0 {
                if slots[3 * slot] == h, slots[3 * slot + 1] == l { return slots[3 * slot + 2] }
                slot = (slot + 1) & mask
            }
            return nil
        }
    }

    /// Starts bringing the slot where a probe for `id` begins into the cache, so that a lookup or insert a little
    /// later does not wait for memory: the table is far larger than the caches.
    func prefetch(_ id: UUID) {
        let (h, l) = Self.words(id)
        slots.withUnsafeBufferPointer { slots in
            spor_prefetch(slots.baseAddress! + 3 * Self.slot(h, l, slots.count / 3 - 1))
        }
    }

    /// Makes room for `additional` more ids without growing on the way.
    mutating func reserveCapacity(_ additional: Int) {
        let needed = Self.capacity(for: count + additional)
        if needed > slots.count / 3 { rehash(capacity: needed) }
    }

    /// Adds `id`; it must not be present.
    mutating func insert(_ id: UUID, value: UInt64) {
        if (count + 1) * 4 > slots.count / 3 * 3 { rehash(capacity: slots.count / 3 * 2) }
        let (h, l) = Self.words(id)
        place(h, l, value)
        count += 1
    }

    /// Sets the retracted bit of `id`, which must be present.
    mutating func markRetracted(_ id: UUID) {
        let (h, l) = Self.words(id)
        let mask = slots.count / 3 - 1
        var slot = Self.slot(h, l, mask)
        while slots[3 * slot + 2] != 0 {
            if slots[3 * slot] == h, slots[3 * slot + 1] == l {
                slots[3 * slot + 2] |= Self.retractedBit
                return
            }
            slot = (slot + 1) & mask
        }
    }

    /// The smallest power of two of at least 16 slots that holds `count` ids at a load of at most 3/4.
    private static func capacity(for count: Int) -> Int {
        var capacity = 16
        while capacity * 3 < count * 4 { capacity *= 2 }
        return capacity
    }

    private mutating func place(_ h: UInt64, _ l: UInt64, _ value: UInt64) {
        slots.withUnsafeMutableBufferPointer { slots in
            let mask = slots.count / 3 - 1
            var slot = Self.slot(h, l, mask)
            while slots[3 * slot + 2] != 0 { slot = (slot + 1) & mask }
            slots[3 * slot] = h
            slots[3 * slot + 1] = l
            slots[3 * slot + 2] = value
        }
    }

    /// A zeroed table; a large one asks for huge pages first, since probes land anywhere in it and would
    /// otherwise miss the TLB on almost every lookup.
    private static func emptySlots(capacity: Int) -> [UInt64] {
        [UInt64](unsafeUninitializedCapacity: 3 * capacity) { buffer, count in
            #if os(Linux)
            let hugePage = 2 << 20
            if buffer.count * 8 >= 2 * hugePage, let base = buffer.baseAddress {
                let start = (Int(bitPattern: base) + hugePage - 1) & ~(hugePage - 1)
                let end = (Int(bitPattern: base) + buffer.count * 8) & ~(hugePage - 1)
                if end > start { _ = madvise(UnsafeMutableRawPointer(bitPattern: start), end - start, MADV_HUGEPAGE) }
            }
            #endif
            buffer.initialize(repeating: 0)
            count = buffer.count
        }
    }

    private mutating func rehash(capacity: Int) {
        let old = slots
        slots = Self.emptySlots(capacity: capacity)
        for slot in 0..<old.count / 3 where old[3 * slot + 2] != 0 {
            place(old[3 * slot], old[3 * slot + 1], old[3 * slot + 2])
        }
    }

    private static func words(_ id: UUID) -> (UInt64, UInt64) {
        withUnsafeBytes(of: id.uuid) {
            ($0.loadUnaligned(as: UInt64.self), $0.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
        }
    }

    private static func slot(_ h: UInt64, _ l: UInt64, _ mask: Int) -> Int {
        var x = h ^ (l &* 0x9E37_79B9_7F4A_7C15)
        x ^= x >> 31
        x = x &* 0xBF58_476D_1CE4_E5B9
        x ^= x >> 29
        return Int(truncatingIfNeeded: x) & mask
    }
}
