/// Limits on request bodies; larger ones are refused with 413 before they are parsed.
enum RequestLimits {
    /// One response, a correction, a retraction or a CPR resolve.
    static let singleBody = 64 << 10
    /// A batch of up to ``batchResponses`` responses.
    static let batchBody = 2 << 20
    /// Responses in one batch.
    static let batchResponses = 1000
}
