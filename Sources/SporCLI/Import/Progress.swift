import Foundation

/// A one-line progress report with rows per second, on a terminal only, at most once a second.
final class Progress {
    private let enabled: Bool
    private let start = Date()
    private var last = Date()
    private var shown = false

    init(enabled: Bool) { self.enabled = enabled }

    func tick(_ what: String, _ rows: Int) {
        guard enabled, rows % 1024 == 0 || what == "written" else { return }
        let now = Date()
        guard now.timeIntervalSince(last) >= 1 else { return }
        last = now
        let rate = Double(rows) / max(now.timeIntervalSince(start), 0.001)
        FileHandle.standardError.write(Data("\r\(what) \(rows) rows (\(Int(rate)) rows/s)   ".utf8))
        shown = true
    }

    func done() {
        if shown { FileHandle.standardError.write(Data("\n".utf8)) }
        shown = false
    }
}
