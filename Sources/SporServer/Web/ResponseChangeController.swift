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
            errors.append(
                FieldError(
                    field: "answers[\(index)]", rule: .required, message: "answers[\(index)] is required on the form"))
        }
        let reason = body["reason"] ?? ""
        if errors.isEmpty {
            do {
                current = try await spor.correct(
                    id, answers: ResponseForm.answerValues(body, definition: definition),
                    administeredAt: body.nonEmpty("administeredAt").map(JSONValue.string) ?? .null, reason: reason,
                    by: caller,
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
            return correctionPage(
                form, stored: stored.stored, page: WebPage(request, context), status: .unprocessableContent)
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
            return retractionPage(
                form, stored: stored.stored, page: WebPage(request, context), status: .unprocessableContent)
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
        var form = ResponseForm(
            definition: changeable.definition, id: stored.response.id, date: stored.response.administeredAt)
        form.answers = stored.response.answers
        return (stored, form)
    }

    private func correctionPage(
        _ form: ResponseForm, stored: StoredResponse, page: WebPage, status: HTTPResponse.Status
    ) -> Response {
        page.render(
            "correction", CorrectionView(form, stored: stored, page.language),
            title: page.language.text("correctResponse"),
            status: status)
    }

    private func retractionPage(
        _ form: ResponseForm, stored: StoredResponse, page: WebPage, status: HTTPResponse.Status
    ) -> Response {
        page.render(
            "retraction", RetractionView(form, stored: stored, page.language),
            title: page.language.text("retractResponse"),
            status: status)
    }
}
