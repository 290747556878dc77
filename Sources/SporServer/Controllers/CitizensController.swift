import Foundation
import Hummingbird
import SporApplication
import SporInstruments
import SporReports

/// `POST /v1/citizens/resolve` and the reads of one citizen's data; the use cases audit every answered read and
/// every resolve before the data leaves the server.
struct CitizensController {
    let spor: UseCases

    func register(on group: RouterGroup<SporRequestContext>) {
        group.post("citizens/resolve", use: resolve)
        group.get("citizens/:citizen/trajectory", use: trajectory)
        group.get("citizens/:citizen/summary", use: summary)
    }

    /// `{"cpr": "…"}` → `{"citizen": "p-…"}`: the pseudonymous id, the same one recording with that CPR gives.
    @Sendable func resolve(_ request: Request, context: SporRequestContext) async throws -> Response {
        let caller = try context.caller()
        try spor.require(.resolveCPR, by: caller)
        var reader = JSONObjectReader(try await request.jsonBody(limit: RequestLimits.singleBody), known: ["cpr"])
        let text = reader.string("cpr")
        guard reader.errors.isEmpty, let text else { throw Problem.invalid(reader.errors) }
        let citizen = try await spor.resolveCPR(text, by: caller, via: context.endpoint(request))
        return try JSONResponse.make(.ok, ["citizen": citizen.rawValue])
    }

    /// The citizen's trajectory per instrument (`Schemas/trajectory.schema.json`).
    @Sendable func trajectory(_ request: Request, context: SporRequestContext) async throws -> Response {
        let caller = try context.caller()
        try spor.require(.readCitizen, by: caller)
        let trajectory = try await spor.trajectory(
            of: try Self.citizen(context), by: caller, via: context.endpoint(request))
        return try JSONResponse.make(.ok, report: trajectory)
    }

    /// The follow-up summary since the last meeting (`Schemas/summary.schema.json`); `since` is required.
    @Sendable func summary(_ request: Request, context: SporRequestContext) async throws -> Response {
        let caller = try context.caller()
        try spor.require(.readCitizen, by: caller)
        let citizen = try Self.citizen(context)
        guard let text = request.uri.queryParameters.get("since") else {
            throw Problem.invalid([
                FieldError(field: "since", rule: .required, message: "since is required, YYYY-MM-DD")
            ])
        }
        guard let since = CalendarDate(iso8601: text) else {
            throw Problem.invalid([
                FieldError(field: "since", rule: .format, message: "since must be a date, YYYY-MM-DD")
            ])
        }
        let summary = try await spor.summary(of: citizen, since: since, by: caller, via: context.endpoint(request))
        return try JSONResponse.make(.ok, report: summary)
    }

    /// The citizen id in the path.
    private static func citizen(_ context: SporRequestContext) throws -> CitizenID {
        guard let text = context.parameters.get("citizen"), let citizen = CitizenID(rawValue: text) else {
            throw Problem.invalid([
                FieldError(
                    field: "citizen", rule: .format,
                    message: "citizen must be a pseudonymous id; resolve a CPR number first")
            ])
        }
        return citizen
    }
}
