public import Foundation
import SporInstruments

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

    static let none = AttentionKey(urgency: 0, reasons: 0, fall: 0, day: 0, citizen: -1)

    /// The list as ``ResponseDataset/computedAttentionList(scope:asOf:silenceDays:limit:)`` makes it.
    func list(
        of dataset: ResponseDataset, scope: ResponseScope, asOf: CalendarDate, silenceDays: Int, limit: Int?
    ) -> AttentionList {
        let today = Int32(asOf.daysSinceEpoch)
        var selection = Selection(dataset: dataset, limit: limit)
        func consider(_ key: AttentionKey) {
            let silent = Int(today) - Int(key.day) > silenceDays
            guard key.reasons > 0 || silent else { return }
            var listed = key
            if silent { listed.reasons += 1 }
            selection.add(listed)
        }
        switch scope {
        case .all:
            for key in all where key.citizen >= 0 { consider(key) }
        case .units(let labels):
            let codes = Set(labels.compactMap { dataset.units.existingCode(for: $0.rawValue) })
            let maps = codes.compactMap { byUnit[$0] }
            if maps.count == 1 {
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
        let entries = selection.sorted().compactMap { key in
            dataset.attentionCandidate(
                citizen: key.citizen, liveRows: dataset.liveRows(ofCitizen: key.citizen, in: scope), today: today,
                silenceDays: silenceDays
            ).map { dataset.withTexts($0.entry, asOf: asOf) }
        }
        return AttentionList(asOf: asOf, silenceDays: silenceDays, total: selection.total, entries: entries)
    }

    /// The most urgent `limit` keys seen, in order, and how many were seen.
    private struct Selection {
        let dataset: ResponseDataset
        let limit: Int?
        var total = 0
        var keys: [AttentionKey] = []

        init(dataset: ResponseDataset, limit: Int?) {
            self.dataset = dataset
            self.limit = limit
        }

        mutating func add(_ key: AttentionKey) {
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

        func sorted() -> [AttentionKey] {
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
    }

    /// The citizen's live rows in the scope.
    func liveRows(ofCitizen code: Int32, in scope: ResponseScope) -> [Int] {
        rows(ofCitizen: code, in: scope).filter { !isRetracted($0) }
    }

    fileprivate func keptKey(_ code: Int32, _ liveRows: [Int]) -> AttentionKey? {
        attentionCandidate(citizen: code, liveRows: liveRows, today: nil, silenceDays: 0)?.key
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
