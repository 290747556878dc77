public import SporInstruments

extension ResponseDataset {
    /// The trajectory of one citizen: per instrument, each response in date order (same day: recording order) in
    /// its latest version, with score, flags, item values and the change since the previous and since the baseline
    /// scored response. Retracted responses appear only with `history`, marked and without changes.
    ///
    /// - Parameters:
    ///   - citizen: the pseudonymous citizen id.
    ///   - instrument: only this instrument, or all.
    ///   - history: include retracted responses and each response's revisions.
    ///   - scope: the responses the reader may see; the others leave no trace, not even in the changes.
    /// - Returns: `nil` when the citizen has no responses in `scope` at all.
    public func trajectory(
        of citizen: CitizenID, instrument: InstrumentID? = nil, history: Bool = false, scope: ResponseScope = .all
    ) -> Trajectory? {
        guard let code = citizenCode(citizen) else { return nil }
        let rows = rows(ofCitizen: code, in: scope)
        guard !rows.isEmpty else { return nil }
        var instruments: [InstrumentTrajectory] = []
        for (instrumentCode, definition) in definitions.enumerated()
        where instrument == nil || instrument == definition.id {
            let series = self.series(rows, instrument: UInt8(instrumentCode), includeRetracted: history)
            guard !series.isEmpty else { continue }
            instruments.append(
                InstrumentTrajectory(
                    instrument: definition.id, threshold: definition.change.threshold,
                    cutoff: Self.cutoffScore(of: definition),
                    points: points(series, definition: definition, history: history)))
        }
        return Trajectory(citizen: citizen.rawValue, history: history, instruments: instruments)
    }

    /// The rows of one instrument in date order, same-day rows in recording order.
    func series(_ rows: [Int], instrument code: UInt8, includeRetracted: Bool) -> [Int] {
        // The column taken once: the comparisons then read a local array, not the dataset's.
        let day = self.day
        return rows.filter { instrument[$0] == code && (includeRetracted || !isRetracted($0)) }
            .sorted { (day[$0], $0) < (day[$1], $1) }
    }

    /// The change between two scored rows.
    func change(from earlier: Int, to later: Int, definition: InstrumentDefinition) -> ScoreChange {
        let cutoff = definition.change.cutoffFlag
        return ScoreChange(
            definition.change(
                from: Int(score[earlier]), to: Int(score[later]),
                earlierFlagged: holds(cutoff, row: earlier, definition: definition),
                laterFlagged: holds(cutoff, row: later, definition: definition)))
    }

    /// The score at the cut-off flag's boundary, for charts: 50 for both built-in instruments; `nil` when the
    /// cut-off flag is not a rule on the score.
    public static func cutoffScore(of definition: InstrumentDefinition) -> Int? {
        definition.flags.first { $0.name == definition.change.cutoffFlag && $0.on == .score }?.value
    }

    private func points(_ series: [Int], definition: InstrumentDefinition, history: Bool) -> [TrajectoryPoint] {
        var baseline: Int?
        var previous: Int?
        // The CHIME items' places and domains, found once for the series rather than once a point.
        let domainItems: [(index: Int, domain: String)] = definition.items.enumerated().compactMap { index, item in
            item.domain.map { (index, $0) }
        }
        return series.map { row in
            let packed = answers[row]
            let complete = score[row] >= 0
            let counted = complete && !isRetracted(row)
            let isBaseline = counted && baseline == nil
            let sincePrevious = counted ? previous.map { change(from: $0, to: row, definition: definition) } : nil
            let sinceBaseline =
                counted && !isBaseline ? baseline.map { change(from: $0, to: row, definition: definition) } : nil
            if isBaseline { baseline = row }
            if counted { previous = row }
            let values = PackedAnswers.unpack(packed)
            let domains = domainItems.map { TrajectoryPoint.DomainValue(domain: $0.domain, value: values[$0.index]) }
            return TrajectoryPoint(
                id: ids[row], administeredAt: CalendarDate(daysSinceEpoch: Int(day[row])),
                unit: unit[row] < 0 ? nil : units[unit[row]],
                intervention: intervention[row] < 0 ? nil : interventions[intervention[row]],
                mode: mode(ofRow: row), definitionVersion: definitionVersion(ofRow: row), complete: complete,
                answers: values, raw: complete ? Int(score[row]) / definition.scoring.multiplier : nil,
                score: complete ? Int(score[row]) : nil, flags: complete ? flags(ofRow: row) : [.incomplete],
                chime: domains.isEmpty ? nil : domains, baseline: isBaseline, corrected: isCorrected(row),
                retracted: isRetracted(row), changeSincePrevious: sincePrevious, changeSinceBaseline: sinceBaseline,
                revisions: history ? revisions(ofRow: row) : nil)
        }
    }
}
