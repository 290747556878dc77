import Foundation
import HTTPTypes
import HummingbirdTesting
import SporTesting
import Testing

@testable import SporApplication
@testable import SporServer

/// Nothing the caller sent comes back: unknown JSON keys and query parameters are named by position, and error
/// answers and pages never repeat the request's path or query.
@Suite struct NoEchoTests {
    /// What the requests below carry in names, paths and queries; no answer may hold any of it.
    static let secrets = ["secret", "0101901234", "010190-1234"]

    static func expectNoEcho(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for secret in secrets {
            #expect(!text.contains(secret), "an answer repeats what was sent", sourceLocation: sourceLocation)
        }
    }

    @Test("unknown JSON keys are reported by position in every request body")
    func unknownKeys() async throws {
        let fixture = try Fixture()
        try await fixture.test { client in
            let admin = fixture.tokens["admin"]
            let single = try await client.post(
                "/v1/responses", token: admin,
                body: responseJSON().dropLast() + #","secret-0101901234":1,"010190-1234":2}"#)
            #expect(single.status == .unprocessableContent)
            #expect(single.problemErrors == ["$:unknownField", "$:unknownField"])
            #expect(single.text.contains("member 7") && single.text.contains("member 8"))
            Self.expectNoEcho(single.text)
            let batch = try await client.post(
                "/v1/responses/batch", token: admin,
                body: #"{"responses":["# + responseJSON().dropLast() + #","secret":1}],"0101901234":[]}"#)
            #expect(batch.problemErrors == ["$:unknownField", "responses[0]:unknownField"])
            Self.expectNoEcho(batch.text)
            let stored = try await client.post("/v1/responses", token: admin, body: responseJSON())
            let id = try #require(stored.json["id"] as? String)
            for (uri, body) in [
                ("/v1/responses/\(id)/correction", #"{"answers":[1,1,1,1,1],"reason":"typo","secret 010190-1234":1}"#),
                ("/v1/responses/\(id)/retraction", #"{"reason":"typo","secret":"0101901234"}"#),
                ("/v1/citizens/resolve", #"{"cpr":"010190-1234","0101901234secret":1}"#),
            ] {
                let response = try await client.post(uri, token: admin, body: body)
                #expect(response.status == .unprocessableContent)
                #expect(response.problemErrors.contains("$:unknownField"))
                Self.expectNoEcho(response.text)
            }
        }
    }

    @Test("unknown query parameters are reported by position")
    func unknownParameters() async throws {
        let fixture = try Fixture()
        try await fixture.test { client in
            let response = try await client.get(
                "/v1/reports/trends?instrument=who5&secret0101901234=1&010190-1234=2",
                token: fixture.tokens["strategic"])
            #expect(response.status == .unprocessableContent)
            #expect(response.problemErrors == ["query:unknownField", "query:unknownField"])
            #expect(response.text.contains("parameter 2") && response.text.contains("parameter 3"))
            Self.expectNoEcho(response.text)
        }
    }

    @Test("unknown paths of the API and the web pages are answered without repeating path or query")
    func unknownPaths() async throws {
        let fixture = try Fixture()
        try await fixture.test { client in
            for uri in [
                "/v1/secret/0101901234?q=010190-1234", "/v1/citizens/010190-1234/trajectory?secret=1",
                "/v1/responses/secret-0101901234/retraction", "/secret-0101901234?lang=en&secret=010190-1234",
            ] {
                let response = try await client.get(uri, token: fixture.tokens["admin"])
                #expect(response.status.code >= 400)
                Self.expectNoEcho(response.text)
            }
            var browser = try await Browser.signedIn(client, token: fixture.tokens["admin"])
            for uri in [
                "/citizens/secret-010190-1234?lang=en&q=0101901234", "/responses/secret0101901234/correction?x=secret",
                "/responses/0101901234/retraction", "/citizens/0101901234",
            ] {
                let page = try await browser.get(client, uri)
                #expect(page.status.code >= 400, "\(page.status)")
                #expect(page.headers[.contentType]?.hasPrefix("text/html") == true)
                Self.expectNoEcho(page.text)
                #expect(page.text.contains(#"class="language" href="/?lang="#))
            }
        }
    }
}
