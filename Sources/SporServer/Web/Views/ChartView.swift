/// A chart made by SporReports with its caption (`Templates/chart.mustache`).
struct ChartView {
    /// The SVG, whose builder escaped its text (``Charts/inline(_:)``): the one value templates take unescaped.
    let trustedSVG: String
    let caption: String
}
