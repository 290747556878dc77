import Foundation
import SporInstruments
import SporLog
import Testing

@testable import SporReports

/// On seeded random logs, every figure of the report, and every suppression, equals a direct recomputation from the
/// events that follows docs/report-definition.md step by step.
@Suite struct TrendReportPropertyTests {
    /// SplitMix64: small, seeded, the same on every platform.
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func int(_ range: ClosedRange<Int>) -> Int {
            range.lowerBound + Int(next() % UInt64(range.count))
        }
    }

    /// A random log of responses, corrections and retractions for a few dozen citizens over two years.
    static func randomLog(seed: UInt64) -> LogBuilder {
        var random = Generator(state: seed)
        var log = LogBuilder()
        var recorded: [(UUID, String)] = []
        let units = ["u1", "u2", "u3"]
        // Labels whose code-point order differs from their numeric order.
        let interventions = ["SEL82", "SEL104", "SEL85"]
        func answers(_ instrument: InstrumentID, _ random: inout Generator) -> [Int?] {
            let top = instrument == .who5 ? 5 : 4
            return (0..<5).map { _ in random.int(0...19) == 0 ? nil : random.int(0...top) }
        }
        func date(_ random: inout Generator) -> String {
            // Few distinct days, so same-day ties are common.
            let day = 20_089 + random.int(0...60) * 12
            return CalendarDate(daysSinceEpoch: day).description
        }
        for _ in 0..<400 {
            let citizen = "c\(random.int(0...59))"
            let instrument: InstrumentID = random.int(0...2) == 0 ? .briefInspireO : .who5
            let unit = random.int(0...9) == 0 ? nil : units[random.int(0...2)]
            let intervention = interventions[random.int(0...2)]
            switch random.int(0...9) {
            case 0 where !recorded.isEmpty:
                let (id, citizen) = recorded[random.int(0...recorded.count - 1)]
                log.correct(
                    id, citizen, date(&random), answers(instrument, &random), instrument: instrument,
                    unit: unit, intervention: intervention)
            case 1 where !recorded.isEmpty:
                log.retract(recorded[random.int(0...recorded.count - 1)].0)
            default:
                let id = log.record(
                    citizen, date(&random), answers(instrument, &random), instrument: instrument,
                    unit: unit, intervention: intervention)
                recorded.append((id, citizen))
            }
        }
        return log
    }

    /// How many cells each rule hid.
    struct Statistics {
        var primary = 0, complementary = 0, changeByPairs = 0, changeComplementary = 0
    }

    /// The report computed the obvious way: replay into a dictionary, sort, group, count, then suppress as section 5
    /// says, counting what each rule hid into `statistics`.
    static func recompute(
        _ entries: [LogEntry], _ request: TrendReportRequest, statistics: inout Statistics
    ) -> [TrendCell] {
        let definition = InstrumentCatalog.builtIn[request.instrument]!
        var current: [UUID: Response] = [:]
        var recordedAt: [UUID: UInt64] = [:]
        var retracted: Set<UUID> = []
        for entry in entries {
            switch entry.event {
            case .responseRecorded(let response, _):
                current[response.id] = response
                recordedAt[response.id] = entry.sequence
            case .responseCorrected(let response, _, _): current[response.id] = response
            case .responseRetracted(let id, _): retracted.insert(id)
            }
        }
        struct Scored {
            var response: Response
            var order: UInt64
            var score: Score
        }
        let scored = current.values
            .filter { !retracted.contains($0.id) && $0.instrument == request.instrument }
            .map { Scored(response: $0, order: recordedAt[$0.id]!, score: definition.score($0.answers)) }
            .filter { $0.score.complete }
        let byTime: (Scored, Scored) -> Bool = {
            ($0.response.administeredAt, $0.order) < ($1.response.administeredAt, $1.order)
        }
        var baseline: [CitizenID: Scored] = [:]
        for item in scored.sorted(by: byTime) where baseline[item.response.citizen] == nil {
            baseline[item.response.citizen] = item
        }
        func label(_ date: CalendarDate) -> String {
            switch request.period {
            case .month: String(format: "%04d-%02d", date.year, date.month)
            case .quarter: "\(date.year)-Q\((date.month + 2) / 3)"
            case .year: "\(date.year)"
            }
        }
        var latest: [String: [CitizenID: Scored]] = [:]
        for item in scored {
            let date = item.response.administeredAt
            if let from = request.from, date < from { continue }
            if let to = request.to, to < date { continue }
            let bucket = label(date)
            if let other = latest[bucket]?[item.response.citizen], byTime(item, other) { continue }
            latest[bucket, default: [:]][item.response.citizen] = item
        }
        var cells: [TrendCell] = []
        for bucket in latest.keys.sorted() {
            var groups: [String?: [Scored]] = [:]
            for item in latest[bucket]!.values {
                let group: String? =
                    switch request.by {
                    case .unit: item.response.unit?.rawValue
                    case .intervention: item.response.intervention?.rawValue
                    case .none: "all"
                    }
                groups[group, default: []].append(item)
            }
            // Group labels by Unicode code points, the group without a label last.
            func precedes(_ a: String?, _ b: String?) -> Bool {
                guard let a else { return false }
                guard let b else { return true }
                return a.unicodeScalars.map(\.value).lexicographicallyPrecedes(b.unicodeScalars.map(\.value))
            }
            let names = groups.keys.sorted(by: precedes)
            func changes(_ name: String?) -> [Change] {
                groups[name]!.compactMap { item in
                    let base = baseline[item.response.citizen]!
                    guard base.response.administeredAt < item.response.administeredAt else { return nil }
                    return definition.change(from: base.score, to: item.score)
                }
            }
            let citizens = Dictionary(uniqueKeysWithValues: names.map { ($0, groups[$0]!.count) })
            let paired = Dictionary(uniqueKeysWithValues: names.map { ($0, changes($0).count) })
            /// The name outside `set` with the fewest of `count`; on ties the first, which has the smaller label.
            func fewest(outside set: [String?], _ count: [String?: Int]) -> String?? {
                names.filter { !set.contains($0) }.min { count[$0]! < count[$1]! }
            }
            // Primary: fewer than minCell citizens.
            let primary = names.filter { citizens[$0]! < request.minCell }
            var suppressed = primary
            // Complementary: while S is not empty and sums to fewer than minCell, add the visible cell with the fewest.
            if request.by != .none {
                while !suppressed.isEmpty && suppressed.map({ citizens[$0]! }).reduce(0, +) < request.minCell,
                    let next = fewest(outside: suppressed, citizens)
                {
                    suppressed.append(next)
                    statistics.complementary += 1
                }
            }
            statistics.primary += primary.count
            // H: every cell of S, every cell with fewer than minCell pairs; then the same loop over the pairs.
            var changeHidden = suppressed + names.filter { !suppressed.contains($0) && paired[$0]! < request.minCell }
            statistics.changeByPairs += changeHidden.count - suppressed.count
            if request.by != .none {
                while case let sum = changeHidden.map({ paired[$0]! }).reduce(0, +), sum > 0 && sum < request.minCell,
                    let next = fewest(outside: changeHidden, paired)
                {
                    changeHidden.append(next)
                    statistics.changeComplementary += 1
                }
            }
            for name in names {
                if suppressed.contains(name) {
                    cells.append(
                        TrendCell(
                            period: bucket, group: name, suppression: primary.contains(name) ? .primary : .complementary
                        ))
                    continue
                }
                let members = groups[name]!
                let n = members.count
                let scores = members.map { Double($0.score.score!) }.sorted()
                let mean = scores.reduce(0, +) / Double(n)
                let median = n % 2 == 1 ? scores[n / 2] : (scores[n / 2 - 1] + scores[n / 2]) / 2
                let sd =
                    n < 2 ? nil : (scores.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(n - 1)).squareRoot()
                let changes = changes(name)
                func share(_ predicate: (Change) -> Bool) -> Double {
                    Double(changes.filter(predicate).count) / Double(changes.count)
                }
                let domains = definition.items.enumerated().compactMap { index, item in item.domain.map { (index, $0) }
                }
                cells.append(
                    TrendCell(
                        period: bucket, group: name,
                        figures: TrendFigures(
                            citizens: n, meanScore: mean, medianScore: median, sdScore: sd,
                            flags: definition.flags.map { rule in
                                .init(
                                    name: rule.name.rawValue,
                                    value: Double(members.filter { $0.score.has(rule.name) }.count) / Double(n))
                            },
                            change: changeHidden.contains(name)
                                ? nil
                                : TrendChange(
                                    pairedCitizens: changes.count,
                                    meanChange: Double(changes.map(\.delta).reduce(0, +)) / Double(changes.count),
                                    improved: share { $0.direction == .improved },
                                    unchanged: share { $0.direction == .unchanged },
                                    deteriorated: share { $0.direction == .deteriorated },
                                    crossedCutoff: share(\.crossedCutoff)),
                            chimeMeans: domains.isEmpty
                                ? nil
                                : domains.map { index, domain in
                                    .init(
                                        name: domain,
                                        value: Double(members.map { $0.response.answers[index]! }.reduce(0, +))
                                            / Double(n))
                                })))
            }
        }
        return cells
    }

    static func close(_ a: Double?, _ b: Double?) -> Bool {
        switch (a, b) {
        case (nil, nil): true
        case (let a?, let b?): abs(a - b) <= 1e-9 * max(1, abs(b))
        default: false
        }
    }

    static func same(_ a: TrendFigures?, _ b: TrendFigures?) -> Bool {
        guard let a, let b else { return a == nil && b == nil }
        return a.citizens == b.citizens && close(a.meanScore, b.meanScore) && close(a.medianScore, b.medianScore)
            && close(a.sdScore, b.sdScore) && a.flags.map(\.name) == b.flags.map(\.name)
            && zip(a.flags, b.flags).allSatisfy { close($0.value, $1.value) }
            && same(a.change, b.change)
            && a.chimeMeans?.map(\.name) == b.chimeMeans?.map(\.name)
            && zip(a.chimeMeans ?? [], b.chimeMeans ?? []).allSatisfy { close($0.value, $1.value) }
    }

    static func same(_ a: TrendChange?, _ b: TrendChange?) -> Bool {
        guard let a, let b else { return a == nil && b == nil }
        return a.pairedCitizens == b.pairedCitizens && close(a.meanChange, b.meanChange)
            && close(a.improved, b.improved) && close(a.unchanged, b.unchanged)
            && close(a.deteriorated, b.deteriorated) && close(a.crossedCutoff, b.crossedCutoff)
    }

    @Test(arguments: [1, 2, 3, 4, 5, 6] as [UInt64])
    func everyFigureMatchesADirectRecomputation(seed: UInt64) throws {
        let log = Self.randomLog(seed: seed)
        let dataset = try log.dataset()
        var pairsShown = 0
        var statistics = Statistics()
        for instrument in [InstrumentID.who5, .briefInspireO] {
            for period in ReportPeriod.allCases {
                for by in ReportGrouping.allCases {
                    for (minCell, from, to) in [(1, nil, nil), (3, "2025-03-01", "2026-02-15"), (5, nil, nil)]
                        as [(Int, String?, String?)]
                    {
                        let request = TrendReportRequest(
                            instrument: instrument, period: period, by: by,
                            from: from.flatMap(CalendarDate.init(iso8601:)),
                            to: to.flatMap(CalendarDate.init(iso8601:)),
                            minCell: minCell, allowSmallCells: true)
                        let actual = try dataset.trendReport(request).cells
                        let expected = Self.recompute(log.entries, request, statistics: &statistics)
                        #expect(actual.map(\.period) == expected.map(\.period))
                        #expect(actual.map(\.group) == expected.map(\.group))
                        #expect(actual.map(\.suppression) == expected.map(\.suppression))
                        #expect(actual.count == expected.count)
                        pairsShown += expected.compactMap(\.figures?.change?.pairedCitizens).reduce(0, +)
                        for (a, e) in zip(actual, expected) {
                            #expect(
                                Self.same(a.figures, e.figures),
                                "\(instrument) \(period) \(by) \(a.period) \(a.group ?? "-")")
                        }
                    }
                }
            }
        }
        // The generated data exercises the change figures and every rule, not only empty or shown cells.
        #expect(pairsShown > 0)
        #expect(statistics.primary > 0)
        #expect(statistics.complementary > 0)
        #expect(statistics.changeByPairs > 0)
        #expect(statistics.changeComplementary > 0)
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func splittingTheCitizensOverWorkersChangesNothing(seed: UInt64) throws {
        let log = Self.randomLog(seed: seed)
        let requests = [InstrumentID.who5, .briefInspireO].flatMap { instrument in
            ReportGrouping.allCases.map { by in
                TrendReportRequest(instrument: instrument, period: .quarter, by: by, minCell: 1, allowSmallCells: true)
            }
        }
        let single = try log.dataset()
        let expected = try requests.map { try single.trendReport($0, workers: 1) }
        for workers in [2, 3, 7] {
            // A fresh dataset, so its trend indexes are built with this many workers too.
            let dataset = try log.dataset()
            #expect(try requests.map { try dataset.trendReport($0, workers: workers) } == expected)
        }
    }

    @Test func aReportAfterMoreEntriesSeesThemAndACopyKeepsItsOwn() throws {
        let log = Self.randomLog(seed: 9)
        let half = log.entries.count / 2
        var dataset = try ResponseDataset(catalog: .builtIn)
        for entry in log.entries[..<half] { try dataset.apply(entry) }
        let request = TrendReportRequest(
            instrument: .who5, period: .quarter, by: .unit, minCell: 1, allowSmallCells: true)
        let before = try dataset.trendReport(request)
        let copy = dataset
        for entry in log.entries[half...] { try dataset.apply(entry) }
        #expect(try dataset.trendReport(request) == log.dataset().trendReport(request))
        #expect(try copy.trendReport(request) == before)
        #expect(before != (try dataset.trendReport(request)))
    }
}
