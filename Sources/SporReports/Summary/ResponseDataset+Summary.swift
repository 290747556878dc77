public import SporInstruments

extension ResponseDataset {
    /// The follow-up summary of one citizen since a date: per instrument the baseline, the last scored response
    /// before `since`, the latest, the changes between them, the current flags, how many responses came since, a
    /// plain-language line in Danish and English, and notes when the latest scored response is more than six months
    /// older than `asOf` or when nothing was answered since `since`.
    ///
    /// - Parameter scope: the responses the reader may see; baselines and changes are computed from these only.
    /// - Returns: `nil` when the citizen has no responses in `scope` at all.
    public func summary(
        of citizen: CitizenID, since: CalendarDate, asOf: CalendarDate, scope: ResponseScope = .all
    ) -> FollowUpSummary? {
        guard let code = citizenCode(citizen) else { return nil }
        let rows = rows(ofCitizen: code, in: scope)
        guard !rows.isEmpty else { return nil }
        let sinceDay = Int32(since.daysSinceEpoch)
        let staleBefore = Int32(Self.sixMonths(before: asOf).daysSinceEpoch)
        var instruments: [InstrumentSummary] = []
        for (instrumentCode, definition) in definitions.enumerated() {
            let series = self.series(rows, instrument: UInt8(instrumentCode), includeRetracted: false)
            guard !series.isEmpty else { continue }
            let scored = series.filter { score[$0] >= 0 }
            let baseline = scored.first
            let lastBefore = scored.last { day[$0] < sinceDay }
            let latest = scored.last
            let reference = lastBefore ?? baseline
            let sinceRows = series.filter { day[$0] >= sinceDay }
            var notes: [InstrumentSummary.Note] = []
            if latest == nil {
                notes.append(
                    .init(
                        code: "noScoredResponse",
                        text: LocalizedText(
                            da: "Ingen besvarelse med score", en: "No scored response")))
            }
            if let latest, day[latest] < staleBefore {
                notes.append(
                    .init(
                        code: "latestOlderThanSixMonths",
                        text: LocalizedText(
                            da: "Seneste besvarelse med score er mere end 6 måneder gammel",
                            en: "The latest scored response is more than 6 months old")))
            }
            if sinceRows.isEmpty {
                notes.append(
                    .init(
                        code: "noResponseSince",
                        text: LocalizedText(
                            da: "Ingen besvarelse siden \(since)", en: "No response since \(since)")))
            }
            let sinceFollowUp: ScoreChange? =
                if let reference, let latest, reference != latest {
                    change(from: reference, to: latest, definition: definition)
                } else { nil }
            let sinceBaseline: ScoreChange? =
                if let baseline, let latest, baseline != latest {
                    change(from: baseline, to: latest, definition: definition)
                } else { nil }
            instruments.append(
                InstrumentSummary(
                    instrument: definition.id, baseline: baseline.map(point), lastBeforeSince: lastBefore.map(point),
                    latest: latest.map(point), changeSinceFollowUp: sinceFollowUp, changeSinceBaseline: sinceBaseline,
                    currentFlags: latest.map { flags(ofRow: $0) } ?? [], responsesSince: sinceRows.count,
                    incompleteSince: sinceRows.filter { score[$0] < 0 }.count, notes: notes,
                    text: sentence(
                        definition: definition, reference: reference, latest: latest, change: sinceFollowUp,
                        since: since)))
        }
        return FollowUpSummary(citizen: citizen.rawValue, since: since, asOf: asOf, instruments: instruments)
    }

    private func point(_ row: Int) -> InstrumentSummary.Point {
        InstrumentSummary.Point(
            id: ids[row], administeredAt: CalendarDate(daysSinceEpoch: Int(day[row])), score: Int(score[row]),
            flags: flags(ofRow: row))
    }

    /// The plain-language line: "WHO-5 rose from 36 to 52 since 2026-03-01: improved, no longer low wellbeing".
    private func sentence(
        definition: InstrumentDefinition, reference: Int?, latest: Int?, change: ScoreChange?, since: CalendarDate
    ) -> LocalizedText {
        let name = definition.shortName
        guard let latest else {
            return LocalizedText(da: "\(name.da): ingen besvarelse med score", en: "\(name.en): no scored response")
        }
        let latestDate = CalendarDate(daysSinceEpoch: Int(day[latest]))
        guard let reference, let change else {
            if day[latest] >= Int32(since.daysSinceEpoch) {
                return LocalizedText(
                    da: "\(name.da) var \(score[latest]) den \(latestDate) (første besvarelse med score)",
                    en: "\(name.en) was \(score[latest]) on \(latestDate) (first scored response)")
            }
            return LocalizedText(
                da: "\(name.da) var \(score[latest]) den \(latestDate); ingen ny besvarelse siden \(since)",
                en: "\(name.en) was \(score[latest]) on \(latestDate); no new response since \(since)")
        }
        let (verbDa, verbEn) =
            change.delta > 0 ? ("steg", "rose") : change.delta < 0 ? ("faldt", "fell") : ("gik", "went")
        let direction = Wording.direction(change.direction)
        var da = "\(name.da) \(verbDa) fra \(score[reference]) til \(score[latest]) siden \(since): \(direction.da)"
        var en = "\(name.en) \(verbEn) from \(score[reference]) to \(score[latest]) since \(since): \(direction.en)"
        let cutoff = definition.change.cutoffFlag
        let wording = definition.shortLabel(of: cutoff)
        let before = flags(ofRow: reference).contains(cutoff)
        let after = flags(ofRow: latest).contains(cutoff)
        switch (before, after) {
        case (true, false):
            da += ", ikke længere \(wording.da)"
            en += ", no longer \(wording.en)"
        case (false, true):
            da += ", nu \(wording.da)"
            en += ", now \(wording.en)"
        case (true, true):
            da += ", stadig \(wording.da)"
            en += ", still \(wording.en)"
        case (false, false):
            break
        }
        return LocalizedText(da: da, en: en)
    }

    /// The same day six calendar months earlier (the last day of the month when it is shorter).
    static func sixMonths(before date: CalendarDate) -> CalendarDate {
        let months = date.year * 12 + date.month - 1 - 6
        let year = months / 12
        let month = months % 12 + 1
        return CalendarDate(
            year: year, month: month, day: min(date.day, CalendarDate.daysIn(month: month, year: year)))!
    }
}
