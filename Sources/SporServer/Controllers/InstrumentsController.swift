import Hummingbird
import SporInstruments

/// `GET /v1/instruments`: the instrument definitions, for every role.
struct InstrumentsController {
    func register(on group: RouterGroup<SporRequestContext>) {
        group.get("instruments", use: list)
    }

    @Sendable func list(_ request: Request, context: SporRequestContext) async throws -> Response {
        _ = try context.caller()
        return try JSONResponse.make(.ok, ["instruments": InstrumentCatalog.builtIn.definitions])
    }
}
