import Foundation

/// Recorded ids on their way into a ``ResponseIndex`` while a log is opened: each one's slot is prefetched when it
/// is queued and it is inserted a few records later, so filling a table far larger than the caches does not wait
/// for memory at every record. Inserted in log order, so a repeated id is still found, with the place it is at.
struct IndexInsertQueue {
    /// Records between prefetching a slot and using it.
    static let distance = 16

    private var queued: [(id: UUID, location: UInt64, segment: UInt32, offset: Int)] = []
    private var next = 0
    /// Set once an insert found its id already there: that is the break reported, and nothing more is inserted.
    private var failed = false

    init() {
        queued.reserveCapacity(Self.distance + 1)
    }

    /// Queues a recorded id found at `segment` and `offset`, inserting the oldest one when the queue is full.
    /// - Throws: ``LogError`` `corrupt` when the id inserted is already in the index.
    mutating func add(
        _ id: UUID, location: UInt64, segment: UInt32, offset: Int, into index: inout ResponseIndex
    )
        throws
    {
        index.prefetch(id)
        queued.append((id, location, segment, offset))
        if queued.count - next > Self.distance { try insertOldest(into: &index) }
    }

    /// Inserts every queued id, oldest first: before the index is read, and at the end.
    /// - Throws: ``LogError`` `corrupt` for the first id already in the index.
    mutating func flush(into index: inout ResponseIndex) throws {
        guard !failed else { return }
        while next < queued.count { try insertOldest(into: &index) }
        queued.removeAll(keepingCapacity: true)
        next = 0
    }

    private mutating func insertOldest(into index: inout ResponseIndex) throws {
        let item = queued[next]
        next += 1
        if next == queued.count || next > Self.distance {
            queued.removeFirst(next)
            next = 0
        }
        guard index.value(for: item.id) == nil else {
            failed = true
            throw LogError.corrupt("a response id is recorded twice", segment: item.segment, offset: item.offset)
        }
        index.insert(item.id, value: item.location)
    }
}
