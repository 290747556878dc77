public import SporInstruments

/// Aggregated figures per period and group for one instrument, with small cells suppressed (docs/report-definition.md).
///
/// Encodes to the JSON of docs/report-definition.md: `{"instrument", "period", "by", "minCell", "cells": [...]}`.
public struct TrendReport: Hashable, Sendable, Encodable {
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

    public init(
        instrument: InstrumentID, period: ReportPeriod, by: ReportGrouping, minCell: Int, cells: [TrendCell],
        flagNames: [String], domainNames: [String]
    ) {
        self.instrument = instrument
        self.period = period
        self.by = by
        self.minCell = minCell
        self.cells = cells
        self.flagNames = flagNames
        self.domainNames = domainNames
    }

    private enum CodingKeys: String, CodingKey {
        case instrument, period, by, minCell, cells
    }
}
