import Crypto
import Foundation
public import SporInstruments

/// Turns a CPR number into a pseudonymous ``CitizenID`` with a keyed hash, so the number itself is never stored.
///
/// The id is `p-` and the lowercase base32 of the first 20 bytes of HMAC-SHA-256(key, the ten digits): the same
/// number always gives the same id under one key, and without the key the number cannot be recovered.
///
/// The key is bound to the data folder's log (see `Pseudonymiser+Binding.swift`): a new one is made only for an
/// empty folder, and a missing or different key is refused once the log holds data.
///
/// ```swift
/// let pseudonymiser = try Pseudonymiser.load(folder: dataFolder)
/// let citizen = pseudonymiser.citizenID(for: try CPRNumber(parsing: "0101901234"))
/// ```
public struct Pseudonymiser: Sendable {
    /// The environment variable that may hold the key: 32 bytes as 64 hex digits or base64.
    public static let environmentVariable = "SPOR_PSEUDONYM_KEY"
    /// The key file in the data folder, created with mode 0600 for a new folder when the variable is not set.
    public static let keyFileName = "pseudonym.key"

    private let key: SymmetricKey

    /// A pseudonymiser with a 32-byte key.
    public init(key: [UInt8]) throws {
        guard key.count == 32 else { throw LogError(.invalidKey, "the pseudonymisation key must be 32 bytes") }
        self.key = SymmetricKey(data: key)
    }

    /// The pseudonymous id of a CPR number.
    public func citizenID(for cpr: CPRNumber) -> CitizenID {
        let code = Array(HMAC<SHA256>.authenticationCode(for: Array(cpr.digits.utf8), using: key))
        return CitizenID(rawValue: "p-" + Self.base32(code.prefix(20)))!
    }

    /// What identifies the key without revealing it: the first 16 bytes of HMAC-SHA-256(key, a fixed label), hex.
    public var fingerprint: String {
        let code = HMAC<SHA256>.authenticationCode(
            for: Array("spor pseudonymisation key fingerprint 1".utf8), using: key)
        return EventLog.hex(Array(Array(code).prefix(16)))
    }

    static func base32(_ bytes: ArraySlice<UInt8>) -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz234567".utf8)
        var output: [UInt8] = []
        var buffer: UInt32 = 0
        var bits = 0
        for byte in bytes {
            buffer = buffer << 8 | UInt32(byte)
            bits += 8
            while bits >= 5 {
                output.append(alphabet[Int((buffer >> UInt32(bits - 5)) & 31)])
                bits -= 5
            }
        }
        if bits > 0 { output.append(alphabet[Int((buffer << UInt32(5 - bits)) & 31)]) }
        return String(decoding: output, as: UTF8.self)
    }

    static func decodeKey(_ text: String) -> [UInt8]? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let utf8 = Array(trimmed.utf8)
        if utf8.count == 64 {
            var key: [UInt8] = []
            var index = 0
            while index < 64 {
                guard let value = UInt8(String(decoding: utf8[index..<index + 2], as: UTF8.self), radix: 16) else {
                    break
                }
                key.append(value)
                index += 2
            }
            if key.count == 32 { return key }
        }
        if let data = Data(base64Encoded: trimmed), data.count == 32 { return Array(data) }
        return nil
    }
}
