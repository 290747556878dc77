import Foundation
import Hummingbird
import SporApplication
import SporInstruments
import SporReports

/// `GET /v1/attention`: the citizens to look at first, with the reasons why, as far as the caller may see them;
/// every listed citizen is written to the access audit trail.
struct AttentionController {
    let spor: UseCases
    let settings: WebSettings

    func register(on group: RouterGroup<SporRequestContext>) {
        group.get("attention", use: list)
    }

    @Sendable func list(_ request: Request, context: SporRequestContext) async throws -> Response {
        let caller = try context.caller()
        try spor.require(.attentionList, by: caller)
        var limit = AttentionList.defaultLimit
        if let text = request.uri.queryParameters.get("limit") {
            guard let value = Int(text) else {
                throw Problem.invalid([
                    FieldError(
                        field: "limit", rule: .range,
                        message: "limit must be a whole number from 1 to \(AttentionList.maximumLimit)")
                ])
            }
            limit = value
        }
        let list = try await spor.attentionList(
            limit: limit, silenceDays: settings.attentionSilenceDays, by: caller, via: context.endpoint(request))
        return try JSONResponse.make(.ok, report: list)
    }
}
