import Foundation
public import Hummingbird
public import SporApplication

/// Reads `Authorization: Bearer <token>`, answers 401 unless the token is live, and sets the caller's identity
/// on the context for the routes behind it.
public struct BearerAuthMiddleware: RouterMiddleware {
    public typealias Context = SporRequestContext

    let spor: UseCases

    public init(spor: UseCases) {
        self.spor = spor
    }

    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard let header = request.headers.value(.authorization), let token = Self.token(inAuthorization: header),
            let identity = try spor.identity(forToken: token)
        else { throw Problem.unauthorized }
        var context = context
        context.identity = identity
        return try await next(request, context)
    }

    /// The token of an `Authorization` value `Bearer <token>` (the scheme in any case, blanks around the token
    /// trimmed as `trimmingCharacters(in: .whitespaces)` trims them); `nil` for another scheme or nothing after it.
    /// Byte by byte rather than through Foundation: it runs on every request.
    static func token(inAuthorization header: String) -> String? {
        let scheme: StaticString = "bearer "
        guard header.utf8.count > scheme.utf8CodeUnitCount else { return nil }
        for (byte, expected) in zip(header.utf8, UnsafeBufferPointer(start: scheme.utf8Start, count: 7)) {
            // ASCII letters in either case; the space exactly.
            guard byte == expected || (expected != UInt8(ascii: " ") && byte | 0x20 == expected) else { return nil }
        }
        func blank(_ scalar: Unicode.Scalar) -> Bool {
            scalar == "\t" || scalar.properties.generalCategory == .spaceSeparator
        }
        let scalars = header.unicodeScalars
        var start = scalars.index(scalars.startIndex, offsetBy: 7)
        var end = scalars.endIndex
        while start < end, blank(scalars[start]) { start = scalars.index(after: start) }
        while start < end, blank(scalars[scalars.index(before: end)]) { end = scalars.index(before: end) }
        return String(Substring(scalars[start..<end]))
    }
}
