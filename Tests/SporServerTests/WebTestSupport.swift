import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Synchronization
import Testing

@testable import SporApplication
@testable import SporServer

/// A browser's state in tests: its cookies and the CSRF token of the last page it read.
struct Browser: Sendable {
    var cookies: [String: String] = [:]
    var csrf: String?

    /// Signs in with `token` through the sign-in form, as a browser does.
    static func signedIn(_ client: some TestClientProtocol, token: String?) async throws -> Browser {
        var browser = Browser()
        _ = try await browser.get(client, "/sign-in")
        let response = try await browser.post(client, "/sign-in", ["token": token ?? ""])
        #expect(response.status == .seeOther)
        #expect(browser.cookies[SessionStore.cookieName] != nil)
        return browser
    }

    /// GETs a page with the cookies, keeping new cookies and the page's CSRF token.
    mutating func get(
        _ client: some TestClientProtocol, _ uri: String, headers extra: HTTPFields = [:]
    ) async throws -> TestResponse {
        var headers = extra
        if !cookies.isEmpty { headers[.cookie] = cookieHeader }
        let response = try await client.execute(uri: uri, method: .get, headers: headers)
        keep(response)
        return response
    }

    /// POSTs a form with the cookies and, unless told otherwise, the CSRF token of the last page.
    mutating func post(
        _ client: some TestClientProtocol, _ uri: String, _ fields: [(String, String)], csrf: String?? = .none
    ) async throws -> TestResponse {
        var fields = fields
        if let token = csrf ?? self.csrf { fields.append(("csrf", token)) }
        let body = fields.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
        if !cookies.isEmpty { headers[.cookie] = cookieHeader }
        let response = try await client.execute(
            uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body))
        keep(response)
        return response
    }

    mutating func post(
        _ client: some TestClientProtocol, _ uri: String, _ fields: [String: String], csrf: String?? = .none
    ) async throws -> TestResponse {
        try await post(client, uri, fields.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }, csrf: csrf)
    }

    private var cookieHeader: String { cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") }

    private mutating func keep(_ response: TestResponse) {
        for header in response.headers[values: .setCookie] {
            let pair = header.split(separator: ";")[0].split(
                separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(pair[0])
            let value = pair.count > 1 ? String(pair[1]) : ""
            if value.isEmpty || header.contains("Max-Age=0") { cookies[name] = nil } else { cookies[name] = value }
        }
        let text = String(buffer: response.body)
        if let range = text.range(of: #"name="csrf" value=""#) {
            csrf = String(text[range.upperBound...].prefix { $0 != "\"" })
        }
    }

    private static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }
}

/// A clock tests can move forward.
final class TestClock: Sendable {
    private let current = Mutex(Date())

    var now: Date { current.withLock { $0 } }

    func advance(by seconds: TimeInterval) {
        current.withLock { $0 = $0.addingTimeInterval(seconds) }
    }
}
