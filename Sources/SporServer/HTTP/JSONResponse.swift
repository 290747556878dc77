import Foundation
import Hummingbird
import NIOCore
import SporInstruments
import SporReports

/// Builds JSON responses with sorted keys.
enum JSONResponse {
    static func make(
        _ status: HTTPResponse.Status, _ value: some Encodable, headers extra: HTTPFields = [:]
    ) throws -> Response {
        var headers = extra
        headers[.contentType] = "application/json"
        return Response(
            status: status, headers: headers,
            body: .init(byteBuffer: ByteBuffer(bytes: try JSONEncoder.sorted.encode(value))))
    }

    /// A scored response (`Schemas/scored-response.schema.json`), or `null`, written by hand: the answer to every
    /// durable write.
    static func make(
        _ status: HTTPResponse.Status, scored: ScoredResponse?, headers extra: HTTPFields = [:]
    ) -> Response {
        var headers = extra
        headers[.contentType] = "application/json"
        return Response(
            status: status, headers: headers,
            body: .init(byteBuffer: ByteBuffer(bytes: scored?.json ?? Array("null".utf8))))
    }

    /// A trajectory, summary or trend report in the reports module's JSON form (`Schemas/*.schema.json`).
    static func make(_ status: HTTPResponse.Status, report: some Encodable) throws -> Response {
        Response(
            status: status, headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(bytes: try ReportJSON.data(report))))
    }
}
