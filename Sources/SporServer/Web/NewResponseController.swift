import Foundation
import Hummingbird
import SporApplication
import SporInstruments
import SporReports

/// `GET /responses/new` and `POST /responses`: staff enter a citizen's answers. Invalid input shows the form
/// again with the errors beside the fields and the answers kept; a stored response leads to its result page.
struct NewResponseController {
    let spor: UseCases

    func register(on group: RouterGroup<SporRequestContext>) {
        group.get("responses/new", use: form)
        group.post("responses", use: record)
    }

    @Sendable func form(_ request: Request, context: SporRequestContext) async throws -> Response {
        let caller = try context.caller()
        try spor.require(.record, by: caller)
        let catalog = InstrumentCatalog.builtIn
        let definition =
            request.uri.queryParameters.get("instrument").flatMap { catalog[InstrumentID($0)] } ?? catalog.who5
        var form = ResponseForm(definition: definition, date: spor.todayDate)
        if let citizen = request.uri.queryParameters.get("citizen"), CitizenID(rawValue: citizen) != nil {
            form.citizen = citizen
        }
        return render(form, units: spor.units(for: .record, by: caller), page: WebPage(request, context), status: .ok)
    }

    @Sendable func record(_ request: Request, context: SporRequestContext) async throws -> Response {
        let caller = try context.caller()
        try spor.require(.record, by: caller)
        let body = try await FormBody.read(request, session: context)
        guard let definition = body["instrument"].flatMap({ InstrumentCatalog.builtIn[InstrumentID($0)] }) else {
            throw Problem.invalid([
                FieldError(field: "instrument", rule: .unknownInstrument, message: "instrument is unknown")
            ])
        }
        var raw = RawResponse()
        for name in ["id", "citizen", "cpr", "administeredAt", "unit", "mode"] {
            if let value = body.nonEmpty(name) { raw.set(name, .string(value)) }
        }
        raw.set("instrument", .string(definition.id.rawValue))
        raw.set("answers", ResponseForm.answerValues(body, definition: definition))
        var errors: [FieldError] = []
        for index in definition.items.indices where body.nonEmpty("item\(index + 1)") == nil {
            errors.append(
                FieldError(
                    field: "answers[\(index)]", rule: .required, message: "answers[\(index)] is required on the form"))
        }
        let (draft, found) = try spor.check(raw, by: caller)
        errors = found.filter { new in !errors.contains { $0.field == new.field } } + errors
        guard errors.isEmpty, let draft else {
            var form = ResponseForm(
                definition: definition, id: body.nonEmpty("id").flatMap { UUID(parsing: $0) } ?? UUID(),
                date: spor.todayDate)
            form.citizen = ResponseForm.keepable(body["citizen"])
            form.date = ResponseForm.shown(body["administeredAt"])
            form.unit = ResponseForm.shown(body["unit"])
            form.mode = body["mode"] ?? form.mode
            form.answers = ResponseForm.answers(body, definition: definition)
            form.errors = errors.sorted { Self.order($0.field) < Self.order($1.field) }
            return render(
                form, units: spor.units(for: .record, by: caller), page: WebPage(request, context),
                status: .unprocessableContent)
        }
        let recorded = try await spor.record(draft, by: caller)
        return WebPage.redirect("/responses/\(recorded.stored.response.id.uuidString.lowercased())")
    }

    /// Errors in the order of the form's fields.
    private static func order(_ field: String) -> Int {
        if field.hasPrefix("answers["), let index = Int(field.dropFirst(8).prefix { $0.isNumber }) { return 10 + index }
        return ["citizen", "cpr", "administeredAt", "unit", "mode"].firstIndex(of: field) ?? 100
    }

    private func render(_ form: ResponseForm, units: [Label]?, page: WebPage, status: HTTPResponse.Status) -> Response {
        page.render(
            "new-response", NewResponseView(form, units: units, language: page.language),
            title: page.language.text("newResponse"), status: status)
    }
}
