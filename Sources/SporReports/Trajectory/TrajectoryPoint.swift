public import Foundation
public import SporInstruments

/// One response in a trajectory, in its latest version.
public struct TrajectoryPoint: Hashable, Sendable, Encodable {
    /// A CHIME item value.
    public struct DomainValue: Hashable, Sendable, Encodable {
        public var domain: String
        public var value: Int?
    }

    public var id: UUID
    public var administeredAt: CalendarDate
    public var unit: String?
    public var intervention: String?
    public var mode: AdministrationMode?
    public var definitionVersion: String
    /// Whether every item is answered; incomplete responses have no score and no changes.
    public var complete: Bool
    public var answers: [Int?]
    public var raw: Int?
    public var score: Int?
    /// The flags that hold (`incomplete` for an incomplete response).
    public var flags: [Flag]
    /// Item values by CHIME domain, for instruments whose items have domains.
    public var chime: [DomainValue]?
    /// The first scored response of the instrument, which changes since baseline are measured from.
    public var baseline: Bool
    public var corrected: Bool
    /// Shown only in a trajectory with history; retracted responses take no part in changes.
    public var retracted: Bool
    public var changeSincePrevious: ScoreChange?
    public var changeSinceBaseline: ScoreChange?
    /// Every event of the response, oldest first; only in a trajectory with history.
    public var revisions: [ResponseRevision]?
}
