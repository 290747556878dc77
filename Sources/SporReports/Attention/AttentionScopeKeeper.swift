/// The attention list's keys for one scope of several units (a staff member's), kept up to date as entries are
/// applied.
public struct AttentionScopeKeeper: Sendable {
    /// The scope's unit names.
    let names: Set<String>
    /// The codes of those of them seen so far.
    var codes: Set<Int32>
    /// Per citizen code with live responses in the scope: the key from those responses.
    var keys: [Int32: AttentionKey]
}
