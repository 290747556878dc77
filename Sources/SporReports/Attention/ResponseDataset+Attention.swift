public import SporInstruments

extension ResponseDataset {
    /// The attention list: every citizen whose latest responses call for a look, each with the reasons why.
    ///
    /// Per instrument, the latest scored response (retracted ones left out) is compared with the scored response
    /// before it. A citizen is listed when
    /// - the latest WHO-5 is at very low wellbeing, or has an item at the floor;
    /// - the latest score fell by the instrument's meaningful-change threshold or more (`deteriorated`);
    /// - the latest Brief INSPIRE-O is below the recovery cut-off and lower than the one before;
    /// - the citizen's latest response of any instrument is more than `silenceDays` days before `asOf`.
    ///
    /// Entries are sorted by urgency: the most urgent reason (``AttentionReason/Code``), then more reasons first,
    /// then the largest fall, then the oldest latest response, then the citizen id.
    ///
    /// - Parameters:
    ///   - scope: the responses the reader may see (a staff member's units); reasons are computed from these only,
    ///     and a citizen with no live response in scope is not listed.
    ///   - asOf: today, for the days without a response.
    ///   - silenceDays: the number of days without a response after which a citizen is listed.
    ///   - limit: how many of the most urgent to return (``AttentionList/total`` counts them all); `nil` for all.
    public func attentionList(
        scope: ResponseScope, asOf: CalendarDate, silenceDays: Int = AttentionList.defaultSilenceDays, limit: Int? = nil
    ) -> AttentionList {
        if let attention {
            return attention.list(of: self, scope: scope, asOf: asOf, silenceDays: silenceDays, limit: limit)
        }
        return computedAttentionList(scope: scope, asOf: asOf, silenceDays: silenceDays, limit: limit)
    }

    /// The attention list computed from every citizen's responses (what ``AttentionKeeper`` keeps answers the same).
    func computedAttentionList(
        scope: ResponseScope, asOf: CalendarDate, silenceDays: Int, limit: Int?
    ) -> AttentionList {
        let today = Int32(asOf.daysSinceEpoch)
        // Reasons without their texts, and each entry's sort key computed once: the texts are written only for
        // the entries answered (on 5M responses the whole list holds over half a million citizens).
        var candidates: [(key: AttentionKey, entry: AttentionEntry)] = []
        for code in 0..<Int32(firstOfCitizen.count) {
            let rows = liveRows(ofCitizen: code, in: scope)
            if let candidate = attentionCandidate(citizen: code, liveRows: rows, today: today, silenceDays: silenceDays)
            {
                candidates.append(candidate)
            }
        }
        candidates.sort { a, b in attentionOrder(a.key, b.key) }
        return AttentionList(
            asOf: asOf, silenceDays: silenceDays, total: candidates.count,
            entries: candidates.prefix(limit ?? candidates.count).map { withTexts($0.entry, asOf: asOf) })
    }

    /// Whether `a` comes before `b` on the list; the citizen id breaks ties, as text.
    func attentionOrder(_ a: AttentionKey, _ b: AttentionKey) -> Bool {
        if a.urgency != b.urgency { return a.urgency < b.urgency }
        if a.reasons != b.reasons { return a.reasons > b.reasons }
        if a.fall != b.fall { return a.fall < b.fall }
        if a.day != b.day { return a.day < b.day }
        return citizens[a.citizen] < citizens[b.citizen]
    }

    /// An entry with the plain-language texts of its reasons written.
    func withTexts(_ entry: AttentionEntry, asOf: CalendarDate) -> AttentionEntry {
        var entry = entry
        for index in entry.reasons.indices { entry.reasons[index].text = text(of: entry.reasons[index], asOf: asOf) }
        return entry
    }

    /// A citizen's entry on the list from their live responses in the scope (`nil` when not listed), and its sort key;
    /// without `today`, the reasons that do not depend on the day only.
    func attentionCandidate(
        citizen code: Int32, liveRows rows: [Int], today: Int32?, silenceDays: Int
    ) -> (key: AttentionKey, entry: AttentionEntry)? {
        guard let latest = rows.max(by: { (day[$0], $0) < (day[$1], $1) }) else { return nil }
        var reasons: [AttentionReason] = []
        for (instrumentCode, definition) in definitions.enumerated() {
            let scored = series(rows, instrument: UInt8(instrumentCode), includeRetracted: false).filter {
                score[$0] >= 0
            }
            guard let last = scored.last else { continue }
            reasons += attentionReasons(latest: last, previous: scored.dropLast().last, definition: definition)
        }
        let lastDate = CalendarDate(daysSinceEpoch: Int(day[latest]))
        if let today, Int(today - day[latest]) > silenceDays {
            reasons.append(
                AttentionReason(
                    code: .noRecentResponse, instrument: nil, administeredAt: lastDate, score: nil, change: nil,
                    text: LocalizedText(da: "", en: "")))
        }
        if today != nil, reasons.isEmpty { return nil }
        reasons.sort { ($0.code, $0.change ?? 0) < ($1.code, $1.change ?? 0) }
        let key = AttentionKey(
            urgency: reasons.first?.code.urgency ?? AttentionReason.Code.noRecentResponse.urgency,
            reasons: reasons.count, fall: reasons.compactMap(\.change).min() ?? 0, day: day[latest], citizen: code)
        return (
            key,
            AttentionEntry(
                citizen: citizens[code], unit: unit[latest] < 0 ? nil : self.units[unit[latest]],
                lastResponse: lastDate,
                reasons: reasons)
        )
    }

    /// A reason in plain words, Danish and English.
    private func text(of reason: AttentionReason, asOf: CalendarDate) -> LocalizedText {
        let date = reason.administeredAt
        guard let instrument = reason.instrument, let definition = catalog[instrument], let value = reason.score else {
            let silent = asOf.daysSinceEpoch - date.daysSinceEpoch
            return LocalizedText(
                da: "Ingen besvarelse i \(silent) dage (seneste \(date))",
                en: "No response for \(silent) days (latest on \(date))")
        }
        let name = definition.shortName
        let fall = -(reason.change ?? 0)
        switch reason.code {
        case .veryLowWellbeing:
            let flag = definition.shortLabel(of: .veryLowWellbeing)
            return LocalizedText(da: "\(name.da) \(value): \(flag.da)", en: "\(name.en) \(value): \(flag.en)")
        case .deteriorated:
            return LocalizedText(
                da: "\(name.da) faldt \(fall) point til \(value) siden forrige besvarelse",
                en: "\(name.en) fell \(fall) points to \(value) since the previous response")
        case .belowCutoffAndFalling:
            return LocalizedText(
                da: "\(name.da) \(value): under recovery-grænsen og faldende",
                en: "\(name.en) \(value): below the recovery cut-off and falling")
        case .itemAtFloor:
            return LocalizedText(
                da: "\(name.da): et spørgsmål besvaret 0 eller 1", en: "\(name.en): an item answered 0 or 1")
        case .noRecentResponse:
            return LocalizedText(da: "", en: "")
        }
    }

    /// The reasons one instrument's latest scored response gives, compared with the scored response before it;
    /// their texts are written by ``text(of:asOf:)`` for the entries answered.
    private func attentionReasons(latest: Int, previous: Int?, definition: InstrumentDefinition) -> [AttentionReason] {
        let value = Int(score[latest])
        let date = CalendarDate(daysSinceEpoch: Int(day[latest]))
        let change = previous.map { self.change(from: $0, to: latest, definition: definition) }
        var reasons: [AttentionReason] = []
        attentionCodes(latest: latest, change: change, definition: definition) { code in
            reasons.append(
                AttentionReason(
                    code: code, instrument: definition.id, administeredAt: date, score: value, change: change?.delta,
                    text: LocalizedText(da: "", en: "")))
        }
        return reasons
    }

    /// The rule of the attention list for one instrument: calls `add` with each reason (most urgent first) that its
    /// latest scored response (row `latest`) gives, `change` being the change since the scored response before it.
    /// The computed list (``attentionReasons(latest:previous:definition:)``) and the kept one
    /// (``AttentionKeeper``) both ask it, so they cannot disagree.
    func attentionCodes(
        latest: Int, change: ScoreChange?, definition: InstrumentDefinition, _ add: (AttentionReason.Code) -> Void
    ) {
        func holds(_ flag: Flag) -> Bool { self.holds(flag, row: latest, definition: definition) }
        if holds(.veryLowWellbeing) { add(.veryLowWellbeing) }
        if let change, change.direction == .deteriorated { add(.deteriorated) }
        if holds(.belowRecoveryCutoff), let change, change.delta < 0 { add(.belowCutoffAndFalling) }
        if holds(.itemAtFloor) { add(.itemAtFloor) }
    }
}
