public import SporInstruments

/// Aggregated figures per period and group for one instrument, with small cells suppressed (DESIGN.md section 5).
///
/// Encodes to the JSON of section 5: `{"instrument", "period", "by", "minCell", "cells": [...]}`.
public struct TrendReport: Hashable, Sendable, Encodable {
    public var instrument: InstrumentID
    public var period: ReportPeriod
    public var by: ReportGrouping
    public var minCell: Int
    /// Sorted by period, then group (responses without the grouping label last).
    public var cells: [TrendCell]

    public init(instrument: InstrumentID, period: ReportPeriod, by: ReportGrouping, minCell: Int, cells: [TrendCell]) {
        self.instrument = instrument
        self.period = period
        self.by = by
        self.minCell = minCell
        self.cells = cells
    }
}
