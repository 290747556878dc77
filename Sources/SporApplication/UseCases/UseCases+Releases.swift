public import Foundation
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
    public func releases(by caller: Caller) throws -> [ReleaseEntry] {
        _ = try AccessPolicy.responses(caller, .releasedReport)
        return try folder.releases.ids().compactMap { try folder.releases.release($0) }.map { release in
            ReleaseEntry(
                id: release.id, asOf: release.asOf.formatted(Date.ISO8601FormatStyle()), settledOn: release.settledOn,
                settleDays: release.window.days, minCell: release.minCell)
        }
    }

    /// A trend report as release `id` holds it: its cells for the periods the request covers, the release named.
    /// - Throws: ``UseCaseError`` `notFound` for an unknown release, `invalid` for a report it cannot hold.
    public func releasedReport(
        _ id: TrendRelease.ID, _ request: TrendReportRequest, by caller: Caller
    ) throws -> TrendReport {
        _ = try AccessPolicy.responses(caller, .releasedReport)
        guard let release = try folder.releases.release(id) else {
            throw UseCaseError(.notFound, "No release with that id is stored.")
        }
        return try Self.report(of: release, request)
    }

    /// Makes a new release of the data as it stands now, with later data for periods that earlier releases hold:
    /// the admin's decision to let the strategic level see corrections and late responses. Earlier releases stay.
    public func makeRelease(by caller: Caller) throws -> TrendRelease {
        _ = try AccessPolicy.responses(caller, .makeRelease)
        return try folder.releases.making.withLock { _ in try makeFreshRelease() }
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
        try folder.releases.making.withLock { _ in try newestOrAutomaticRelease() }
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
