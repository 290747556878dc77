import SporInstruments
import SporTesting
import Testing

/// One case of `Fixtures/scoring/change.json`.
struct ChangeCase: Sendable, CustomTestStringConvertible {
    let name: String
    let instrument: InstrumentID
    let fixture: JSONValue
    var testDescription: String { name }

    static func all() throws -> [ChangeCase] {
        try loadFixture("scoring/change.json")["cases"]!.arrayValue!.map { item in
            ChangeCase(
                name: item["name"]!.stringValue!, instrument: InstrumentID(item["instrument"]!.stringValue!),
                fixture: item)
        }
    }
}

@Suite("Change fixtures")
struct ChangeFixtureTests {
    @Test("every change fixture", arguments: try ChangeCase.all())
    func changeMatchesFixture(_ fixture: ChangeCase) throws {
        let definition = try #require(InstrumentCatalog.builtIn[fixture.instrument])
        let change: Change
        if let earlier = fixture.fixture["earlierAnswers"]?.arrayValue,
            let later = fixture.fixture["laterAnswers"]?.arrayValue
        {
            change = try #require(
                definition.change(
                    from: definition.score(earlier.map(\.intValue)), to: definition.score(later.map(\.intValue))))
        } else {
            change = definition.change(
                from: try #require(fixture.fixture["earlierScore"]?.intValue),
                to: try #require(fixture.fixture["laterScore"]?.intValue),
                earlierFlagged: fixture.fixture["earlierFlagged"] == .bool(true),
                laterFlagged: fixture.fixture["laterFlagged"] == .bool(true))
        }
        let expect = try #require(fixture.fixture["expect"])
        #expect(change.delta == expect["delta"]?.intValue)
        #expect(change.direction.rawValue == expect["direction"]?.stringValue)
        #expect(change.crossedCutoff == (expect["crossedCutoff"] == .bool(true)))
    }

    @Test("no change is computed when either response is incomplete")
    func incompleteHasNoChange() {
        let who5 = InstrumentCatalog.builtIn.who5
        #expect(who5.change(from: who5.score([3, 3, 3, 3, nil]), to: who5.score([3, 3, 3, 3, 3])) == nil)
        #expect(who5.change(from: who5.score([3, 3, 3, 3, 3]), to: who5.score([nil, 3, 3, 3, 3])) == nil)
    }
}
