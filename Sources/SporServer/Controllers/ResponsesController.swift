import Foundation
import Hummingbird
import SporInstruments
import SporReports
import SporLog

/// `POST /v1/responses`, `/v1/responses/batch`, `/v1/responses/{id}/correction` and `/retraction`.
struct ResponsesController {
    let storage: Storage
    /// Today's date, for the "not in the future" rule.
    let today: @Sendable () -> CalendarDate

    func register(on group: RouterGroup<SporRequestContext>) {
        group.post("responses", use: record)
        group.post("responses/batch", use: recordBatch)
        group.post("responses/:id/correction", use: correct)
        group.post("responses/:id/retraction", use: retract)
    }

    /// Records one response: 201 the first time, 200 with the stored response when the same id and content come
    /// again, 409 when the id is stored with other content.
    @Sendable func record(_ request: Request, context: SporRequestContext) async throws -> Response {
        let identity = try context.require(.staff, .admin, for: "record responses")
        let bytes = try await request.jsonBytes(limit: RequestLimits.singleBody)
        let draft: ResponseDraft
        do {
            draft = try ResponseValidator(today: today()).validate(json: bytes)
        } catch {
            throw Self.problem(for: error)
        }
        let response = try resolve(draft, for: identity, field: "unit")
        let results = try await append(
            [.responseRecorded(response, definitionVersion: Self.version(of: response))], author: try context.author())
        let id = response.id.uuidString.lowercased()
        guard let stored = storage.stored(response.id) else { throw Problem.internalError }
        switch results[0] {
        case .appended:
            return try JSONResponse.make(.created, ScoredResponseBody(stored), headers: [.location: "/v1/responses/\(id)"])
        case .alreadyStored:
            return try JSONResponse.make(.ok, ScoredResponseBody(stored))
        }
    }

    /// Records up to ``RequestLimits/batchResponses`` responses all-or-nothing, each answered as ``record`` would.
    @Sendable func recordBatch(_ request: Request, context: SporRequestContext) async throws -> Response {
        let identity = try context.require(.staff, .admin, for: "record responses")
        var reader = JSONObjectReader(try await request.jsonBody(limit: RequestLimits.batchBody), known: ["responses"])
        var drafts: [ResponseDraft] = []
        switch reader.members["responses"] {
        case .array(let entries)? where entries.count > RequestLimits.batchResponses:
            reader.add(FieldError(
                field: "responses", rule: .count, message: "responses must have at most \(RequestLimits.batchResponses) entries"))
        case .array(let entries)? where entries.isEmpty:
            reader.add(FieldError(field: "responses", rule: .count, message: "responses must have at least one entry"))
        case .array(let entries)?:
            let validator = ResponseValidator(today: today())
            for (index, entry) in entries.enumerated() {
                do {
                    drafts.append(try validator.validate(RawResponse(json: entry)))
                } catch {
                    reader.add(contentsOf: error.errors.map { error in
                        var error = error
                        error.field = error.field == "$" ? "responses[\(index)]" : "responses[\(index)].\(error.field)"
                        return error
                    })
                }
            }
        case nil, .null?:
            reader.add(FieldError(field: "responses", rule: .required, message: "responses is required"))
        case let value?:
            reader.add(FieldError(field: "responses", rule: .type, message: "responses must be an array, not \(value.typeName)"))
        }
        guard reader.errors.isEmpty else { throw Problem.invalid(reader.errors) }
        let responses = try drafts.enumerated().map { index, draft in
            try resolve(draft, for: identity, field: "responses[\(index)].unit")
        }
        let results = try await append(
            responses.map { .responseRecorded($0, definitionVersion: Self.version(of: $0)) }, author: try context.author())
        var created = false
        let items = try zip(responses, results).map { response, result in
            guard let stored = storage.stored(response.id) else { throw Problem.internalError }
            if case .appended = result { created = true }
            return BatchItem(status: result.isAppended ? "created" : "alreadyStored", response: ScoredResponseBody(stored))
        }
        return try JSONResponse.make(created ? .created : .ok, BatchBody(results: items))
    }

    /// Stores a new version of a response with new answers and/or date and a reason; the same correction again
    /// is answered with the current version.
    @Sendable func correct(_ request: Request, context: SporRequestContext) async throws -> Response {
        let identity = try context.require(.staff, .admin, for: "correct responses")
        let stored = try liveResponse(request, context: context, identity: identity)
        var reader = JSONObjectReader(
            try await request.jsonBody(limit: RequestLimits.singleBody), known: ["answers", "administeredAt", "reason"])
        let validator = ResponseValidator(today: today())
        var response = stored.response
        var errors: [FieldError] = []
        if reader.members["answers"] == nil, reader.members["administeredAt"] == nil, reader.errors.isEmpty {
            errors.append(FieldError(field: "answers", rule: .required, message: "give answers, administeredAt or both"))
        }
        if let value = reader.members["answers"],
           let answers = validator.validateAnswers(value, for: InstrumentCatalog.builtIn[response.instrument], field: "answers", into: &errors) {
            response.answers = answers
        }
        if let value = reader.members["administeredAt"],
           let date = validator.validateDate(value, field: "administeredAt", into: &errors) {
            response.administeredAt = date
        }
        let reason = reader.string("reason")
        if let reason, let error = ReasonRule.check(reason) { errors.append(error) }
        reader.add(contentsOf: errors)
        guard reader.errors.isEmpty, let reason else { throw Problem.invalid(reader.errors) }
        if response != stored.response {
            _ = try await append(
                [.responseCorrected(response, definitionVersion: Self.version(of: response), reason: reason)],
                author: try context.author())
        }
        guard let current = storage.stored(response.id) else { throw Problem.internalError }
        return try JSONResponse.make(.ok, ScoredResponseBody(current))
    }

    /// Retracts a response entered in error, with a reason; it leaves trajectories and reports.
    @Sendable func retract(_ request: Request, context: SporRequestContext) async throws -> Response {
        let identity = try context.require(.staff, .admin, for: "retract responses")
        let stored = try liveResponse(request, context: context, identity: identity)
        var reader = JSONObjectReader(try await request.jsonBody(limit: RequestLimits.singleBody), known: ["reason"])
        let reason = reader.string("reason")
        if let reason, let error = ReasonRule.check(reason) { reader.add(error) }
        guard reader.errors.isEmpty, let reason else { throw Problem.invalid(reader.errors) }
        _ = try await append([.responseRetracted(id: stored.response.id, reason: reason)], author: try context.author())
        return try JSONResponse.make(.ok, RetractionBody(id: stored.response.id.uuidString.lowercased(), retracted: true))
    }

    /// The response named in the path: 404 when unknown, 409 when retracted, 403 for staff outside its unit.
    private func liveResponse(_ request: Request, context: SporRequestContext, identity: Identity) throws -> StoredResponse {
        guard let text = context.parameters.get("id"), let id = UUID(uuidString: text),
              let stored = storage.stored(id)
        else { throw Problem.notFound("No response with that id is stored.") }
        if identity.role == .staff, !(stored.response.unit.map(identity.units.contains) ?? false) {
            throw Problem.forbidden("Staff change only responses recorded in their own units.")
        }
        guard !stored.isRetracted else { throw Problem.conflict("The response is retracted.") }
        return stored
    }

    /// The response to store: the citizen pseudonymised, the id chosen; staff only for their own units.
    func resolve(_ draft: ResponseDraft, for identity: Identity, field: String) throws -> SporInstruments.Response {
        if identity.role == .staff, !(draft.unit.map(identity.units.contains) ?? false) {
            throw Problem.forbidden("Staff record only for their own units: \(field) must be one of them.")
        }
        return storage.pseudonymiser.resolve(draft, id: draft.id ?? UUID())
    }

    /// Appends durably as one batch by `author`, turning the log's refusals into problems.
    func append(_ events: [SporLog.LogEvent], author: Author) async throws -> [EventLog.AppendResult] {
        do {
            return try await storage.append(events, author: author)
        } catch let error as LogError {
            switch error.code {
            case .conflict: throw Problem.conflict("A response with this id is stored with other content.")
            case .retracted: throw Problem.conflict("The response is retracted.")
            case .unknownResponse: throw Problem.notFound("No response with that id is stored.")
            case .invalidEvent: throw Problem.invalid([FieldError(field: "$", rule: .range, message: error.message)])
            default: throw error
            }
        }
    }

    static func version(of response: SporInstruments.Response) -> String {
        InstrumentCatalog.builtIn[response.instrument]?.version ?? ""
    }

    /// 400 for a body that is not JSON, else 422 with every violated rule.
    static func problem(for failure: ValidationFailure) -> Problem {
        if let malformed = failure.errors.first(where: { $0.rule == .json }) { return .malformed(malformed.message) }
        return .invalid(failure.errors)
    }

    private struct BatchItem: Encodable {
        var status: String
        var response: ScoredResponseBody
    }

    private struct BatchBody: Encodable {
        var results: [BatchItem]
    }

    private struct RetractionBody: Encodable {
        var id: String
        var retracted: Bool
    }
}

extension EventLog.AppendResult {
    fileprivate var isAppended: Bool {
        if case .appended = self { true } else { false }
    }
}
