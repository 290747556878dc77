import SporInstruments
import SporTesting
import Testing

@testable import SporApplication

/// The import fast paths judge the CPR rule exactly as the validator does: on generated CPR shapes and near misses
/// in `citizen`, `unit` and `intervention`, a plain CSV or JSON Lines line is taken by the fast path exactly when the
/// validator accepts the same fields, and every line holding a CPR shape is left to the general path, which refuses
/// it with the rule `cpr`.
@Suite struct ImportFastPathCPRTests {
    static let validator = ResponseValidator(today: CalendarDate(year: 2026, month: 11, day: 23)!)
    static let fields = ["citizen", "unit", "intervention"]

    /// Lines with one generated text in one of the three fields: a CPR shape or a near miss, alternately.
    static func cases(count: Int) -> [(field: String, text: String, isShape: Bool)] {
        var shapes = CPRShapeGenerator(seed: 801, alphabet: .label)
        return (0..<count).map { number in
            let isShape = number % 2 == 0
            return (fields[number % 3], isShape ? shapes.shape().text : shapes.nearMiss(), isShape)
        }
    }

    /// What the validator makes of the fields: accepted, or refused with these rules.
    static func validated(_ values: [String: String]) -> Result<ResponseDraft, ValidationFailure> {
        var raw = RawResponse()
        for (name, value) in values.sorted(by: { $0.key < $1.key }) { raw.set(name, .string(value)) }
        raw.set("instrument", .string("who5"))
        raw.set("administeredAt", .string("2026-03-14"))
        raw.set("answers", .array([3, 4, 2, 3, 1].map(JSONValue.integer)))
        do {
            return .success(try validator.validate(raw))
        } catch {
            return .failure(error)
        }
    }

    static func values(_ field: String, _ text: String) -> [String: String] {
        var values = ["citizen": "c-1", "unit": "bostotte-nord", "intervention": "SEL85"]
        values[field] = text
        return values
    }

    @Test("CSV: the fast path takes a line exactly when the validator accepts it, never one with a CPR shape")
    func csv() {
        let columns: [(name: String, item: Int?)] =
            ["citizen", "unit", "intervention", "instrument", "administeredAt"].map { ($0, nil) }
            + (1...5).map { (number: Int) in ("item\(number)", number) }
        let fastPath = CSVFastPath(columns: columns, itemCount: 5, validator: Self.validator)
        // One for all the lines, as for a stretch of a file: a label taken before never lets another through.
        var recent = ResponseFastPath.Recent()
        for (field, text, isShape) in Self.cases(count: 4_000) {
            let values = Self.values(field, text)
            let line = "\(values["citizen"]!),\(values["unit"]!),\(values["intervention"]!),who5,2026-03-14,3,4,2,3,1"
            let taken = Array(line.utf8).withUnsafeBytes { fastPath.response($0, row: 0, recent: &recent) }
            let validated = Self.validated(values)
            if isShape {
                #expect(taken == nil)
                #expect(Self.rules(validated) == ["\(field):cpr"])
            }
            #expect((taken != nil) == Self.rules(validated).isEmpty, "fast path and validator disagree on a \(field)")
            if let taken, case .success(let draft) = validated {
                #expect(taken.0.unit == draft.unit && taken.0.intervention == draft.intervention)
            }
        }
    }

    @Test("JSON Lines: the fast path takes a line exactly when the validator accepts it, never one with a CPR shape")
    func jsonLines() {
        let fastPath = JSONLFastPath(validator: Self.validator)
        var recent = ResponseFastPath.Recent()
        for (field, text, isShape) in Self.cases(count: 4_000) {
            let values = Self.values(field, text)
            let members = values.sorted { $0.key < $1.key }.map {
                "\(JSONWriter.quoted($0.key)):\(JSONWriter.quoted($0.value))"
            }
            let line =
                "{" + members.joined(separator: ",")
                + #","instrument":"who5","administeredAt":"2026-03-14","answers":[3,4,2,3,1]}"#
            let taken = Array(line.utf8).withUnsafeBytes { fastPath.response($0, row: 0, recent: &recent) }
            let validated = Self.validated(values)
            if isShape {
                #expect(taken == nil)
                #expect(Self.rules(validated) == ["\(field):cpr"])
            }
            #expect((taken != nil) == Self.rules(validated).isEmpty, "fast path and validator disagree on a \(field)")
        }
    }

    static func rules(_ result: Result<ResponseDraft, ValidationFailure>) -> [String] {
        guard case .failure(let failure) = result else { return [] }
        return failure.errors.map { "\($0.field):\($0.rule.rawValue)" }
    }
}
