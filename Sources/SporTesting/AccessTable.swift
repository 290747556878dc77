public import Foundation
public import SporInstruments

/// The access policy of docs/access.md as one table of expected outcomes: role × action × target. The use-case
/// tests, the JSON API tests and the web page tests all drive this one table, so the three ways in are held to the
/// same answers.
///
/// The data a driver sets up: citizen ``ownCitizen`` with responses recorded in ``ownUnit`` (the unit of the
/// `staff` token), citizen ``otherCitizen`` with responses recorded in ``otherUnit`` only (the unit of the
/// `staff-syd` token), and ids that were never stored. "Own" and "other" are seen from the `staff` token; for
/// ``Role/staffOfAnotherUnit`` they are the other way round.
public enum AccessTable {
    public static let ownUnit = "bostotte-nord"
    public static let otherUnit = "bostotte-syd"
    public static let ownCitizen = "c-nord"
    public static let otherCitizen = "c-syd"
    public static let unknownCitizen = "c-unknown"
    /// CPR numbers recorded in ``ownUnit``, in ``otherUnit``, and never recorded.
    public static let ownCPR = "010190-1234"
    public static let otherCPR = "020290-2345"
    public static let unknownCPR = "030390-3456"
    /// The date every seeded and recorded response carries (before the fixtures' "today", 2026-06-30).
    public static let date = "2026-03-14"
    /// The `since` of a summary.
    public static let since = "2026-01-01"

    /// The answers every seeded and recorded response carries.
    public static let answers = [3, 4, 2, 3, 1]

    /// A WHO-5 response as given, by citizen id or CPR number: what every driver seeds and records.
    public static func response(
        id: UUID = UUID(), citizen: String? = nil, cpr: String? = nil, unit: String
    ) -> RawResponse {
        var raw = RawResponse()
        raw.set("id", .string(id.uuidString.lowercased()))
        if let citizen { raw.set("citizen", .string(citizen)) }
        if let cpr { raw.set("cpr", .string(cpr)) }
        raw.set("instrument", .string("who5"))
        raw.set("administeredAt", .string(date))
        raw.set("answers", .array(answers.map { JSONValue.integer($0) }))
        raw.set("unit", .string(unit))
        return raw
    }

    /// Who asks: the token names of the server fixture.
    public enum Role: String, CaseIterable, Sendable {
        /// Staff of ``ownUnit``.
        case staff
        /// Staff of ``otherUnit``.
        case staffOfAnotherUnit = "staff-syd"
        case caseworker, strategic, admin

        /// The role the token has.
        public var role: String { self == .staffOfAnotherUnit ? "staff" : rawValue }
        /// The units of the token.
        public var units: [String] {
            switch self {
            case .staff: [AccessTable.ownUnit]
            case .staffOfAnotherUnit: [AccessTable.otherUnit]
            default: []
            }
        }
    }

    /// What is asked.
    public enum Action: String, CaseIterable, Sendable {
        /// Record a response for the target citizen in the target's unit (an unknown citizen: in ``ownUnit``).
        case record
        /// Correct, retract a fresh response recorded in the target's unit (unknown: an id never stored).
        case correct, retract
        /// Read the target citizen's trajectory, follow-up summary.
        case trajectory, summary
        /// Read one response's result (the web result page; the API has no route for it).
        case result
        /// Resolve the target's CPR number.
        case resolveCPR
        /// The attention list and the live trend report: the target plays no part.
        case attentionList, trendReport
    }

    /// Whose data is asked about.
    public enum Target: String, CaseIterable, Sendable {
        case ownUnit, otherUnit, unknown

        public var citizen: String {
            switch self {
            case .ownUnit: AccessTable.ownCitizen
            case .otherUnit: AccessTable.otherCitizen
            case .unknown: AccessTable.unknownCitizen
            }
        }

        public var cpr: String {
            switch self {
            case .ownUnit: AccessTable.ownCPR
            case .otherUnit: AccessTable.otherCPR
            case .unknown: AccessTable.unknownCPR
            }
        }

        /// The unit a response of the target is recorded in (a new citizen is recorded in ``AccessTable/ownUnit``).
        public var unit: String { self == .otherUnit ? AccessTable.otherUnit : AccessTable.ownUnit }
    }

    /// The class of answer: a use case returns or throws `forbidden`, `notFound`, `invalid`; HTTP says 2xx or 303,
    /// 403, 404, 422.
    public enum Outcome: String, Sendable {
        case ok, forbidden, notFound, invalid

        /// The outcome of an HTTP status, or `nil` for a status outside the table (401, 409, 500 …).
        public init?(status: Int) {
            switch status {
            case 200..<300, 303: self = .ok
            case 403: self = .forbidden
            case 404: self = .notFound
            case 422: self = .invalid
            default: return nil
            }
        }
    }

    /// One cell of the table.
    public struct Case: Hashable, Sendable, CustomStringConvertible {
        public var role: Role
        public var action: Action
        public var target: Target
        public var expected: Outcome

        public var description: String { "\(role.rawValue) \(action.rawValue) \(target.rawValue)" }
    }

    /// The table, one row per action and role: the outcomes for the own-unit, other-unit and unknown target.
    static let rows: [(Action, Role, own: Outcome, other: Outcome, unknown: Outcome)] = [
        // Staff record only in their own units (422 on `unit` otherwise); a new citizen starts with the response.
        (.record, .staff, .ok, .invalid, .ok),
        (.record, .staffOfAnotherUnit, .invalid, .ok, .invalid),
        (.record, .caseworker, .forbidden, .forbidden, .forbidden),
        (.record, .strategic, .forbidden, .forbidden, .forbidden),
        (.record, .admin, .ok, .ok, .ok),
        // Another unit's response answers exactly as an unknown one.
        (.correct, .staff, .ok, .notFound, .notFound),
        (.correct, .staffOfAnotherUnit, .notFound, .ok, .notFound),
        (.correct, .caseworker, .forbidden, .forbidden, .forbidden),
        (.correct, .strategic, .forbidden, .forbidden, .forbidden),
        (.correct, .admin, .ok, .ok, .notFound),
        (.retract, .staff, .ok, .notFound, .notFound),
        (.retract, .staffOfAnotherUnit, .notFound, .ok, .notFound),
        (.retract, .caseworker, .forbidden, .forbidden, .forbidden),
        (.retract, .strategic, .forbidden, .forbidden, .forbidden),
        (.retract, .admin, .ok, .ok, .notFound),
        // Another unit's citizen answers exactly as an unknown one; the strategic role never reads an individual.
        (.trajectory, .staff, .ok, .notFound, .notFound),
        (.trajectory, .staffOfAnotherUnit, .notFound, .ok, .notFound),
        (.trajectory, .caseworker, .ok, .ok, .notFound),
        (.trajectory, .strategic, .forbidden, .forbidden, .forbidden),
        (.trajectory, .admin, .ok, .ok, .notFound),
        (.summary, .staff, .ok, .notFound, .notFound),
        (.summary, .staffOfAnotherUnit, .notFound, .ok, .notFound),
        (.summary, .caseworker, .ok, .ok, .notFound),
        (.summary, .strategic, .forbidden, .forbidden, .forbidden),
        (.summary, .admin, .ok, .ok, .notFound),
        (.result, .staff, .ok, .notFound, .notFound),
        (.result, .staffOfAnotherUnit, .notFound, .ok, .notFound),
        (.result, .caseworker, .ok, .ok, .notFound),
        (.result, .strategic, .forbidden, .forbidden, .forbidden),
        (.result, .admin, .ok, .ok, .notFound),
        // A CPR number resolves to a keyed hash without looking anything up: it says nothing about any unit.
        (.resolveCPR, .staff, .ok, .ok, .ok),
        (.resolveCPR, .staffOfAnotherUnit, .ok, .ok, .ok),
        (.resolveCPR, .caseworker, .ok, .ok, .ok),
        (.resolveCPR, .strategic, .forbidden, .forbidden, .forbidden),
        (.resolveCPR, .admin, .ok, .ok, .ok),
        // Staff get the list of their own units' citizens.
        (.attentionList, .staff, .ok, .ok, .ok),
        (.attentionList, .staffOfAnotherUnit, .ok, .ok, .ok),
        (.attentionList, .caseworker, .ok, .ok, .ok),
        (.attentionList, .strategic, .forbidden, .forbidden, .forbidden),
        (.attentionList, .admin, .ok, .ok, .ok),
        // The trend report: never staff. (The strategic role reads the report; releases are issue 13.)
        (.trendReport, .staff, .forbidden, .forbidden, .forbidden),
        (.trendReport, .staffOfAnotherUnit, .forbidden, .forbidden, .forbidden),
        (.trendReport, .caseworker, .ok, .ok, .ok),
        (.trendReport, .strategic, .ok, .ok, .ok),
        (.trendReport, .admin, .ok, .ok, .ok),
    ]

    /// Every cell: role × action × target.
    public static let cases: [Case] = rows.flatMap { action, role, own, other, unknown in
        [
            Case(role: role, action: action, target: .ownUnit, expected: own),
            Case(role: role, action: action, target: .otherUnit, expected: other),
            Case(role: role, action: action, target: .unknown, expected: unknown),
        ]
    }

    /// The cells in the table's order, checked complete: every role × action × target exactly once.
    public static var isComplete: Bool {
        Set(cases.map { "\($0.role)|\($0.action)|\($0.target)" }).count == cases.count
            && cases.count == Role.allCases.count * Action.allCases.count * Target.allCases.count
    }

    /// A cell and the outcome a driver got, as one line to compare: `"staff record ownUnit: ok"`; `nil` (a status
    /// outside the table, such as 401, 409 or 500) reads `unmapped`.
    public static func line(_ cell: Case, _ outcome: Outcome?) -> String {
        "\(cell): \(outcome?.rawValue ?? "unmapped")"
    }

    /// The expected lines of the cells `including` keeps, in the table's order.
    public static func expectedLines(including: (Case) -> Bool = { _ in true }) -> [String] {
        cases.filter(including).map { line($0, $0.expected) }
    }

    /// The cells whose outcome differs from the table, `"staff trajectory otherUnit: ok, expected notFound"`; empty
    /// when a driver got every answer of the table. `actual` holds ``line(_:_:)``s of the cells `including` keeps.
    public static func mismatches(_ actual: [String], including: (Case) -> Bool = { _ in true }) -> [String] {
        let expected = expectedLines(including: including)
        guard actual.count == expected.count else {
            return ["\(actual.count) cells driven, expected \(expected.count)"]
        }
        return zip(actual, expected).compactMap { got, wanted in
            got == wanted
                ? nil
                : got + ", expected "
                    + (wanted.split(separator: ":").last.map { $0.trimmingCharacters(in: .whitespaces) } ?? "")
        }
    }
}
