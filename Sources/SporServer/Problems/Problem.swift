import Foundation
public import Hummingbird
import NIOCore
import SporApplication
public import SporInstruments

/// An error answered as RFC 9457 `application/problem+json`: the only way errors leave the server.
///
/// `detail` and `errors` name fields and rules, never a value: values may be answers or a CPR number.
public struct Problem: HTTPResponseError, Sendable {
    public var status: HTTPResponse.Status
    /// A short name of the kind of problem, the last part of `type`.
    public var kind: String
    public var title: String
    public var detail: String?
    /// One entry per violated field and rule (422).
    public var errors: [FieldError]
    /// Headers the answer carries besides the content type, such as `Allow` on a 405.
    public var headers: HTTPFields = [:]

    public init(
        _ status: HTTPResponse.Status, kind: String, title: String, detail: String? = nil, errors: [FieldError] = []
    ) {
        self.status = status
        self.kind = kind
        self.title = title
        self.detail = detail
        self.errors = errors
    }

    /// The media type of the body.
    public static let mediaType = "application/problem+json"

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        let body = Body(
            type: "https://spor.example/problems/\(kind)", title: title, status: Int(status.code), detail: detail,
            errors: errors.isEmpty ? nil : errors)
        let bytes = try JSONEncoder.sorted.encode(body)
        var headers = headers
        headers[.contentType] = Self.mediaType
        if status == .unauthorized { headers[.wwwAuthenticate] = "Bearer realm=\"spor\"" }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    private struct Body: Encodable {
        var type: String
        var title: String
        var status: Int
        var detail: String?
        var errors: [FieldError]?
    }
}

extension Problem {
    /// 400: the body is not JSON.
    static func malformed(_ detail: String) -> Problem {
        Problem(.badRequest, kind: "malformed-json", title: "The request body is not valid JSON", detail: detail)
    }

    /// 401: no token, or one that is unknown or revoked.
    static let unauthorized = Problem(
        .unauthorized, kind: "unauthorized", title: "A valid bearer token is required",
        detail: "Send Authorization: Bearer <token>; tokens come from `spor token create`.")

    /// 403: a valid token outside its role or units.
    static func forbidden(_ detail: String) -> Problem {
        Problem(.forbidden, kind: "forbidden", title: "This token may not do that", detail: detail)
    }

    /// 404.
    static func notFound(_ detail: String) -> Problem {
        Problem(.notFound, kind: "not-found", title: "Not found", detail: detail)
    }

    /// 405: the path is served, not with this method; `Allow` names the methods that are.
    static func methodNotAllowed(allow: [HTTPRequest.Method]) -> Problem {
        let names = allow.map(\.rawValue).sorted()
        var problem = Problem(
            .methodNotAllowed, kind: "method-not-allowed", title: "Method not allowed",
            detail: "This path answers \(names.joined(separator: ", ")) only.")
        problem.headers[.allow] = names.joined(separator: ", ")
        return problem
    }

    /// 409.
    static func conflict(_ detail: String) -> Problem {
        Problem(.conflict, kind: "conflict", title: "Conflicts with what is stored", detail: detail)
    }

    /// 413.
    static func tooLarge(limit: Int) -> Problem {
        Problem(
            .contentTooLarge, kind: "too-large", title: "The request body is too large",
            detail: "The limit is \(limit) bytes.")
    }

    /// 415.
    static let unsupportedMediaType = Problem(
        .unsupportedMediaType, kind: "unsupported-media-type", title: "The body must be JSON",
        detail: "Send Content-Type: application/json.")

    /// 422: one entry per violated field and rule.
    static func invalid(_ errors: [FieldError]) -> Problem {
        Problem(.unprocessableContent, kind: "validation", title: "The input breaks the contract", errors: errors)
    }

    /// The answer to a use case's refusal; its message names fields and rules, never a value.
    init(_ error: UseCaseError) {
        switch error.code {
        case .invalid: self = .invalid(error.fieldErrors)
        case .forbidden: self = .forbidden(error.message)
        case .notFound: self = .notFound(error.message)
        case .conflict: self = .conflict(error.message)
        case .unavailable:
            self = Problem(
                .serviceUnavailable, kind: "unavailable", title: "The storage cannot serve this now",
                detail: error.message)
        }
    }

    /// 500: nothing about the cause.
    static let internalError = Problem(.internalServerError, kind: "internal", title: "Internal server error")
}

extension JSONEncoder {
    /// Compact JSON with sorted keys, dates as ISO 8601.
    static let sorted: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()
}
