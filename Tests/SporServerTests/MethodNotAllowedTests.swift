import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import SporServer

/// A served path asked with a method it does not answer gets 405, `Allow` naming the methods it does and a
/// problem+json body, for every route of the API and the web pages; an unserved path stays 404.
@Suite struct MethodNotAllowedTests {
    /// A path the template matches: an id for each parameter.
    static func concrete(_ template: String) -> String {
        template
            .replacingOccurrences(of: "{citizen}", with: "c-1")
            .replacingOccurrences(of: "{id}", with: "5b0c2f4e-7d1a-4c39-9a7e-0f7a3c1d2b11")
    }

    @Test func everyServedPathAnswersItsOtherMethodsWith405AndAllow() async throws {
        let fixture = try Fixture()
        var served: [String: Set<String>] = [:]
        for route in buildRouter(spor: fixture.spor(), logger: fixture.capture.logger).routes {
            served["\(route.path)", default: []].insert(route.method.rawValue)
        }
        #expect(served.count >= 25)
        #expect(served["/v1/responses/{id}/correction"] == ["POST"])
        #expect(served["/responses/{id}/correction"] == ["GET", "POST"])
        let table = served
        try await fixture.test { client in
            var checked = 0
            for (template, methods) in table.sorted(by: { $0.key < $1.key }) {
                let allow = methods.sorted().joined(separator: ", ")
                for method in [HTTPRequest.Method.get, .post, .put, .patch, .delete, .options, .head, .trace]
                where !methods.contains(method.rawValue) {
                    let response = try await client.execute(
                        uri: Self.concrete(template), method: method, headers: [:], body: nil)
                    #expect(response.status == .methodNotAllowed, "\(method) \(template)")
                    #expect(response.headers[.allow] == allow, "\(method) \(template)")
                    #expect(response.headers[.contentType] == Problem.mediaType, "\(method) \(template)")
                    if method != .head {
                        #expect(response.json["status"] as? Int == 405, "\(method) \(template)")
                    }
                    checked += 1
                }
            }
            #expect(checked > 100)
            for path in ["/v1/nothing-here", "/v1/responses/some-id/correction/more", "/no/such/page"] {
                let response = try await client.execute(uri: path, method: .delete, headers: [:], body: nil)
                #expect(response.status == .notFound, "\(path)")
                #expect(response.headers[.allow] == nil)
            }
        }
    }

    @Test func aLiteralSegmentWinsOverAParameterAsInTheRouter() async throws {
        let fixture = try Fixture()
        try await fixture.test { client in
            // `/v1/responses/batch` is its own route (POST), not `/v1/responses/{id}/…`.
            let batch = try await client.execute(uri: "/v1/responses/batch", method: .get, headers: [:], body: nil)
            #expect(batch.status == .methodNotAllowed)
            #expect(batch.headers[.allow] == "POST")
            // Where the literal leads nowhere, the router falls back to the parameter, and so does `Allow`:
            // `/v1/responses/batch/correction` is the correction of a response with the id `batch`.
            let fallback = try await client.execute(
                uri: "/v1/responses/batch/correction", method: .get, headers: [:], body: nil)
            #expect(fallback.headers[.allow] == "POST")
            // `/citizens/find` (POST) beside the page `/citizens/{citizen}` (GET).
            let find = try await client.execute(uri: "/citizens/find", method: .put, headers: [:], body: nil)
            #expect(find.headers[.allow] == "POST")
        }
    }
}
