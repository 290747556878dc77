public import SporInstruments

/// A citizen's responses to one instrument, in date order (same day: recording order).
public struct InstrumentTrajectory: Hashable, Sendable, Encodable {
    public var instrument: InstrumentID
    /// The meaningful-change threshold in points.
    public var threshold: Int
    /// The score at the cut-off flag's boundary (for charts), `nil` when the cut-off is not on the score.
    public var cutoff: Int?
    public var points: [TrajectoryPoint]

    public init(instrument: InstrumentID, threshold: Int, cutoff: Int?, points: [TrajectoryPoint]) {
        self.instrument = instrument
        self.threshold = threshold
        self.cutoff = cutoff
        self.points = points
    }
}
