import SporInstruments
import SporTesting
import Testing

/// One case of `Fixtures/scoring/scores.json`.
struct ScoringCase: Sendable, CustomTestStringConvertible {
    let name: String
    let instrument: InstrumentID
    let answers: [Int?]
    let expect: JSONValue
    var testDescription: String { name }

    static func all() throws -> [ScoringCase] {
        try loadFixture("scoring/scores.json")["cases"]!.arrayValue!.map { item in
            ScoringCase(
                name: item["name"]!.stringValue!,
                instrument: InstrumentID(item["instrument"]!.stringValue!),
                answers: item["answers"]!.arrayValue!.map(\.intValue),
                expect: item["expect"]!)
        }
    }
}

@Suite("Scoring fixtures")
struct ScoringFixtureTests {
    @Test("every scoring fixture", arguments: try ScoringCase.all())
    func scoreMatchesFixture(_ fixture: ScoringCase) throws {
        let definition = try #require(InstrumentCatalog.builtIn[fixture.instrument])
        let score = definition.score(fixture.answers)
        #expect(score.complete == (fixture.expect["complete"] == .bool(true)))
        #expect(score.raw == fixture.expect["raw"]?.intValue)
        #expect(score.score == fixture.expect["score"]?.intValue)
        #expect(
            score.flags.map(\.rawValue).sorted()
                == fixture.expect["flags"]!.arrayValue!.compactMap(\.stringValue).sorted())
        if case .object(let chime)? = fixture.expect["chime"] {
            #expect(score.profile.map(\.domain) == chime.map(\.key))
            #expect(score.profile.map(\.value) == chime.map(\.value.intValue))
        } else {
            #expect(score.profile.isEmpty)
        }
    }

    @Test("the fixtures cover at least 80 cases across scoring, validation and change")
    func fixtureCount() throws {
        let total = try ScoringCase.all().count + ValidationCase.all().count + ChangeCase.all().count
        #expect(total >= 80)
    }

    @Test("scored JSON has the shape of docs/data-contract.md, with nulls for an incomplete response")
    func scoreJSON() throws {
        let complete = try JSONParser.parse(encodeJSON(InstrumentCatalog.builtIn.who5.score([3, 4, 2, 3, 1])))
        #expect(complete["raw"] == .integer(13))
        #expect(complete["score"] == .integer(52))
        #expect(complete["complete"] == .bool(true))
        #expect(complete["flags"] == .array([.string("itemAtFloor")]))
        #expect(complete["chime"] == nil)

        let incomplete = try JSONParser.parse(
            encodeJSON(InstrumentCatalog.builtIn.briefInspireO.score([3, nil, 2, 3, 1])))
        #expect(incomplete["raw"] == .null)
        #expect(incomplete["score"] == .null)
        #expect(incomplete["complete"] == .bool(false))
        #expect(incomplete["answers"] == .array([.integer(3), .null, .integer(2), .integer(3), .integer(1)]))
        #expect(incomplete["chime"]?["hope"] == .null)
        #expect(incomplete["chime"]?["connectedness"] == .integer(3))
    }
}
