public import SporInstruments

/// What trend report to compute: docs/report-definition.md.
public struct TrendReportRequest: Hashable, Sendable {
    /// The suppression limit used unless another is asked for.
    public static let defaultMinCell = 5
    /// The lowest suppression limit allowed without ``allowSmallCells``.
    public static let smallestMinCell = 3

    public var instrument: InstrumentID
    public var period: ReportPeriod
    public var by: ReportGrouping
    /// Only responses dated on or after this day are bucketed (baselines still look at all of them).
    public var from: CalendarDate?
    /// Only responses dated on or before this day are bucketed.
    public var to: CalendarDate?
    /// Cells with fewer citizens show only that they are suppressed.
    public var minCell: Int
    /// Allows a ``minCell`` below ``smallestMinCell`` (at least 1); an explicit, audited decision.
    public var allowSmallCells: Bool

    public init(
        instrument: InstrumentID, period: ReportPeriod, by: ReportGrouping, from: CalendarDate? = nil,
        to: CalendarDate? = nil, minCell: Int = TrendReportRequest.defaultMinCell, allowSmallCells: Bool = false
    ) {
        self.instrument = instrument
        self.period = period
        self.by = by
        self.from = from
        self.to = to
        self.minCell = minCell
        self.allowSmallCells = allowSmallCells
    }

    /// Checks the limits and the date range.
    /// - Throws: ``ReportError`` naming the field.
    public func validate() throws {
        if minCell < 1 {
            throw ReportError(field: "minCell", message: "must be at least 1")
        }
        if minCell < Self.smallestMinCell && !allowSmallCells {
            throw ReportError(
                field: "minCell", message: "below \(Self.smallestMinCell) needs the explicit small-cells override")
        }
        if let from, let to, to < from {
            throw ReportError(field: "to", message: "is before from")
        }
    }
}
