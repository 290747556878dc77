public import Foundation
public import SporInstruments

extension ResponseDataset {
    /// A release of the data as it stands: for every instrument of the catalog, every period and every grouping,
    /// the report of the periods settled on `today` (docs/report-definition.md). The first release and an admin's release
    /// are this; an automatic one keeps the periods of the newest release (``TrendRelease/keepingPeriods(of:)``).
    ///
    /// ```swift
    /// let release = try dataset.trendRelease(id: TrendRelease.ID(number: 1)!, asOf: Date(), on: .today())
    /// let body = try ReportJSON.data(release.report(instrument: .who5, period: .quarter, by: .unit))
    /// ```
    /// - Parameters:
    ///   - id: the release's number, the next after the newest stored release.
    ///   - asOf: when it is made (kept in whole seconds).
    ///   - today: the day the settle rule is applied to (Europe/Copenhagen).
    /// - Throws: ``ReportError`` for a `minCell` below ``TrendReportRequest/smallestMinCell``.
    public func trendRelease(
        id: TrendRelease.ID, asOf: Date, on today: CalendarDate, window: SettleWindow = .standard,
        minCell: Int = TrendReportRequest.defaultMinCell
    ) throws -> TrendRelease {
        var reports: [TrendReport] = []
        for definition in definitions {
            for period in ReportPeriod.allCases {
                for by in ReportGrouping.allCases {
                    reports.append(
                        try trendReport(
                            TrendReportRequest(
                                instrument: definition.id, period: period, by: by,
                                to: window.lastSettledDay(period, on: today),
                                minCell: minCell)))
                }
            }
        }
        return TrendRelease(id: id, asOf: asOf, settledOn: today, window: window, minCell: minCell, reports: reports)
    }
}
