import Hummingbird
import NIOCore
import SporFHIR
import SporInstruments

/// FHIR resources as HTTP responses, `application/fhir+json`.
enum FHIRResponse {
    /// The media type of every FHIR body Spor writes.
    static let mediaType = "application/fhir+json"
    /// The media types a posted resource may come in.
    static let acceptedTypes: Set<String> = ["application/fhir+json", "application/json"]

    static func make(_ status: HTTPResponse.Status, _ resource: JSONValue, headers extra: HTTPFields = [:]) -> Response
    {
        var headers = extra
        headers[.contentType] = mediaType
        return Response(
            status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: resource.jsonBytes)))
    }
}
