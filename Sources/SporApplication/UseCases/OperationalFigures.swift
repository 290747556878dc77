public import Foundation

/// The data folder's size and the snapshot's age, for the metrics endpoint (``UseCases/operationalFigures(by:)``).
public struct OperationalFigures: Hashable, Sendable {
    /// Responses in the dataset, retracted ones included.
    public var responses: Int
    /// Distinct citizens in the dataset.
    public var citizens: Int
    /// Seconds since `dataset.snapshot` was written; `nil` when the folder has none.
    public var snapshotAge: TimeInterval?
}
