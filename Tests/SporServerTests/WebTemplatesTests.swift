import Foundation
import Mustache
import SporInstruments
import Testing

@testable import SporReports
@testable import SporServer

/// The templates and the strings table: compiled in as they are in the repository, every text key used exists
/// and every one is used, and what a template shows is escaped unless it is a chart's SVG.
@Suite struct WebTemplatesTests {
    static let web = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "../../Sources/SporServer/Web"
    ).standardized

    static func files() throws -> [String: String] {
        let folder = web.appendingPathComponent("Templates")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter {
            $0.hasSuffix(".mustache")
        }
        return try Dictionary(
            uniqueKeysWithValues: names.map { name in
                (
                    String(name.dropLast(".mustache".count)),
                    try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
                )
            })
    }

    @Test("the templates compiled into the binary are the files in Web/Templates")
    func embeddedTemplatesAreTheFiles() throws {
        let embedded = Dictionary(uniqueKeysWithValues: EmbeddedTemplates.all.map { ($0.name, $0.text) })
        #expect(embedded == (try Self.files()), "run scripts/embed-templates.sh")
        for (name, _) in EmbeddedTemplates.all {
            #expect(Templates.library.getTemplate(named: name) != nil, "\(name) parses")
        }
    }

    @Test func onlyTheChartsSVGIsTakenUnescaped() throws {
        for (name, text) in try Self.files() {
            let unescaped = text.ranges(of: /\{\{\{([^}]*)\}\}\}|\{\{&([^}]*)\}\}/).map { String(text[$0]) }
            #expect(unescaped.allSatisfy { $0 == "{{{trustedSVG}}}" }, "\(name): \(unescaped)")
        }
        let attack = #"<script>alert("x")</script>"#
        let view = TextFieldView("reason", label: attack, value: #"" onfocus="x"#, errors: [attack])
        let html = Templates.library.render(view, withTemplate: "text-field") ?? ""
        #expect(!html.contains("<script>") && html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"))
        #expect(html.contains(#"value="&quot; onfocus=&quot;x""#))
        let chart =
            Templates.library.render(ChartView(trustedSVG: "<svg></svg>", caption: attack), withTemplate: "chart") ?? ""
        #expect(chart.contains("<svg></svg>") && !chart.contains("<script>"))
        let bars = ChimeView(
            [.init(domain: attack, value: 2)], definition: InstrumentCatalog.builtIn.briefInspireO, caption: "", .da)
        let chime = Templates.library.render(bars, withTemplate: "chime") ?? ""
        #expect(!chime.contains("<script>") && chime.contains("&lt;script&gt;"))
    }

    @Test func everyTextKeyUsedIsInTheTableAndEveryKeyIsUsed() throws {
        var used: Set<String> = []
        for (_, text) in try Self.files() {
            for match in text.matches(of: /\{\{[#^\/]?t\.(\w+)\}\}/) { used.insert(String(match.1)) }
        }
        let sources = try FileManager.default.subpathsOfDirectory(atPath: Self.web.path).filter {
            $0.hasSuffix(".swift")
        }
        for path in sources where !path.hasSuffix("Strings.swift") {
            let text = try String(contentsOf: Self.web.appendingPathComponent(path), encoding: .utf8)
            for match in text.matches(of: /text\("(\w+)"/) { used.insert(String(match.1)) }
            // Keys chosen among several, such as the navigation's, the trend headings' and the field errors'.
            for match in text.matches(of: /"(\w+)"/) where Strings.table[String(match.1)] != nil {
                used.insert(String(match.1))
            }
        }
        let keys = Set(Strings.table.keys)
        #expect(used.subtracting(keys).isEmpty, "keys used but missing: \(used.subtracting(keys).sorted())")
        #expect(keys.subtracting(used).isEmpty, "keys never used: \(keys.subtracting(used).sorted())")
        for (key, text) in Strings.table { #expect(!text.da.isEmpty && !text.en.isEmpty, "\(key)") }
    }

    @Test func numbersAreWrittenAsTheLanguageWritesThem() {
        #expect(Language.da.decimal(43.25) == "43,3" || Language.da.decimal(43.25) == "43,2")
        #expect(Language.da.decimal(43.34) == "43,3" && Language.en.decimal(43.34) == "43.3")
        #expect(Language.da.decimal(-2.5, digits: 2) == "-2,50")
        #expect(Language.da.percent(0.426) == "43 %")
        #expect(Language.da.chartWording.decimalSeparator == "," && Language.en.chartWording.decimalSeparator == ".")
        #expect(Language.da.chartWording.instrumentNames[.who5] == "WHO-5 Trivselsindeks")
        #expect(Language.da.text("questionNumber", ["number": "3"]) == "Spørgsmål 3")
    }
}
