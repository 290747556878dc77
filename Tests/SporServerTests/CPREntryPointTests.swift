import Foundation
import HTTPTypes
import HummingbirdTesting
import SporInstruments
import SporTesting
import Testing

@testable import SporApplication
@testable import SporServer

/// The CPR rule at every door of the daemon: generated CPR shapes sent through the API (single, batch,
/// corrections, retractions) and the web forms are refused with the rule `cpr`, and afterwards no file of the data
/// folder, no answer and no log line holds any of them.
@Suite struct CPREntryPointTests {
    /// Everything sent, to look for afterwards.
    final class Sent: @unchecked Sendable {
        var shapes: [CPRShapeGenerator.Shape] = []
    }

    /// Expects that `text` holds none of the shapes, naming only how many it holds.
    static func expectNoLeak(
        _ text: String, _ shapes: [CPRShapeGenerator.Shape], sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let found = CPRShapeGenerator.occurrences(of: shapes, in: Data(text.utf8))
        #expect(found == 0, "CPR shapes found in an answer or a log line", sourceLocation: sourceLocation)
    }

    /// A response body with `text` as the value of `field`, JSON-quoted.
    static func body(_ field: String, _ text: String, id: UUID = UUID()) -> String {
        var fields = ["citizen": JSONWriter.quoted("c-1"), "unit": JSONWriter.quoted(Fixture.unit)]
        fields[field] = JSONWriter.quoted(text)
        return #"{"id":"\#(id.uuidString)","instrument":"who5","administeredAt":"2026-03-14","answers":[3,4,2,3,1],"#
            + fields.sorted { $0.key < $1.key }.map { "\"\($0.key)\":\($0.value)" }.joined(separator: ",") + "}"
    }

    static let fields = ["citizen", "unit", "intervention"]

    @Test("the API, its batches, corrections and retractions refuse every CPR shape and store none")
    func api() async throws {
        let fixture = try Fixture()
        let sent = Sent()
        let tokens = fixture.tokens
        try await fixture.application().test(.router) { client in
            var labels = CPRShapeGenerator(seed: 101, alphabet: .label)
            var texts = CPRShapeGenerator(seed: 102, alphabet: .text)
            var answers: [String] = []
            for number in 0..<300 {
                let field = Self.fields[number % 3]
                let shape = number % 4 == 3 ? texts.shape() : labels.shape()
                sent.shapes.append(shape)
                let response = try await client.post(
                    "/v1/responses", token: tokens["admin"], body: Self.body(field, shape.text))
                #expect(response.status == .unprocessableContent)
                let expected = Label.problem(with: shape.text) == .cpr ? "cpr" : "format"
                #expect(response.problemErrors == ["\(field):\(expected)"])
                answers.append(response.text)
            }
            for batch in 0..<3 {
                var entries: [String] = []
                var expected: [String] = []
                for index in 0..<100 {
                    let shape = labels.shape()
                    sent.shapes.append(shape)
                    let field = Self.fields[(batch + index) % 3]
                    entries.append(Self.body(field, shape.text))
                    expected.append("responses[\(index)].\(field):cpr")
                }
                let response = try await client.post(
                    "/v1/responses/batch", token: tokens["staff"],
                    body: #"{"responses":["# + entries.joined(separator: ",") + "]}")
                #expect(response.status == .unprocessableContent)
                #expect(response.problemErrors == expected)
                answers.append(response.text)
            }
            let stored = try await client.post(
                "/v1/responses", token: tokens["admin"], body: responseJSON(citizen: "c-2"))
            #expect(stored.status == .created)
            let id = try #require(stored.json["id"] as? String)
            for number in 0..<300 {
                let shape = texts.shape()
                sent.shapes.append(shape)
                let (action, body) =
                    number % 2 == 0
                    ? ("correction", #"{"answers":[1,1,1,1,1],"reason":\#(JSONWriter.quoted(shape.text))}"#)
                    : ("retraction", #"{"reason":\#(JSONWriter.quoted(shape.text))}"#)
                let response = try await client.post(
                    "/v1/responses/\(id)/\(action)", token: tokens["admin"], body: body)
                #expect(response.status == .unprocessableContent)
                #expect(response.problemErrors == ["reason:cpr"])
                answers.append(response.text)
            }
            #expect(
                try await client.post(
                    "/v1/responses/\(id)/retraction", token: tokens["admin"], body: #"{"reason":"tastefejl"}"#
                ).status == .ok)
            for answer in answers { Self.expectNoLeak(answer, sent.shapes) }
        }
        await fixture.storage.close()
        defer { fixture.folder.remove() }
        #expect(sent.shapes.count == 900)
        try Self.expectNoLeak(folder: fixture.folder.url, logLines: fixture.capture.lines, sent.shapes)
    }

    @Test("the web forms refuse every CPR shape in the citizen, unit and reason fields, and never show it again")
    func webForms() async throws {
        let fixture = try Fixture()
        let sent = Sent()
        try await fixture.application().test(.router) { client in
            var admin = try await Browser.signedIn(client, token: fixture.tokens["admin"])
            var labels = CPRShapeGenerator(seed: 201, alphabet: .label)
            var texts = CPRShapeGenerator(seed: 202, alphabet: .text)
            for number in 0..<200 {
                _ = try await admin.get(client, "/responses/new")
                let shape = labels.shape()
                sent.shapes.append(shape)
                var fields = WebResponsePageTests.who5(citizen: "c-web")
                let field = number % 2 == 0 ? "citizen" : "unit"
                fields = fields.map { $0.0 == field ? (field, shape.text) : $0 }
                let page = try await admin.post(client, "/responses", fields)
                #expect(page.status == .unprocessableContent)
                Self.expectNoLeak(page.text, [shape])
                #expect(
                    page.text.contains("Feltet må ikke indeholde et CPR-nummer")
                        || page.text.contains("Det ligner et CPR-nummer"))
            }
            _ = try await admin.get(client, "/responses/new")
            let stored = try await admin.post(client, "/responses", WebResponsePageTests.who5(citizen: "c-web"))
            #expect(stored.status == .seeOther)
            let id = try #require(stored.headers[.location]?.split(separator: "/").last.map(String.init))
            for number in 0..<200 {
                let action = number % 2 == 0 ? "correction" : "retraction"
                _ = try await admin.get(client, "/responses/\(id)/\(action)")
                let shape = texts.shape()
                sent.shapes.append(shape)
                var fields: [(String, String)] = [("reason", shape.text), ("administeredAt", "2026-06-01")]
                if action == "correction" { fields += WebResponsePageTests.answers([1, 1, 1, 1, 1]) }
                let page = try await admin.post(client, "/responses/\(id)/\(action)", fields)
                #expect(page.status == .unprocessableContent)
                Self.expectNoLeak(page.text, [shape])
            }
            for _ in 0..<50 {
                _ = try await admin.get(client, "/citizens")
                let shape = labels.shape()
                sent.shapes.append(shape)
                let page = try await admin.post(client, "/citizens/find", [("citizen", shape.text)])
                #expect(page.status == .unprocessableContent)
                Self.expectNoLeak(page.text, [shape])
            }
        }
        await fixture.storage.close()
        defer { fixture.folder.remove() }
        try Self.expectNoLeak(folder: fixture.folder.url, logLines: fixture.capture.lines, sent.shapes)
    }

    @Test("a token's name holding a CPR number is refused without repeating it")
    func tokenNames() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = TokenStore(folder: folder.url)
        var labels = CPRShapeGenerator(seed: 301, alphabet: .label)
        var shapes: [CPRShapeGenerator.Shape] = []
        for _ in 0..<300 {
            let shape = labels.shape()
            shapes.append(shape)
            let error = try #require(throws: TokenError.self) {
                try store.create(name: shape.text, role: .admin, units: [])
            }
            #expect(error.code == .invalidName)
            Self.expectNoLeak(error.message, [shape])
            let revoke = try #require(throws: TokenError.self) { try store.revoke(name: shape.text) }
            Self.expectNoLeak(revoke.message, [shape])
        }
        _ = try store.create(name: "anna", role: .admin, units: [])
        try Self.expectNoLeak(folder: folder.url, logLines: [], shapes)
    }

    /// No file under `folder` (log segments, tokens, audit trail, key) and no log line holds any of the shapes.
    static func expectNoLeak(folder: URL, logLines: [String], _ shapes: [CPRShapeGenerator.Shape]) throws {
        let files = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)!.compactMap {
            $0 as? URL
        }
        #expect(!files.isEmpty)
        for file in files where !file.hasDirectoryPath {
            let found = CPRShapeGenerator.occurrences(of: shapes, in: try Data(contentsOf: file))
            #expect(found == 0, "CPR shapes found in \(file.lastPathComponent)")
        }
        for line in logLines { Self.expectNoLeak(line, shapes) }
    }
}
