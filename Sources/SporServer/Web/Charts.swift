import Foundation
import SporInstruments
import SporReports

/// Charts as inline SVG, which needs no script and passes the Content-Security-Policy.
enum Charts {
    /// An SVG document made by SporReports (which escapes its text), without its XML declaration, described for
    /// screen readers by its own `<title>`: the only markup a template takes unescaped (`{{{trustedSVG}}}`).
    static func inline(_ svg: String) -> String {
        var markup = svg
        if markup.hasPrefix("<?xml"), let end = markup.firstIndex(of: "\n") {
            markup = String(markup[markup.index(after: end)...])
        }
        return markup.replacingOccurrences(of: "<svg xmlns=", with: "<svg role=\"img\" xmlns=", options: [], range: nil)
    }

    /// One instrument's trajectory over time, its legend the instrument's name.
    static func trajectory(
        _ series: InstrumentTrajectory, citizen: String, definition: InstrumentDefinition, _ language: Language
    ) -> ChartView {
        let name = language.text(definition.name)
        let svg = Trajectory(citizen: citizen, history: false, instruments: [series]).svg(
            title: language.text("chartTitle", ["instrument": name, "citizen": citizen]), wording: language.chartWording
        )
        return ChartView(
            trustedSVG: inline(svg),
            caption: language.text("chartCaption", ["instrument": name, "cutoff": "\(series.cutoff ?? 50)"]))
    }
}
