public import Foundation
public import SporInstruments

extension RecordBatch {
    /// Finds, for each response of the batches, whether it is new, already stored or a conflict, as
    /// ``EventLog/classify(_:)`` does against a log's index, against responses kept elsewhere (a PostgreSQL
    /// store's, in memory): already stored when its id is stored, or given earlier in the batches, with the same
    /// content; the definition version is not compared.
    ///
    /// - Parameter recorded: the response as first recorded under an id (a later correction does not count, as in
    ///   the log); `nil` when the id was never recorded.
    /// - Returns: the batches with their ``statuses`` set.
    /// - Throws: ``LogError`` `invalidEvent` when a payload cannot be read back, or what `stored` throws.
    public static func classify(
        _ batches: [RecordBatch], against recorded: (UUID) throws -> Response?
    ) throws -> [RecordBatch] {
        var batches = batches
        var earlier: [UUID: (batch: Int, row: Int)] = [:]
        earlier.reserveCapacity(batches.reduce(0) { $0 + $1.count })
        for number in batches.indices {
            var statuses = [Status](repeating: .new, count: batches[number].count)
            for row in statuses.indices {
                let id = batches[number].withPayload(row) { EventLog.id(in: $0) }
                if let known = try recorded(id) {
                    statuses[row] =
                        try batches[number].decoded(row).0 == known ? .alreadyStored : .conflictsWithStored
                } else if let first = earlier[id] {
                    let same = batches[first.batch].withPayload(first.row) { firstPayload in
                        batches[number].withPayload(row) { EventLog.sameResponse($0, firstPayload) }
                    }
                    statuses[row] = same ? .alreadyStored : .conflictsWithEarlier
                } else {
                    earlier[id] = (number, row)
                }
            }
            batches[number].statuses = statuses
        }
        return batches
    }
}
