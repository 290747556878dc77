public import Foundation
public import SporInstruments

/// Frozen trend reports: what the strategic role reads (docs/report-definition.md, releases).
///
/// A release holds, for every instrument, period and grouping, the cells of the periods settled on the day it was
/// made (``settledOn``, ``window``), all computed from one state of the data, so the reports of one release agree
/// with each other (a grouped report against its `by: none` total, as complementary suppression assumes). It never
/// changes: later data for a settled period reaches the strategic level only in a new release.
///
/// - The first release, and every release an admin asks for, comes from ``ResponseDataset/trendRelease(id:asOf:on:window:minCell:)``.
/// - When a period settles that the newest release does not hold (``isMissingSettledPeriods(on:)``), the next release
///   is made automatically as `fresh.keepingPeriods(of: newest)`: the periods the newest release holds stay exactly as
///   they were, only the newly settled ones come from the current data.
/// - A strategic read is ``report(instrument:period:by:from:to:)``: the release's cells with the release's id and
///   as-of time, and nothing about the moment of the read, so the same release reads byte for byte the same.
///
/// Stored as ``json()``, read back with ``init(json:catalog:)``; the bytes are deterministic (keys sorted, numbers at
/// full precision, reports in catalog, period and grouping order).
public struct TrendRelease: Hashable, Sendable, Codable {
    /// A release's number: 1 for the first, each later release the next.
    public struct ID: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
        public let number: Int

        /// - Returns: `nil` unless `number` is 1 or more.
        public init?(number: Int) {
            guard number >= 1 else { return nil }
            self.number = number
        }

        /// Parses the decimal number, as in a URL path or `spor report --release 3`.
        public init?(_ text: String) {
            guard text.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }), text.utf8.count <= 9,
                let number = Int(text)
            else { return nil }
            self.init(number: number)
        }

        /// The release after this one.
        public var next: ID { ID(number: number + 1)! }

        public var description: String { String(number) }

        public static func < (a: ID, b: ID) -> Bool { a.number < b.number }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            guard let id = ID(number: try container.decode(Int.self)) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "a release id is 1 or more")
            }
            self = id
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode(number)
        }
    }

    public var id: ID
    /// When the release was made, in whole seconds.
    public var asOf: Date
    /// The day the settle rule was applied: the release holds the periods settled on it.
    public var settledOn: CalendarDate
    public var window: SettleWindow
    public var minCell: Int
    /// One report per instrument, period and grouping, holding only settled periods.
    public var reports: [TrendReport]

    public init(
        id: ID, asOf: Date, settledOn: CalendarDate, window: SettleWindow, minCell: Int, reports: [TrendReport]
    ) {
        self.id = id
        self.asOf = Self.wholeSeconds(asOf)
        self.settledOn = settledOn
        self.window = window
        self.minCell = minCell
        self.reports = reports
    }

    /// The report for a strategic read: this release's cells of `instrument`, `period` and `by` for the periods
    /// that overlap `from`…`to` (whole periods; all without limits), naming this release. `nil` when the release
    /// has no such report (an instrument that is not in its catalog).
    public func report(
        instrument: InstrumentID, period: ReportPeriod, by: ReportGrouping, from: CalendarDate? = nil,
        to: CalendarDate? = nil
    ) -> TrendReport? {
        guard var report = reports.first(where: { $0.instrument == instrument && $0.period == period && $0.by == by })
        else { return nil }
        let first = from.map(period.label(of:))
        let last = to.map(period.label(of:))
        report.cells.removeAll { cell in
            first.map { cell.period < $0 } ?? false || last.map { cell.period > $0 } ?? false
        }
        report.release = TrendReport.Release(id: id, asOf: asOf)
        return report
    }

    /// Whether a period has settled on `today` that this release does not hold: the strategic level is due a new
    /// release, made automatically with ``keepingPeriods(of:)``.
    public func isMissingSettledPeriods(on today: CalendarDate) -> Bool {
        ReportPeriod.allCases.contains { period in
            window.lastSettledDay(period, on: today) > window.lastSettledDay(period, on: settledOn)
        }
    }

    /// This release with every period that `previous` holds taken from `previous` unchanged, so only periods that
    /// settled since come from this release's data: the automatic release. An admin's release (with later data for
    /// settled periods) is a fresh release alone.
    /// - Throws: ``ReportError`` when the releases have different `minCell`s.
    public func keepingPeriods(of previous: TrendRelease) throws -> TrendRelease {
        guard previous.minCell == minCell else {
            throw ReportError(field: "minCell", message: "differs from the previous release's")
        }
        var release = self
        for index in release.reports.indices {
            let report = release.reports[index]
            guard
                let old = previous.reports.first(where: {
                    $0.instrument == report.instrument && $0.period == report.period && $0.by == report.by
                })
            else { continue }
            let held = report.period.label(of: previous.window.lastSettledDay(report.period, on: previous.settledOn))
            release.reports[index].cells =
                old.cells.filter { $0.period <= held } + report.cells.filter { $0.period > held }
        }
        return release
    }

    /// The deterministic JSON form: the same release always gives the same bytes.
    public func json() throws -> Data { try ReportJSON.data(self) }

    /// Reads a release from its ``json()`` form; flags and CHIME means are named and ordered by `catalog`.
    /// - Throws: `DecodingError` for anything else.
    public init(json: Data, catalog: InstrumentCatalog = .builtIn) throws {
        let decoder = JSONDecoder()
        decoder.userInfo[Self.catalogKey] = catalog
        self = try decoder.decode(TrendRelease.self, from: json)
    }

    /// The user-info key under which ``TrendReport``'s decoding finds the ``InstrumentCatalog``.
    public static let catalogKey = CodingUserInfoKey(rawValue: "spor.instrumentCatalog")!

    private enum CodingKeys: String, CodingKey {
        case id, asOf, settledOn, settleDays, minCell, reports
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(ID.self, forKey: .id)
        asOf = try Self.date(container.decode(String.self, forKey: .asOf), field: "asOf")
        settledOn = try container.decode(CalendarDate.self, forKey: .settledOn)
        window = try SettleWindow(days: container.decode(Int.self, forKey: .settleDays))
        minCell = try container.decode(Int.self, forKey: .minCell)
        reports = try container.decode([TrendReport].self, forKey: .reports)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(Self.text(asOf), forKey: .asOf)
        try container.encode(settledOn, forKey: .settledOn)
        try container.encode(window.days, forKey: .settleDays)
        try container.encode(minCell, forKey: .minCell)
        try container.encode(reports, forKey: .reports)
    }

    /// `date` without its fraction of a second, as the JSON form keeps it.
    static func wholeSeconds(_ date: Date) -> Date {
        Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down))
    }

    /// `2026-11-30T13:07:28Z`.
    static func text(_ date: Date) -> String { date.formatted(Date.ISO8601FormatStyle()) }

    /// Parses ``text(_:)``'s form.
    static func date(_ text: String, field: String) throws -> Date {
        guard let date = try? Date.ISO8601FormatStyle().parse(text) else {
            throw ReportError(field: field, message: "not an ISO 8601 date-time")
        }
        return date
    }
}
