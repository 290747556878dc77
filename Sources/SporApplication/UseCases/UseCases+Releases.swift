import Foundation
public import SporInstruments
public import SporReports
import Synchronization

extension UseCases {
    /// One stored release, as a list of releases names it.
    public struct ReleaseEntry: Hashable, Sendable, Encodable {
        public var id: TrendRelease.ID
        /// When it was made (`2026-11-30T13:07:28Z`).
        public var asOf: String
        /// The day whose settled periods it holds.
        public var settledOn: CalendarDate
        public var settleDays: Int
        public var minCell: Int
    }

    /// Every stored release, oldest first; each stays readable by its id.
    public func releases(by caller: Caller) async throws -> [ReleaseEntry] {
        _ = try AccessPolicy.responses(caller, .releasedReport)
        let stored: [TrendRelease]
        if let store = folder.store {
            stored = try await store.releases.ids().asyncMap { try await store.releases.release($0) }.compactMap { $0 }
        } else {
            stored = try folder.releases.ids().compactMap { try folder.releases.release($0) }
        }
        return stored.map { release in
            ReleaseEntry(
                id: release.id, asOf: release.asOf.formatted(Date.ISO8601FormatStyle()), settledOn: release.settledOn,
                settleDays: release.window.days, minCell: release.minCell)
        }
    }

    /// A trend report as release `id` holds it: its cells for the periods the request covers, the release named.
    /// - Throws: ``UseCaseError`` `notFound` for an unknown release, `invalid` for a report it cannot hold.
    public func releasedReport(
        _ id: TrendRelease.ID, _ request: TrendReportRequest, by caller: Caller
    ) async throws -> TrendReport {
        _ = try AccessPolicy.responses(caller, .releasedReport)
        let found =
            if let store = folder.store { try await store.releases.release(id) } else {
                try folder.releases.release(id)
            }
        guard let release = found else {
            throw UseCaseError(.notFound, "No release with that id is stored.")
        }
        return try Self.report(of: release, request)
    }

    /// Makes a new release of the data as it stands now, with later data for periods that earlier releases hold:
    /// the admin's decision to let the strategic level see corrections and late responses. Earlier releases stay.
    public func makeRelease(by caller: Caller) async throws -> TrendRelease {
        _ = try AccessPolicy.responses(caller, .makeRelease)
        guard let store = folder.store else {
            return try folder.releases.making.withLock { _ in try makeFreshRelease() }
        }
        while true {
            let next = try await store.releases.newest()?.id.next ?? TrendRelease.ID(number: 1)!
            let release = try await releaseOfTheData(id: next, on: today())
            if try await store.releases.store(release) { return release }
        }
    }

    /// A release of the data as it stands now.
    private func releaseOfTheData(id: TrendRelease.ID, on today: CalendarDate) async throws -> TrendRelease {
        let (asOf, window) = (now(), settleWindow)
        return try await folder.read(long: true) { try $0.trendRelease(id: id, asOf: asOf, on: today, window: window) }
    }

    /// A fresh release with the next id, stored; another process may take an id first, then the one after it.
    private func makeFreshRelease() throws -> TrendRelease {
        while true {
            let next = try folder.releases.newest()?.id.next ?? TrendRelease.ID(number: 1)!
            let release = try folder.read {
                try $0.trendRelease(id: next, asOf: now(), on: today(), window: settleWindow)
            }
            if try folder.releases.store(release) { return release }
        }
    }

    /// The newest release, made first when none is stored or a period has settled that it does not hold: then
    /// the periods it holds are kept exactly, and only the newly settled ones come from the data as it stands.
    func newestRelease() async throws -> TrendRelease {
        guard let store = folder.store else {
            return try folder.releases.making.withLock { _ in try newestOrAutomaticRelease() }
        }
        while true {
            let newest = try await store.releases.newest()
            let today = today()
            if let newest, !newest.isMissingSettledPeriods(on: today) { return newest }
            var release = try await releaseOfTheData(id: newest?.id.next ?? TrendRelease.ID(number: 1)!, on: today)
            if let newest { release = try release.keepingPeriods(of: newest) }
            if try await store.releases.store(release) { return release }
        }
    }

    private func newestOrAutomaticRelease() throws -> TrendRelease {
        while true {
            let newest = try folder.releases.newest()
            let today = today()
            if let newest, !newest.isMissingSettledPeriods(on: today) { return newest }
            let id = newest?.id.next ?? TrendRelease.ID(number: 1)!
            var release = try folder.read { try $0.trendRelease(id: id, asOf: now(), on: today, window: settleWindow) }
            if let newest { release = try release.keepingPeriods(of: newest) }
            if try folder.releases.store(release) { return release }
        }
    }

    /// The request's report as `release` holds it.
    static func report(of release: TrendRelease, _ request: TrendReportRequest) throws -> TrendReport {
        guard
            let report = release.report(
                instrument: request.instrument, period: request.period, by: request.by, from: request.from,
                to: request.to)
        else {
            throw UseCaseError.invalid([
                FieldError(field: "instrument", rule: .unknownInstrument, message: "the release holds no such report")
            ])
        }
        return report
    }
}
