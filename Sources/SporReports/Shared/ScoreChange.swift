public import SporInstruments

/// A change between two scored responses of one citizen and instrument, as trajectories and summaries show it.
public struct ScoreChange: Hashable, Sendable, Encodable {
    /// Later score minus earlier score.
    public var delta: Int
    public var direction: Change.Direction
    /// The earlier response carried the cut-off flag and the later one does not.
    public var crossedCutoff: Bool

    public init(_ change: Change) {
        delta = change.delta
        direction = change.direction
        crossedCutoff = change.crossedCutoff
    }
}
