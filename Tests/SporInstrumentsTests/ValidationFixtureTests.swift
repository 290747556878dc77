import SporInstruments
import SporTesting
import Testing

/// One case of `Fixtures/scoring/validation.json`.
struct ValidationCase: Sendable, CustomTestStringConvertible {
    let name: String
    let input: String
    let errors: [(field: String, rule: String)]
    var testDescription: String { name }

    static let today = CalendarDate(year: 2026, month: 11, day: 23)!

    static func all() throws -> [ValidationCase] {
        try loadFixture("scoring/validation.json")["cases"]!.arrayValue!.map { item in
            ValidationCase(
                name: item["name"]!.stringValue!,
                input: item["inputText"]?.stringValue ?? item["input"]!.jsonText,
                errors: item["errors"]!.arrayValue!.map { ($0["field"]!.stringValue!, $0["rule"]!.stringValue!) })
        }
    }
}

@Suite("Validation fixtures")
struct ValidationFixtureTests {
    let validator = ResponseValidator(today: ValidationCase.today)

    @Test("every validation fixture", arguments: try ValidationCase.all())
    func validationMatchesFixture(_ fixture: ValidationCase) {
        do {
            let draft = try validator.validate(json: Array(fixture.input.utf8))
            #expect(fixture.errors.isEmpty, "accepted, but expected \(fixture.errors)")
            #expect(draft.answers.count == InstrumentCatalog.builtIn[draft.instrument]?.items.count)
        } catch {
            let got = error.errors.map { "\($0.field) \($0.rule.rawValue)" }
            #expect(got == fixture.errors.map { "\($0.field) \($0.rule)" })
            for fieldError in error.errors {
                #expect(
                    fieldError.message.contains(fieldError.field == "$" ? "JSON" : fieldError.field)
                        || fieldError.field == "$")
            }
        }
    }

    @Test("error messages never repeat a CPR number or the answers given")
    func messagesDoNotEchoValues() throws {
        let inputs = [
            #"{"cpr":"310270-1234","instrument":"who5","administeredAt":"2026-03-14","answers":[3,4,2,3,1]}"#,
            #"{"cpr":"3102701234","citizen":"c-1","instrument":"who5","administeredAt":"2026-03-14","answers":[3,4,2,3,1]}"#,
            #"{"citizen":"310270-1234","instrument":"who5","administeredAt":"2026-03-14","answers":[3,4,2,3,1]}"#,
            #"{"citizen":"c-1","instrument":"who5","administeredAt":"2026-03-14","answers":[37,41,29,"secret",1]}"#,
        ]
        for input in inputs {
            let failure = try #require(throws: ValidationFailure.self) {
                try validator.validate(json: Array(input.utf8))
            }
            let text = failure.description
            for needle in ["3102", "1234", "37", "41", "29", "secret"] {
                #expect(!text.contains(needle), "message leaks \(needle)")
            }
        }
    }

    @Test("a CPR number is kept as a CPR number and never describes itself")
    func cprIsRedacted() throws {
        let draft = try validator.validate(
            json: Array(
                #"{"cpr":"010170-1234","instrument":"who5","administeredAt":"2026-03-14","answers":[3,4,2,3,1]}"#.utf8))
        guard case .cpr(let cpr) = draft.citizen else {
            Issue.record("expected a CPR citizen")
            return
        }
        #expect(cpr.digits == "0101701234")
        #expect(cpr.birthDate == CalendarDate(year: 1970, month: 1, day: 1))
        for text in ["\(cpr)", String(describing: cpr), String(reflecting: cpr), "\(draft)"] {
            #expect(!text.contains("0101") && !text.contains("1234"), "leaked in \(text)")
        }
    }
}
