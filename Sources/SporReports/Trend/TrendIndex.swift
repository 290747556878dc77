import Dispatch

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

    /// Sorts the rows of instrument `code` in `dataset` by counting rows per citizen and placing each row in its
    /// citizen's run in row order, then ordering each (short) run by day, keeping row order on the same day. The
    /// citizens are split into `workers` ranges done at once; each range's runs are one stretch of the columns.
    init(_ dataset: ResponseDataset, code: UInt8, keepAnswers: Bool, workers: Int) {
        changeCount = dataset.changeCount
        let citizenCount = dataset.citizens.count
        let ranges = (0..<workers).map { citizenCount * $0 / workers..<citizenCount * ($0 + 1) / workers }
        let starts = DisjointBuffer<Int32>(count: citizenCount + 1, repeating: 0)
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            let first = ranges[worker].lowerBound
            Self.forEachRow(of: dataset, code: code, citizens: ranges[worker]) { _, local in
                starts[first + local + 1] += 1
            }
        }
        for c in 0..<citizenCount { starts[c + 1] += starts[c] }
        let total = Int(starts[citizenCount])
        let order = DisjointBuffer<Int32>(uninitializedCount: total)
        let day = DisjointBuffer<Int32>(uninitializedCount: total)
        let score = DisjointBuffer<Int8>(uninitializedCount: total)
        let flagBits = DisjointBuffer<UInt8>(uninitializedCount: total)
        let unit = DisjointBuffer<Int32>(uninitializedCount: total)
        let intervention = DisjointBuffer<Int32>(uninitializedCount: total)
        let answers = DisjointBuffer<UInt64>(uninitializedCount: keepAnswers ? total : 0)
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            let range = ranges[worker]
            // Every slot of the range's stretch is written once: the counts add up to the rows placed.
            var next = range.map { starts[$0] }
            Self.forEachRow(of: dataset, code: code, citizens: range) { row, local in
                order[Int(next[local])] = Int32(row)
                next[local] += 1
            }
            dataset.day.withUnsafeBufferPointer { days in
                for c in range {
                    // Insertion sort by day: runs are short and usually in order already; stable on equal days.
                    let run = Int(starts[c])..<Int(starts[c + 1])
                    for slot in run.dropFirst() {
                        let row = order[slot]
                        var position = slot
                        while position > run.lowerBound && days[Int(order[position - 1])] > days[Int(row)] {
                            order[position] = order[position - 1]
                            position -= 1
                        }
                        order[position] = row
                    }
                }
                for slot in Int(starts[range.lowerBound])..<Int(starts[range.upperBound]) {
                    let row = Int(order[slot])
                    day[slot] = days[row]
                    score[slot] = dataset.score[row]
                    flagBits[slot] = dataset.flagBits[row]
                    unit[slot] = dataset.unit[row]
                    intervention[slot] = dataset.intervention[row]
                    if keepAnswers { answers[slot] = dataset.answers[row] }
                }
            }
        }
        order.free()
        runStart = starts.moveToArray()
        self.day = day.moveToArray()
        self.score = score.moveToArray()
        self.flagBits = flagBits.moveToArray()
        self.unit = unit.moveToArray()
        self.intervention = intervention.moveToArray()
        self.answers = answers.moveToArray()
    }

    /// Calls `body` with each scored, unretracted row of instrument `code` whose citizen is in `citizens`, in row
    /// order, and the citizen's code minus the range's lower bound.
    private static func forEachRow(
        of dataset: ResponseDataset, code: UInt8, citizens: Range<Int>, _ body: (_ row: Int, _ local: Int) -> Void
    ) {
        let retracted = ResponseDataset.retractedBit
        let lower = Int32(citizens.lowerBound)
        let width = UInt32(citizens.count)
        dataset.instrument.withUnsafeBufferPointer { instrument in
            dataset.score.withUnsafeBufferPointer { score in
                dataset.state.withUnsafeBufferPointer { state in
                    dataset.citizen.withUnsafeBufferPointer { citizen in
                        for row in 0..<instrument.count
                        where instrument[row] == code && score[row] >= 0 && state[row] & retracted == 0 {
                            let local = UInt32(bitPattern: citizen[row] &- lower)
                            if local < width { body(row, Int(local)) }
                        }
                    }
                }
            }
        }
    }
}

/// A buffer that several workers write at once, each only at its own indices, which is what makes sharing it
/// safe; freed by the owner (``moveToArray()`` or ``free()``).
private struct DisjointBuffer<Element>: @unchecked Sendable {
    private let buffer: UnsafeMutableBufferPointer<Element>

    init(count: Int, repeating value: Element) {
        buffer = .allocate(capacity: count)
        buffer.initialize(repeating: value)
    }

    /// Room for `count` elements of a trivial type, each written before it is read.
    init(uninitializedCount count: Int) {
        precondition(_isPOD(Element.self), "only trivial types may stay uninitialised")
        buffer = .allocate(capacity: count)
    }

    subscript(index: Int) -> Element {
        get { buffer[index] }
        nonmutating set { buffer[index] = newValue }
    }

    /// The elements as an array; frees the buffer.
    func moveToArray() -> [Element] {
        defer { free() }
        return Array(buffer)
    }

    func free() { buffer.deallocate() }
}
