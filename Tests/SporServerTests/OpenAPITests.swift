import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import SporTesting
import Testing

@testable import SporApplication
@testable import SporServer

@Suite struct OpenAPITests {
    /// `Schemas/openapi.yaml` in the repository.
    static let file = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Schemas/openapi.yaml")

    /// The documented operations, as `GET /v1/citizens/{citizen}/trajectory`.
    static func documentedOperations(_ yaml: String) -> Set<String> {
        var operations: Set<String> = []
        var path: String?
        for line in yaml.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("  /"), line.hasSuffix(":") {
                path = String(line.dropFirst(2).dropLast())
            } else if !line.hasPrefix("  ") {
                path = nil
            } else if let path, line.hasPrefix("    "), !line.hasPrefix("     "),
                let method = ["get", "post", "put", "patch", "delete"].first(where: { line == "    \($0):" })
            {
                operations.insert("\(method.uppercased()) \(path)")
            }
        }
        return operations
    }

    @Test func theServedDocumentIsTheFileInSchemas() async throws {
        let yaml = try String(contentsOf: Self.file, encoding: .utf8)
        #expect(OpenAPIDocument.yaml + "\n" == yaml, "run scripts/embed-openapi.sh")
        #expect(yaml.hasPrefix("openapi: 3.1.0\n"))
        let fixture = try Fixture()
        try await fixture.test { client in
            let response = try await client.get("/openapi.yaml", token: nil)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/yaml")
            #expect(response.text == OpenAPIDocument.yaml)
        }
    }

    @Test func everyRouteIsDocumentedAndEveryDocumentedRouteIsServed() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let storage = try DataFolder(
            url: folder.url, mode: .serving, logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
        let router = buildRouter(
            spor: UseCases(folder: storage), logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
        // The API: everything but the web pages, which are HTML for browsers (docs/web.md).
        let api = router.routes.filter { route in
            ["/v1/", "/fhir/", "/healthz", "/openapi.yaml", "/metrics"].contains { "\(route.path)".hasPrefix($0) }
        }
        let served = Set(api.map { "\($0.method) \($0.path)" })
        let documented = Self.documentedOperations(OpenAPIDocument.yaml)
        #expect(served.count == 19)
        #expect(served == documented)
        await storage.close()
    }

    @Test func everyDocumentedErrorStatusHasAProblemResponse() {
        let yaml = OpenAPIDocument.yaml
        for name in [
            "Malformed", "Unauthorized", "Forbidden", "NotFound", "Conflict", "TooLarge", "UnsupportedMediaType",
            "Unavailable", "Invalid",
        ] {
            #expect(yaml.contains("    \(name):\n      description:"), "\(name)")
        }
        #expect(yaml.contains("      scheme: bearer"))
    }
}
