import Foundation
import SporInstruments
import Testing

/// The hand-written JSON of a scored response is byte for byte what `JSONEncoder` with sorted keys writes.
@Suite struct ScoredResponseJSONTests {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    @Test func everyShapeIsWrittenAsTheEncoderWritesIt() throws {
        let modes: [AdministrationMode?] = [nil, .`self`, .withStaff, .paper]
        var checked = 0
        for instrument in [InstrumentID.who5, .briefInspireO] {
            let definition = try #require(InstrumentCatalog.builtIn[instrument])
            let answerSets: [[Int?]] = [
                definition.items.map { _ in definition.maxValue }, definition.items.map { _ in definition.minValue },
                definition.items.indices.map { $0 == 1 ? nil : 1 }, definition.items.map { _ in nil },
            ]
            for (index, answers) in answerSets.enumerated() {
                for mode in modes {
                    let response = Response(
                        id: UUID(), citizen: CitizenID(rawValue: "c-\(index)")!, instrument: instrument,
                        administeredAt: CalendarDate(year: 2026, month: 2, day: 28)!, answers: answers,
                        unit: mode == nil ? nil : Label(rawValue: "bostotte-nord"),
                        intervention: mode == .paper ? nil : Label(rawValue: "SEL85"), mode: mode)
                    let scored = try #require(ScoredResponse(response, definitionVersion: definition.version))
                    let expected = try Self.encoder.encode(scored)
                    #expect(String(decoding: scored.json, as: UTF8.self) == String(decoding: expected, as: UTF8.self))
                    checked += 1
                }
            }
        }
        #expect(checked == 32)
    }
}
