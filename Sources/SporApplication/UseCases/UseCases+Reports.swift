import SporInstruments
public import SporReports

extension UseCases {
    /// The trend report of the strategic level (docs/report-definition.md), small cells suppressed.
    ///
    /// A role that may read live figures (case workers, admins, the CLI) gets them. The strategic role gets the
    /// newest release's cells instead (periods not yet settled are absent), the release named in the report and
    /// made first when a period has settled that no release holds: it can never difference a new response out of
    /// a live figure.
    ///
    /// Through a token, `from` and `to` must lie on period boundaries: two reports whose dates differ by a day would
    /// otherwise differ by the few citizens who answered that day. A CLI caller on the data folder itself may use
    /// any dates. A report with cells under ``TrendReportRequest/smallestMinCell`` shows small groups and is
    /// audited as a bulk read.
    /// - Throws: ``UseCaseError`` `invalid` naming the field, `forbidden`.
    public func trendReport(
        _ request: TrendReportRequest, by caller: Caller, via endpoint: String
    ) async throws -> TrendReport {
        let live = AccessPolicy.scope(of: caller.role, for: .liveReport) != .none
        if !live { _ = try AccessPolicy.responses(caller, .releasedReport) }
        var errors: [FieldError] = []
        if caller.channel == .token {
            if let from = request.from, !request.period.begins(on: from) {
                errors.append(
                    FieldError(
                        field: "from", rule: .range,
                        message:
                            "from must be the first day of a \(request.period.rawValue), such as \(from.year)-01-01"))
            }
            if let to = request.to, !request.period.ends(on: to) {
                errors.append(
                    FieldError(
                        field: "to", rule: .range,
                        message:
                            "to must be the last day of a \(request.period.rawValue), such as \(to.year)-12-31"))
            }
        }
        do {
            try request.validate()
        } catch let error as ReportError {
            errors.append(FieldError(field: error.field, rule: .range, message: "\(error.field) \(error.message)"))
        }
        guard errors.isEmpty else { throw UseCaseError.invalid(errors) }
        guard live else {
            let release = try await newestRelease()
            return try Self.report(of: release, request)
        }
        let report = try await folder.read(long: true) { try $0.trendReport(request) }
        if request.minCell < TrendReportRequest.smallestMinCell { try await audit(nil, by: caller, via: endpoint) }
        return report
    }

    /// The most urgent `limit` citizens of the attention list as the caller may see it, each one listed written to
    /// the audit trail.
    /// - Parameters:
    ///   - limit: 1 to ``AttentionList/maximumLimit``.
    ///   - silenceDays: days without a response after which a citizen is listed.
    public func attentionList(
        limit: Int = AttentionList.defaultLimit, silenceDays: Int = AttentionList.defaultSilenceDays, by caller: Caller,
        via endpoint: String
    ) async throws -> AttentionList {
        let scope = try AccessPolicy.responses(caller, .attentionList)
        guard (1...AttentionList.maximumLimit).contains(limit) else {
            throw UseCaseError.invalid([
                FieldError(
                    field: "limit", rule: .range,
                    message: "limit must be a whole number from 1 to \(AttentionList.maximumLimit)")
            ])
        }
        let asOf = today()
        await folder.awaitKeptAttentionList()
        // The same list is answered again, without looking at any citizen, until the next write.
        let key = AttentionListKey(scope: scope, asOf: asOf, silenceDays: silenceDays, limit: limit)
        // A list of several units not kept yet is not kept here either: the next one asks for the scope to be kept.
        let (list, kept) = try await folder.read(
            long: true, keptAs: key, keep: { $0.1 },
            {
                (
                    $0.attentionList(scope: scope, asOf: asOf, silenceDays: silenceDays, limit: limit),
                    $0.keepsAttention(for: scope)
                )
            })
        if !kept, case .units(let units) = scope { folder.keepAttention(units: units) }
        try await audit(list.entries.map { CitizenID(rawValue: $0.citizen) }, by: caller, via: endpoint)
        return list
    }
}
