import SporInstruments
import Testing

@testable import SporLog

@Suite struct ReasonRuleTests {
    @Test(arguments: ["tastefejl", "forkert borger, rettet efter samtale", "svar 3 og 4 byttet"])
    func acceptsPlainReasons(reason: String) {
        #expect(ReasonRule.check(reason) == nil)
    }

    @Test(arguments: [
        ("", FieldError.Rule.required), ("   ", .required), ("a\nb", .format), ("borger 010190-1234", .cpr),
        ("cpr 0101901234 fejl", .cpr), (String(repeating: "x", count: 1001), .range),
        ("borger 010190 1234", .cpr), ("borger 010190/1234", .cpr), ("01 01 90-1234", .cpr),
        ("nr. 01.01.90.1234.", .cpr), ("borger 010190\u{2013}1234", .cpr),
    ])
    func refuses(reason: String, rule: FieldError.Rule) {
        let error = ReasonRule.check(reason)
        #expect(error?.rule == rule)
        #expect(error?.message.contains("1234") == false)
    }

    @Test func longerDigitRunsAreNotCPRNumbers() {
        #expect(ReasonRule.check("sag 123456789012") == nil)
        #expect(ReasonRule.check("sag 123 456 789 012") == nil)
    }

    @Test(arguments: ["dato rettet fra 2026-03-14 til 2026-03-12", "svar 3, 4 og 5", "tlf 12 34 56 78", "kl. 9.30"])
    func datesAndShortNumbersPass(reason: String) {
        #expect(ReasonRule.check(reason) == nil)
    }
}
