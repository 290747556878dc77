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

    /// The passes over the columns: baselines and bucket sizes, a stable scatter of rows by bucket, then per bucket
    /// each citizen's latest response, added to its group's cell; `finish` is called after each bucket.
    private func accumulate(
        code: UInt8, low: Int32, high: Int32, periodOfDay: [Int32], periodCount: Int, by: ReportGrouping,
        into accumulator: inout TrendAccumulator, finish: (Int, inout TrendAccumulator) -> Void
    ) {
        let citizenTotal = citizens.count
        var baselineDay = [Int32](repeating: .max, count: citizenTotal)
        var baselineRow = [Int32](repeating: -1, count: citizenTotal)
        var bucketStart = [Int](repeating: 0, count: periodCount + 1)
        let retracted = Self.retractedBit
        let unlabelled = groupCount(by) - 1

        instrument.withUnsafeBufferPointer { instrument in
        score.withUnsafeBufferPointer { score in
        state.withUnsafeBufferPointer { state in
        day.withUnsafeBufferPointer { day in
        citizen.withUnsafeBufferPointer { citizen in
            // Pass 1: baselines and bucket sizes.
            for row in 0..<instrument.count
            where instrument[row] == code && score[row] >= 0 && state[row] & retracted == 0 {
                let c = Int(citizen[row])
                let d = day[row]
                if d < baselineDay[c] {
                    baselineDay[c] = d
                    baselineRow[c] = Int32(row)
                }
                if d >= low && d <= high { bucketStart[Int(periodOfDay[Int(d - low)]) + 1] += 1 }
            }
            for period in 0..<periodCount { bucketStart[period + 1] += bucketStart[period] }

            // Pass 2: rows grouped by bucket, in row (recording) order within each.
            var next = bucketStart
            var order = [Int32](repeating: 0, count: bucketStart[periodCount])
            for row in 0..<instrument.count
            where instrument[row] == code && score[row] >= 0 && state[row] & retracted == 0 {
                let d = day[row]
                guard d >= low && d <= high else { continue }
                let period = Int(periodOfDay[Int(d - low)])
                order[next[period]] = Int32(row)
                next[period] += 1
            }

            // Pass 3: per bucket, each citizen's latest response; later rows win ties.
            var stamp = [Int32](repeating: -1, count: citizenTotal)
            var latest = [Int32](repeating: -1, count: citizenTotal)
            var touched: [Int32] = []
            for period in 0..<periodCount {
                for slot in bucketStart[period]..<bucketStart[period + 1] {
                    let row = order[slot]
                    let c = Int(citizen[Int(row)])
                    if stamp[c] != Int32(period) {
                        stamp[c] = Int32(period)
                        latest[c] = row
                        touched.append(Int32(c))
                    } else if day[Int(row)] >= day[Int(latest[c])] {
                        latest[c] = row
                    }
                }
                for c in touched {
                    let row = Int(latest[Int(c)])
                    let group: Int
                    switch by {
                    case .unit: group = unit[row] < 0 ? unlabelled : Int(unit[row])
                    case .intervention:
                        group = intervention[row] < 0 ? unlabelled : Int(intervention[row])
                    case .none: group = 0
                    }
                    let base = Int(baselineRow[Int(c)])
                    let paired = day[base] < day[row]
                    accumulator.add(
                        group: group, score: Int(score[row]), flags: flagBits[row],
                        answers: answers[row], baselineScore: paired ? Int(score[base]) : nil,
                        baselineFlags: flagBits[base])
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
