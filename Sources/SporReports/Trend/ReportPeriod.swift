public import SporInstruments

/// The calendar bucket of a trend report.
public enum ReportPeriod: String, Hashable, Sendable, Codable, CaseIterable {
    case month, quarter, year

    /// A number that increases by one from each bucket to the next.
    func ordinal(of date: CalendarDate) -> Int {
        switch self {
        case .month: date.year * 12 + date.month - 1
        case .quarter: date.year * 4 + (date.month - 1) / 3
        case .year: date.year
        }
    }

    /// Whether `date` is the first day of its bucket.
    public func begins(on date: CalendarDate) -> Bool {
        ordinal(of: CalendarDate(daysSinceEpoch: date.daysSinceEpoch - 1)) != ordinal(of: date)
    }

    /// Whether `date` is the last day of its bucket.
    public func ends(on date: CalendarDate) -> Bool {
        ordinal(of: CalendarDate(daysSinceEpoch: date.daysSinceEpoch + 1)) != ordinal(of: date)
    }

    /// The first day of the bucket with this ordinal.
    func firstDay(ofOrdinal ordinal: Int) -> CalendarDate {
        switch self {
        case .month: CalendarDate(year: ordinal / 12, month: ordinal % 12 + 1, day: 1)!
        case .quarter: CalendarDate(year: ordinal / 4, month: ordinal % 4 * 3 + 1, day: 1)!
        case .year: CalendarDate(year: ordinal, month: 1, day: 1)!
        }
    }

    /// The label of the bucket that holds `date`: `2026-03`, `2026-Q1` or `2026`. Labels of one period sort in
    /// time order.
    public func label(of date: CalendarDate) -> String { label(ofOrdinal: ordinal(of: date)) }

    /// The label of the bucket with this ordinal: `2026-03`, `2026-Q1` or `2026`.
    func label(ofOrdinal ordinal: Int) -> String {
        func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        switch self {
        case .month: return "\(pad(ordinal / 12, 4))-\(pad(ordinal % 12 + 1, 2))"
        case .quarter: return "\(pad(ordinal / 4, 4))-Q\(ordinal % 4 + 1)"
        case .year: return pad(ordinal, 4)
        }
    }
}
