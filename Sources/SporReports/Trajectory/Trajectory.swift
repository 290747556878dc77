/// One citizen's responses per instrument in date order, with scores, flags and changes: the case worker's view.
public struct Trajectory: Hashable, Sendable, Encodable {
    public var citizen: String
    /// Whether retracted responses and the revisions of each response are included.
    public var history: Bool
    /// One entry per instrument the citizen has responses for, in catalog order.
    public var instruments: [InstrumentTrajectory]

    public init(citizen: String, history: Bool, instruments: [InstrumentTrajectory]) {
        self.citizen = citizen
        self.history = history
        self.instruments = instruments
    }
}
