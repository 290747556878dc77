import SporInstruments

extension ResponseDataset {
    /// Computes a trend report exactly as DESIGN.md section 5 defines it, in a few passes over the columns.
    ///
    /// Per period bucket (by `administeredAt`) and group, each citizen counts once, with their latest scored response
    /// dated in the bucket (ties: the one recorded latest); the group is the one on that response. Changes compare
    /// it with the citizen's baseline (first scored response ever for the instrument, earliest recorded on ties)
    /// when the baseline is dated before it. Retracted responses and earlier versions of corrected ones are never
    /// counted; incomplete responses are ignored.
    ///
    /// - Throws: ``ReportError`` for an invalid request or an instrument that is not in the catalog.
    public func trendReport(_ request: TrendReportRequest) throws -> TrendReport {
        try request.validate()
        guard let code = instrumentCode(request.instrument) else {
            throw ReportError(field: "instrument", message: "unknown instrument")
        }
        let definition = definitions[Int(code)]
        let flagNames = definition.flags.map(\.name.rawValue)
        let domainNames = definition.items.compactMap(\.domain)
        let empty = TrendReport(
            instrument: request.instrument, period: request.period, by: request.by, minCell: request.minCell, cells: [],
            flagNames: flagNames, domainNames: domainNames)
        guard let dataRange = dayRange else { return empty }
        let low = max(dataRange.lowerBound, request.from.map { Int32($0.daysSinceEpoch) } ?? .min)
        let high = min(dataRange.upperBound, request.to.map { Int32($0.daysSinceEpoch) } ?? .max)
        guard low <= high else { return empty }

        // Day → period index, for the days that can be bucketed.
        let firstOrdinal = request.period.ordinal(of: CalendarDate(daysSinceEpoch: Int(low)))
        let periodOfDay: [Int32] = (low...high).map {
            Int32(request.period.ordinal(of: CalendarDate(daysSinceEpoch: Int($0))) - firstOrdinal)
        }
        let periodCount = Int(periodOfDay.last!) + 1

        let groupOrder = sortedGroups(request.by)
        var rank = [Int](repeating: 0, count: groupOrder.count)
        for (position, group) in groupOrder.enumerated() { rank[group.code] = position }
        var accumulator = TrendAccumulator(definition: definition, groupCount: groupOrder.count)
        var cells: [TrendCell] = []
        accumulate(code: code, low: low, high: high, periodOfDay: periodOfDay, periodCount: periodCount,
                   by: request.by, into: &accumulator) { period, accumulator in
            let label = request.period.label(ofOrdinal: firstOrdinal + period)
            for (group, figures) in accumulator.drain().sorted(by: { rank[$0.group] < rank[$1.group] }) {
                cells.append(TrendCell(
                    period: label, group: groupOrder[rank[group]].name,
                    figures: figures.citizens < request.minCell ? nil : figures))
            }
        }
        return TrendReport(
            instrument: request.instrument, period: request.period, by: request.by, minCell: request.minCell,
            cells: cells, flagNames: flagNames, domainNames: domainNames)
    }

    /// Groups are codes 0..<n of the grouping's interner, plus n for responses without the label.
    private func groupCount(_ by: ReportGrouping) -> Int {
        switch by {
        case .unit: units.count + 1
        case .intervention: interventions.count + 1
        case .none: 1
        }
    }

    /// Group codes with their names, in output order: labels sorted by their text, then the unlabelled group.
    private func sortedGroups(_ by: ReportGrouping) -> [(code: Int, name: String?)] {
        let names: [String]
        switch by {
        case .unit: names = units.strings
        case .intervention: names = interventions.strings
        case .none: return [(0, TrendCell.allGroup)]
        }
        let labelled: [(code: Int, name: String?)] = names.enumerated()
            .sorted { Array($0.element.utf8).lexicographicallyPrecedes($1.element.utf8) }
            .map { ($0.offset, $0.element) }
        return labelled + [(names.count, nil)]
    }

    /// The passes over the columns. Pass 1 (sequential) finds each citizen's baseline and the bucket sizes; pass 2
    /// (sequential) copies what the figures need of each bucketed row into a compact entry, grouped by bucket in
    /// row order; pass 3 walks one bucket at a time, keeps each citizen's latest entry (later rows win ties) and adds
    /// it to its group. `finish` is called after each bucket. Entries keep pass 3 off the wide columns, whose rows
    /// of one bucket are scattered over the whole table.
    private func accumulate(
        code: UInt8, low: Int32, high: Int32, periodOfDay: [Int32], periodCount: Int, by: ReportGrouping,
        into accumulator: inout TrendAccumulator, finish: (Int, inout TrendAccumulator) -> Void
    ) {
        struct Entry {
            var citizen: Int32
            var day: Int32
            var group: Int32
            var score: Int8
            var flags: UInt8
            var answers: UInt64
        }
        /// Per citizen, side by side so one cache line serves a lookup.
        struct Baseline {
            var day: Int32
            var score: Int8
            var flags: UInt8
        }
        struct Latest {
            var period: Int32
            var slot: Int32
        }
        let citizenTotal = citizens.count
        let baseline = Scratch<Baseline>(citizenTotal, Baseline(day: .max, score: -1, flags: 0))
        let bucketStart = Scratch<Int>(periodCount + 1, 0)
        defer { baseline.free(); bucketStart.free() }
        let retracted = Self.retractedBit
        let unlabelled = Int32(groupCount(by) - 1)
        let groupColumn: [Int32] = switch by {
        case .unit: unit
        case .intervention: intervention
        case .none: []
        }

        instrument.withUnsafeBufferPointer { instrument in
        score.withUnsafeBufferPointer { score in
        state.withUnsafeBufferPointer { state in
        day.withUnsafeBufferPointer { day in
        citizen.withUnsafeBufferPointer { citizen in
        flagBits.withUnsafeBufferPointer { flagBits in
        answers.withUnsafeBufferPointer { answers in
        groupColumn.withUnsafeBufferPointer { groupColumn in
        periodOfDay.withUnsafeBufferPointer { periodOfDay in
            // Pass 1: baselines (earliest day; the earliest row on ties) and bucket sizes.
            for row in 0..<instrument.count
            where instrument[row] == code && score[row] >= 0 && state[row] & retracted == 0 {
                let c = Int(citizen[row])
                let d = day[row]
                if d < baseline[c].day { baseline[c] = Baseline(day: d, score: score[row], flags: flagBits[row]) }
                if d >= low && d <= high { bucketStart[Int(periodOfDay[Int(d - low)]) + 1] += 1 }
            }
            for period in 0..<periodCount { bucketStart[period + 1] += bucketStart[period] }

            // Pass 2: compact entries grouped by bucket, in row (recording) order within each.
            // Every slot is written below before it is read; `Entry` is a trivial type.
            let entries = Scratch<Entry>(uninitialized: bucketStart[periodCount])
            let next = Scratch<Int>(periodCount, 0)
            defer { entries.free(); next.free() }
            for period in 0..<periodCount { next[period] = bucketStart[period] }
            for row in 0..<instrument.count
            where instrument[row] == code && score[row] >= 0 && state[row] & retracted == 0 {
                let d = day[row]
                guard d >= low && d <= high else { continue }
                let period = Int(periodOfDay[Int(d - low)])
                let group = groupColumn.isEmpty ? 0 : groupColumn[row] < 0 ? unlabelled : groupColumn[row]
                entries[next[period]] = Entry(
                    citizen: citizen[row], day: d, group: group, score: score[row], flags: flagBits[row],
                    answers: answers[row])
                next[period] += 1
            }

            // Pass 3: per bucket, each citizen's latest entry; later entries win ties.
            let latest = Scratch<Latest>(citizenTotal, Latest(period: -1, slot: -1))
            defer { latest.free() }
            var touched: [Int32] = []
            for period in 0..<periodCount {
                for slot in bucketStart[period]..<bucketStart[period + 1] {
                    let c = Int(entries[slot].citizen)
                    let current = latest[c]
                    if current.period != Int32(period) {
                        latest[c] = Latest(period: Int32(period), slot: Int32(slot))
                        touched.append(Int32(c))
                    } else if entries[slot].day >= entries[Int(current.slot)].day {
                        latest[c].slot = Int32(slot)
                    }
                }
                for c in touched {
                    let entry = entries[Int(latest[Int(c)].slot)]
                    let base = baseline[Int(c)]
                    let paired = base.day < entry.day
                    accumulator.add(
                        group: Int(entry.group), score: Int(entry.score), flags: entry.flags, answers: entry.answers,
                        baselineScore: paired ? Int(base.score) : nil, baselineFlags: base.flags)
                }
                touched.removeAll(keepingCapacity: true)
                finish(period, &accumulator)
            }
        }
        }
        }
        }
        }
        }
        }
        }
        }
    }
}

/// A scratch buffer for one report, filled with a value; freed by the caller.
private struct Scratch<Element> {
    let buffer: UnsafeMutableBufferPointer<Element>

    init(_ count: Int, _ value: Element) {
        buffer = .allocate(capacity: max(1, count))
        buffer.initialize(repeating: value)
    }

    /// Room for `count` elements of a trivial type, each written before it is read.
    init(uninitialized count: Int) {
        precondition(_isPOD(Element.self), "only trivial types may stay uninitialised")
        buffer = .allocate(capacity: max(1, count))
    }

    subscript(index: Int) -> Element {
        get { buffer[index] }
        nonmutating set { buffer[index] = newValue }
    }

    func free() { buffer.deallocate() }
}
