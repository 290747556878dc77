import Foundation
import Hummingbird
import SporApplication
import SporInstruments
import SporReports

/// `/responses/{id}/correction` and `/responses/{id}/retraction`: a form to store a corrected version of a
/// response, or to retract one entered in error, each with a reason; then back to the citizen's page. Staff of
/// the response's unit and admins, as in the API. The forms show a stored response, so opening one is audited.
struct ResponseChangeController {
    let spor: UseCases

    func register(on group: RouterGroup<SporRequestContext>) {
        group.get("responses/:id/correction", use: correctionForm)
        group.post("responses/:id/correction", use: correct)
        group.get("responses/:id/retraction", use: retractionForm)
        group.post("responses/:id/retraction", use: retract)
    }

    @Sendable func correctionForm(_ request: Request, context: SporRequestContext) async throws -> Response {
        let (stored, form) = try await openForm(request, context, for: .correct)
        return correctionPage(form, stored: stored, page: WebPage(request, context), status: .ok)
    }

    @Sendable func correct(_ request: Request, context: SporRequestContext) async throws -> Response {
        let caller = try context.caller()
        let id = try ResponsesController.responseID(context)
        let body = try await FormBody.read(request, session: context)
        var errors: [FieldError] = []
        var current: StoredResponse?
        let stored = try await spor.openForChange(id, action: .correct, by: caller, via: context.endpoint(request))
        let definition = stored.definition
        for index in definition.items.indices where body.nonEmpty("item\(index + 1)") == nil {
            errors.append(FieldError(field: "answers[\(index)]", rule: .required, message: "answers[\(index)] is required on the form"))
        }
        let reason = body["reason"] ?? ""
        if errors.isEmpty {
            do {
                current = try await spor.correct(
                    id, answers: ResponseForm.answerValues(body, definition: definition),
                    administeredAt: body.nonEmpty("administeredAt").map(JSONValue.string) ?? .null, reason: reason, by: caller,
                    via: context.endpoint(request))
            } catch let error as UseCaseError where error.code == .invalid {
                errors = error.fieldErrors
            }
        }
        guard let current else {
            var form = ResponseForm(definition: definition, id: id, date: stored.stored.response.administeredAt)
            form.date = ResponseForm.shown(body["administeredAt"])
            form.answers = ResponseForm.answers(body, definition: definition)
            form.reason = errors.contains { $0.field == "reason" } ? "" : reason
            form.errors = errors
            return correctionPage(form, stored: stored.stored, page: WebPage(request, context), status: .unprocessableContent)
        }
        return WebPage.redirect("/citizens/\(current.response.citizen.rawValue)")
    }

    @Sendable func retractionForm(_ request: Request, context: SporRequestContext) async throws -> Response {
        let (stored, form) = try await openForm(request, context, for: .retract)
        return retractionPage(form, stored: stored, page: WebPage(request, context), status: .ok)
    }

    @Sendable func retract(_ request: Request, context: SporRequestContext) async throws -> Response {
        let caller = try context.caller()
        let id = try ResponsesController.responseID(context)
        let body = try await FormBody.read(request, session: context)
        do {
            let retracted = try await spor.retract(id, reason: body["reason"] ?? "", by: caller)
            return WebPage.redirect("/citizens/\(retracted.response.citizen.rawValue)")
        } catch let error as UseCaseError where error.code == .invalid {
            let stored = try await spor.openForChange(id, action: .retract, by: caller, via: context.endpoint(request))
            var form = ResponseForm(definition: stored.definition, id: id, date: stored.stored.response.administeredAt)
            form.errors = error.fieldErrors
            return retractionPage(form, stored: stored.stored, page: WebPage(request, context), status: .unprocessableContent)
        }
    }

    /// The live response in the path as a form holding its answers; showing them is an audited read.
    private func openForm(
        _ request: Request, _ context: SporRequestContext, for action: AccessPolicy.Action
    ) async throws -> (StoredResponse, ResponseForm) {
        let changeable = try await spor.openForChange(
            try ResponsesController.responseID(context), action: action, by: try context.caller(),
            via: context.endpoint(request))
        let stored = changeable.stored
        var form = ResponseForm(definition: changeable.definition, id: stored.response.id, date: stored.response.administeredAt)
        form.answers = stored.response.answers
        return (stored, form)
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
