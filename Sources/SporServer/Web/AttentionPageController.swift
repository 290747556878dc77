import Hummingbird
import SporApplication

/// `GET /attention`: the attention list as a page (``AttentionView``). Staff see citizens seen in their units,
/// case workers and admins all; every listed citizen is audited.
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
        let view = AttentionView(list, units: spor.units(for: .attentionList, by: caller), page.language)
        return page.render("attention", view, title: page.language.text("attention"))
    }
}
