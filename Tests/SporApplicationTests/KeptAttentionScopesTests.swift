import Foundation
import Logging
import SporInstruments
import SporTesting
import Testing

@testable import SporApplication
@testable import SporReports

/// The daemon keeps the attention list of a staff member of several units: for the live staff tokens it finds at a
/// start, and for a set of units first asked for later, after that first list. The lists are the same as merged
/// ones either way.
@Suite struct KeptAttentionScopesTests {
    static let logger = Logger(label: "spor-test", factory: { _ in SwiftLogNoOpLogHandler() })
    static let units = ["nord", "syd", "vest"].map { Label(rawValue: $0)! }
    static let today = CalendarDate(year: 2026, month: 12, day: 31)!

    /// Citizens who move between the three units, so many have responses in more than one.
    static func fill(_ spor: UseCases) async throws {
        for index in 0..<90 {
            _ = try await spor.record(
                ResponseDraft(
                    id: nil, citizen: .id(CitizenID(rawValue: "c-\(index % 30)")!), instrument: .who5,
                    administeredAt: CalendarDate(year: 2026, month: 1 + index % 11, day: 1 + index % 27)!,
                    answers: [index % 6, (index / 3) % 6, 2, index % 4, 1], unit: units[(index / 7) % 3]),
                by: .cli())
        }
    }

    /// Waits, a few seconds at most, until the scope's list is kept (built on a queue of its own).
    static func kept(_ scope: ResponseScope, in storage: DataFolder) async throws -> Bool {
        for _ in 0..<200 {
            if try await storage.read(long: false, { $0.keepsAttention(for: scope) }) { return true }
            try await Task.sleep(for: .milliseconds(25))
        }
        return false
    }

    @Test(.timeLimit(.minutes(5)))
    func aStaffTokenOfSeveralUnitsFoundAtAStartIsKept() async throws {
        let folder = try TemporaryFolder(prefix: "spor-kept-scopes")
        defer { folder.remove() }
        var storage = try DataFolder(url: folder.url, mode: .serving, logger: Self.logger)
        try await Self.fill(UseCases(folder: storage, today: { Self.today }))
        await storage.close()
        _ = try TokenStore(folder: folder.url).create(name: "anna", role: .staff, units: Array(Self.units.prefix(2)))

        storage = try DataFolder(url: folder.url, mode: .serving, logger: Self.logger)
        let spor = UseCases(folder: storage, today: { Self.today })
        let scope = ResponseScope.units(Set(Self.units.prefix(2)))
        #expect(try await Self.kept(scope, in: storage))
        let staff = Caller.token(Identity(name: "anna", role: .staff, units: Set(Self.units.prefix(2))))
        let list = try await spor.attentionList(limit: 500, by: staff, via: "test")
        let merged = try await storage.read(long: true) { dataset in
            var computed = dataset
            computed.attention = nil
            return computed.attentionList(scope: scope, asOf: Self.today, limit: 500)
        }
        #expect(list == merged)
        #expect(list.total > 10)
        await storage.close()
    }

    @Test(.timeLimit(.minutes(5)))
    func aSetOfUnitsFirstAskedForIsKeptAfterItsFirstList() async throws {
        let folder = try TemporaryFolder(prefix: "spor-kept-scopes-later")
        defer { folder.remove() }
        let storage = try DataFolder(url: folder.url, mode: .serving, logger: Self.logger)
        let spor = UseCases(folder: storage, today: { Self.today })
        try await Self.fill(spor)
        let scope = ResponseScope.units([Self.units[0], Self.units[2]])
        let keptBefore = try await storage.read(long: false) { $0.keepsAttention(for: scope) }
        #expect(!keptBefore)
        let staff = Caller.token(Identity(name: "bo", role: .staff, units: [Self.units[0], Self.units[2]]))
        let first = try await spor.attentionList(by: staff, via: "test")
        #expect(try await Self.kept(scope, in: storage))
        #expect(try await spor.attentionList(by: staff, via: "test") == first)
        await storage.close()
    }
}
