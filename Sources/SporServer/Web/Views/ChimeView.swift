import SporInstruments
import SporReports

/// The CHIME profile of a Brief INSPIRE-O response as an SVG of five horizontal bars, one per recovery process,
/// 0–4 (`Templates/chime.mustache`): geometry and words here, the template escapes them.
struct ChimeView {
    /// One recovery process.
    struct Bar {
        let label: String
        /// Baseline of the bar's texts.
        let textY: Int
        let barY: Int
        let barWidth: Int
        /// `3 / 4`, `– / 4` when unanswered.
        let valueText: String
    }

    /// For screen readers: `CHIME-profil: Forbundethed 3, Håb 2, …`.
    let title: String
    let height: Int
    let bars: [Bar]
    let hasCaption: Bool
    let caption: String

    private static let rowHeight = 34
    /// The width of a full bar, as the template draws its background.
    private static let barWidth = 300

    /// - Parameters:
    ///   - definition: Brief INSPIRE-O's, which names the processes and their scale.
    ///   - caption: the figure's caption, empty for none.
    init(
        _ values: [TrajectoryPoint.DomainValue], definition: InstrumentDefinition, caption: String = "",
        _ language: Language
    ) {
        let text = { (value: Int?) in value.map(String.init) ?? "–" }
        let name = { (domain: String) in
            definition.items.first { $0.domain == domain }?.domainName.map(language.text) ?? domain
        }
        let maxValue = definition.maxValue
        title =
            language.text("chimeProfile") + ": "
            + values.map { "\(name($0.domain)) \(text($0.value))" }.joined(separator: ", ")
        height = Self.rowHeight * values.count + 10
        bars = values.enumerated().map { index, value in
            let y = 5 + index * Self.rowHeight
            return Bar(
                label: name(value.domain), textY: y + 21, barY: y + 4,
                barWidth: (value.value ?? 0) * Self.barWidth / max(maxValue, 1),
                valueText: "\(text(value.value)) / \(maxValue)")
        }
        hasCaption = !caption.isEmpty
        self.caption = caption
    }
}
