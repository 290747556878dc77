import SporInstruments
import Testing

@testable import SporLog

@Suite struct ReasonRuleTests {
    @Test(arguments: ["tastefejl", "forkert borger, rettet efter samtale", "svar 3 og 4 byttet"])
    func acceptsPlainReasons(reason: String) {
        #expect(ReasonRule.check(reason) == nil)
    }

    @Test(arguments: [
        ("", FieldError.Rule.required), ("   ", .required), ("a\nb", .format), ("borger 010190-1234", .format),
        ("cpr 0101901234 fejl", .format), (String(repeating: "x", count: 1001), .range),
    ])
    func refuses(reason: String, rule: FieldError.Rule) {
        let error = ReasonRule.check(reason)
        #expect(error?.rule == rule)
        #expect(error?.message.contains("1234") == false)
    }

    @Test func longerDigitRunsAreNotCPRNumbers() {
        #expect(ReasonRule.check("sag 123456789012") == nil)
    }
}
