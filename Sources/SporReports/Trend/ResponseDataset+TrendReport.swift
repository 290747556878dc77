import Dispatch
import SporInstruments
import Synchronization

extension ResponseDataset {
    /// Computes a trend report exactly as docs/report-definition.md defines it, in one pass over the instrument's rows
    /// sorted by citizen and day (a ``TrendIndex``, built on the first report after the dataset changed and kept
    /// until it changes again), split over two cores.
    ///
    /// Per period bucket (by `administeredAt`) and group, each citizen counts once, with their latest scored response
    /// dated in the bucket (ties: the one recorded latest); the group is the one on that response. Changes compare
    /// it with the citizen's baseline (first scored response ever for the instrument, earliest recorded on ties)
    /// when the baseline is dated before it. Retracted responses and earlier versions of corrected ones are never
    /// counted; incomplete responses are ignored. Cells and change figures are then suppressed per period, primary
    /// and complementary (``TrendSuppression``).
    ///
    /// - Throws: ``ReportError`` for an invalid request or an instrument that is not in the catalog.
    public func trendReport(_ request: TrendReportRequest) throws -> TrendReport {
        try trendReport(request, workers: count < Self.rowsPerWorker ? 1 : 2)
    }

    /// Below this many rows a report runs on one core: starting a second costs more than it saves.
    private static let rowsPerWorker = 200_000

    /// ``trendReport(_:)`` with the citizens split over `workers` cores.
    func trendReport(_ request: TrendReportRequest, workers: Int) throws -> TrendReport {
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
        let accumulator = accumulate(
            code: code, definition: definition, low: low, high: high, periodOfDay: periodOfDay,
            periodCount: periodCount,
            by: request.by, groupCount: groupOrder.count, workers: workers)
        let suppression = TrendSuppression(minCell: request.minCell, complementary: request.by != .none)
        var cells: [TrendCell] = []
        for period in 0..<periodCount {
            let label = request.period.label(ofOrdinal: firstOrdinal + period)
            let present = groupOrder.filter { accumulator.counts(period: period, group: $0.code).citizens > 0 }
            let outcomes = suppression.outcomes(present.map { accumulator.counts(period: period, group: $0.code) })
            for (group, outcome) in zip(present, outcomes) {
                if let kind = outcome.suppression {
                    cells.append(TrendCell(period: label, group: group.name, suppression: kind))
                } else {
                    cells.append(
                        TrendCell(
                            period: label, group: group.name,
                            figures: accumulator.figures(
                                period: period, group: group.code, showChange: !outcome.changeHidden)))
                }
            }
        }
        return TrendReport(
            instrument: request.instrument, period: request.period, by: request.by, minCell: request.minCell,
            cells: cells, flagNames: flagNames, domainNames: domainNames)
    }

    /// Group codes with their names, in output order: labels sorted by their text, then the unlabelled group.
    /// Groups are codes 0..<n of the grouping's interner, plus n for responses without the label.
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

    /// Splits the citizens into one range per worker, accumulates each range on its own core and adds the
    /// results: a citizen's figures never depend on another citizen's.
    private func accumulate(
        code: UInt8, definition: InstrumentDefinition, low: Int32, high: Int32, periodOfDay: [Int32],
        periodCount: Int, by: ReportGrouping, groupCount: Int, workers: Int
    ) -> TrendAccumulator {
        let index = trendCache.index(
            self, code: code, keepAnswers: definition.items.contains { $0.domain != nil }, workers: workers)
        let groupColumn: [Int32] =
            switch by {
            case .unit: index.unit
            case .intervention: index.intervention
            case .none: []
            }
        let unlabelled = Int32(groupCount - 1)
        let bounds = (0...workers).map { citizens.count * $0 / workers }
        let results = Mutex<[TrendAccumulator]>([])
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var accumulator = TrendAccumulator(definition: definition, periodCount: periodCount, groupCount: groupCount)
            Self.accumulate(
                index, citizens: bounds[worker]..<bounds[worker + 1], low: low, high: high, periodOfDay: periodOfDay,
                groupColumn: groupColumn, unlabelled: unlabelled, into: &accumulator)
            results.withLock { $0.append(accumulator) }
        }
        var all = results.withLock { $0 }
        var total = all.removeLast()
        for other in all { total.merge(other) }
        return total
    }

    /// One pass over the runs of the citizens with codes in `citizenRange`: the run's first row is the baseline;
    /// within the report's days, the last row of each period bucket (latest day, recorded latest on the same day)
    /// is the one that counts, in the group of its label (`unlabelled` without one; group 0 when `groupColumn` is
    /// empty).
    private static func accumulate(
        _ index: TrendIndex, citizens citizenRange: Range<Int>, low: Int32, high: Int32, periodOfDay: [Int32],
        groupColumn: [Int32], unlabelled: Int32, into accumulator: inout TrendAccumulator
    ) {
        index.runStart.withUnsafeBufferPointer { runStart in
            index.day.withUnsafeBufferPointer { day in
                index.score.withUnsafeBufferPointer { score in
                    index.flagBits.withUnsafeBufferPointer { flagBits in
                        index.answers.withUnsafeBufferPointer { answers in
                            groupColumn.withUnsafeBufferPointer { groupColumn in
                                periodOfDay.withUnsafeBufferPointer { periodOfDay in
                                    accumulator.withAdder { adder, counters in
                                        for c in citizenRange {
                                            let run = Int(runStart[c])..<Int(runStart[c + 1])
                                            guard let first = run.first else { continue }
                                            let baselineDay = day[first]
                                            var slot = first
                                            while slot < run.upperBound && day[slot] < low { slot += 1 }
                                            while slot < run.upperBound && day[slot] <= high {
                                                let period = periodOfDay[Int(day[slot] - low)]
                                                let next = slot + 1
                                                if next < run.upperBound && day[next] <= high
                                                    && periodOfDay[Int(day[next] - low)] == period
                                                {
                                                    slot = next
                                                    continue
                                                }
                                                let group =
                                                    groupColumn.isEmpty
                                                    ? 0 : groupColumn[slot] < 0 ? unlabelled : groupColumn[slot]
                                                adder.add(
                                                    counters, period: Int(period), group: Int(group),
                                                    score: Int(score[slot]),
                                                    flags: flagBits[slot], answers: answers.isEmpty ? 0 : answers[slot],
                                                    baselineScore: baselineDay < day[slot] ? Int(score[first]) : -1,
                                                    baselineFlags: flagBits[first])
                                                slot = next
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
