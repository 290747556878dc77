import Foundation

/// Response id → where its recorded version lies, in a flat open-addressing table: 24 bytes a slot.
///
/// A location packs the segment number (bits 40–62) and byte offset (bits 0–39); bit 63 marks a retracted
/// response. Offsets are never 0 (every segment starts with a header), so 0 marks an empty slot.
struct ResponseIndex {
    private var high: [UInt64]
    private var low: [UInt64]
    private var values: [UInt64]
    private(set) var count = 0

    init(minimumCapacity: Int = 1024) {
        var capacity = 16
        while capacity * 3 < minimumCapacity * 4 { capacity *= 2 }
        high = [UInt64](repeating: 0, count: capacity)
        low = high
        values = high
    }

    /// Bytes held by the table.
    var residentBytes: Int { values.count * 24 }

    static func pack(segment: UInt32, offset: Int) -> UInt64 { UInt64(segment) << 40 | UInt64(offset) }
    static let retractedBit: UInt64 = 1 << 63

    /// The packed location and retracted bit of `id`, or `nil`.
    func value(for id: UUID) -> UInt64? {
        let (h, l) = Self.words(id)
        let mask = values.count - 1
        var slot = Self.slot(h, l, mask)
        while values[slot] != 0 {
            if high[slot] == h, low[slot] == l { return values[slot] }
            slot = (slot + 1) & mask
        }
        return nil
    }

    /// Adds `id`; it must not be present.
    mutating func insert(_ id: UUID, value: UInt64) {
        if (count + 1) * 4 > values.count * 3 { grow() }
        let (h, l) = Self.words(id)
        place(h, l, value)
        count += 1
    }

    /// Sets the retracted bit of `id`, which must be present.
    mutating func markRetracted(_ id: UUID) {
        let (h, l) = Self.words(id)
        let mask = values.count - 1
        var slot = Self.slot(h, l, mask)
        while values[slot] != 0 {
            if high[slot] == h, low[slot] == l {
                values[slot] |= Self.retractedBit
                return
            }
            slot = (slot + 1) & mask
        }
    }

    private mutating func place(_ h: UInt64, _ l: UInt64, _ value: UInt64) {
        let mask = values.count - 1
        var slot = Self.slot(h, l, mask)
        while values[slot] != 0 { slot = (slot + 1) & mask }
        high[slot] = h
        low[slot] = l
        values[slot] = value
    }

    private mutating func grow() {
        let (oldHigh, oldLow, oldValues) = (high, low, values)
        high = [UInt64](repeating: 0, count: oldValues.count * 2)
        low = high
        values = high
        for slot in oldValues.indices where oldValues[slot] != 0 { place(oldHigh[slot], oldLow[slot], oldValues[slot]) }
    }

    private static func words(_ id: UUID) -> (UInt64, UInt64) {
        withUnsafeBytes(of: id.uuid) { ($0.loadUnaligned(as: UInt64.self), $0.loadUnaligned(fromByteOffset: 8, as: UInt64.self)) }
    }

    private static func slot(_ h: UInt64, _ l: UInt64, _ mask: Int) -> Int {
        var x = h ^ (l &* 0x9E37_79B9_7F4A_7C15)
        x ^= x >> 31
        x = x &* 0xBF58_476D_1CE4_E5B9
        x ^= x >> 29
        return Int(truncatingIfNeeded: x) & mask
    }
}
