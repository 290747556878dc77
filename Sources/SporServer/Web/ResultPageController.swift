import Foundation
import Hummingbird
import SporApplication

/// `GET /responses/{id}`: the result of one response, to talk about with the citizen (``ResultView``).
/// Staff of the response's unit, case workers and admins; every answered read is audited.
struct ResultPageController {
    let spor: UseCases

    func register(on group: RouterGroup<SporRequestContext>) {
        group.get("responses/:id", use: show)
    }

    @Sendable func show(_ request: Request, context: SporRequestContext) async throws -> Response {
        let result = try await spor.result(
            of: try ResponsesController.responseID(context), by: try context.caller(), via: context.endpoint(request))
        let page = WebPage(request, context)
        let view = ResultView(result, page.language)
        return page.render("result", view, title: view.title)
    }
}
