import Foundation
import Hummingbird
import SporApplication
import SporInstruments
import SporReports

/// `POST /v1/responses`, `/v1/responses/batch`, `/v1/responses/{id}/correction` and `/retraction`: parse the
/// body, call the use case, answer with the scored response.
struct ResponsesController {
    let spor: UseCases

    func register(on group: RouterGroup<SporRequestContext>) {
        group.post("responses", use: record)
        group.post("responses/batch", use: recordBatch)
        group.post("responses/:id/correction", use: correct)
        group.post("responses/:id/retraction", use: retract)
    }

    /// Records one response: 201 the first time, 200 with the stored response when the same id and content come
    /// again, 409 when the id is stored with other content.
    @Sendable func record(_ request: Request, context: SporRequestContext) async throws -> Response {
        let caller = try context.caller()
        try spor.require(.record, by: caller)
        let bytes = try await request.bodyBytes(limit: RequestLimits.singleBody)
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes)
        } catch {
            throw Problem.malformed(error.description)
        }
        let recorded = try await spor.record(RawResponse(json: value), by: caller)
        let body = recorded.stored.body
        guard recorded.created else { return JSONResponse.make(.ok, scored: body) }
        let location = "/v1/responses/\(recorded.stored.response.id.uuidString.lowercased())"
        return JSONResponse.make(.created, scored: body, headers: [.location: location])
    }

    /// Records up to ``RequestLimits/batchResponses`` responses all-or-nothing, each answered as ``record`` would.
    @Sendable func recordBatch(_ request: Request, context: SporRequestContext) async throws -> Response {
        let caller = try context.caller()
        try spor.require(.record, by: caller)
        var reader = JSONObjectReader(try await request.jsonBody(limit: RequestLimits.batchBody), known: ["responses"])
        var drafts: [ResponseDraft] = []
        switch reader.members["responses"] {
        case .array(let entries)? where entries.count > RequestLimits.batchResponses:
            reader.add(
                FieldError(
                    field: "responses", rule: .count,
                    message: "responses must have at most \(RequestLimits.batchResponses) entries"))
        case .array(let entries)? where entries.isEmpty:
            reader.add(FieldError(field: "responses", rule: .count, message: "responses must have at least one entry"))
        case .array(let entries)?:
            let validator = spor.validator
            for (index, entry) in entries.enumerated() {
                do {
                    drafts.append(try validator.validate(RawResponse(json: entry)))
                } catch {
                    reader.add(
                        contentsOf: error.errors.map { error in
                            var error = error
                            error.field =
                                error.field == "$" ? "responses[\(index)]" : "responses[\(index)].\(error.field)"
                            return error
                        })
                }
            }
        case nil, .null?:
            reader.add(FieldError(field: "responses", rule: .required, message: "responses is required"))
        case let value?:
            reader.add(
                FieldError(
                    field: "responses", rule: .type, message: "responses must be an array, not \(value.typeName)"))
        }
        guard reader.errors.isEmpty else { throw Problem.invalid(reader.errors) }
        let recorded = try await spor.recordBatch(drafts, by: caller)
        let items = recorded.map {
            BatchItem(status: $0.created ? "created" : "alreadyStored", response: $0.stored.body)
        }
        return try JSONResponse.make(recorded.contains(where: \.created) ? .created : .ok, BatchBody(results: items))
    }

    /// Stores a new version of a response with new answers and/or date and a reason; the same correction again
    /// is answered with the current version.
    @Sendable func correct(_ request: Request, context: SporRequestContext) async throws -> Response {
        let caller = try context.caller()
        try spor.require(.correct, by: caller)
        let id = try Self.responseID(context)
        var reader = JSONObjectReader(
            try await request.jsonBody(limit: RequestLimits.singleBody), known: ["answers", "administeredAt", "reason"])
        let reason = reader.string("reason")
        guard reader.errors.isEmpty else { throw Problem.invalid(reader.errors) }
        let current = try await spor.correct(
            id, answers: reader.members["answers"], administeredAt: reader.members["administeredAt"], reason: reason,
            by: caller, via: context.endpoint(request))
        return JSONResponse.make(.ok, scored: current.body)
    }

    /// Retracts a response entered in error, with a reason; it leaves trajectories and reports.
    @Sendable func retract(_ request: Request, context: SporRequestContext) async throws -> Response {
        let caller = try context.caller()
        try spor.require(.retract, by: caller)
        let id = try Self.responseID(context)
        var reader = JSONObjectReader(try await request.jsonBody(limit: RequestLimits.singleBody), known: ["reason"])
        let reason = reader.string("reason")
        guard reader.errors.isEmpty else { throw Problem.invalid(reader.errors) }
        let retracted = try await spor.retract(id, reason: reason, by: caller)
        return try JSONResponse.make(
            .ok, RetractionBody(id: retracted.response.id.uuidString.lowercased(), retracted: true))
    }

    /// The response id in the path; one that is not a UUID answers as an unknown one.
    static func responseID(_ context: SporRequestContext) throws -> UUID {
        guard let text = context.parameters.get("id"), let id = UUID(uuidString: text) else {
            throw Problem(UseCaseError(.notFound, "No response with that id is stored."))
        }
        return id
    }

    private struct BatchItem: Encodable {
        var status: String
        var response: ScoredResponse?
    }

    private struct BatchBody: Encodable {
        var results: [BatchItem]
    }

    private struct RetractionBody: Encodable {
        var id: String
        var retracted: Bool
    }
}
