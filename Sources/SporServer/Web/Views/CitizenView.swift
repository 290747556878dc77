import Foundation
import SporApplication
import SporInstruments
import SporReports

/// A citizen's page (`Templates/citizen.mustache`): the follow-up summary since a date, the CHIME profile of the
/// latest Brief INSPIRE-O, and per instrument the trajectory chart and the responses with their history, with
/// correct and retract links for those who may change them. The print view leaves out links and forms.
struct CitizenView {
    /// A sentence of the follow-up summary, with its notes.
    struct SummaryLine {
        let text: String
        let hasNotes: Bool
        /// `(note; note)`
        let notes: String
    }

    /// One instrument: its chart and its responses, newest first.
    struct Instrument {
        let name: String
        let chart: ChartView
        let rows: [Row]
    }

    /// One response of the table.
    struct Row {
        let responseID: String
        let date: String
        let score: String
        /// The flags in the definition's words, or "Ufuldstændig".
        let flags: String
        let change: String
        let unit: String
        /// `registreret af anna (staff); rettet af bo (admin)`
        let history: String
    }

    let title: String
    let citizen: String
    let printView: Bool
    let canRecord: Bool
    /// Correct and retract links: staff (who see only their own units' responses) and admins, not in print.
    let showActions: Bool
    let since: String
    /// The `since` given was not a date.
    let sinceInvalid: Bool
    let followUpHeading: String
    let summary: [SummaryLine]
    let chime: [ChimeView]
    let instruments: [Instrument]

    /// - Parameters:
    ///   - sinceInvalid: the `since` asked for was not a date (``since`` is then the default).
    ///   - canRecord: the caller may record a response (a link to the form).
    ///   - canCorrect: the caller may correct and retract responses.
    init(
        _ overview: UseCases.CitizenOverview, citizen: CitizenID, since: CalendarDate, sinceInvalid: Bool,
        canRecord: Bool, canCorrect: Bool, printView: Bool, _ language: Language, catalog: InstrumentCatalog = .builtIn
    ) {
        title = language.text("citizen") + " \(citizen.rawValue)"
        self.citizen = citizen.rawValue
        self.printView = printView
        self.canRecord = canRecord
        showActions = canCorrect && !printView
        self.since = since.description
        self.sinceInvalid = sinceInvalid
        followUpHeading = language.text("followUpSince", ["date": since.description])
        summary = overview.summary.instruments.map { instrument in
            let notes = instrument.notes.map { language.text($0.text) }
            return SummaryLine(
                text: language.text(instrument.text), hasNotes: !notes.isEmpty,
                notes: " (" + notes.joined(separator: "; ") + ")")
        }
        let inspire = overview.trajectory.instruments.first { $0.instrument == .briefInspireO }
        if let latest = inspire?.points.last(where: { $0.chime != nil && $0.score != nil }), let values = latest.chime {
            chime = [
                ChimeView(
                    values, definition: catalog.briefInspireO,
                    caption: language.text("latestChime", ["date": latest.administeredAt.description]), language)
            ]
        } else {
            chime = []
        }
        instruments = overview.trajectory.instruments.compactMap { series in
            guard let definition = catalog[series.instrument] else { return nil }
            return Instrument(
                name: language.text(definition.name),
                chart: Charts.trajectory(series, citizen: citizen.rawValue, definition: definition, language),
                rows: series.points.reversed().map { point in
                    Row(
                        responseID: point.id.uuidString.lowercased(), date: point.administeredAt.description,
                        score: point.score.map(String.init) ?? "–",
                        flags: point.complete
                            ? ScoreText.flags(point.flags, of: definition, language).joined(separator: "; ")
                            : language.text("incomplete"),
                        change: point.changeSincePrevious.map { ScoreText.change($0, language) } ?? "–",
                        unit: point.unit ?? "–", history: Self.history(overview.history[point.id] ?? [], language))
                })
        }
    }

    /// Who did what to a response: "registreret af anna (staff); rettet af bo (admin)".
    private static func history(_ revisions: [ResponseRevision], _ language: Language) -> String {
        revisions.map { revision in
            let verb =
                switch revision.kind {
                case .recorded: language.text("recordedBy")
                case .corrected: language.text("correctedBy")
                case .retracted: language.text("retractedBy")
                }
            return verb + " " + (revision.authorText ?? language.text("unknownAuthor"))
        }.joined(separator: "; ")
    }
}
