/// A small SVG line chart on the 0–100 score scale: the low zone shaded below the cut-off, the cut-off drawn as a
/// dashed line, labelled ticks on the x axis and one `<path>` per series (a missing value leaves a gap); each
/// point's `<title>` says what it is and its value, in the chart's ``ChartWording``.
struct LineChart {
    /// One line.
    struct Series {
        var name: String
        /// x position (in the caller's units), score (`nil` for a gap) and what the point is, such as its date.
        var points: [(x: Double, score: Double?, label: String)]
        /// Digits after the decimal separator in the points' titles.
        var decimals = 0
    }

    var title: String
    var xTicks: [(x: Double, label: String)]
    var series: [Series]
    /// Scores at or below which the low zone is shaded and the cut-off line drawn.
    var cutoff: Int?
    /// A line under the chart, such as what its gaps mean.
    var note: String? = nil
    var wording = ChartWording.english

    private static let width = 720.0
    private static let height = 360.0
    private static let left = 48.0
    private static let right = 160.0
    private static let top = 32.0
    private static let bottom = 48.0
    private static let colors = [
        "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2", "#7f7f7f",
        "#bcbd22", "#393b79", "#637939",
    ]

    /// The chart as a standalone SVG document.
    func svg() -> String {
        let xs = xTicks.map(\.x) + series.flatMap { $0.points.map(\.x) }
        let minX = xs.min() ?? 0
        let maxX = max(xs.max() ?? 1, minX + 1)
        let plotWidth = Self.width - Self.left - Self.right
        let plotHeight = Self.height - Self.top - Self.bottom
        func x(_ value: Double) -> String { Self.number(Self.left + (value - minX) / (maxX - minX) * plotWidth) }
        func y(_ score: Double) -> String { Self.number(Self.top + (100 - score) / 100 * plotHeight) }

        var out = """
            <?xml version="1.0" encoding="UTF-8"?>
            <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(Self.width))" height="\(Int(Self.height))" \
            viewBox="0 0 \(Int(Self.width)) \(Int(Self.height))" font-family="sans-serif" font-size="11">
            <title>\(Markup.escaped(title))</title>
            <rect x="0" y="0" width="\(Int(Self.width))" height="\(Int(Self.height))" fill="#ffffff"/>

            """
        if let cutoff {
            out += """
                <rect class="low-zone" x="\(x(minX))" y="\(y(Double(cutoff)))" width="\(Self.number(plotWidth))" \
                height="\(Self.number(Double(cutoff) / 100 * plotHeight))" fill="#fbe3e3"/>

                """
        }
        for score in stride(from: 0, through: 100, by: 25) {
            out += """
                <line x1="\(x(minX))" y1="\(y(Double(score)))" x2="\(x(maxX))" y2="\(y(Double(score)))" stroke="#e0e0e0"/>
                <text x="\(Self.number(Self.left - 6))" y="\(y(Double(score)))" dy="4" text-anchor="end">\(score)</text>

                """
        }
        if let cutoff {
            let level = y(Double(cutoff))
            out += """
                <line class="cutoff" x1="\(x(minX))" y1="\(level)" x2="\(x(maxX))" y2="\(level)" stroke="#c0392b" \
                stroke-dasharray="6 4"/>
                <text x="\(x(maxX))" y="\(level)" dx="4" dy="4" fill="#c0392b">\(Markup.escaped(wording.cutoff)) \(cutoff)</text>

                """
        }
        let axisY = Self.number(Self.top + plotHeight)
        out += "<line x1=\"\(x(minX))\" y1=\"\(axisY)\" x2=\"\(x(maxX))\" y2=\"\(axisY)\" stroke=\"#333333\"/>\n"
        for tick in xTicks {
            out += """
                <text x="\(x(tick.x))" y="\(axisY)" dy="16" text-anchor="middle">\(Markup.escaped(tick.label))</text>

                """
        }
        out += "<text x=\"\(Self.number(Self.left))\" y=\"18\" font-size=\"13\">\(Markup.escaped(title))</text>\n"
        if let note {
            out += """
                <text class="note" x="\(Self.number(Self.left))" y="\(Self.number(Self.height - 8))">\(Markup.escaped(note))</text>

                """
        }
        for (index, line) in series.enumerated() {
            let color = Self.colors[index % Self.colors.count]
            var d: [String] = []
            var drawing = false
            for point in line.points {
                guard let score = point.score else {
                    drawing = false
                    continue
                }
                d.append("\(drawing ? "L" : "M")\(x(point.x)) \(y(score))")
                drawing = true
            }
            out += """
                <path class="series" data-series="\(Markup.escaped(line.name))" d="\(d.joined(separator: " "))" fill="none" \
                stroke="\(color)" stroke-width="2"/>

                """
            for point in line.points {
                guard let score = point.score else { continue }
                let value = Markup.escaped("\(point.label): \(wording.number(score, decimals: line.decimals))")
                out +=
                    "<circle cx=\"\(x(point.x))\" cy=\"\(y(score))\" r=\"3\" fill=\"\(color)\"><title>\(value)</title></circle>\n"
            }
            let legendY = Self.number(Self.top + 16 * Double(index))
            let legendX = Self.number(Self.width - Self.right + 16)
            out += """
                <rect x="\(legendX)" y="\(legendY)" width="10" height="10" fill="\(color)"/>
                <text x="\(legendX)" y="\(legendY)" dx="14" dy="9">\(Markup.escaped(line.name))</text>

                """
        }
        return out + "</svg>\n"
    }

    private static func number(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}
