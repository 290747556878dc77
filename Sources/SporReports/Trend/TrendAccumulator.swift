import SporInstruments

/// Integer sums for every cell (period × group) of one trend report, in one flat array: a fixed run of counters
/// per cell, so one citizen's contribution touches one or two cache lines and two accumulators (one per worker)
/// merge by adding them element by element.
///
/// A cell's run: citizens, score sum, sum of squares, paired citizens, change sum, improved, unchanged,
/// deteriorated, crossed cut-off, one count per flag, one sum per CHIME item, then 101 counts, one per score 0–100,
/// which give the exact median without sorting.
struct TrendAccumulator {
    private static let citizens = 0, sum = 1, sumOfSquares = 2, paired = 3, changeSum = 4, improved = 5
    private static let unchanged = 6, deteriorated = 7, crossed = 8
    private static let fixed = 9

    private let definition: InstrumentDefinition
    private let groupCount: Int
    private let flagCount: Int
    /// Item positions that have a CHIME domain, with the domain's name.
    private let domains: [(item: Int, name: String)]
    /// The same item positions alone, so the per-citizen loop touches no strings.
    private let domainItems: [Int]
    /// Counters per cell.
    let width: Int
    private let histogramStart: Int
    /// The bit of the change rule's cut-off flag, 0 when the instrument has no such flag.
    private let cutoffBit: UInt8
    /// Per change (later − earlier + 100): the counter of its direction (improved, unchanged or deteriorated).
    private let directionCounter: [Int]

    /// `width` counters per cell, cell `period * groupCount + group`.
    var counters: [Int]

    init(definition: InstrumentDefinition, periodCount: Int, groupCount: Int) {
        self.definition = definition
        self.groupCount = groupCount
        flagCount = definition.flags.count
        domains = definition.items.enumerated().compactMap { index, item in item.domain.map { (index, $0) } }
        domainItems = domains.map(\.item)
        histogramStart = Self.fixed + flagCount + domains.count
        width = histogramStart + 101
        cutoffBit = ResponseDataset.flagBit(definition.change.cutoffFlag, in: definition)
        directionCounter = (-100...100).map { delta in
            let earlier = max(0, -delta)
            let change = definition.change(
                from: earlier, to: earlier + delta, earlierFlagged: false, laterFlagged: false)
            return switch change.direction {
            case .improved: Self.improved
            case .unchanged: Self.unchanged
            case .deteriorated: Self.deteriorated
            }
        }
        counters = Array(repeating: 0, count: periodCount * groupCount * width)
    }

    /// What the per-citizen loop needs, without references, so it can run on raw counters.
    struct Adder {
        fileprivate let width: Int
        fileprivate let groupCount: Int
        fileprivate let flagCount: Int
        fileprivate let domainItems: UnsafeBufferPointer<Int>
        fileprivate let histogramStart: Int
        fileprivate let cutoffBit: UInt8
        fileprivate let directionCounter: UnsafeBufferPointer<Int>

        /// Adds one citizen's counted response to cell (period, group); `baselineScore` is negative when the pair
        /// does not count.
        @inline(__always)
        func add(
            _ counters: UnsafeMutablePointer<Int>, period: Int, group: Int, score: Int, flags: UInt8, answers: UInt64,
            baselineScore: Int, baselineFlags: UInt8
        ) {
            let cell = counters + (period * groupCount + group) * width
            cell[TrendAccumulator.citizens] += 1
            cell[TrendAccumulator.sum] += score
            cell[TrendAccumulator.sumOfSquares] += score * score
            cell[histogramStart + score] += 1
            for bit in 0..<flagCount where flags & (1 << bit) != 0 { cell[TrendAccumulator.fixed + bit] += 1 }
            let itemSums = cell + TrendAccumulator.fixed + flagCount
            for (position, item) in domainItems.enumerated() {
                itemSums[position] += PackedAnswers.completeItem(answers, item)
            }
            guard baselineScore >= 0 else { return }
            let delta = score - baselineScore
            cell[TrendAccumulator.paired] += 1
            cell[TrendAccumulator.changeSum] += delta
            cell[directionCounter[delta + 100]] += 1
            if baselineFlags & cutoffBit != 0 && flags & cutoffBit == 0 { cell[TrendAccumulator.crossed] += 1 }
        }
    }

    /// Calls `body` with an adder over this accumulator's counters.
    mutating func withAdder<Result>(
        _ body: (Adder, UnsafeMutablePointer<Int>) throws -> Result
    ) rethrows -> Result {
        let (width, groupCount, flagCount, histogramStart, cutoffBit) = (
            self.width, self.groupCount, self.flagCount, self.histogramStart, self.cutoffBit
        )
        return try directionCounter.withUnsafeBufferPointer { directions in
            try domainItems.withUnsafeBufferPointer { domainItems in
                try counters.withUnsafeMutableBufferPointer { counters in
                    try body(
                        Adder(
                            width: width, groupCount: groupCount, flagCount: flagCount, domainItems: domainItems,
                            histogramStart: histogramStart, cutoffBit: cutoffBit, directionCounter: directions),
                        counters.baseAddress!)
                }
            }
        }
    }

    /// Adds another accumulator's counts (of the same report) to these.
    mutating func merge(_ other: TrendAccumulator) {
        precondition(other.counters.count == counters.count, "accumulators of one report")
        for index in counters.indices { counters[index] += other.counters[index] }
    }

    /// The citizens and paired citizens counted in cell (period, group): what suppression looks at.
    func counts(period: Int, group: Int) -> TrendSuppression.Counts {
        let start = (period * groupCount + group) * width
        return TrendSuppression.Counts(
            citizens: counters[start + Self.citizens], pairedCitizens: counters[start + Self.paired])
    }

    /// The figures of cell (period, group), which has citizens; the change figures only when `showChange` (and the
    /// cell has pairs).
    func figures(period: Int, group: Int, showChange: Bool) -> TrendFigures {
        let start = (period * groupCount + group) * width
        let cell = counters[start..<start + width]
        func counter(_ offset: Int) -> Int { cell[start + offset] }
        let n = counter(Self.citizens)
        precondition(n > 0, "figures of a cell with citizens")
        let pairs = counter(Self.paired)
        func share(_ offset: Int) -> Double { Double(counter(offset)) / Double(pairs) }
        // Variance from exact integer sums: (n Σx² − (Σx)²) / (n (n − 1)).
        let sum = counter(Self.sum)
        let sd: Double? =
            n < 2
            ? nil
            : (Double(n * counter(Self.sumOfSquares) - sum * sum) / Double(n * (n - 1))).squareRoot()
        return TrendFigures(
            citizens: n, meanScore: Double(sum) / Double(n),
            medianScore: median(cell[(start + histogramStart)...].prefix(101), count: n), sdScore: sd,
            flags: definition.flags.enumerated().map { bit, rule in
                TrendFigures.Named(name: rule.name.rawValue, value: Double(counter(Self.fixed + bit)) / Double(n))
            },
            change: !showChange || pairs == 0
                ? nil
                : TrendChange(
                    pairedCitizens: pairs, meanChange: share(Self.changeSum), improved: share(Self.improved),
                    unchanged: share(Self.unchanged), deteriorated: share(Self.deteriorated),
                    crossedCutoff: share(Self.crossed)),
            chimeMeans: domains.isEmpty
                ? nil
                : domains.enumerated().map { position, domain in
                    TrendFigures.Named(
                        name: domain.name, value: Double(counter(Self.fixed + flagCount + position)) / Double(n))
                })
    }

    /// The middle score, or the mean of the two middle scores for an even count, from counts per score 0–100.
    private func median(_ histogram: ArraySlice<Int>, count: Int) -> Double {
        let lowerIndex = (count - 1) / 2
        let upperIndex = count / 2
        var seen = 0
        var lower: Int?
        for (score, scoreCount) in histogram.enumerated() {
            seen += scoreCount
            if lower == nil && seen > lowerIndex { lower = score }
            if seen > upperIndex { return Double(lower! + score) / 2 }
        }
        preconditionFailure("median of an empty cell")
    }
}
