/// How a later scored response compares with an earlier one of the same citizen and instrument.
public struct Change: Hashable, Sendable {
    /// The meaningful-change classification.
    public enum Direction: String, Hashable, Sendable, Codable {
        case improved, unchanged, deteriorated
    }

    /// Later score minus earlier score, in points on the 0–100 scale.
    public var delta: Int
    public var direction: Direction
    /// The earlier response carried the instrument's cut-off flag and the later one does not.
    public var crossedCutoff: Bool

    public init(delta: Int, direction: Direction, crossedCutoff: Bool) {
        self.delta = delta
        self.direction = direction
        self.crossedCutoff = crossedCutoff
    }
}
