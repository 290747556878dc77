import Foundation
import Logging
import SporApplication
import SporTesting
import Testing

/// The commands' log lines: one `write` each, UTC time, the keys in order, an attached error by its type only.
struct LineLogHandlerTests {
    struct Refused: Error, CustomStringConvertible {
        var description: String { "rejected 010190-1234" }
    }

    @Test func eachMessageIsOneLineInStreamLogHandlersLayoutWithUTCTime() throws {
        let folder = try TemporaryFolder(prefix: "spor-log-lines")
        defer { folder.remove() }
        let file = folder.path("log.txt")
        let descriptor = open(file.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        try #require(descriptor >= 0)
        defer { close(descriptor) }
        var logger = Logger(label: "spor") { LineLogHandler(label: $0, descriptor: descriptor) }
        logger[metadataKey: "zone"] = "daemon"
        logger.debug("not at info")
        logger.info("request", metadata: ["status": "200", "method": "GET", "zone": "request"])
        logger.error("write failed", error: Refused())
        // Without metadata of its own, the handler takes the message's as it is (a request line's short way), keys sorted.
        let plain = Logger(label: "spor") { LineLogHandler(label: $0, descriptor: descriptor) }
        plain.warning("slow", error: Refused(), metadata: ["ms": "12.5", "method": "POST"])

        let lines = try String(contentsOf: file, encoding: .utf8).split(
            separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 4 && lines[3].isEmpty, "\(lines)")
        let time = #/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z /#
        #expect(lines[0].prefixMatch(of: time) != nil, "\(lines[0])")
        #expect(lines[0].hasSuffix(" info spor: method=GET status=200 zone=request [SporApplicationTests] request"))
        #expect(
            lines[1].hasSuffix(
                " error spor: error.type=SporApplicationTests.LineLogHandlerTests.Refused zone=daemon [SporApplicationTests] write failed"
            ), "\(lines[1])")
        #expect(!lines[1].contains("010190"))
        #expect(
            lines[2].hasSuffix(
                " warning spor: error.type=SporApplicationTests.LineLogHandlerTests.Refused method=POST ms=12.5 [SporApplicationTests] slow"
            ), "\(lines[2])")

        // The time is now's, in UTC.
        let stamp = try #require(ISO8601DateFormatter().date(from: String(lines[0].prefix(19)) + "Z"))
        #expect(abs(stamp.timeIntervalSinceNow) < 60)
    }
}
