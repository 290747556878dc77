public import Foundation
import SporInstruments

/// The JSON form of trajectories, summaries and trend reports, as the CLI prints it and the server returns it.
public enum ReportJSON {
    /// Encodes a value (``Trajectory``, ``FollowUpSummary``, ``TrendReport``) with numbers at full precision and
    /// keys sorted, so the same data always gives the same bytes. Response ids are lowercase. Trajectories and
    /// summaries, which a server answers for every citizen read, are written by hand rather than by `JSONEncoder`.
    public static func data(_ value: some Encodable, pretty: Bool = false) throws -> Data {
        let compact: [UInt8]
        if let writable = value as? any JSONWritable {
            // Room for a long trajectory at once: growing copies what was written.
            var writer = JSONWriter(capacity: 16 << 10)
            writable.write(to: &writer)
            guard pretty else { return writer.withBytes { Data($0) } }
            compact = writer.bytes
        } else {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            compact = Array(try encoder.encode(value))
        }
        return Data(pretty ? JSONWriter.pretty(compact) : compact)
    }

    /// The same as text.
    public static func string(_ value: some Encodable, pretty: Bool = false) throws -> String {
        String(decoding: try data(value, pretty: pretty), as: UTF8.self)
    }
}
