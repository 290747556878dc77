import Foundation
import SporInstruments
import SporTesting
import Testing

/// A change to `Schemas/instruments/who5.json` that breaks one rule, and the message it must give.
struct BrokenDefinition: Sendable, CustomTestStringConvertible {
    let name: String
    let message: String
    let breakIt: @Sendable (inout [String: Any]) -> Void
    var testDescription: String { name }

    static let all: [BrokenDefinition] = [
        .init(name: "bad id", message: "id: must be 1 or more of A-Z a-z 0-9 . _ -") { $0["id"] = "who 5" },
        .init(name: "empty version", message: "version: required") { $0["version"] = "" },
        .init(name: "no items", message: "items: at least one item is required") { $0["items"] = [Any]() },
        .init(name: "duplicate item id", message: "items: item ids must be unique") { json in
            var items = json["items"] as! [[String: Any]]
            items[1]["id"] = items[0]["id"]
            json["items"] = items
        },
        .init(name: "one item with a domain", message: "items: either every item has a domain or none has") { json in
            var items = json["items"] as! [[String: Any]]
            items[2]["domain"] = "hope"
            json["items"] = items
        },
        .init(
            name: "a domain name without a domain",
            message: "items: an item has a domainName exactly when it has a domain"
        ) { json in
            var items = json["items"] as! [[String: Any]]
            items[0]["domainName"] = ["da": "Håb", "en": "Hope"]
            json["items"] = items
        },
        .init(name: "no options", message: "options: at least one option with a value of 0 or more is required") {
            $0["options"] = [Any]()
        },
        .init(
            name: "a gap in the option values",
            message: "options: values must be consecutive integers in ascending order"
        ) {
            json in
            var options = json["options"] as! [[String: Any]]
            options.remove(at: 2)
            json["options"] = options
        },
        .init(
            name: "multiplier not reaching 100",
            message: "scoring.multiplier: the largest raw sum times the multiplier must be 100"
        ) {
            json in
            var scoring = json["scoring"] as! [String: Any]
            scoring["multiplier"] = 5
            json["scoring"] = scoring
        },
        .init(name: "duplicate flag", message: "flags: names must be unique") { json in
            var flags = json["flags"] as! [[String: Any]]
            flags.append(flags[0])
            json["flags"] = flags
        },
        .init(name: "flag named incomplete", message: "flags: 'incomplete' is reserved") { json in
            var flags = json["flags"] as! [[String: Any]]
            flags[2]["name"] = "incomplete"
            json["flags"] = flags
        },
        .init(name: "zero change threshold", message: "change.threshold: must be positive") { json in
            var change = json["change"] as! [String: Any]
            change["threshold"] = 0
            json["change"] = change
        },
        .init(name: "cut-off flag unknown", message: "change.cutoffFlag: must name one of the flags") { json in
            var change = json["change"] as! [String: Any]
            change["cutoffFlag"] = "lowMood"
            json["change"] = change
        },
        .init(name: "rule without source", message: "scoring.source: every rule needs its source") { json in
            var scoring = json["scoring"] as! [String: Any]
            scoring["source"] = ""
            json["scoring"] = scoring
        },
        .init(name: "flag without source", message: "flags[1].source: every rule needs its source") { json in
            var flags = json["flags"] as! [[String: Any]]
            flags[1]["source"] = ""
            json["flags"] = flags
        },
        .init(name: "missing field", message: "change: required") { $0["change"] = nil },
    ]
}

@Suite("Instrument catalog")
struct InstrumentCatalogTests {
    static let folder = Repository.schema("instruments")

    @Test("the definitions compiled into the binary are the files in Schemas/instruments")
    func builtInEqualsTheFiles() throws {
        let files = try InstrumentCatalog(contentsOf: Self.folder)
        #expect(files.definitions == InstrumentCatalog.builtIn.definitions)
        #expect(files.definitions.map(\.id) == [.briefInspireO, .who5])
    }

    @Test("the definitions hold the rules of docs/instruments.md")
    func definitionsHoldTheRules() {
        let who5 = InstrumentCatalog.builtIn.who5
        #expect(who5.items.count == 5)
        #expect(who5.options.map(\.value) == Array(0...5))
        #expect(who5.scoring.multiplier == 4)
        #expect(who5.change.threshold == 10)
        let inspire = InstrumentCatalog.builtIn.briefInspireO
        #expect(inspire.items.compactMap(\.domain).count == 5)
        #expect(inspire.options.map(\.value) == Array(0...4))
        #expect(inspire.scoring.multiplier == 5)
        #expect(inspire.change.threshold == 8)
    }

    @Test("a broken definition is a clear error at load", arguments: BrokenDefinition.all)
    func brokenDefinitionIsRejected(_ broken: BrokenDefinition) throws {
        let data = try Data(contentsOf: Self.folder.appendingPathComponent("who5.json"))
        var json = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        broken.breakIt(&json)
        let brokenData = try JSONSerialization.data(withJSONObject: json)
        let error = #expect(throws: InstrumentDefinitionError.self) {
            try InstrumentCatalog(jsonDocuments: [("who5.json", brokenData)])
        }
        #expect(error?.message == broken.message)
    }

    @Test("the same instrument twice is refused")
    func duplicateInstrumentIsRefused() throws {
        let data = try Data(contentsOf: Self.folder.appendingPathComponent("who5.json"))
        let error = #expect(throws: InstrumentDefinitionError.self) {
            try InstrumentCatalog(jsonDocuments: [("a.json", data), ("b.json", data)])
        }
        #expect(error?.message == "id: defined twice")
    }

    @Test("JSON that is not a definition names the file")
    func notADefinitionNamesTheFile() {
        let error = #expect(throws: InstrumentDefinitionError.self) {
            try InstrumentCatalog(jsonDocuments: [("notes.json", Data(#"{"id": 5}"#.utf8))])
        }
        #expect(error?.instrument == "notes.json")
    }
}
