import SporInstruments
import Testing

@Suite("CPR numbers")
struct CPRNumberTests {
    /// The CPR office's century rule: the seventh digit and the two-digit year give the century.
    @Test(
        "the century comes from the seventh digit",
        arguments: [
            ("010100-0000", "1900-01-01"), ("010199-3999", "1999-01-01"),
            ("010136-4000", "2036-01-01"), ("010137-4000", "1937-01-01"),
            ("010136-9000", "2036-01-01"), ("010137-9000", "1937-01-01"),
            ("010157-5000", "2057-01-01"), ("010158-5000", "1858-01-01"),
            ("010157-8000", "2057-01-01"), ("010158-8000", "1858-01-01"),
        ])
    func centuryRule(_ text: String, _ birthDate: String) throws {
        #expect(try CPRNumber(parsing: text).birthDate.description == birthDate)
    }

    @Test("with or without the hyphen", arguments: ["1503851234", "150385-1234"])
    func bothShapes(_ text: String) throws {
        let cpr = try CPRNumber(parsing: text)
        #expect(cpr.digits == "1503851234")
        #expect(cpr.birthDate == CalendarDate(year: 1985, month: 3, day: 15))
    }

    @Test(
        "a text of the wrong shape is a format problem",
        arguments: [
            "", "150385123", "15038512345", "150385 1234", "1503-851234", "15O3851234", "１５０３８５１２３４", "150385-123x",
        ])
    func wrongShape(_ text: String) {
        #expect(throws: CPRNumber.Problem.format) { try CPRNumber(parsing: text) }
    }

    @Test(
        "digits without a real date are a date problem",
        arguments: [
            "3102851234", "0013851234", "0001851234", "290201-1234", "3204851234",
        ])
    func notADate(_ text: String) {
        #expect(throws: CPRNumber.Problem.date) { try CPRNumber(parsing: text) }
    }

    @Test("29 February only in a leap year of the right century")
    func leapDay() throws {
        #expect(try CPRNumber(parsing: "290200-4000").birthDate.description == "2000-02-29")
        #expect(try CPRNumber(parsing: "290200-5800").birthDate.description == "2000-02-29")
        #expect(throws: CPRNumber.Problem.date) { try CPRNumber(parsing: "290200-3999") }  // 1900 is no leap year
        #expect(throws: CPRNumber.Problem.date) { try CPRNumber(parsing: "290201-4000") }
    }

    @Test("it never describes its digits")
    func neverDescribesItself() throws {
        let cpr = try CPRNumber(parsing: "150385-1234")
        for text in [
            "\(cpr)", String(describing: cpr), String(reflecting: cpr), "\(Mirror(reflecting: cpr).children.count)",
        ] {
            #expect(!text.contains("1503"))
            #expect(!text.contains("1234"))
        }
    }
}
