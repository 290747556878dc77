public import Foundation

/// The JSON form of trajectories, summaries and trend reports, as the CLI prints it and the server returns it.
public enum ReportJSON {
    /// Encodes a value (``Trajectory``, ``FollowUpSummary``, ``TrendReport``) with numbers at full precision and
    /// keys sorted, so the same data always gives the same bytes.
    public static func data(_ value: some Encodable, pretty: Bool = false) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(value)
    }

    /// The same as text.
    public static func string(_ value: some Encodable, pretty: Bool = false) throws -> String {
        String(decoding: try data(value, pretty: pretty), as: UTF8.self)
    }
}
