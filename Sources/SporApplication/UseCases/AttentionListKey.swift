import SporInstruments
import SporReports

/// What an attention list kept by ``DataFolder/read(long:keptAs:keep:_:)`` depends on besides the responses.
struct AttentionListKey: Hashable, Sendable {
    var scope: ResponseScope
    var asOf: CalendarDate
    var silenceDays: Int
    var limit: Int
}
