import Foundation
public import Logging

/// The log handler of the `spor` commands and the daemon: one line per message, written to a file descriptor
/// (standard error unless another is given) with a single `write`: a line of a few hundred bytes is written whole,
/// so lines from many threads do not interleave.
///
/// The layout is swift-log's `StreamLogHandler`'s, `TIME LEVEL LABEL: key=value … [SOURCE] MESSAGE`, with the keys
/// in order, but the time is UTC with milliseconds (`2026-12-01T04:30:00.123Z`) rather than local time: a server's
/// lines compare across machines, and local time made every line look up the time zone file (a `stat` of
/// `/etc/localtime` per line, a tenth of what a health check cost the daemon); the time is ``UTCTimestamp``'s, as
/// an audit line's. An error passed as a message's `error:` is logged by its type only: its description may quote
/// what a caller sent. A message is one line only if its text has no line break (Spor's have none).
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
        var merged: Logger.Metadata
        if metadata.isEmpty, metadataProvider == nil {
            // A request line has only its own metadata: taken as it is rather than merged into an empty one.
            merged = event.metadata ?? [:]
        } else {
            merged = metadata
            if let provided = metadataProvider?.get() { merged.merge(provided) { _, new in new } }
            if let explicit = event.metadata { merged.merge(explicit) { _, new in new } }
        }
        if let error = event.error { merged["error.type"] = "\(String(reflecting: type(of: error)))" }
        var line: [UInt8] = []
        line.reserveCapacity(160)
        line += UTCTimestamp.text(Date()).utf8
        line.append(UInt8(ascii: " "))
        line += event.level.rawValue.utf8
        if !label.isEmpty {
            line.append(UInt8(ascii: " "))
            line += label.utf8
        }
        line.append(UInt8(ascii: ":"))
        for (key, value) in merged.sorted(by: { $0.key < $1.key }) {
            line.append(UInt8(ascii: " "))
            line += key.utf8
            line.append(UInt8(ascii: "="))
            line += value.description.utf8
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
}
