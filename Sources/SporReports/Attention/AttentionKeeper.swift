public import Foundation
public import SporInstruments

/// The attention list kept up to date as entries are applied, so a list is answered without looking at every
/// response: per citizen, and per citizen and unit (a staff member sees only their units' responses), the sort key
/// of the reasons that do not depend on the day. Whether a citizen has gone without a response for too long
/// depends on today, so the day of their latest response is kept and the days are counted when the list is read.
///
/// ``ResponseDataset/attentionList(scope:asOf:silenceDays:limit:)`` answers from it once
/// ``ResponseDataset/keepAttentionList()`` was called; the entries shown are written from the citizen's responses
/// by the same code that computes the whole list, so kept and computed lists are the same.
public struct AttentionKeeper: Sendable {
    /// Per citizen code, the key from all their live responses; `citizen` is −1 when they have none.
    var all: [AttentionKey] = []
    /// Per unit code, per citizen code with live responses in the unit: the key from those responses.
    var byUnit: [Int32: [Int32: AttentionKey]] = [:]
    /// Per scope of several units kept (``ResponseDataset/keepAttention(_:refreshing:)``), by its unit names.
    var byScope: [Set<String>: AttentionScopeKeeper] = [:]

    static let none = AttentionKey(urgency: 0, reasons: 0, fall: 0, day: 0, citizen: -1)

    /// The list as ``ResponseDataset/computedAttentionList(scope:asOf:silenceDays:limit:)`` makes it.
    func list(
        of dataset: ResponseDataset, scope: ResponseScope, asOf: CalendarDate, silenceDays: Int, limit: Int?
    ) -> AttentionList {
        let today = Int32(asOf.daysSinceEpoch)
        var selection = Selection(limit: limit)
        func consider(_ key: AttentionKey) {
            let silent = Int(today) - Int(key.day) > silenceDays
            guard key.reasons > 0 || silent else { return }
            var listed = key
            if silent { listed.reasons += 1 }
            selection.add(listed, dataset)
        }
        switch scope {
        case .all:
            for key in all where key.citizen >= 0 { consider(key) }
        case .units(let labels):
            let codes = Set(labels.compactMap { dataset.units.existingCode(for: $0.rawValue) })
            let maps = codes.compactMap { byUnit[$0] }
            if maps.count > 1, let kept = byScope[Set(labels.map(\.rawValue))], kept.codes == codes {
                for key in kept.keys.values { consider(key) }
            } else if maps.count == 1 {
                for key in maps[0].values { consider(key) }
            } else if maps.count > 1 {
                // How many of the scope's units each citizen has live responses in (an array, not a dictionary).
                var seen = [UInt16](repeating: 0, count: all.count)
                for map in maps { for citizen in map.keys { seen[Int(citizen)] &+= 1 } }
                for map in maps {
                    for (citizen, key) in map {
                        switch seen[Int(citizen)] {
                        case 1:
                            consider(key)
                        case 0:
                            continue
                        default:
                            // Responses in more than one of the scope's units: their reasons come from all of them
                            // together, worked out once.
                            seen[Int(citizen)] = 0
                            if let key = dataset.attentionCandidate(
                                citizen: citizen, liveRows: dataset.liveRows(ofCitizen: citizen, in: scope), today: nil,
                                silenceDays: silenceDays)?.key
                            {
                                consider(key)
                            }
                        }
                    }
                }
            }
        }
        let entries = selection.sorted(dataset).compactMap { key in
            dataset.attentionCandidate(
                citizen: key.citizen, liveRows: dataset.liveRows(ofCitizen: key.citizen, in: scope), today: today,
                silenceDays: silenceDays
            ).map { dataset.withTexts($0.entry, asOf: asOf) }
        }
        return AttentionList(asOf: asOf, silenceDays: silenceDays, total: selection.total, entries: entries)
    }

    /// The most urgent `limit` keys seen, in order, and how many were seen. The dataset (for the order's tie on
    /// the citizen id) is passed to each call rather than kept: a copy of it in here was copied on every key.
    private struct Selection {
        let limit: Int?
        var total = 0
        var keys: [AttentionKey] = []

        init(limit: Int?) {
            self.limit = limit
        }

        mutating func add(_ key: AttentionKey, _ dataset: ResponseDataset) {
            total += 1
            guard let limit else { return keys.append(key) }
            if keys.count == limit {
                guard let last = keys.last, dataset.attentionOrder(key, last) else { return }
                keys.removeLast()
            }
            var low = 0
            var high = keys.count
            while low < high {
                let middle = (low + high) / 2
                if dataset.attentionOrder(keys[middle], key) { low = middle + 1 } else { high = middle }
            }
            keys.insert(key, at: low)
        }

        func sorted(_ dataset: ResponseDataset) -> [AttentionKey] {
            limit == nil ? keys.sorted { dataset.attentionOrder($0, $1) } : keys
        }
    }
}

extension ResponseDataset {
    /// Keeps the attention list from now on: builds it from every citizen's responses, then brings it up to date
    /// with every entry applied, so ``attentionList(scope:asOf:silenceDays:limit:)`` no longer looks at every
    /// response (for a long-running reader such as the daemon).
    public mutating func keepAttentionList() {
        attention = attentionKeeper()
    }

    /// Keeps `keeper`, made by ``attentionKeeper()`` from this dataset before the entries about the responses `ids`
    /// were applied: their citizens (in every version) are brought up to date first.
    public mutating func keepAttentionList(_ keeper: AttentionKeeper, refreshing ids: [UUID]) {
        attention = keeper
        for id in Set(ids) {
            guard let row = row(of: id) else { continue }
            var pairs: Set<[Int32]> = [[citizen[row], unit[row]]]
            for revision in revisions(ofRow: row) {
                guard let response = revision.response,
                    let code = citizens.existingCode(for: response.citizen.rawValue)
                else { continue }
                pairs.insert([code, response.unit.flatMap { units.existingCode(for: $0.rawValue) } ?? -1])
            }
            for pair in pairs { refreshAttention(citizen: pair[0], unit: pair[1]) }
        }
    }

    /// The attention list to keep, built from every citizen's responses (on two cores when there are many):
    /// ``keepAttentionList(_:refreshing:)`` keeps it.
    public func attentionKeeper() -> AttentionKeeper {
        let count = firstOfCitizen.count
        let workers = count < 20_000 ? 1 : 2
        let parts = KeptParts(workers)
        let dataset = self
        // The citizens split in `workers` ranges, done at once.
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var part = KeptParts.Part()
            for code in Int32(count * worker / workers)..<Int32(count * (worker + 1) / workers) {
                let live = dataset.rows(ofCitizen: code).filter { !dataset.isRetracted($0) }
                guard let key = dataset.keptKey(code, live) else {
                    part.all.append(AttentionKeeper.none)
                    continue
                }
                part.all.append(key)
                let first = dataset.unit[live[0]]
                if first >= 0, live.allSatisfy({ dataset.unit[$0] == first }) {
                    // All in one unit: the unit's key is the citizen's.
                    part.byUnit.append((first, code, key))
                    continue
                }
                var byUnit: [Int32: [Int]] = [:]
                for row in live where dataset.unit[row] >= 0 { byUnit[dataset.unit[row], default: []].append(row) }
                for (unitCode, rows) in byUnit {
                    if let key = dataset.keptKey(code, rows) { part.byUnit.append((unitCode, code, key)) }
                }
            }
            parts.store(part, at: worker)
        }
        var keeper = AttentionKeeper()
        keeper.all.reserveCapacity(count)
        for part in parts.parts {
            keeper.all += part.all
            for (unitCode, code, key) in part.byUnit { keeper.byUnit[unitCode, default: [:]][code] = key }
        }
        return keeper
    }

    /// Brings the kept list up to date for a citizen, overall and in one unit (−1: none), after a change of theirs.
    mutating func refreshAttention(citizen code: Int32, unit unitCode: Int32) {
        guard attention != nil, code >= 0 else { return }
        let live = rows(ofCitizen: code).filter { !isRetracted($0) }
        let overall = keptKey(code, live)
        while attention!.all.count <= Int(code) { attention!.all.append(AttentionKeeper.none) }
        attention!.all[Int(code)] = overall ?? AttentionKeeper.none
        guard unitCode >= 0 else { return }
        // Most citizens are seen in one unit: then the unit's key is the citizen's, computed once.
        let inUnit = live.filter { unit[$0] == unitCode }
        attention!.byUnit[unitCode, default: [:]][code] = inUnit.count == live.count ? overall : keptKey(code, inUnit)
        // The names first: iterating the dictionary while changing it would copy every kept scope.
        for names in Array(attention!.byScope.keys) {
            if !attention!.byScope[names]!.codes.contains(unitCode) {
                // A unit of the scope seen for the first time.
                guard names.contains(units[unitCode]) else { continue }
                attention!.byScope[names]!.codes.insert(unitCode)
            }
            let codes = attention!.byScope[names]!.codes
            attention!.byScope[names]!.keys[code] = keptKey(code, live.filter { codes.contains(unit[$0]) })
        }
    }

    /// The attention list's keys for a scope of several units, built from the kept list's per-unit keys (only the
    /// citizens seen in more than one of them are worked out again): ``keepAttention(_:refreshing:)`` keeps them, so
    /// a staff member of several units is answered as fast as one of one unit. `nil` while no list is kept.
    public func attentionScopeKeeper(units labels: Set<Label>) -> AttentionScopeKeeper? {
        guard let attention else { return nil }
        let codes = Set(labels.compactMap { units.existingCode(for: $0.rawValue) })
        var keys: [Int32: AttentionKey] = [:]
        var several: Set<Int32> = []
        for unitCode in codes {
            for (citizen, key) in attention.byUnit[unitCode] ?? [:] {
                if keys.updateValue(key, forKey: citizen) != nil { several.insert(citizen) }
            }
        }
        for citizen in several {
            let live = rows(ofCitizen: citizen).filter { !isRetracted($0) && codes.contains(unit[$0]) }
            keys[citizen] = keptKey(citizen, live)
        }
        return AttentionScopeKeeper(names: Set(labels.map(\.rawValue)), codes: codes, keys: keys)
    }

    /// Keeps the keys of a scope of several units, made by ``attentionScopeKeeper(units:)`` from this dataset
    /// before the entries about the responses `ids` were applied: their citizens are brought up to date first.
    public mutating func keepAttention(_ scoped: AttentionScopeKeeper, refreshing ids: [UUID]) {
        guard attention != nil else { return }
        var scoped = scoped
        scoped.codes = Set(scoped.names.compactMap { units.existingCode(for: $0) })
        var citizens: Set<Int32> = []
        for id in Set(ids) {
            guard let row = row(of: id) else { continue }
            citizens.insert(citizen[row])
            for revision in revisions(ofRow: row) {
                if let response = revision.response,
                    let code = self.citizens.existingCode(for: response.citizen.rawValue)
                {
                    citizens.insert(code)
                }
            }
        }
        let codes = scoped.codes
        for code in citizens {
            scoped.keys[code] = keptKey(
                code, rows(ofCitizen: code).filter { !isRetracted($0) && codes.contains(unit[$0]) })
        }
        attention!.byScope[scoped.names] = scoped
    }

    /// Whether the attention list of `scope` is answered from kept keys: always for every response and for one
    /// unit once a list is kept; for several units once ``keepAttention(_:refreshing:)`` kept them.
    public func keepsAttention(for scope: ResponseScope) -> Bool {
        guard let attention else { return false }
        guard case .units(let labels) = scope, labels.count > 1 else { return true }
        let codes = Set(labels.compactMap { units.existingCode(for: $0.rawValue) })
        guard codes.count > 1 else { return true }
        return attention.byScope[Set(labels.map(\.rawValue))]?.codes == codes
    }

    /// The citizen's live rows in the scope.
    func liveRows(ofCitizen code: Int32, in scope: ResponseScope) -> [Int] {
        rows(ofCitizen: code, in: scope).filter { !isRetracted($0) }
    }

    /// The key ``attentionCandidate(citizen:liveRows:today:silenceDays:)`` gives without a day, worked out without
    /// sorting or building the entry, with the same rule (``attentionCodes(latest:change:definition:_:)``): it is
    /// made for every citizen at a start and again on every write.
    fileprivate func keptKey(_ code: Int32, _ liveRows: [Int]) -> AttentionKey? {
        guard var latest = liveRows.first else { return nil }
        func before(_ a: Int, _ b: Int) -> Bool { (day[a], a) < (day[b], b) }
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: 2 * definitions.count) { best in
            // Per instrument code: the latest scored row, then the one before it.
            best.initialize(repeating: -1)
            for row in liveRows {
                if before(latest, row) { latest = row }
                guard score[row] >= 0 else { continue }
                let slot = 2 * Int(instrument[row])
                if best[slot] < 0 || before(best[slot], row) {
                    best[slot + 1] = best[slot]
                    best[slot] = row
                } else if best[slot + 1] < 0 || before(best[slot + 1], row) {
                    best[slot + 1] = row
                }
            }
            var urgency = AttentionReason.Code.noRecentResponse.urgency
            var reasons = 0
            var fall: Int?
            for (index, definition) in definitions.enumerated() where best[2 * index] >= 0 {
                let last = best[2 * index]
                let previous = best[2 * index + 1]
                let change = previous < 0 ? nil : self.change(from: previous, to: last, definition: definition)
                attentionCodes(latest: last, change: change, definition: definition) { reason in
                    reasons += 1
                    urgency = min(urgency, reason.urgency)
                    if let delta = change?.delta { fall = min(fall ?? delta, delta) }
                }
            }
            return AttentionKey(urgency: urgency, reasons: reasons, fall: fall ?? 0, day: day[latest], citizen: code)
        }
    }
}

/// What each worker of ``ResponseDataset/keepAttentionList()`` found, each stored only at its own index (which is
/// what makes sharing it safe).
private final class KeptParts: @unchecked Sendable {
    struct Part {
        var all: [AttentionKey] = []
        var byUnit: [(unit: Int32, citizen: Int32, key: AttentionKey)] = []
    }

    private let buffer: UnsafeMutableBufferPointer<Part>

    init(_ workers: Int) {
        buffer = .allocate(capacity: workers)
        buffer.initialize(repeating: Part())
    }

    deinit {
        buffer.deinitialize()
        buffer.deallocate()
    }

    var parts: [Part] { Array(buffer) }

    func store(_ part: Part, at worker: Int) {
        buffer[worker] = part
    }
}
