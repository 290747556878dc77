import Foundation
import Hummingbird
import SporApplication
import SporFHIR
import SporInstruments

/// The FHIR R4 routes (`docs/fhir.md`): the instruments as Questionnaires, the responses as a searchset Bundle of
/// QuestionnaireResponses and score Observations, one QuestionnaireResponse by id, and recording a posted
/// QuestionnaireResponse. Errors answer as an OperationOutcome (``FHIRErrorMiddleware``).
struct FHIRController {
    let spor: UseCases
    let settings: FHIRSettings

    func register(on group: RouterGroup<SporRequestContext>) {
        group.get("Questionnaire/:id", use: questionnaire)
        group.get("QuestionnaireResponse", use: search)
        group.post("QuestionnaireResponse", use: record)
        group.get("QuestionnaireResponse/:id", use: read)
    }

    /// An instrument as a Questionnaire, for every role.
    @Sendable func questionnaire(_ request: Request, context: SporRequestContext) async throws -> Response {
        _ = try context.caller()
        guard let id = context.parameters.get("id"), let definition = InstrumentCatalog.builtIn[InstrumentID(id)] else {
            throw Problem.notFound("No Questionnaire with that id; there are \(Self.questionnaireIDs).")
        }
        return FHIRResponse.make(.ok, FHIRInstrument(definition).questionnaire)
    }

    /// The responses the caller may see as a searchset Bundle; every citizen in it is audited.
    @Sendable func search(_ request: Request, context: SporRequestContext) async throws -> Response {
        let caller = try context.caller()
        try spor.require(.readCitizen, by: caller)
        let query: FHIRSearch
        do {
            // Hummingbird decodes the values; a client may percent-encode a name too (`subject%3Aidentifier`).
            query = try FHIRSearch(
                parameters: request.uri.queryParameters.map {
                    (String($0.key).removingPercentEncoding ?? "", String($0.value))
                },
                settings: settings)
        } catch {
            throw Problem(
                .badRequest, kind: "invalid-search", title: "The search parameters are invalid", errors: error.errors)
        }
        let records = try await spor.fhirRecords(
            of: query.citizen, changedSince: query.changedSince, by: caller, via: context.endpoint(request))
        return FHIRResponse.make(.ok, FHIRBundle.make(records, kind: .searchset, settings: settings, timestamp: Date()))
    }

    /// One response as a QuestionnaireResponse, retracted ones with status `entered-in-error`; audited.
    @Sendable func read(_ request: Request, context: SporRequestContext) async throws -> Response {
        let caller = try context.caller()
        try spor.require(.readCitizen, by: caller)
        let id = try ResponsesController.responseID(context)
        let record = try await spor.fhirRecord(of: id, by: caller, via: context.endpoint(request))
        guard let resource = record.questionnaireResponse(settings: settings) else { throw Problem.internalError }
        return FHIRResponse.make(.ok, resource)
    }

    /// Records a completed QuestionnaireResponse as `POST /v1/responses` records a response: 201 with the response
    /// as stored the first time, 200 when the same identifier and content come again, 409 for other content.
    @Sendable func record(_ request: Request, context: SporRequestContext) async throws -> Response {
        let caller = try context.caller()
        try spor.require(.record, by: caller)
        let document = try await request.jsonBody(
            limit: RequestLimits.singleBody, mediaTypes: FHIRResponse.acceptedTypes)
        let result = try await spor.record(fhir: document, settings: settings, by: caller)
        guard let resource = result.record.questionnaireResponse(settings: settings) else {
            throw Problem.internalError
        }
        guard result.recorded.created else { return FHIRResponse.make(.ok, resource) }
        return FHIRResponse.make(
            .created, resource, headers: [.location: "/fhir/QuestionnaireResponse/\(result.record.responseID)"])
    }

    private static var questionnaireIDs: String {
        InstrumentCatalog.builtIn.definitions.map(\.id.rawValue).joined(separator: " and ")
    }
}
