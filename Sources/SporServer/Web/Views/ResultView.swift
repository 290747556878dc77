import SporApplication
import SporInstruments
import SporReports

/// The result page of one response (`Templates/result.mustache`): the score, the flags in the words of the
/// instrument's definition, the change since the last response and since the baseline, the CHIME profile and
/// the trajectory chart.
struct ResultView {
    /// A line of the changes.
    struct ChangeLine {
        /// `change-previous`, `change-baseline`, or `baseline` for the baseline itself.
        let lineID: String
        let text: String
    }

    let title: String
    let citizen: String
    /// ` · 2026-06-01 · bostotte-nord`
    let details: String
    let hasScore: Bool
    let score: String
    let rawScore: String
    let flags: [String]
    let hasFlags: Bool
    let changes: [ChangeLine]
    let meaningfulChange: String
    /// The CHIME profile of a Brief INSPIRE-O response; none for WHO-5.
    let chime: [ChimeView]
    let trajectory: ChartView
    let instrument: String

    init(_ result: UseCases.Result, _ language: Language) {
        let (response, definition, series) = (
            result.stored.response, result.definition, result.trajectory.instruments[0]
        )
        let point = series.points[result.index]
        title = language.text("result") + ": " + language.text(definition.name)
        citizen = response.citizen.rawValue
        details = " · \(response.administeredAt)" + (response.unit.map { " · \($0.rawValue)" } ?? "")
        hasScore = point.score != nil && point.raw != nil
        score = point.score.map(String.init) ?? ""
        rawScore = point.raw.map { language.text("rawScore", ["raw": "\($0)", "max": "\(definition.maxRaw)"]) } ?? ""
        flags = ScoreText.flags(point.flags, of: definition, language)
        hasFlags = !flags.isEmpty
        let previous = series.points[..<result.index].last { $0.score != nil }
        let baseline = series.points.first { $0.baseline }
        var changes: [ChangeLine] = []
        if point.baseline { changes.append(ChangeLine(lineID: "baseline", text: language.text("firstScored"))) }
        if let change = point.changeSincePrevious, let previous {
            changes.append(
                ChangeLine(
                    lineID: "change-previous",
                    text: language.text(
                        "sinceLast",
                        ["date": previous.administeredAt.description, "change": ScoreText.change(change, language)])))
        }
        if let change = point.changeSinceBaseline, let baseline {
            changes.append(
                ChangeLine(
                    lineID: "change-baseline",
                    text: language.text(
                        "sinceBaseline",
                        ["date": baseline.administeredAt.description, "change": ScoreText.change(change, language)])))
        }
        self.changes = changes
        meaningfulChange = language.text("meaningfulChange", ["threshold": "\(series.threshold)"])
        chime = point.chime.map { [ChimeView($0, definition: definition, language)] } ?? []
        trajectory = Charts.trajectory(series, citizen: result.trajectory.citizen, definition: definition, language)
        instrument = definition.id.rawValue
    }
}
