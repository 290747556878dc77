public import Logging

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The log handler of the `spor` commands and the daemon: one line per message, written to a file descriptor
/// (standard error unless another is given) with a single `write`, so lines from many threads never interleave.
///
/// The layout is swift-log's `StreamLogHandler`'s, `TIME LEVEL LABEL: key=value … [SOURCE] MESSAGE`, with the keys
/// in order, but the time is UTC with milliseconds (`2026-12-01T04:30:00.123Z`) rather than local time: a server's
/// lines compare across machines, and local time made every line look up the time zone file (a `stat` of
/// `/etc/localtime` per line, a tenth of what a health check cost the daemon). An error attached to a message is
/// logged by its type only: its description may quote what a caller sent.
public struct LineLogHandler: LogHandler {
    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    private let label: String
    private let descriptor: Int32

    /// A handler for `label` writing to `descriptor` (standard error by default).
    public init(label: String, descriptor: Int32 = 2) {
        self.label = label
        self.descriptor = descriptor
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { _, new in new } }
        if let explicit = event.metadata { merged.merge(explicit) { _, new in new } }
        if let error = event.error { merged["error.type"] = "\(String(reflecting: type(of: error)))" }
        var line: [UInt8] = []
        line.reserveCapacity(160)
        Self.appendTimestamp(to: &line)
        line.append(UInt8(ascii: " "))
        line += event.level.rawValue.utf8
        if !label.isEmpty {
            line.append(UInt8(ascii: " "))
            line += label.utf8
        }
        line.append(UInt8(ascii: ":"))
        for key in merged.keys.sorted() {
            line.append(UInt8(ascii: " "))
            line += key.utf8
            line.append(UInt8(ascii: "="))
            line += merged[key]!.description.utf8
        }
        line += " [".utf8
        line += event.source.utf8
        line += "] ".utf8
        line += event.message.description.utf8
        line.append(UInt8(ascii: "\n"))
        line.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written > 0 {
                    offset += written
                } else if written < 0 && errno == EINTR {
                    continue
                } else {
                    return  // A log line that cannot be written is dropped; the caller's work goes on.
                }
            }
        }
    }

    /// `YYYY-MM-DDTHH:MM:SS.mmmZ`, now, in UTC.
    private static func appendTimestamp(to line: inout [UInt8]) {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        var seconds = now.tv_sec
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func digits(_ value: Int, _ count: Int) {
            var divisor = 1
            for _ in 1..<count { divisor *= 10 }
            while divisor > 0 {
                line.append(UInt8(ascii: "0") + UInt8(value / divisor % 10))
                divisor /= 10
            }
        }
        digits(Int(parts.tm_year) + 1900, 4)
        line.append(UInt8(ascii: "-"))
        digits(Int(parts.tm_mon) + 1, 2)
        line.append(UInt8(ascii: "-"))
        digits(Int(parts.tm_mday), 2)
        line.append(UInt8(ascii: "T"))
        digits(Int(parts.tm_hour), 2)
        line.append(UInt8(ascii: ":"))
        digits(Int(parts.tm_min), 2)
        line.append(UInt8(ascii: ":"))
        digits(Int(parts.tm_sec), 2)
        line.append(UInt8(ascii: "."))
        digits(now.tv_nsec / 1_000_000, 3)
        line.append(UInt8(ascii: "Z"))
    }
}
