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
    ///   - units: only citizens with a live response in one of these units (a staff member's units); `nil` for all.
    ///   - asOf: today, for the days without a response.
    ///   - silenceDays: the number of days without a response after which a citizen is listed.
    public func attentionList(
        units: Set<String>?, asOf: CalendarDate, silenceDays: Int = AttentionList.defaultSilenceDays
    ) -> AttentionList {
        let unitCodes = units.map { Set($0.compactMap { self.units.existingCode(for: $0) }) }
        let today = Int32(asOf.daysSinceEpoch)
        var entries: [AttentionEntry] = []
        for code in 0..<Int32(firstOfCitizen.count) {
            let rows = rows(ofCitizen: code).filter { !isRetracted($0) }
            guard let latest = rows.max(by: { (day[$0], $0) < (day[$1], $1) }) else { continue }
            if let unitCodes, !rows.contains(where: { unitCodes.contains(unit[$0]) }) { continue }
            var reasons: [AttentionReason] = []
            for (instrumentCode, definition) in definitions.enumerated() {
                let scored = series(rows, instrument: UInt8(instrumentCode), includeRetracted: false).filter { score[$0] >= 0 }
                guard let last = scored.last else { continue }
                reasons += attentionReasons(
                    latest: last, previous: scored.dropLast().last, definition: definition)
            }
            let silent = Int(today - day[latest])
            let lastDate = CalendarDate(daysSinceEpoch: Int(day[latest]))
            if silent > silenceDays {
                reasons.append(AttentionReason(
                    code: .noRecentResponse, instrument: nil, administeredAt: lastDate, score: nil, change: nil,
                    text: LocalizedText(
                        da: "Ingen besvarelse i \(silent) dage (seneste \(lastDate))",
                        en: "No response for \(silent) days (latest on \(lastDate))")))
            }
            guard !reasons.isEmpty else { continue }
            reasons.sort { ($0.code, $0.change ?? 0) < ($1.code, $1.change ?? 0) }
            entries.append(AttentionEntry(
                citizen: citizens[code], unit: unit[latest] < 0 ? nil : self.units[unit[latest]], lastResponse: lastDate,
                reasons: reasons))
        }
        entries.sort { a, b in
            let fallA = a.reasons.compactMap(\.change).min() ?? 0
            let fallB = b.reasons.compactMap(\.change).min() ?? 0
            return (a.reasons[0].code.urgency, -a.reasons.count, fallA, a.lastResponse, a.citizen)
                < (b.reasons[0].code.urgency, -b.reasons.count, fallB, b.lastResponse, b.citizen)
        }
        return AttentionList(asOf: asOf, silenceDays: silenceDays, total: entries.count, entries: entries)
    }

    /// The reasons one instrument's latest scored response gives, compared with the scored response before it.
    private func attentionReasons(latest: Int, previous: Int?, definition: InstrumentDefinition) -> [AttentionReason] {
        let name = Wording.shortName(definition)
        let value = Int(score[latest])
        let date = CalendarDate(daysSinceEpoch: Int(day[latest]))
        let change = previous.map { self.change(from: $0, to: latest, definition: definition) }
        let flags = flags(ofRow: latest)
        func reason(_ code: AttentionReason.Code, _ text: LocalizedText) -> AttentionReason {
            AttentionReason(
                code: code, instrument: definition.id, administeredAt: date, score: value, change: change?.delta, text: text)
        }
        var reasons: [AttentionReason] = []
        if flags.contains(.veryLowWellbeing) {
            reasons.append(reason(.veryLowWellbeing, LocalizedText(
                da: "\(name.da) \(value): meget lav trivsel", en: "\(name.en) \(value): very low wellbeing")))
        }
        if let change, change.direction == .deteriorated {
            reasons.append(reason(.deteriorated, LocalizedText(
                da: "\(name.da) faldt \(-change.delta) point til \(value) siden forrige besvarelse",
                en: "\(name.en) fell \(-change.delta) points to \(value) since the previous response")))
        }
        if flags.contains(.belowRecoveryCutoff), let change, change.delta < 0 {
            reasons.append(reason(.belowCutoffAndFalling, LocalizedText(
                da: "\(name.da) \(value): under recovery-grænsen og faldende",
                en: "\(name.en) \(value): below the recovery cut-off and falling")))
        }
        if flags.contains(.itemAtFloor) {
            reasons.append(reason(.itemAtFloor, LocalizedText(
                da: "\(name.da): et spørgsmål besvaret 0 eller 1", en: "\(name.en): an item answered 0 or 1")))
        }
        return reasons
    }
}
