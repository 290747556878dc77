import Foundation

/// Response id → where its recorded version lies in the log: the ids and their locations in two columns, found
/// through the one ``IDTable``.
///
/// A location packs the segment number (bits 40–62) and byte offset (bits 0–39); bit 63 marks a retracted
/// response.
struct ResponseIndex {
    private var ids: [UUID] = []
    private var locations: [UInt64] = []
    private var table: IDTable

    init(minimumCapacity: Int = 1024) {
        ids.reserveCapacity(minimumCapacity)
        locations.reserveCapacity(minimumCapacity)
        table = IDTable(minimumCapacity: minimumCapacity)
    }

    /// The ids held.
    var count: Int { ids.count }

    /// Bytes held by the index (capacities, so growth slack counts).
    var residentBytes: Int { ids.capacity * 16 + locations.capacity * 8 + table.byteCount }

    static func pack(segment: UInt32, offset: Int) -> UInt64 { UInt64(segment) << 40 | UInt64(offset) }
    static let retractedBit: UInt64 = 1 << 63

    /// The packed location and retracted bit of `id`, or `nil`.
    func value(for id: UUID) -> UInt64? {
        table.row(of: id, in: ids).map { locations[$0] }
    }

    /// Starts bringing the table's slot for `id` into the cache, so that a lookup or insert a little later does
    /// not wait for memory.
    func prefetch(_ id: UUID) { table.prefetch(id) }

    /// Makes room for `additional` more ids without growing on the way.
    mutating func reserveCapacity(_ additional: Int) {
        ids.reserveCapacity(ids.count + additional)
        locations.reserveCapacity(locations.count + additional)
        table.reserveCapacity(ids.count + additional, ids: ids)
    }

    /// Adds `id`; it must not be present.
    mutating func insert(_ id: UUID, value: UInt64) {
        ids.append(id)
        locations.append(value)
        table.insert(row: ids.count - 1, ids: ids)
    }

    /// Sets the retracted bit of `id`, which must be present.
    mutating func markRetracted(_ id: UUID) {
        if let row = table.row(of: id, in: ids) { locations[row] |= Self.retractedBit }
    }
}
