import Hummingbird
import SporApplication
import SporInstruments
import SporReports

/// `GET /attention`: the attention list as a page, most urgent first, each row saying why. Staff see citizens
/// seen in their units, case workers and admins all; every listed citizen is audited.
struct AttentionPageController {
    let spor: UseCases
    let settings: WebSettings

    func register(on group: RouterGroup<SporRequestContext>) {
        group.get("attention", use: show)
    }

    @Sendable func show(_ request: Request, context: SporRequestContext) async throws -> Response {
        let caller = try context.caller()
        let list = try await spor.attentionList(
            silenceDays: settings.attentionSilenceDays, by: caller, via: context.endpoint(request))
        let page = WebPage(request, context)
        let language = page.language
        var content: [HTML] = [
            .tag("p", [], HTML(language(
                "Borgere, hvis seneste besvarelse er faldet mindst den meningsfulde ændring, viser meget lav trivsel, "
                    + "har et WHO-5-spørgsmål i bund, ligger under recovery-grænsen og falder, eller som ikke har svaret "
                    + "i over \(list.silenceDays) dage. De mest presserende står øverst.",
                "Citizens whose latest response fell by at least the meaningful change, shows very low wellbeing, has a "
                    + "WHO-5 item at the floor, is below the recovery cut-off and falling, or who have not answered for "
                    + "more than \(list.silenceDays) days. The most pressing come first."))),
        ]
        if let units = spor.units(for: .attentionList, by: caller) {
            content.append(.tag("p", [("class", "hint")], HTML(
                language("Dine enheder: ", "Your units: ") + units.map(\.rawValue).joined(separator: ", "))))
        }
        guard !list.entries.isEmpty else {
            content.append(.tag("p", [], HTML(language("Ingen borgere på listen lige nu.", "No citizens on the list right now."))))
            return page.render(title: language("Opmærksomhed", "Attention"), content: content)
        }
        content.append(.tag("table", [],
            .tag("caption", [("class", "hint")], HTML(language(
                list.total > list.entries.count
                    ? "De \(list.entries.count) mest presserende af \(list.total) borgere pr. \(list.asOf)"
                    : "\(list.entries.count) borgere pr. \(list.asOf)",
                list.total > list.entries.count
                    ? "The \(list.entries.count) most pressing of \(list.total) citizens as of \(list.asOf)"
                    : "\(list.entries.count) citizens as of \(list.asOf)"))),
            .tag("thead", [], .tag("tr", [],
                .tag("th", [("scope", "col")], HTML(language("Borger", "Citizen"))),
                .tag("th", [("scope", "col")], HTML(language("Enhed", "Unit"))),
                .tag("th", [("scope", "col")], HTML(language("Seneste besvarelse", "Latest response"))),
                .tag("th", [("scope", "col")], HTML(language("Hvorfor", "Why"))))),
            .tag("tbody", [], children: list.entries.map { entry in
                .tag("tr", [],
                    .tag("th", [("scope", "row")], .tag("a", [("href", "/citizens/\(entry.citizen)")], HTML(entry.citizen))),
                    .tag("td", [("class", "nowrap")], HTML(entry.unit ?? "–")),
                    .tag("td", [("class", "nowrap")], HTML(entry.lastResponse.description)),
                    .tag("td", [], .tag("ul", [("class", "reasons")], children: entry.reasons.map { reason in
                        .tag("li", [("data-reason", reason.code.rawValue)], HTML(reason.text.text(language.rawValue)))
                    })))
            })))
        return page.render(title: language("Opmærksomhed", "Attention"), content: content)
    }
}
