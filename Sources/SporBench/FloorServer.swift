import ArgumentParser
import Hummingbird

/// `spor-bench floor-server`: Hummingbird alone, on the same routes as the benchmarked requests but with none of
/// Spor's code behind them: a GET answers a fixed body, a POST reads its body and answers 201 with a fixed one.
/// `spor-bench compare` runs it after the daemon, with the same wrk scripts and connections, so its rate is the
/// most any request through this HTTP stack can reach on the machine: the floor under the read and write rows.
struct FloorServer: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "floor-server", abstract: "Serve fixed answers with Hummingbird alone (for compare).",
        shouldDisplay: false)

    @Option(help: "The port to bind on 127.0.0.1.")
    var port: Int

    @Option(help: "Bytes of the GET answer's body (as long as a real trajectory).")
    var getBytes: Int

    @Option(help: "Bytes of the POST answer's body (as long as a real recorded response).")
    var postBytes: Int

    func run() async throws {
        let getBody = ByteBuffer(repeating: UInt8(ascii: " "), count: max(0, getBytes))
        let postBody = ByteBuffer(repeating: UInt8(ascii: " "), count: max(0, postBytes))
        let json: HTTPFields = [.contentType: "application/json"]
        let router = Router()
        router.get("/healthz") { _, _ in HTTPResponse.Status.ok }
        router.get("/v1/citizens/:citizen/trajectory") { _, _ in
            Response(status: .ok, headers: json, body: ResponseBody(byteBuffer: getBody))
        }
        router.post("/v1/responses") { request, _ in
            _ = try await request.body.collect(upTo: 1 << 16)
            return Response(status: .created, headers: json, body: ResponseBody(byteBuffer: postBody))
        }
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: port), serverName: "floor"))
        try await app.runService()
    }
}
