import Foundation
import Logging
import SporApplication
import SporInstruments
import SporReports
import SporTesting
import Testing

/// The access table of `SporTesting.AccessTable`, driven through the use cases directly. The same table is
/// driven through the JSON API and the web pages (SporServerTests/AccessTableHTTPTests.swift).
@Suite struct AccessTableTests {
    @Test func theTableIsComplete() {
        #expect(AccessTable.isComplete)
    }

    @Test func everyRoleActionAndTargetThroughTheUseCases() async throws {
        let folder = try TemporaryFolder(prefix: "spor-access")
        defer { folder.remove() }
        let logger = Logger(label: "spor-test", factory: { _ in SwiftLogNoOpLogHandler() })
        let storage = try DataFolder(url: folder.url, mode: .serving, logger: logger)
        let spor = UseCases(folder: storage, today: { CalendarDate(year: 2026, month: 6, day: 30)! })
        let driver = UseCaseDriver(spor: spor)
        do {
            try await driver.seed()
            var actual: [String] = []
            for cell in AccessTable.cases { actual.append(AccessTable.line(cell, try await driver.outcome(cell))) }
            #expect(AccessTable.mismatches(actual) == [])
        } catch {
            await storage.close()
            throw error
        }
        await storage.close()
    }
}

/// Runs one cell of the access table as a use-case call.
struct UseCaseDriver {
    let spor: UseCases

    static func caller(_ role: AccessTable.Role) -> Caller {
        .token(
            Identity(
                name: role.rawValue, role: Role(rawValue: role.role)!,
                units: Set(role.units.map { Label(rawValue: $0)! })))
    }

    /// The citizens of the own and the other unit, each also by a CPR number.
    func seed() async throws {
        for target in [AccessTable.Target.ownUnit, .otherUnit] {
            _ = try await spor.record(AccessTable.response(citizen: target.citizen, unit: target.unit), by: .cli())
            _ = try await spor.record(AccessTable.response(cpr: target.cpr, unit: target.unit), by: .cli())
        }
    }

    /// A fresh response of the target (recorded by the CLI), or an id never stored.
    func response(of target: AccessTable.Target) async throws -> UUID {
        guard target != .unknown else { return UUID() }
        return try await spor.record(AccessTable.response(citizen: target.citizen, unit: target.unit), by: .cli())
            .stored.response.id
    }

    func outcome(_ cell: AccessTable.Case) async throws -> AccessTable.Outcome? {
        let caller = Self.caller(cell.role)
        let target = cell.target
        let citizen = CitizenID(rawValue: target.citizen)!
        let via = "test access table"
        do {
            switch cell.action {
            case .record:
                // A citizen never seen before stays unknown for the other cells: every recording has its own.
                let name = target == .unknown ? "c-new-\(UUID().uuidString.prefix(8).lowercased())" : target.citizen
                _ = try await spor.record(AccessTable.response(citizen: name, unit: target.unit), by: caller)
            case .correct:
                let id = try await response(of: target)
                _ = try await spor.correct(
                    id, answers: .array([1, 1, 1, 1, 1].map { JSONValue.integer($0) }), administeredAt: nil,
                    reason: "typo",
                    by: caller, via: via)
            case .retract:
                _ = try await spor.retract(try await response(of: target), reason: "wrong citizen", by: caller)
            case .trajectory:
                _ = try await spor.trajectory(of: citizen, by: caller, via: via)
            case .summary:
                _ = try await spor.summary(
                    of: citizen, since: CalendarDate(iso8601: AccessTable.since)!, by: caller, via: via)
            case .result:
                _ = try await spor.result(of: try await response(of: target), by: caller, via: via)
            case .resolveCPR:
                _ = try await spor.resolveCPR(target.cpr, by: caller, via: via)
            case .attentionList:
                _ = try await spor.attentionList(by: caller, via: via)
            case .trendReport:
                _ = try await spor.trendReport(
                    TrendReportRequest(instrument: .who5, period: .quarter, by: .unit), by: caller, via: via)
            }
            return .ok
        } catch let error as UseCaseError {
            switch error.code {
            case .forbidden: return .forbidden
            case .notFound: return .notFound
            case .invalid:
                #expect(error.fieldErrors.map(\.field) == ["unit"], "\(cell): a unit outside the caller's units")
                return .invalid
            case .conflict, .unavailable: return nil
            }
        }
    }
}
