import Foundation
import Hummingbird
import NIOCore

/// The fields of an `application/x-www-form-urlencoded` body, as browsers send forms.
struct FormBody: Sendable {
    /// Values by name, in the order given.
    private(set) var fields: [String: [String]] = [:]

    /// The largest form accepted.
    static let limit = 64 * 1024

    /// Parses `name=value&…`, `+` as a space and percent escapes decoded.
    init(_ text: String) {
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ part: Substring) -> String {
                String(part).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            fields[decode(parts[0]), default: []].append(parts.count > 1 ? decode(parts[1]) : "")
        }
    }

    /// The first value of a field, `nil` when absent; surrounding spaces are trimmed.
    subscript(name: String) -> String? {
        fields[name]?.first?.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The first value, `nil` when absent or empty.
    func nonEmpty(_ name: String) -> String? {
        self[name].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The form of a request: 415 unless it is form-encoded, 413 over ``limit``.
    static func read(_ request: Request) async throws -> FormBody {
        let bytes = try await request.bodyBytes(limit: limit, mediaTypes: ["application/x-www-form-urlencoded"])
        return FormBody(String(decoding: bytes, as: UTF8.self))
    }

    /// The form of a signed-in request whose `csrf` field matches the session's; 401 without a session, 403 when
    /// the field is missing or wrong.
    static func read(_ request: Request, session context: SporRequestContext) async throws -> FormBody {
        guard let session = context.session else { throw Problem.unauthorized }
        let form = try await read(request)
        guard SessionStore.matches(form["csrf"], session.csrf) else {
            throw Problem.forbidden("The form's CSRF token is missing or wrong.")
        }
        return form
    }
}
