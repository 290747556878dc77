/// Where a citizen comes on the attention list: the most urgent reason, then more reasons first, then the largest
/// fall, then the oldest latest response, then the citizen id as text (``ResponseDataset/attentionOrder(_:_:)``).
struct AttentionKey: Hashable, Sendable {
    /// ``AttentionReason/Code/urgency`` of the most urgent reason.
    var urgency: Int
    var reasons: Int
    /// The smallest change among the reasons (the largest fall), 0 when none has one.
    var fall: Int
    /// The day of the latest response, as days since 1970.
    var day: Int32
    /// The citizen code.
    var citizen: Int32
}
