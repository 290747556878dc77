/// The change figures of a trend cell: its citizens whose baseline is dated before their counted response, compared
/// with that baseline. Shown only for at least `minCell` such citizens (docs/report-definition.md), so never empty.
public struct TrendChange: Hashable, Sendable {
    /// Citizens whose baseline is dated before their counted response.
    public var pairedCitizens: Int
    /// Mean of counted score minus baseline score.
    public var meanChange: Double
    /// The shares of the paired citizens whose change is improved, unchanged and deteriorated, and who crossed the
    /// cut-off (flagged low at baseline, not now); fractions 0–1.
    public var improved: Double
    public var unchanged: Double
    public var deteriorated: Double
    public var crossedCutoff: Double

    public init(
        pairedCitizens: Int, meanChange: Double, improved: Double, unchanged: Double, deteriorated: Double,
        crossedCutoff: Double
    ) {
        self.pairedCitizens = pairedCitizens
        self.meanChange = meanChange
        self.improved = improved
        self.unchanged = unchanged
        self.deteriorated = deteriorated
        self.crossedCutoff = crossedCutoff
    }
}
