import Foundation
import Hummingbird
import SporInstruments
import SporLog
import SporReports

/// `GET /responses/new` and `POST /responses`: staff enter a citizen's answers. Invalid input shows the form
/// again with the errors beside the fields and the answers kept; a stored response leads to its result page.
struct NewResponseController {
    let responses: ResponsesController
    let today: @Sendable () -> CalendarDate

    func register(on group: RouterGroup<SporRequestContext>) {
        group.get("responses/new", use: form)
        group.post("responses", use: record)
    }

    @Sendable func form(_ request: Request, context: SporRequestContext) async throws -> Response {
        let identity = try context.require(.staff, .admin, for: "record responses")
        let catalog = InstrumentCatalog.builtIn
        let definition = request.uri.queryParameters.get("instrument").flatMap { catalog[InstrumentID($0)] } ?? catalog.who5
        var form = ResponseForm(definition: definition, date: today())
        if let citizen = request.uri.queryParameters.get("citizen"), CitizenID(rawValue: citizen) != nil { form.citizen = citizen }
        return render(form, identity: identity, page: WebPage(request, context), status: .ok)
    }

    @Sendable func record(_ request: Request, context: SporRequestContext) async throws -> Response {
        let identity = try context.require(.staff, .admin, for: "record responses")
        let body = try await FormBody.read(request, session: context)
        guard let definition = body["instrument"].flatMap({ InstrumentCatalog.builtIn[InstrumentID($0)] }) else {
            throw Problem.invalid([FieldError(field: "instrument", rule: .unknownInstrument, message: "instrument is unknown")])
        }
        var raw = RawResponse()
        for name in ["id", "citizen", "cpr", "administeredAt", "unit", "mode"] {
            if let value = body.nonEmpty(name) { raw.set(name, .string(value)) }
        }
        raw.set("instrument", .string(definition.id.rawValue))
        raw.set("answers", ResponseForm.answerValues(body, definition: definition))
        var errors: [FieldError] = []
        for index in definition.items.indices where body.nonEmpty("item\(index + 1)") == nil {
            errors.append(FieldError(field: "answers[\(index)]", rule: .required, message: "answers[\(index)] is required on the form"))
        }
        if identity.role == .staff, !(body.nonEmpty("unit").flatMap(Label.init(rawValue:)).map(identity.units.contains) ?? false) {
            errors.append(FieldError(field: "unit", rule: .range, message: "unit must be one of the staff member's units"))
        }
        var draft: ResponseDraft?
        do {
            draft = try ResponseValidator(today: today()).validate(raw)
        } catch {
            errors = error.errors.filter { new in !errors.contains { $0.field == new.field } } + errors
        }
        guard errors.isEmpty, let draft else {
            var form = ResponseForm(definition: definition, id: body.nonEmpty("id").flatMap { UUID(parsing: $0) } ?? UUID(), date: today())
            form.citizen = ResponseForm.keepable(body["citizen"])
            form.date = body["administeredAt"] ?? ""
            form.unit = body["unit"] ?? ""
            form.mode = body["mode"] ?? form.mode
            form.answers = ResponseForm.answers(body, definition: definition)
            form.errors = errors.sorted { Self.order($0.field) < Self.order($1.field) }
            return render(form, identity: identity, page: WebPage(request, context), status: .unprocessableContent)
        }
        let response = try responses.resolve(draft, for: identity, field: "unit")
        _ = try await responses.append([
            .responseRecorded(response, definitionVersion: ResponsesController.version(of: response)),
        ], author: try context.author())
        return WebPage.redirect("/responses/\(response.id.uuidString.lowercased())")
    }

    /// Errors in the order of the form's fields.
    private static func order(_ field: String) -> Int {
        if field.hasPrefix("answers["), let index = Int(field.dropFirst(8).prefix { $0.isNumber }) { return 10 + index }
        return ["citizen", "cpr", "administeredAt", "unit", "mode"].firstIndex(of: field) ?? 100
    }

    private func render(_ form: ResponseForm, identity: Identity, page: WebPage, status: HTTPResponse.Status) -> Response {
        let language = page.language
        let tabs = HTML.tag("nav", [("class", "tabs"), ("aria-label", language("Spørgeskema", "Questionnaire"))],
            children: InstrumentCatalog.builtIn.definitions.map { definition in
                .tag("a", [("href", "/responses/new?instrument=\(definition.id.rawValue)"),
                           ("aria-current", definition.id == form.definition.id ? "page" : nil)],
                     HTML(Wording.shortName(definition).text(language.rawValue)))
            })
        let units = identity.role == .staff ? identity.units.sorted() : nil
        return page.render(title: language("Ny besvarelse", "New response"), status: status, content: [
            tabs,
            form.summary(language),
            .tag("form", [("method", "post"), ("action", "/responses"), ("novalidate", "novalidate")],
                page.csrfField,
                .tag("input", [("type", "hidden"), ("name", "id"), ("value", form.id.uuidString.lowercased())]),
                .tag("input", [("type", "hidden"), ("name", "instrument"), ("value", form.definition.id.rawValue)]),
                form.detailFields(language, units: units),
                form.questions(language),
                .tag("button", [("type", "submit")], HTML(language("Gem besvarelse", "Save response")))),
        ])
    }
}
