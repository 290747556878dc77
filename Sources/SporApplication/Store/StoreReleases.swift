import Foundation
import SporPostgres
import SporReports

/// The trend releases of a PostgreSQL store (`spor_releases`, docs/postgresql.md): each written once under its
/// id and never changed, shared by every daemon. Two daemons that make the same release number at once cannot
/// both succeed: the loser's insert is refused and it reads the winner's.
struct StoreReleases: Sendable {
    let log: PostgresLog

    /// The ids of the stored releases, oldest first.
    func ids() async throws -> [TrendRelease.ID] {
        try await log.releaseIDs().compactMap { TrendRelease.ID(number: $0) }
    }

    /// The release with this id; `nil` when none is stored.
    func release(_ id: TrendRelease.ID) async throws -> TrendRelease? {
        guard let bytes = try await log.release(id.number) else { return nil }
        return try TrendRelease(json: Data(bytes))
    }

    /// The newest stored release; `nil` when none is.
    func newest() async throws -> TrendRelease? {
        guard let id = try await ids().last else { return nil }
        return try await release(id)
    }

    /// Stores `release` under its id.
    /// - Returns: `false` when a release with that id exists already (made by another daemon meanwhile).
    func store(_ release: TrendRelease) async throws -> Bool {
        try await log.storeRelease(release.id.number, json: Array(try release.json()))
    }
}
