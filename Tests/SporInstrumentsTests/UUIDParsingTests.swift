import Foundation
import SporInstruments
import Testing

@Suite struct UUIDParsingTests {
    @Test(arguments: [
        "5b0c2f4e-7d1a-4c39-9a7e-0f7a3c1d2b11", "5B0C2F4E-7D1A-4C39-9A7E-0F7A3C1D2B11",
        "00000000-0000-0000-0000-000000000000",
        "5b0c2f4e7d1a-4c39-9a7e-0f7a3c1d2b11-", "5b0c2f4e-7d1a-4c39-9a7e-0f7a3c1d2b1",
        "5b0c2f4e-7d1a-4c39-9a7e-0f7a3c1d2b111",
        "5b0c2f4e-7d1a-4c39-9a7e-0f7a3c1d2b1g", " 5b0c2f4e-7d1a-4c39-9a7e-0f7a3c1d2b1",
        "5b0c2f4e_7d1a-4c39-9a7e-0f7a3c1d2b11",
        "+b0c2f4e-7d1a-4c39-9a7e-0f7a3c1d2b11", "0x0c2f4e-7d1a-4c39-9a7e-0f7a3c1d2b11", "", "not a uuid",
    ])
    func parsesExactlyWhatFoundationParses(_ text: String) {
        #expect(UUID(parsing: text) == UUID(uuidString: text))
        let canonical = Array(text.utf8).withUnsafeBytes { UUID(canonical: $0) }
        #expect(canonical == nil || canonical == UUID(uuidString: text))
    }
}
