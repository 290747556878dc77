import Crypto
import Foundation
import SporInstruments

/// The id of an imported row that has none: derived from the row's place (its number among the file's rows, from
/// 0, blank lines not counted; in an API batch, its index in the batch) and what it holds, so importing the same
/// file again (after a crash, or by mistake) finds the rows already stored and skips them instead of storing them
/// twice, and the same rows sent as a batch or imported as CSV or JSON Lines get the same ids. Rows that carry an
/// `id` keep it.
///
/// The hash is taken over the response after a CPR number has been turned into its pseudonymous id, never over
/// the line itself, so a response id cannot be used to guess a CPR number. A row inserted or removed above a row
/// gives it a new id: give ids in the file when it may change between imports.
enum ImportID {
    /// The id a response holds until its derived id replaces it.
    static let pending = UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))

    /// A version 8 (RFC 9562, custom) UUID from the first 16 bytes of a SHA-256.
    static func derived(for response: Response, row: Int) -> UUID {
        var text = "spor-import-2|\(row)|\(response.citizen)|\(response.instrument)|\(response.administeredAt)|"
        text += response.answers.map { $0.map(String.init) ?? "-" }.joined(separator: ",")
        text +=
            "|\(response.unit?.rawValue ?? "")|\(response.intervention?.rawValue ?? "")|\(response.mode?.rawValue ?? "")"
        var bytes = Array(SHA256.hash(data: Array(text.utf8)).prefix(16))
        bytes[6] = bytes[6] & 0x0F | 0x80
        bytes[8] = bytes[8] & 0x3F | 0x80
        return UUID(
            uuid: (
                bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]
            ))
    }
}
