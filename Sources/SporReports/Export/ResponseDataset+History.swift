public import SporInstruments

extension ResponseDataset {
    /// Every response in `scope` with its history, retracted ones included, in recording order: of one citizen or
    /// of all, and only those with an event (recording, correction, retraction) at or after `sinceMillis`.
    public func histories(
        of citizen: CitizenID? = nil, changedSinceMillis sinceMillis: Int64? = nil, scope: ResponseScope = .all
    ) -> [ResponseHistory] {
        let rows: [Int]
        if let citizen {
            guard let code = citizenCode(citizen) else { return [] }
            rows = self.rows(ofCitizen: code, in: scope)
        } else if case .units(let allowed) = scope {
            let codes = Set(allowed.compactMap { units.existingCode(for: $0.rawValue) })
            rows = ids.indices.filter { codes.contains(unit[$0]) }
        } else {
            rows = Array(ids.indices)
        }
        return rows.compactMap { row in
            let history = ResponseHistory(
                stored: StoredResponse(
                    response: response(at: row), definitionVersion: definitionVersion(ofRow: row),
                    isRetracted: isRetracted(row), recordedSequence: sequence[row]),
                revisions: revisions(ofRow: row))
            if let sinceMillis, history.lastEventMillis < sinceMillis { return nil }
            return history
        }
    }
}
