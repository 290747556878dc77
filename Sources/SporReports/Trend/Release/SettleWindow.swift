public import SporInstruments

/// When a period's figures are settled enough to release (docs/report-definition.md): the period has ended and `days`
/// whole days have passed since its last day, so late entries have mostly arrived.
///
/// With the default 14 days, 2026-Q1 (last day 2026-03-31) is settled from 2026-04-15 on, and March 2026 too.
///
/// ```swift
/// let window = SettleWindow.standard  // 14 days
/// window.isSettled(.quarter, holding: CalendarDate(iso8601: "2026-02-10")!, on: CalendarDate(iso8601: "2026-04-15")!)  // true
/// window.lastSettledDay(.month, on: CalendarDate(iso8601: "2026-04-14")!)  // 2026-02-28
/// ```
public struct SettleWindow: Hashable, Sendable {
    /// The days a deployment waits after a period unless it sets another number.
    public static let defaultDays = 14

    /// Whole days that must have passed after a period's last day.
    public let days: Int

    /// The window of ``defaultDays``.
    public static let standard = SettleWindow(checkedDays: defaultDays)

    /// - Throws: ``ReportError`` for a negative number of days.
    public init(days: Int) throws {
        guard days >= 0 else { throw ReportError(field: "settleDays", message: "must be 0 or more") }
        self.init(checkedDays: days)
    }

    private init(checkedDays days: Int) { self.days = days }

    /// Whether the bucket of `period` that holds `day` is settled on `today`: more than ``days`` days lie between
    /// its last day and `today`.
    public func isSettled(_ period: ReportPeriod, holding day: CalendarDate, on today: CalendarDate) -> Bool {
        period.ordinal(of: day) <= period.ordinal(of: lastSettledDay(period, on: today))
    }

    /// The last day of the newest bucket of `period` that is settled on `today`; every bucket up to it is settled,
    /// none after it.
    public func lastSettledDay(_ period: ReportPeriod, on today: CalendarDate) -> CalendarDate {
        let candidate = CalendarDate(daysSinceEpoch: today.daysSinceEpoch - days - 1)
        if period.ends(on: candidate) { return candidate }
        let first = period.firstDay(ofOrdinal: period.ordinal(of: candidate))
        return CalendarDate(daysSinceEpoch: first.daysSinceEpoch - 1)
    }
}
