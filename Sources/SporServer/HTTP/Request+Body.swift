import Foundation
import Hummingbird
import NIOCore
import SporInstruments

extension Request {
    /// The body as a parsed JSON value: 415 unless the content type is one of `mediaTypes`, 413 over `limit` bytes,
    /// 400 when it is not JSON.
    func jsonBody(limit: Int, mediaTypes: Set<String> = ["application/json"]) async throws -> JSONValue {
        let bytes = try await bodyBytes(limit: limit, mediaTypes: mediaTypes)
        do {
            return try JSONParser.parse(bytes)
        } catch {
            throw Problem.malformed(error.description)
        }
    }

    /// The body's bytes after the content-type and size checks: 415 unless the content type is one of
    /// `mediaTypes`, 413 over `limit` bytes (a JSON body's, and a web form's).
    func bodyBytes(limit: Int, mediaTypes: Set<String> = ["application/json"]) async throws -> [UInt8] {
        guard let mediaType = headers.mediaType, mediaTypes.contains(mediaType) else {
            throw Problem.unsupportedMediaType
        }
        if let length = headers.value(.contentLength).flatMap(Int.init), length > limit {
            throw Problem.tooLarge(limit: limit)
        }
        let buffer: ByteBuffer
        do {
            buffer = try await self.body.collect(upTo: limit)
        } catch let error as HTTPError where error.status == .contentTooLarge {
            throw Problem.tooLarge(limit: limit)
        }
        return Array(buffer.readableBytesView)
    }
}
