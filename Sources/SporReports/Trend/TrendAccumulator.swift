import SporInstruments

/// Sums for the cells of one period, one slot per group, turned into figures and cleared by ``drain()``.
struct TrendAccumulator {
    private let definition: InstrumentDefinition
    private let groupCount: Int
    private let flagCount: Int
    /// Item positions that have a CHIME domain, with the domain's name.
    private let domains: [(item: Int, name: String)]
    /// The same item positions alone, so the per-citizen loop touches no strings.
    private let domainItems: [Int]
    /// The bit of the change rule's cut-off flag, 0 when the instrument has no such flag.
    private let cutoffBit: UInt8

    private var citizens: [Int]
    private var sum: [Int]
    private var sumOfSquares: [Int]
    /// 101 counts per group, one per score 0–100, for the median.
    private var histogram: [Int32]
    private var flagCounts: [Int]
    private var paired: [Int]
    private var changeSum: [Int]
    private var improved: [Int]
    private var unchanged: [Int]
    private var deteriorated: [Int]
    private var crossed: [Int]
    private var itemSums: [Int]
    /// Groups with at least one citizen since the last drain.
    private var active: [Int] = []

    init(definition: InstrumentDefinition, groupCount: Int) {
        self.definition = definition
        self.groupCount = groupCount
        flagCount = definition.flags.count
        domains = definition.items.enumerated().compactMap { index, item in item.domain.map { (index, $0) } }
        domainItems = domains.map(\.item)
        cutoffBit = definition.flags.firstIndex { $0.name == definition.change.cutoffFlag }.map { 1 << $0 } ?? 0
        citizens = Array(repeating: 0, count: groupCount)
        sum = citizens
        sumOfSquares = citizens
        paired = citizens
        changeSum = citizens
        improved = citizens
        unchanged = citizens
        deteriorated = citizens
        crossed = citizens
        histogram = Array(repeating: 0, count: groupCount * 101)
        flagCounts = Array(repeating: 0, count: groupCount * flagCount)
        itemSums = Array(repeating: 0, count: groupCount * domains.count)
    }

    /// Adds one citizen's counted response; `baselineScore` is `nil` when the pair does not count.
    mutating func add(
        group: Int, score: Int, flags: UInt8, answers: UInt64, baselineScore: Int?, baselineFlags: UInt8
    ) {
        if citizens[group] == 0 { active.append(group) }
        citizens[group] += 1
        sum[group] += score
        sumOfSquares[group] += score * score
        histogram[group * 101 + score] += 1
        for bit in 0..<flagCount where flags & (1 << bit) != 0 { flagCounts[group * flagCount + bit] += 1 }
        for (position, item) in domainItems.enumerated() {
            itemSums[group * domainItems.count + position] += PackedAnswers.completeItem(answers, item)
        }
        guard let baselineScore else { return }
        let change = definition.change(
            from: baselineScore, to: score, earlierFlagged: baselineFlags & cutoffBit != 0,
            laterFlagged: flags & cutoffBit != 0)
        paired[group] += 1
        changeSum[group] += change.delta
        switch change.direction {
        case .improved: improved[group] += 1
        case .unchanged: unchanged[group] += 1
        case .deteriorated: deteriorated[group] += 1
        }
        if change.crossedCutoff { crossed[group] += 1 }
    }

    /// The figures of every group that has citizens, then clears them for the next period.
    mutating func drain() -> [(group: Int, figures: TrendFigures)] {
        let result = active.map { ($0, figures(group: $0)) }
        for group in active { clear(group) }
        active.removeAll(keepingCapacity: true)
        return result
    }

    private func figures(group: Int) -> TrendFigures {
        let n = citizens[group]
        let pairs = paired[group]
        func ratio(_ count: Int, of total: Int) -> Double? { total == 0 ? nil : Double(count) / Double(total) }
        // Variance from exact integer sums: (n Σx² − (Σx)²) / (n (n − 1)).
        let sd: Double? = n < 2 ? nil
            : (Double(n * sumOfSquares[group] - sum[group] * sum[group]) / Double(n * (n - 1))).squareRoot()
        return TrendFigures(
            citizens: n, meanScore: Double(sum[group]) / Double(n), medianScore: median(group: group, count: n),
            sdScore: sd,
            flags: definition.flags.enumerated().map { bit, rule in
                TrendFigures.Named(
                    name: rule.name.rawValue, value: Double(flagCounts[group * flagCount + bit]) / Double(n))
            },
            pairedCitizens: pairs, meanChange: ratio(changeSum[group], of: pairs),
            improved: ratio(improved[group], of: pairs), unchanged: ratio(unchanged[group], of: pairs),
            deteriorated: ratio(deteriorated[group], of: pairs), crossedCutoff: ratio(crossed[group], of: pairs),
            chimeMeans: domains.isEmpty ? nil : domains.enumerated().map { position, domain in
                TrendFigures.Named(
                    name: domain.name, value: Double(itemSums[group * domains.count + position]) / Double(n))
            })
    }

    /// The middle score, or the mean of the two middle scores for an even count.
    private func median(group: Int, count: Int) -> Double {
        let lowerIndex = (count - 1) / 2
        let upperIndex = count / 2
        var seen = 0
        var lower: Int?
        for score in 0...100 {
            seen += Int(histogram[group * 101 + score])
            if lower == nil && seen > lowerIndex { lower = score }
            if seen > upperIndex { return Double(lower! + score) / 2 }
        }
        preconditionFailure("median of an empty cell")
    }

    private mutating func clear(_ group: Int) {
        citizens[group] = 0
        sum[group] = 0
        sumOfSquares[group] = 0
        for score in 0...100 { histogram[group * 101 + score] = 0 }
        for bit in 0..<flagCount { flagCounts[group * flagCount + bit] = 0 }
        for position in domains.indices { itemSums[group * domains.count + position] = 0 }
        paired[group] = 0
        changeSum[group] = 0
        improved[group] = 0
        unchanged[group] = 0
        deteriorated[group] = 0
        crossed[group] = 0
    }
}
