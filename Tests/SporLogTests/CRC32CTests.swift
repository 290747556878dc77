import Testing

@testable import SporLog

@Suite struct CRC32CTests {
    @Test func knownVectors() {
        #expect(CRC32C.checksum(Array("123456789".utf8)) == 0xE306_9283)
        #expect(CRC32C.checksum([]) == 0)
        #expect(CRC32C.checksum([UInt8](repeating: 0, count: 32)) == 0x8A91_36AA)
        #expect(CRC32C.checksum([UInt8](repeating: 0xFF, count: 32)) == 0x62A8_AB43)
        #expect(CRC32C.checksum(Array(0..<32)) == 0x46DD_794E)
    }

    @Test func instructionAndTablesMatchBytewiseAtEveryLength() {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<300).map { _ in UInt8.random(in: 0...255, using: &generator) }
        for length in 0...bytes.count {
            var crc: UInt32 = 0xFFFF_FFFF
            for byte in bytes[0..<length] {
                crc = CRC32C.tables[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8)
            }
            #expect(CRC32C.checksum(Array(bytes[0..<length])) == ~crc)
            #expect(
                Array(bytes[0..<length]).withUnsafeBytes { CRC32C.tableChecksum($0, seed: 0x1234_5678) }
                    == Array(bytes[0..<length]).withUnsafeBytes { CRC32C.checksum($0, seed: 0x1234_5678) })
        }
    }

    @Test func continuesFromSeed() {
        let whole = Array("hello, world".utf8)
        let first = CRC32C.checksum(Array(whole[0..<5]))
        #expect(CRC32C.checksum(Array(whole[5...]), seed: first) == CRC32C.checksum(whole))
    }
}
