import SporInstruments

/// Dates as chart labels.
enum CalendarDateText {
    /// `YYYY-MM-DD` of a day number.
    static func label(_ daysSinceEpoch: Int) -> String { CalendarDate(daysSinceEpoch: daysSinceEpoch).description }
}
