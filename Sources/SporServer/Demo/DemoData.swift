public import Foundation
public import Logging
public import SporApplication
public import SporInstruments

/// A small generated data set for `spor serve --demo`: citizens in two units with WHO-5 and Brief INSPIRE-O
/// responses over the last year, and one token per role.
public enum DemoData {
    /// The units the demo citizens are seen in; the demo staff token works in the first.
    public static let units = ["bostotte-nord", "bostotte-syd"]

    /// What ``populate(folder:logger:today:)`` made: a token per role and a citizen the staff token may read.
    public struct Summary: Sendable {
        public var tokens: [(role: Role, token: String)]
        public var citizen: CitizenID
        public var responses: Int
    }

    /// Fills an empty data folder. Throws ``DemoError`` when the folder exists and is not empty.
    public static func populate(folder: URL, logger: Logger, today: CalendarDate = .today()) async throws -> Summary {
        guard (try? FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty) ?? true else {
            throw DemoError()
        }
        var generator = SplitMix(seed: 20_260_314)
        var responses: [ResponseDraft] = []
        let catalog = InstrumentCatalog.builtIn
        for number in 1...24 {
            let citizen = CitizenID(rawValue: String(format: "demo-%02d", number))!
            let unit = Label(rawValue: units[number % units.count])!
            let intervention = Label(rawValue: ["SEL85", "SEL107", "SEL108"][number % 3])!
            var level = Int.random(in: 1...3, using: &generator)
            for visit in 0..<4 {
                let date = CalendarDate(
                    daysSinceEpoch: today.daysSinceEpoch - 360 + visit * 110 + Int.random(in: 0...20, using: &generator)
                )
                for definition in [catalog.who5, catalog.briefInspireO] {
                    let answers: [Int?] = definition.items.map { _ in
                        min(
                            definition.maxValue,
                            max(definition.minValue, level + Int.random(in: -1...1, using: &generator)))
                    }
                    responses.append(
                        ResponseDraft(
                            id: nil, citizen: .id(citizen), instrument: definition.id, administeredAt: date,
                            answers: answers,
                            unit: unit, intervention: intervention, mode: .withStaff))
                }
                level = min(4, level + Int.random(in: 0...1, using: &generator))
            }
        }
        let data = try DataFolder(url: folder, mode: .writing, logger: logger)
        let spor = UseCases(folder: data, today: { today })
        let caller = Caller.cli()
        do {
            _ = try await spor.recordBatch(responses, by: caller)
        } catch {
            await data.close()
            throw error
        }
        await data.close()
        var made: [(Role, String)] = []
        for role in Role.allCases {
            let units = role == .staff ? [Label(rawValue: units[0])!] : []
            made.append(
                (
                    role,
                    try await spor.createToken(name: "demo-\(role.rawValue)", role: role, units: units, by: caller)
                        .token
                ))
        }
        return Summary(tokens: made, citizen: CitizenID(rawValue: "demo-02")!, responses: responses.count)
    }

    /// The folder is not empty.
    public struct DemoError: Error, CustomStringConvertible {
        public var description: String { "--demo needs an empty or new data folder" }
    }

    /// A small seeded generator, so every demo folder looks alike.
    private struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }
}
