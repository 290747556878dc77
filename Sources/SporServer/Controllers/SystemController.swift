import Hummingbird
import NIOCore

/// `GET /healthz` and `GET /openapi.yaml`, open without a token: neither says anything about citizens.
struct SystemController {
    func register(on router: Router<SporRequestContext>) {
        router.get("healthz", use: health)
        router.get("openapi.yaml", use: openAPI)
    }

    /// `{"status":"ok"}`: the same bytes for every probe, never encoded again.
    private static let healthy = ByteBuffer(string: #"{"status":"ok"}"#)

    @Sendable func health(_ request: Request, context: SporRequestContext) async throws -> Response {
        Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: Self.healthy))
    }

    @Sendable func openAPI(_ request: Request, context: SporRequestContext) async throws -> Response {
        Response(
            status: .ok, headers: [.contentType: "application/yaml"],
            body: .init(byteBuffer: ByteBuffer(string: OpenAPIDocument.yaml)))
    }
}
