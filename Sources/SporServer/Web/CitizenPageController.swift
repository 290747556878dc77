import Foundation
import Hummingbird
import SporApplication
import SporInstruments
import SporReports

/// `GET /citizens` (find a citizen by id or CPR number, the CPR number only in a POST body),
/// `POST /citizens/find`, and `GET /citizens/{citizen}`: the trajectory charts of both instruments, the CHIME
/// profile of the latest Brief INSPIRE-O, the follow-up summary since a chosen date, and the responses with
/// correct and retract actions; `?print=1` gives the print view for the follow-up meeting. Staff of a unit the
/// citizen is seen in, case workers and admins; every answered read is audited.
struct CitizenPageController {
    let spor: UseCases

    func register(on group: RouterGroup<SporRequestContext>) {
        group.get("citizens", use: find)
        group.post("citizens/find", use: lookUp)
        group.get("citizens/:citizen", use: show)
    }

    @Sendable func find(_ request: Request, context: SporRequestContext) async throws -> Response {
        try spor.require(.readCitizen, by: try context.caller())
        return findPage(WebPage(request, context), errors: [], citizen: "", status: .ok)
    }

    @Sendable func lookUp(_ request: Request, context: SporRequestContext) async throws -> Response {
        let caller = try context.caller()
        try spor.require(.readCitizen, by: caller)
        let form = try await FormBody.read(request, session: context)
        let page = WebPage(request, context)
        func refuse(_ field: String, _ rule: FieldError.Rule, keeping citizen: String = "") -> Response {
            let error = FieldError(field: field, rule: rule, message: "\(field) breaks the rule \(rule.rawValue)")
            return findPage(page, errors: [error], citizen: citizen, status: .unprocessableContent)
        }
        switch (form.nonEmpty("citizen"), form.nonEmpty("cpr")) {
        case (let text?, nil):
            guard let citizen = CitizenID(rawValue: text) else {
                return refuse("citizen", Label.problem(with: text) == .cpr ? .cpr : .format)
            }
            return WebPage.redirect("/citizens/\(citizen.rawValue)")
        case (nil, let text?):
            do {
                let citizen = try await spor.resolveCPR(text, by: caller, via: context.endpoint(request))
                return WebPage.redirect("/citizens/\(citizen.rawValue)")
            } catch let error as UseCaseError where error.code == .invalid {
                return refuse("cpr", error.fieldErrors.first?.rule ?? .format)
            }
        case (let text?, _?):
            return refuse("cpr", .exclusive, keeping: ResponseForm.keepable(text))
        case (nil, nil):
            return refuse("citizen", .required)
        }
    }

    private func findPage(
        _ page: WebPage, errors: [FieldError], citizen: String, status: HTTPResponse.Status
    ) -> Response {
        let view = FindCitizenView(errors: errors.map { FieldErrorText.text($0, page.language) }, citizen: citizen)
        return page.render("find-citizen", view, title: page.language.text("findCitizen"), status: status)
    }

    @Sendable func show(_ request: Request, context: SporRequestContext) async throws -> Response {
        let caller = try context.caller()
        guard let text = context.parameters.get("citizen"), let citizen = CitizenID(rawValue: text) else {
            throw Problem.notFound("No such citizen.")
        }
        let query = request.uri.queryParameters
        let asOf = spor.todayDate
        let sinceText = query.get("since")
        let since =
            sinceText.flatMap(CalendarDate.init(iso8601:)) ?? CalendarDate(daysSinceEpoch: asOf.daysSinceEpoch - 120)
        let printView = query.get("print") == "1"
        let overview = try await spor.overview(of: citizen, since: since, by: caller, via: context.endpoint(request))

        let page = WebPage(request, context)
        let view = CitizenView(
            overview, citizen: citizen, since: since,
            sinceInvalid: sinceText != nil && CalendarDate(iso8601: sinceText!) == nil,
            canRecord: spor.permits(.record, by: caller), canCorrect: spor.permits(.correct, by: caller),
            printView: printView,
            page.language)
        return page.render("citizen", view, title: view.title, printView: printView)
    }
}
