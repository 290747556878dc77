public import Foundation
public import SporInstruments

/// Aggregated figures per period and group for one instrument, with small cells suppressed (docs/report-definition.md).
///
/// Encodes to the JSON of docs/report-definition.md: `{"instrument", "period", "by", "minCell", "cells": [...]}`, plus
/// `"release": {"id", "asOf"}` for a report read from a ``TrendRelease``.
public struct TrendReport: Hashable, Sendable, Codable {
    /// The release a report was read from: it names the release and the moment it was made, never the moment it
    /// is read, so the same release always reads the same.
    public struct Release: Hashable, Sendable, Codable {
        public var id: TrendRelease.ID
        /// When the release was made, in whole seconds (JSON: ISO 8601 in UTC, `2026-11-30T13:07:28Z`).
        public var asOf: Date

        public init(id: TrendRelease.ID, asOf: Date) {
            self.id = id
            self.asOf = TrendRelease.wholeSeconds(asOf)
        }

        private enum CodingKeys: String, CodingKey { case id, asOf }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            id = try container.decode(TrendRelease.ID.self, forKey: .id)
            asOf = try TrendRelease.date(container.decode(String.self, forKey: .asOf), field: "asOf")
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(TrendRelease.text(asOf), forKey: .asOf)
        }
    }

    public var instrument: InstrumentID
    public var period: ReportPeriod
    public var by: ReportGrouping
    public var minCell: Int
    /// Sorted by period, then group (responses without the grouping label last).
    public var cells: [TrendCell]
    /// The instrument's flag names and CHIME domains, in the order of the cells' figures (columns of CSV and
    /// table output, also when every cell is suppressed). Not part of the JSON.
    public var flagNames: [String]
    public var domainNames: [String]
    /// The release the cells come from; `nil` for live figures.
    public var release: Release?

    public init(
        instrument: InstrumentID, period: ReportPeriod, by: ReportGrouping, minCell: Int, cells: [TrendCell],
        flagNames: [String], domainNames: [String], release: Release? = nil
    ) {
        self.instrument = instrument
        self.period = period
        self.by = by
        self.minCell = minCell
        self.cells = cells
        self.flagNames = flagNames
        self.domainNames = domainNames
        self.release = release
    }

    private enum CodingKeys: String, CodingKey {
        case instrument, period, by, minCell, cells, release
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(instrument, forKey: .instrument)
        try container.encode(period, forKey: .period)
        try container.encode(by, forKey: .by)
        try container.encode(minCell, forKey: .minCell)
        try container.encode(cells, forKey: .cells)
        try container.encodeIfPresent(release, forKey: .release)
    }

    /// Reads the JSON form back. The flag and CHIME names (and their order) come from the instrument's definition
    /// in the catalog under ``TrendRelease/catalogKey`` in the decoder's user info (the built-in catalog without).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        instrument = try container.decode(InstrumentID.self, forKey: .instrument)
        period = try container.decode(ReportPeriod.self, forKey: .period)
        by = try container.decode(ReportGrouping.self, forKey: .by)
        minCell = try container.decode(Int.self, forKey: .minCell)
        release = try container.decodeIfPresent(Release.self, forKey: .release)
        let catalog = decoder.userInfo[TrendRelease.catalogKey] as? InstrumentCatalog ?? .builtIn
        guard let definition = catalog[instrument] else {
            throw DecodingError.dataCorruptedError(
                forKey: .instrument, in: container, debugDescription: "the instrument is not in the catalog")
        }
        let flagNames = definition.flags.map(\.name.rawValue)
        let domainNames = definition.items.compactMap(\.domain)
        cells = try container.decode([TrendCell].self, forKey: .cells).map { cell in
            guard let figures = cell.figures else { return cell }
            return TrendCell(
                period: cell.period, group: cell.group,
                figures: figures.ordered(flagNames: flagNames, domainNames: domainNames))
        }
        self.flagNames = flagNames
        self.domainNames = domainNames
    }
}
