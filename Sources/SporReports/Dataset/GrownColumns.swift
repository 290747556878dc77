import Foundation

/// Copies of a dataset's per-response columns with room for more rows, made while the dataset is only read
/// (``ResponseDataset/grownColumns(rows:)``), so appending does not grow, and copy, every column while the dataset
/// is held alone: at five million responses that copy held every write up for a moment.
public struct GrownColumns: Sendable {
    /// The rows the copies hold.
    let count: Int
    var ids: [UUID]
    var citizen: [Int32]
    var nextOfCitizen: [Int32]
    var instrument: [UInt8]
    var day: [Int32]
    var answers: [UInt64]
    var unit: [Int32]
    var intervention: [Int32]
    var score: [Int8]
    var flagBits: [UInt8]
    var state: [UInt8]
    var definitionVersion: [UInt8]
    var sequence: [UInt64]
    var recordedAtMillis: [Int64]
}

extension ResponseDataset {
    /// Rows of room the per-response columns get when they grow, or are read from a snapshot, at `count` rows: a
    /// quarter more.
    public static func roomToGrow(_ count: Int) -> Int { Swift.max(65_536, count / 4) }

    /// Rows that can be appended before a column has to grow.
    public var spareRows: Int {
        min(
            ids.capacity, citizen.capacity, nextOfCitizen.capacity, instrument.capacity, day.capacity,
            answers.capacity, unit.capacity, intervention.capacity, score.capacity, flagBits.capacity, state.capacity,
            definitionVersion.capacity, sequence.capacity, recordedAtMillis.capacity) - count
    }

    /// New copies of the per-response columns with room for `rows` rows; the dataset is only read.
    public func grownColumns(rows: Int) -> GrownColumns {
        func grown<Element>(_ column: [Element]) -> [Element] {
            var copy: [Element] = []
            copy.reserveCapacity(Swift.max(rows, column.count))
            copy.append(contentsOf: column)
            return copy
        }
        return GrownColumns(
            count: count, ids: grown(ids), citizen: grown(citizen), nextOfCitizen: grown(nextOfCitizen),
            instrument: grown(instrument), day: grown(day), answers: grown(answers), unit: grown(unit),
            intervention: grown(intervention), score: grown(score), flagBits: grown(flagBits), state: grown(state),
            definitionVersion: grown(definitionVersion), sequence: grown(sequence),
            recordedAtMillis: grown(recordedAtMillis))
    }

    /// Takes the grown columns in place of its own; the caller makes sure nothing was applied since they were
    /// copied (the same number of rows is checked).
    /// - Returns: whether they were taken.
    @discardableResult
    public mutating func adopt(_ grown: GrownColumns) -> Bool {
        guard grown.count == count else { return false }
        ids = grown.ids
        citizen = grown.citizen
        nextOfCitizen = grown.nextOfCitizen
        instrument = grown.instrument
        day = grown.day
        answers = grown.answers
        unit = grown.unit
        intervention = grown.intervention
        score = grown.score
        flagBits = grown.flagBits
        state = grown.state
        definitionVersion = grown.definitionVersion
        sequence = grown.sequence
        recordedAtMillis = grown.recordedAtMillis
        return true
    }
}
