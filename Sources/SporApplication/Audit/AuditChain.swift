import Crypto

/// The frame of one `audit.log` line: `JSON<TAB>CHAIN<LF>`, where CHAIN is the first 32 hex digits of the SHA-256
/// of the previous line's CHAIN, a line feed and this line's JSON. It checks the line (a changed byte breaks it)
/// and chains it to the one before (a removed, inserted or reordered line breaks the next one). JSON never holds a
/// raw tab or line feed, so the frame is unambiguous. The first line chains to 32 zeros, and so does a line that
/// follows one written before lines were chained (JSON alone).
enum AuditChain {
    /// The chain value before the first line.
    static let start = String(repeating: "0", count: 32)

    /// The CHAIN of a line holding `json` after a line whose CHAIN is `previous`.
    static func link(_ json: String, after previous: String) -> String {
        let digest = SHA256.hash(data: Array((previous + "\n" + json).utf8))
        let digits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(32)
        for byte in digest.prefix(16) {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 15)])
        }
        return String(decoding: hex, as: UTF8.self)
    }

    /// One line as read back: its JSON, and the CHAIN it carries (`nil` for a line from before chaining).
    struct Line {
        var json: Substring
        var chain: Substring?

        init(_ text: Substring) {
            if let tab = text.lastIndex(of: "\t") {
                json = text[..<tab]
                chain = text[text.index(after: tab)...]
            } else {
                json = text
                chain = nil
            }
        }

        /// Whether the line's CHAIN is the one it must have after a line whose CHAIN is `previous`.
        func holds(after previous: String) -> Bool {
            guard let chain else { return true }
            return chain == link(String(json), after: previous)
        }

        /// The CHAIN the next line links to.
        var next: String { chain.map(String.init) ?? AuditChain.start }
    }
}
