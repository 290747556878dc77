/// Where a ``ResponseDataset`` writes its snapshot: one section per call, each an array of a trivial type
/// (integers, UUIDs, bytes), so a file can take it as it stands in memory.
package protocol SnapshotSink {
    /// Writes `values` as the next section.
    mutating func write<Element>(_ values: [Element]) throws
}

/// Where a ``ResponseDataset`` reads a snapshot back from: the sections in the order they were written.
package protocol SnapshotSource {
    /// Reads the next section as an array of `Element` with room for `room(count)` more elements past the `count`
    /// it holds; throws when it is missing, damaged or does not fit.
    mutating func read<Element>(_ type: Element.Type, room: (Int) -> Int) throws -> [Element]
}

extension SnapshotSource {
    /// Reads the next section as an array of `Element`, without room to spare.
    mutating func read<Element>(_ type: Element.Type) throws -> [Element] {
        try read(type, room: { _ in 0 })
    }
}

/// A snapshot section that does not fit the dataset: written by another version, or damaged.
package struct SnapshotMismatch: Error, CustomStringConvertible {
    package var description: String

    package init(_ description: String) {
        self.description = description
    }
}
