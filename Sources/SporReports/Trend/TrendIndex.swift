/// One instrument's scored, unretracted rows, copied into compact columns and sorted by citizen, then by day, then
/// by row (recording order): each citizen's rows form one run, its first row is the baseline and the last row of each
/// period bucket within the run is the response that counts there. A trend report is then one pass over the runs.
///
/// Built from a dataset on the first report after the dataset changed (``TrendIndexCache``).
final class TrendIndex: Sendable {
    /// The dataset's ``ResponseDataset/changeCount`` when the index was built.
    let changeCount: UInt64
    /// Citizen code `c`'s rows are `runStart[c]..<runStart[c + 1]` (empty for citizens without such rows).
    let runStart: [Int32]
    let day: [Int32]
    let score: [Int8]
    let flagBits: [UInt8]
    let unit: [Int32]
    let intervention: [Int32]
    /// Packed answers, only for instruments whose items have CHIME domains (empty otherwise).
    let answers: [UInt64]

    /// Bytes held by the columns.
    var byteCount: Int {
        runStart.capacity * 4 + day.capacity * 4 + score.capacity + flagBits.capacity + unit.capacity * 4
            + intervention.capacity * 4 + answers.capacity * 8
    }

    /// Sorts the rows of instrument `code` in `dataset` by counting rows per citizen and placing each row in its
    /// citizen's run in row order, then ordering each (short) run by day, keeping row order on the same day.
    init(_ dataset: ResponseDataset, code: UInt8, keepAnswers: Bool) {
        changeCount = dataset.changeCount
        let citizenCount = dataset.citizens.count
        let retracted = ResponseDataset.retractedBit
        var starts = [Int32](repeating: 0, count: citizenCount + 1)
        var order: [Int32] = []
        dataset.instrument.withUnsafeBufferPointer { instrument in
        dataset.score.withUnsafeBufferPointer { score in
        dataset.state.withUnsafeBufferPointer { state in
        dataset.citizen.withUnsafeBufferPointer { citizen in
        dataset.day.withUnsafeBufferPointer { day in
        starts.withUnsafeMutableBufferPointer { starts in
            for row in 0..<instrument.count
            where instrument[row] == code && score[row] >= 0 && state[row] & retracted == 0 {
                starts[Int(citizen[row]) + 1] += 1
            }
            for c in 0..<citizenCount { starts[c + 1] += starts[c] }
            var next = Array(starts.dropLast())
            order = [Int32](unsafeUninitializedCapacity: Int(starts[citizenCount])) { order, initialized in
                // Every slot is written once: the counts above add up to the rows placed here.
                for row in 0..<instrument.count
                where instrument[row] == code && score[row] >= 0 && state[row] & retracted == 0 {
                    let c = Int(citizen[row])
                    order[Int(next[c])] = Int32(row)
                    next[c] += 1
                }
                for c in 0..<citizenCount {
                    // Insertion sort by day: runs are short and usually in order already; stable on equal days.
                    let run = Int(starts[c])..<Int(starts[c + 1])
                    for slot in run.dropFirst() {
                        let row = order[slot]
                        var position = slot
                        while position > run.lowerBound && day[Int(order[position - 1])] > day[Int(row)] {
                            order[position] = order[position - 1]
                            position -= 1
                        }
                        order[position] = row
                    }
                }
                initialized = order.count
            }
        }
        }
        }
        }
        }
        }
        runStart = starts
        day = order.map { dataset.day[Int($0)] }
        score = order.map { dataset.score[Int($0)] }
        flagBits = order.map { dataset.flagBits[Int($0)] }
        unit = order.map { dataset.unit[Int($0)] }
        intervention = order.map { dataset.intervention[Int($0)] }
        answers = keepAnswers ? order.map { dataset.answers[Int($0)] } : []
    }
}
