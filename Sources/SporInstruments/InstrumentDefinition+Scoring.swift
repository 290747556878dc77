extension InstrumentDefinition {
    /// Scores already validated answers (one per item, each in range or `nil`).
    ///
    /// ```swift
    /// let score = InstrumentCatalog.builtIn.who5.score([3, 4, 2, 3, 1])
    /// // score.raw == 13, score.score == 52, score.flags == [.itemAtFloor]
    /// ```
    /// - Precondition: `answers.count == items.count`; use ``ResponseValidator`` for untrusted input.
    public func score(_ answers: [Int?]) -> Score {
        precondition(answers.count == items.count, "answers must be validated before scoring")
        let profile: [Score.DomainValue] = zip(items, answers).compactMap { item, value in
            item.domain.map { Score.DomainValue(domain: $0, value: value) }
        }
        var raw = 0
        var minItem = Int.max
        for answer in answers {
            guard let value = answer else {
                return Score(
                    instrument: id, version: version, complete: false, answers: answers,
                    raw: nil, score: nil, flags: [.incomplete], profile: profile)
            }
            raw += value
            minItem = min(minItem, value)
        }
        let score = raw * scoring.multiplier
        var flags: [Flag] = []
        for rule in self.flags {
            let observed: Int
            switch rule.on {
            case .score: observed = score
            case .raw: observed = raw
            case .anyItem:
                // "any item compares": for lt/lte the smallest item decides, for gt/gte the largest.
                switch rule.comparison {
                case .lt, .lte: observed = minItem
                case .gt, .gte: observed = answers.compactMap { $0 }.max() ?? 0
                }
            }
            if rule.comparison.holds(observed, rule.value) { flags.append(rule.name) }
        }
        return Score(
            instrument: id, version: version, complete: true, answers: answers,
            raw: raw, score: score, flags: flags.sorted(), profile: profile)
    }

    /// The change from `earlier` to `later`, or `nil` when either has no score.
    public func change(from earlier: Score, to later: Score) -> Change? {
        guard let before = earlier.score, let after = later.score else { return nil }
        return change(
            from: before, to: after, earlierFlagged: earlier.has(change.cutoffFlag),
            laterFlagged: later.has(change.cutoffFlag))
    }

    /// The change between two 0–100 scores, given whether each carried the cut-off flag.
    public func change(from earlier: Int, to later: Int, earlierFlagged: Bool, laterFlagged: Bool) -> Change {
        let delta = later - earlier
        let direction: Change.Direction =
            delta >= change.threshold ? .improved : delta <= -change.threshold ? .deteriorated : .unchanged
        return Change(delta: delta, direction: direction, crossedCutoff: earlierFlagged && !laterFlagged)
    }
}
