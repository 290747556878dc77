import SporApplication
import SporInstruments
import Testing

/// The access table of docs/access.md, row by row: if either changes, both must.
@Suite struct AccessPolicyTests {
    typealias Action = AccessPolicy.Action

    /// role → scope per action, as docs/access.md states it.
    static let documented:
        [Action: (staff: AccessPolicy.Scope, caseworker: AccessPolicy.Scope, strategic: AccessPolicy.Scope)] = [
            .record: (.ownUnits, .none, .none),
            .correct: (.ownUnits, .none, .none),
            .retract: (.ownUnits, .none, .none),
            .readCitizen: (.ownUnits, .all, .none),
            .resolveCPR: (.all, .all, .none),
            .attentionList: (.ownUnits, .all, .none),
            .liveReport: (.none, .all, .none),
            .releasedReport: (.none, .all, .all),
            .makeRelease: (.none, .none, .none),
            .manageTokens: (.none, .none, .none),
            .readAuditTrail: (.none, .none, .none),
            .verifyLog: (.none, .none, .none),
            .dumpLog: (.none, .none, .none),
            .readMetrics: (.none, .none, .none),
        ]

    @Test(arguments: Action.allCases) func theTableIsTheDocumentedOne(action: Action) throws {
        let row = try #require(Self.documented[action])
        #expect(AccessPolicy.scope(of: .staff, for: action) == row.staff)
        #expect(AccessPolicy.scope(of: .caseworker, for: action) == row.caseworker)
        #expect(AccessPolicy.scope(of: .strategic, for: action) == row.strategic)
        #expect(AccessPolicy.scope(of: .admin, for: action) == .all)
    }
}
