public import SporInstruments

/// Which responses a reader may see. Everything a reader is shown about a citizen (trajectory, changes, summary,
/// attention reasons) is computed from the responses in its scope only, so a response outside it leaves no trace.
public enum ResponseScope: Hashable, Sendable {
    /// Every response.
    case all
    /// Only responses recorded in one of these units (a staff member's units).
    case units(Set<Label>)
}
