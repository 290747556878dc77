import SporInstruments
import SporReports

extension StoredResponse {
    /// The response as every route answers it: the one scored-response shape.
    var body: ScoredResponse? { ScoredResponse(response, definitionVersion: definitionVersion) }
}
