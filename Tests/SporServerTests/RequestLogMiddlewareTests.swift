import Testing

@testable import SporServer

/// The request line's `ms=` value is written from whole hundredths of a millisecond; it reads as the rounded value's
/// `Double` description did.
@Suite struct RequestLogMiddlewareTests {
    @Test func millisecondsReadAsTheRoundedDoubleDid() {
        for hundredths in Array(0...200_000) + [999_999, 12_345_678, 1_000_000_000] {
            let expected = "\(Double(hundredths) / 100)"
            #expect(RequestLogMiddleware.milliseconds(hundredths: Int64(hundredths)) == expected)
            if RequestLogMiddleware.milliseconds(hundredths: Int64(hundredths)) != expected { return }
        }
    }
}
