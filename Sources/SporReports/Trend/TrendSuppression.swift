/// The suppression steps of docs/report-definition.md for the cells of one period, from their counts alone.
///
/// Primary: a cell with fewer than `minCell` citizens is suppressed. Complementary (only when the report is grouped):
/// while the suppressed cells hold, together, at least one and fewer than `minCell` citizens, the visible cell with
/// the fewest citizens is suppressed too, so the period's total minus the visible cells never gives figures about
/// fewer than `minCell` citizens. Then the same for the change figures: they are hidden in every suppressed cell
/// and in every cell with fewer than `minCell` paired citizens, and, when the report is grouped, while the hidden
/// ones hold more than 0 and fewer than `minCell` paired citizens, in the shown cell with the fewest. Ties go to
/// the cell that comes first in the report's order (group labels by Unicode code points, unlabelled last).
struct TrendSuppression {
    /// One cell's counts, before anything is hidden.
    struct Counts: Hashable {
        var citizens: Int
        var pairedCitizens: Int
    }

    /// What happens to one cell.
    struct Outcome: Hashable {
        /// `nil` when the cell's figures are shown.
        var suppression: TrendCell.Suppression?
        /// Whether the change figures are hidden (always for a suppressed cell).
        var changeHidden: Bool
    }

    var minCell: Int
    /// Whether the complementary steps run: the report is grouped (`by` is not `none`).
    var complementary: Bool

    /// The outcome of each cell of one period, given in the report's order (which is the tie order).
    func outcomes(_ cells: [Counts]) -> [Outcome] {
        var outcomes = cells.map { cell in
            Outcome(suppression: cell.citizens < minCell ? .primary : nil, changeHidden: cell.citizens < minCell)
        }
        if complementary {
            var hidden = zip(cells, outcomes).reduce(0) { $0 + ($1.1.suppression == nil ? 0 : $1.0.citizens) }
            while hidden > 0 && hidden < minCell,
                let next = Self.smallest(
                    cells.indices.filter { outcomes[$0].suppression == nil }, by: { cells[$0].citizens })
            {
                outcomes[next] = Outcome(suppression: .complementary, changeHidden: true)
                hidden += cells[next].citizens
            }
        }
        for index in cells.indices where cells[index].pairedCitizens < minCell { outcomes[index].changeHidden = true }
        if complementary {
            var hidden = zip(cells, outcomes).reduce(0) { $0 + ($1.1.changeHidden ? $1.0.pairedCitizens : 0) }
            while hidden > 0 && hidden < minCell,
                let next = Self.smallest(
                    cells.indices.filter { !outcomes[$0].changeHidden }, by: { cells[$0].pairedCitizens })
            {
                outcomes[next].changeHidden = true
                hidden += cells[next].pairedCitizens
            }
        }
        return outcomes
    }

    /// The first of `indices` with the least `count`: ties go to the earlier cell.
    private static func smallest(_ indices: [Int], by count: (Int) -> Int) -> Int? {
        indices.min { count($0) < count($1) }
    }
}
