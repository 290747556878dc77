import Foundation
import Hummingbird
import SporInstruments
import SporLog
import SporReports

/// `/responses/{id}/correction` and `/responses/{id}/retraction`: a form to store a corrected version of a
/// response, or to retract one entered in error, each with a reason; then back to the citizen's page. Staff of
/// the response's unit and admins, as in the API. The forms show a stored response, so opening one is audited.
struct ResponseChangeController {
    let storage: Storage
    let responses: ResponsesController
    let today: @Sendable () -> CalendarDate
    let now: @Sendable () -> Date

    func register(on group: RouterGroup<SporRequestContext>) {
        group.get("responses/:id/correction", use: correctionForm)
        group.post("responses/:id/correction", use: correct)
        group.get("responses/:id/retraction", use: retractionForm)
        group.post("responses/:id/retraction", use: retract)
    }

    @Sendable func correctionForm(_ request: Request, context: SporRequestContext) async throws -> Response {
        let (stored, form) = try await openForm(context, endpoint: "GET /responses/{id}/correction")
        return correctionPage(form, stored: stored, page: WebPage(request, context), status: .ok)
    }

    @Sendable func correct(_ request: Request, context: SporRequestContext) async throws -> Response {
        let (stored, definition) = try changeable(context)
        let body = try await FormBody.read(request, session: context)
        let validator = ResponseValidator(today: today())
        var errors: [FieldError] = []
        var response = stored.response
        for index in definition.items.indices where body.nonEmpty("item\(index + 1)") == nil {
            errors.append(FieldError(field: "answers[\(index)]", rule: .required, message: "answers[\(index)] is required on the form"))
        }
        if let answers = validator.validateAnswers(
            ResponseForm.answerValues(body, definition: definition), for: definition, field: "answers", into: &errors) {
            response.answers = answers
        }
        let dateValue = body.nonEmpty("administeredAt").map(JSONValue.string)
        if let date = validator.validateDate(dateValue, field: "administeredAt", into: &errors) {
            response.administeredAt = date
        }
        let reason = body["reason"] ?? ""
        if let error = ReasonRule.check(reason) { errors.append(error) }
        guard errors.isEmpty else {
            var form = ResponseForm(definition: definition, id: stored.response.id, date: stored.response.administeredAt)
            form.date = body["administeredAt"] ?? ""
            form.answers = ResponseForm.answers(body, definition: definition)
            form.reason = ReasonRule.check(reason) == nil ? reason : ""
            form.errors = errors
            return correctionPage(form, stored: stored, page: WebPage(request, context), status: .unprocessableContent)
        }
        if response != stored.response {
            _ = try await responses.append([
                .responseCorrected(response, definitionVersion: ResponsesController.version(of: response), reason: reason),
            ], author: try context.author())
        }
        return WebPage.redirect("/citizens/\(response.citizen.rawValue)")
    }

    @Sendable func retractionForm(_ request: Request, context: SporRequestContext) async throws -> Response {
        let (stored, form) = try await openForm(context, endpoint: "GET /responses/{id}/retraction")
        return retractionPage(form, stored: stored, page: WebPage(request, context), status: .ok)
    }

    @Sendable func retract(_ request: Request, context: SporRequestContext) async throws -> Response {
        let (stored, definition) = try changeable(context)
        let body = try await FormBody.read(request, session: context)
        let reason = body["reason"] ?? ""
        if let error = ReasonRule.check(reason) {
            var form = ResponseForm(definition: definition, id: stored.response.id, date: stored.response.administeredAt)
            form.errors = [error]
            return retractionPage(form, stored: stored, page: WebPage(request, context), status: .unprocessableContent)
        }
        _ = try await responses.append(
            [.responseRetracted(id: stored.response.id, reason: reason)], author: try context.author())
        return WebPage.redirect("/citizens/\(stored.response.citizen.rawValue)")
    }

    /// The live response in the path as a form holding its answers; showing them is an audited read.
    private func openForm(_ context: SporRequestContext, endpoint: String) async throws -> (StoredResponse, ResponseForm) {
        let (stored, definition) = try changeable(context)
        if let identity = context.identity {
            try await storage.audit.append(AuditRecord(
                at: now(), who: identity.name, role: identity.role, citizen: stored.response.citizen, endpoint: endpoint))
        }
        var form = ResponseForm(definition: definition, id: stored.response.id, date: stored.response.administeredAt)
        form.answers = stored.response.answers
        return (stored, form)
    }

    /// The live response in the path and its definition: 404 unknown or retracted, 403 for staff of other units.
    private func changeable(_ context: SporRequestContext) throws -> (StoredResponse, InstrumentDefinition) {
        let identity = try context.require(.staff, .admin, for: "correct or retract responses")
        guard let text = context.parameters.get("id"), let id = UUID(uuidString: text),
              let stored = storage.stored(id), !stored.isRetracted,
              let definition = InstrumentCatalog.builtIn[stored.response.instrument]
        else { throw Problem.notFound("No live response with that id is stored.") }
        if identity.role == .staff, !(stored.response.unit.map(identity.units.contains) ?? false) {
            throw Problem.forbidden("Staff change only responses recorded in their own units.")
        }
        return (stored, definition)
    }

    private func heading(_ stored: StoredResponse, _ definition: InstrumentDefinition, _ language: Language) -> HTML {
        .tag("p", [], HTML(language("Borger", "Citizen") + " "),
             .tag("a", [("href", "/citizens/\(stored.response.citizen.rawValue)")], HTML(stored.response.citizen.rawValue)),
             HTML(" · \(Wording.shortName(definition).text(language.rawValue)) · \(stored.response.administeredAt)"))
    }

    private func correctionPage(_ form: ResponseForm, stored: StoredResponse, page: WebPage, status: HTTPResponse.Status) -> Response {
        let language = page.language
        let id = stored.response.id.uuidString.lowercased()
        let dateInvalid = form.errors.contains { $0.field == "administeredAt" }
        return page.render(title: language("Ret besvarelse", "Correct a response"), status: status, content: [
            heading(stored, form.definition, language),
            form.summary(language),
            .tag("form", [("method", "post"), ("action", "/responses/\(id)/correction"), ("novalidate", "novalidate")],
                page.csrfField,
                .tag("div", [("class", dateInvalid ? "field invalid" : "field")],
                    .tag("label", [("for", "administeredAt")], HTML(language("Dato for besvarelsen", "Date answered"))),
                    dateInvalid ? .tag("p", [("class", "error"), ("id", "administeredAt-error")], HTML(FieldErrorText.text(
                        form.errors.first { $0.field == "administeredAt" }!, language))) : .empty,
                    .tag("input", [("type", "date"), ("id", "administeredAt"), ("name", "administeredAt"), ("value", form.date)])),
                form.questions(language),
                form.reasonField(language),
                .tag("button", [("type", "submit")], HTML(language("Gem rettelse", "Save correction")))),
        ])
    }

    private func retractionPage(_ form: ResponseForm, stored: StoredResponse, page: WebPage, status: HTTPResponse.Status) -> Response {
        let language = page.language
        let id = stored.response.id.uuidString.lowercased()
        return page.render(title: language("Træk besvarelse tilbage", "Retract a response"), status: status, content: [
            heading(stored, form.definition, language),
            .tag("p", [], HTML(language(
                "En besvarelse, der er tastet ved en fejl, trækkes tilbage: den forsvinder fra forløb og rapporter, men bevares i historikken.",
                "A response entered in error is retracted: it leaves trajectories and reports but stays in the history."))),
            .tag("form", [("method", "post"), ("action", "/responses/\(id)/retraction")],
                page.csrfField,
                form.reasonField(language),
                .tag("button", [("type", "submit")], HTML(language("Træk tilbage", "Retract")))),
        ])
    }
}
