import Foundation
import SporInstruments
import SporLog
import Testing

@testable import SporReports

/// The attention list kept as entries are applied equals the list computed from every response, after every step
/// of a long random sequence of recordings, corrections (of answers, date, unit and citizen) and retractions.
@Suite struct AttentionKeeperPropertyTests {
    /// A small seeded generator (SplitMix64), so a failure can be replayed.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let units = ["nord", "syd", "vest", "oest"].map { Label(rawValue: $0)! }
    static let author = Author.token(name: AuthorName(rawValue: "staff")!, role: AuthorName(rawValue: "staff")!)
    static let start = CalendarDate(year: 2025, month: 1, day: 1)!.daysSinceEpoch

    static func response(id: UUID, _ random: inout Generator) -> Response {
        let instrument: InstrumentID = Bool.random(using: &random) ? .who5 : .briefInspireO
        let definition = InstrumentCatalog.builtIn[instrument]!
        let low = Int.random(in: 0...3, using: &random) == 0
        let values = low ? definition.minValue...(definition.minValue + 2) : definition.minValue...definition.maxValue
        let answers: [Int?] = definition.items.map { _ in
            Int.random(in: 0..<40, using: &random) == 0 ? nil : Int.random(in: values, using: &random)
        }
        return Response(
            id: id, citizen: CitizenID(rawValue: "c-\(Int.random(in: 0..<25, using: &random))")!,
            instrument: instrument,
            administeredAt: CalendarDate(daysSinceEpoch: start + Int.random(in: 0..<400, using: &random)),
            answers: answers,
            unit: Int.random(in: 0..<6, using: &random) < 5 ? units.randomElement(using: &random) : nil)
    }

    /// The scope of two units is kept on its own from the start (before either unit is seen); the scope of all
    /// four is merged from the per-unit keys as it is asked for.
    @Test(arguments: [UInt64(1), 2, 3])
    func theKeptListEqualsTheComputedOneAfterEveryStep(seed: UInt64) throws {
        var random = Generator(state: seed)
        var dataset = try ResponseDataset(catalog: .builtIn)
        dataset.keepAttentionList()
        let pair = ResponseScope.units([Self.units[0], Self.units[1]])
        dataset.keepAttention(
            try #require(dataset.attentionScopeKeeper(units: [Self.units[0], Self.units[1]])), refreshing: [])
        var live: [UUID] = []
        var sequence: UInt64 = 0
        let scopes: [ResponseScope] = [
            .all, .units([Self.units[0]]), .units([Self.units[0], Self.units[1]]),
            .units(Set(Self.units)), .units([Label(rawValue: "unknown")!]),
        ]
        for step in 0..<2_000 {
            let event: LogEvent
            switch Int.random(in: 0..<10, using: &random) {
            case 0..<6,
                _ where live.isEmpty:
                let response = Self.response(id: UUID(), &random)
                live.append(response.id)
                event = .responseRecorded(response, definitionVersion: "1")
            case 6..<9:
                var response = Self.response(id: live.randomElement(using: &random)!, &random)
                // A correction keeps the instrument of the response it corrects.
                let instrument = dataset.stored(response.id)!.response.instrument
                if response.instrument != instrument {
                    response = Response(
                        id: response.id, citizen: response.citizen, instrument: instrument,
                        administeredAt: response.administeredAt,
                        answers: Array(repeating: 2, count: InstrumentCatalog.builtIn[instrument]!.items.count),
                        unit: response.unit)
                }
                event = .responseCorrected(response, definitionVersion: "1", reason: "typo")
            default:
                let id = live.remove(at: Int.random(in: 0..<live.count, using: &random))
                event = .responseRetracted(id: id, reason: "entered in error")
            }
            try dataset.apply(LogEntry(sequence: sequence, recordedAtMillis: 0, event: event, author: Self.author))
            sequence += 1
            let asOf = CalendarDate(daysSinceEpoch: Self.start + Int.random(in: 0..<700, using: &random))
            let silence = [30, 120, 365].randomElement(using: &random)!
            for scope in scopes {
                for limit in [nil, 3] as [Int?] {
                    let kept = dataset.attentionList(scope: scope, asOf: asOf, silenceDays: silence, limit: limit)
                    let computed = dataset.computedAttentionList(
                        scope: scope, asOf: asOf, silenceDays: silence, limit: limit)
                    #expect(kept == computed, "step \(step), scope \(scope), limit \(String(describing: limit))")
                    if kept != computed { return }
                }
            }
        }
        #expect(dataset.count > 1_000)
        #expect(dataset.keepsAttention(for: pair))
        #expect(!dataset.keepsAttention(for: .units(Set(Self.units))))
    }

    @Test func aListKeptFromALoadedDatasetEqualsTheComputedOne() throws {
        var random = Generator(state: 99)
        var dataset = try ResponseDataset(catalog: .builtIn)
        for sequence in 0..<500 {
            let event = LogEvent.responseRecorded(Self.response(id: UUID(), &random), definitionVersion: "1")
            try dataset.apply(
                LogEntry(sequence: UInt64(sequence), recordedAtMillis: 0, event: event, author: Self.author))
        }
        let asOf = CalendarDate(daysSinceEpoch: Self.start + 300)
        let computed = dataset.attentionList(scope: .units([Self.units[2]]), asOf: asOf, limit: 10)
        dataset.keepAttentionList()
        #expect(dataset.attention != nil)
        #expect(dataset.attentionList(scope: .units([Self.units[2]]), asOf: asOf, limit: 10) == computed)
        #expect(computed.total > 0)
    }

    /// A list built from one state and kept only later, after more entries (as the daemon builds it in the
    /// background while writes go on), equals the computed one once the responses applied meanwhile are refreshed.
    @Test func aListBuiltBeforeLaterEntriesIsBroughtUpToDate() throws {
        var random = Generator(state: 7)
        var dataset = try ResponseDataset(catalog: .builtIn)
        var ids: [UUID] = []
        var sequence: UInt64 = 0
        func apply(_ event: LogEvent) throws {
            try dataset.apply(LogEntry(sequence: sequence, recordedAtMillis: 0, event: event, author: Self.author))
            sequence += 1
        }
        for _ in 0..<300 {
            let response = Self.response(id: UUID(), &random)
            ids.append(response.id)
            try apply(.responseRecorded(response, definitionVersion: "1"))
        }
        let keeper = dataset.attentionKeeper()
        var touched: [UUID] = []
        // The scope of several units is built from the list as it is now, and kept once the main list is.
        var early = dataset
        early.keepAttentionList()
        let scoped = try #require(early.attentionScopeKeeper(units: [Self.units[1], Self.units[3]]))
        for index in 0..<60 {
            var response = Self.response(id: ids[index * 3], &random)
            let stored = dataset.stored(response.id)!.response
            response.instrument = stored.instrument
            response.answers = stored.answers
            try apply(.responseCorrected(response, definitionVersion: "1", reason: "moved"))
            touched.append(response.id)
            if index % 4 == 0 {
                try apply(.responseRetracted(id: ids[index * 3 + 1], reason: "entered in error"))
                touched.append(ids[index * 3 + 1])
            }
            let new = Self.response(id: UUID(), &random)
            try apply(.responseRecorded(new, definitionVersion: "1"))
            touched.append(new.id)
        }
        dataset.keepAttentionList(keeper, refreshing: touched)
        dataset.keepAttention(scoped, refreshing: touched)
        #expect(dataset.keepsAttention(for: .units([Self.units[1], Self.units[3]])))
        let asOf = CalendarDate(daysSinceEpoch: Self.start + 200)
        for scope in [ResponseScope.all, .units([Self.units[1]]), .units([Self.units[1], Self.units[3]])] {
            #expect(
                dataset.attentionList(scope: scope, asOf: asOf, silenceDays: 90)
                    == dataset.computedAttentionList(scope: scope, asOf: asOf, silenceDays: 90, limit: nil))
        }
    }
}
