import Foundation

/// The rows `spor-bench compare` prints: Spor's figure, the peer's from the same run, their ratio and the goal.
struct ComparisonTable {
    private var rows: [[String]] = [["what a user waits for", "Spor", "peer, same run", "ratio", "goal"]]

    /// A time against a peer's time; the ratio says how many times faster Spor is.
    mutating func add(_ what: String, spor: Double, peer: Double, peerName: String, goal: Double) {
        let ratio = peer / spor
        append([
            what, Self.seconds(spor), "\(peerName) \(Self.seconds(peer))", String(format: "%.2f×", ratio),
            "≥ \(Int(goal))× " + (ratio >= goal ? "met" : "not met"),
        ])
    }

    /// A time beside a peer's, with no verdict: a floor under a row above.
    mutating func add(_ what: String, floor: Double, peer: Double, peerName: String) {
        append([
            what, Self.seconds(floor), "\(peerName) \(Self.seconds(peer))", String(format: "%.2f×", peer / floor), "",
        ])
    }

    /// A time with a goal of its own.
    mutating func add(_ what: String, seconds: Double, goal: String) {
        append([what, Self.seconds(seconds), "", "", goal])
    }

    /// A load's rate and p99 against a peer's, Spor's rate divided by the peer's.
    mutating func add(
        _ what: String, rate: BenchRunner.WrkResult, peer: (perSecond: Double, p99Milliseconds: Double)?,
        peerName: String, goal: String
    ) {
        let spor =
            String(format: "%.0f/s, p99 %@", rate.requestsPerSecond, rate.p99)
            + (rate.failures > 0 ? ", \(rate.failures) non-2xx" : "")
        guard let peer else { return append([what, spor, "", "", goal]) }
        append([
            what, spor, String(format: "%@ %.0f/s, p99 %.1f ms", peerName, peer.perSecond, peer.p99Milliseconds),
            String(format: "%.2f×", rate.requestsPerSecond / peer.perSecond), goal,
        ])
    }

    /// Resident memory.
    mutating func add(_ what: String, memory bytes: Int, goal: String) {
        append([what, "\(bytes / 1_048_576) MB", "", "", goal])
    }

    private mutating func append(_ row: [String]) {
        rows.append(row)
        Swift.print("  " + row.filter { !$0.isEmpty }.joined(separator: "  "))
    }

    /// The rows as a Markdown table, ready for the README.
    func print(title: String) {
        Swift.print("\n\(title)\n")
        for (index, row) in rows.enumerated() {
            Swift.print("| " + row.joined(separator: " | ") + " |")
            if index == 0 { Swift.print("|" + String(repeating: " --- |", count: row.count)) }
        }
    }

    private static func seconds(_ value: Double) -> String {
        value < 1 ? String(format: "%.1f ms", value * 1000) : String(format: "%.2f s", value)
    }
}
