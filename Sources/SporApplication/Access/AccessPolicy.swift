public import SporInstruments
import SporReports

/// Who may do what, in one table: role × action → scope. Every use case asks it; no adapter decides access.
/// The same table stands in `docs/access.md`, and a test drives it through the use cases, the API and the web
/// pages alike.
///
/// | action | staff | caseworker | strategic | admin (and the CLI) |
/// | --- | --- | --- | --- | --- |
/// | record, correct, retract a response | own units | — | — | all |
/// | read a citizen (trajectory, summary, result, history, change forms, FHIR export) | own units | all | — | all |
/// | resolve a CPR number to the pseudonymous id | all | all | — | all |
/// | attention list | own units | all | — | all |
/// | live trend report | — | all | — | all |
/// | released trend report | — | all | all | all |
/// | make a release | — | — | — | all |
/// | tokens, audit listing, verify, log dump | — | — | — | all |
/// | read the server's metrics (`/metrics`) | — | — | — | all |
///
/// "Own units": staff see only the responses recorded in their own units. A citizen with none there, or a response
/// of another unit, answers exactly as an unknown one, and everything shown is computed from the visible responses
/// alone, so recording a response never widens what a token can read.
public enum AccessPolicy {
    /// What a use case does, as far as access is concerned.
    public enum Action: String, CaseIterable, Hashable, Sendable {
        case record, correct, retract
        case readCitizen
        case resolveCPR
        case attentionList
        case liveReport
        case releasedReport
        case makeRelease
        case manageTokens
        case readAuditTrail
        case verifyLog
        case dumpLog
        case readMetrics
    }

    /// How far a role reaches for an action.
    public enum Scope: Hashable, Sendable {
        /// Not at all: refused whatever the data.
        case none
        /// Only responses recorded in the caller's units.
        case ownUnits
        /// Every response.
        case all
    }

    /// The table.
    public static func scope(of role: Role, for action: Action) -> Scope {
        switch (role, action) {
        case (.admin, _): .all
        case (.staff, .record), (.staff, .correct), (.staff, .retract), (.staff, .readCitizen),
            (.staff, .attentionList):
            .ownUnits
        case (.staff, .resolveCPR): .all
        case (.caseworker, .readCitizen), (.caseworker, .resolveCPR), (.caseworker, .attentionList),
            (.caseworker, .liveReport), (.caseworker, .releasedReport):
            .all
        case (.strategic, .releasedReport): .all
        default: .none
        }
    }

    /// The responses `caller` may see for `action`.
    /// - Throws: ``UseCaseError`` `forbidden` when the caller's role may not do it at all.
    static func responses(_ caller: Caller, _ action: Action) throws -> ResponseScope {
        switch scope(of: caller.role, for: action) {
        case .none: throw UseCaseError(.forbidden, "The \(caller.role.rawValue) role may not \(action.phrase).")
        case .ownUnits: return .units(caller.identity.units)
        case .all: return .all
        }
    }
}

extension AccessPolicy.Action {
    /// The action in words, for a refusal.
    var phrase: String {
        switch self {
        case .record: "record responses"
        case .correct: "correct responses"
        case .retract: "retract responses"
        case .readCitizen: "read individual citizens"
        case .resolveCPR: "resolve CPR numbers"
        case .attentionList: "read the attention list"
        case .liveReport: "read live reports"
        case .releasedReport: "read reports"
        case .makeRelease: "make report releases"
        case .manageTokens: "manage tokens"
        case .readAuditTrail: "read the audit trail"
        case .verifyLog: "verify the log"
        case .dumpLog: "dump the log"
        case .readMetrics: "read the server's metrics"
        }
    }
}

extension ResponseScope {
    /// Whether a response recorded in `unit` is in scope.
    func contains(unit: Label?) -> Bool {
        switch self {
        case .all: true
        case .units(let units): unit.map(units.contains) ?? false
        }
    }
}

extension UseCases {
    /// Refuses with `forbidden` unless the caller's role may do `action` at all: for a form page that shows no
    /// data yet (a new-response form, the find-a-citizen form).
    public func require(_ action: AccessPolicy.Action, by caller: Caller) throws {
        _ = try AccessPolicy.responses(caller, action)
    }

    /// Whether the caller's role may do `action` at all, for showing or hiding a link.
    public func permits(_ action: AccessPolicy.Action, by caller: Caller) -> Bool {
        AccessPolicy.scope(of: caller.role, for: action) != .none
    }
}

extension UseCases {
    /// The units the caller is limited to for `action`, or `nil` when it is not limited to units (a form offers
    /// these units to choose from).
    public func units(for action: AccessPolicy.Action, by caller: Caller) -> [Label]? {
        AccessPolicy.scope(of: caller.role, for: action) == .ownUnits ? caller.identity.units.sorted() : nil
    }
}
