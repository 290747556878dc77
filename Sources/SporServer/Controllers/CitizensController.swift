import Foundation
import Hummingbird
import SporInstruments
import SporLog

/// `POST /v1/citizens/resolve` and the reads of one citizen's data; every answered read and every resolve is
/// written to the access audit trail before the data leaves the server.
struct CitizensController {
    let storage: Storage
    let now: @Sendable () -> Date

    func register(on group: RouterGroup<SporRequestContext>) {
        group.post("citizens/resolve", use: resolve)
        group.get("citizens/:citizen/trajectory", use: trajectory)
        group.get("citizens/:citizen/summary", use: summary)
    }

    /// `{"cpr": "…"}` → `{"citizen": "p-…"}`: the pseudonymous id, the same one recording with that CPR gives.
    @Sendable func resolve(_ request: Request, context: SporRequestContext) async throws -> Response {
        let identity = try context.require(.staff, .caseworker, .admin, for: "resolve CPR numbers")
        var reader = JSONObjectReader(try await request.jsonBody(limit: RequestLimits.singleBody), known: ["cpr"])
        var cpr: CPRNumber?
        if let text = reader.string("cpr") {
            do {
                cpr = try CPRNumber(parsing: text)
            } catch {
                switch error {
                case .format: reader.add(FieldError(field: "cpr", rule: .format, message: "cpr must be DDMMYY-SSSS or DDMMYYSSSS"))
                case .date: reader.add(FieldError(field: "cpr", rule: .date, message: "cpr must begin with a real birth date (DDMMYY)"))
                }
            }
        }
        guard reader.errors.isEmpty, let cpr else { throw Problem.invalid(reader.errors) }
        let citizen = storage.pseudonymiser.citizenID(for: cpr)
        try audit(identity, citizen, request, context)
        return try JSONResponse.make(.ok, ["citizen": citizen.rawValue])
    }

    /// Every live response of the citizen with its score and the change from the previous and the first one.
    @Sendable func trajectory(_ request: Request, context: SporRequestContext) async throws -> Response {
        let (identity, citizen, versions) = try readable(context)
        var previous: [InstrumentID: StoredVersion] = [:]
        var baseline: [InstrumentID: StoredVersion] = [:]
        let responses = versions.map { version in
            let instrument = version.response.instrument
            guard let definition = InstrumentCatalog.builtIn[instrument] else { return ScoredResponseBody(version) }
            let score = definition.score(version.response.answers)
            guard score.complete else { return ScoredResponseBody(version) }
            let body = ScoredResponseBody(
                version,
                changeFromPrevious: previous[instrument].flatMap { definition.change(from: definition.score($0.response.answers), to: score) },
                changeFromBaseline: baseline[instrument].flatMap { definition.change(from: definition.score($0.response.answers), to: score) })
            previous[instrument] = version
            if baseline[instrument] == nil { baseline[instrument] = version }
            return body
        }
        try audit(identity, citizen, request, context)
        return try JSONResponse.make(.ok, TrajectoryBody(citizen: citizen.rawValue, responses: responses))
    }

    /// For each instrument: the baseline, the latest scored response before `since`, the latest, and the changes,
    /// to prepare a follow-up meeting.
    @Sendable func summary(_ request: Request, context: SporRequestContext) async throws -> Response {
        let (identity, citizen, versions) = try readable(context)
        var since: CalendarDate?
        if let text = request.uri.queryParameters.get("since") {
            guard let date = CalendarDate(iso8601: text) else {
                throw Problem.invalid([FieldError(field: "since", rule: .format, message: "since must be a date, YYYY-MM-DD")])
            }
            since = date
        }
        let instruments = InstrumentCatalog.builtIn.definitions.compactMap { definition -> SummaryItem? in
            let scored = versions.filter { $0.response.instrument == definition.id && definition.score($0.response.answers).complete }
            guard let latest = scored.last, let baseline = scored.first else { return nil }
            let before = since.flatMap { since in scored.last { $0.response.administeredAt < since } }
            let score = { (version: StoredVersion) in definition.score(version.response.answers) }
            return SummaryItem(
                instrument: definition.id.rawValue,
                responsesSince: since.map { since in scored.filter { $0.response.administeredAt >= since }.count } ?? scored.count,
                baseline: ScoredResponseBody(baseline),
                before: before.map { ScoredResponseBody($0) },
                latest: ScoredResponseBody(latest),
                changeSinceBefore: before.flatMap { definition.change(from: score($0), to: score(latest)) }.map(ChangeBody.init),
                changeFromBaseline: definition.change(from: score(baseline), to: score(latest)).map(ChangeBody.init))
        }
        try audit(identity, citizen, request, context)
        return try JSONResponse.make(
            .ok, SummaryBody(citizen: citizen.rawValue, since: since?.description, instruments: instruments))
    }

    /// The caller, the citizen in the path and its live responses, when the caller may read them: caseworkers and
    /// admins any citizen, staff only citizens seen in their units (403 otherwise, known or not), strategic none.
    private func readable(_ context: SporRequestContext) throws -> (Identity, CitizenID, [StoredVersion]) {
        let identity = try context.require(.staff, .caseworker, .admin, for: "read individual citizens")
        guard let text = context.parameters.get("citizen"), let citizen = CitizenID(rawValue: text) else {
            throw Problem.invalid([FieldError(
                field: "citizen", rule: .format, message: "citizen must be a pseudonymous id; resolve a CPR number first")])
        }
        let versions = storage.directory.responses(of: citizen)
        if identity.role == .staff, !versions.contains(where: { $0.response.unit.map(identity.units.contains) ?? false }) {
            throw Problem.forbidden("Staff read only citizens seen in their own units.")
        }
        guard !versions.isEmpty else { throw Problem.notFound("No responses are stored for that citizen.") }
        return (identity, citizen, versions)
    }

    private func audit(_ identity: Identity, _ citizen: CitizenID, _ request: Request, _ context: SporRequestContext) throws {
        let endpoint = "\(request.method) \(context.endpointPath ?? "-")"
        try storage.audit.append(AuditRecord(
            at: now(), who: identity.name, role: identity.role, citizen: citizen, endpoint: endpoint))
    }

    private struct TrajectoryBody: Encodable {
        var citizen: String
        var responses: [ScoredResponseBody]
    }

    private struct ChangeBody: Encodable {
        var delta: Int
        var direction: Change.Direction
        var crossedCutoff: Bool

        init(_ change: Change) {
            delta = change.delta
            direction = change.direction
            crossedCutoff = change.crossedCutoff
        }
    }

    private struct SummaryItem: Encodable {
        var instrument: String
        var responsesSince: Int
        var baseline: ScoredResponseBody
        var before: ScoredResponseBody?
        var latest: ScoredResponseBody
        var changeSinceBefore: ChangeBody?
        var changeFromBaseline: ChangeBody?

        private enum Keys: String, CodingKey {
            case instrument, responsesSince, baseline, before, latest, changeSinceBefore, changeFromBaseline
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(instrument, forKey: .instrument)
            try container.encode(responsesSince, forKey: .responsesSince)
            try container.encode(baseline, forKey: .baseline)
            try container.encode(before, forKey: .before)
            try container.encode(latest, forKey: .latest)
            try container.encode(changeSinceBefore, forKey: .changeSinceBefore)
            try container.encode(changeFromBaseline, forKey: .changeFromBaseline)
        }
    }

    private struct SummaryBody: Encodable {
        var citizen: String
        var since: String?
        var instruments: [SummaryItem]
    }
}
