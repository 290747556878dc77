import Foundation
import Hummingbird
import SporApplication
import SporInstruments
import SporReports

/// `GET /responses/{id}`: the result of one response, to talk about with the citizen: the score, the flags in
/// neutral words, the change since the last response and since the baseline, and the trajectory chart.
/// Staff of the response's unit, case workers and admins; every answered read is audited.
struct ResultPageController {
    let spor: UseCases

    func register(on group: RouterGroup<SporRequestContext>) {
        group.get("responses/:id", use: show)
    }

    @Sendable func show(_ request: Request, context: SporRequestContext) async throws -> Response {
        let result = try await spor.result(
            of: try ResponsesController.responseID(context), by: try context.caller(), via: context.endpoint(request))
        let (response, definition, trajectory) = (result.stored.response, result.definition, result.trajectory)
        let series = trajectory.instruments[0]
        let index = result.index

        let page = WebPage(request, context)
        let language = page.language
        let point = series.points[index]
        let name = Wording.shortName(definition).text(language.rawValue)
        let citizenLink = "/citizens/\(response.citizen.rawValue)"
        var content: [HTML] = [
            .tag("p", [], HTML(language("Borger", "Citizen") + " "), .tag("a", [("href", citizenLink)], HTML(response.citizen.rawValue)),
                 HTML(" · \(response.administeredAt)" + (response.unit.map { " · \($0.rawValue)" } ?? ""))),
            .tag("h2", [], HTML(language("Score", "Score"))),
        ]
        if let score = point.score, let raw = point.raw {
            content.append(.tag("p", [("class", "score")],
                HTML("\(score)"), .tag("span", [("class", "hint")], HTML(" " + language("af 100", "of 100")))))
            content.append(.tag("p", [],
                HTML(language("Råscore", "Raw score") + " \(raw) " + language("af", "of") + " \(definition.maxRaw).")))
        } else {
            content.append(.tag("p", [], HTML(language(
                "Ikke alle spørgsmål er besvaret, så der er ingen score.", "Not every question is answered, so there is no score."))))
        }
        let flags = ScoreText.flags(point.flags, of: definition, language)
        content.append(.tag("h2", [], HTML(language("Det er værd at tale om", "Worth talking about"))))
        content.append(flags.isEmpty
            ? .tag("p", [], HTML(language("Ingen markeringer.", "No flags.")))
            : .tag("ul", [], children: flags.map { .tag("li", [], HTML($0)) }))

        content.append(.tag("h2", [], HTML(language("Ændring", "Change"))))
        let previous = series.points[..<index].last { $0.score != nil }
        let baseline = series.points.first { $0.baseline }
        var changes: [HTML] = []
        if point.baseline {
            changes.append(.tag("li", [], HTML(language(
                "Første besvarelse med score: den er udgangspunktet.", "First scored response: it is the baseline."))))
        }
        if let change = point.changeSincePrevious, let previous {
            changes.append(.tag("li", [("id", "change-previous")], HTML(
                language("Siden sidste besvarelse", "Since the last response") + " (\(previous.administeredAt)): "
                + ScoreText.change(change, language))))
        }
        if let change = point.changeSinceBaseline, let baseline {
            changes.append(.tag("li", [("id", "change-baseline")], HTML(
                language("Siden udgangspunktet", "Since the baseline") + " (\(baseline.administeredAt)): "
                + ScoreText.change(change, language))))
        }
        content.append(.tag("ul", [], children: changes))
        content.append(.tag("p", [("class", "hint")], HTML(language(
            "En ændring på \(series.threshold) point eller mere regnes som meningsfuld.",
            "A change of \(series.threshold) points or more counts as meaningful."))))

        if let chime = point.chime {
            content.append(.tag("h2", [], HTML(language("CHIME-profil", "CHIME profile"))))
            content.append(.tag("figure", [], Charts.chime(chime, maxValue: definition.maxValue, language)))
        }
        content.append(.tag("h2", [], HTML(language("Forløb", "Trajectory"))))
        content.append(.tag("figure", [],
            Charts.inline(Trajectory(citizen: trajectory.citizen, history: false, instruments: [series]).svg(
                title: language("\(name) for \(trajectory.citizen)", "\(name) of \(trajectory.citizen)"))),
            .tag("figcaption", [], HTML(language(
                "\(name) over tid. Det skraverede felt ligger under grænsen på \(series.cutoff ?? 50).",
                "\(name) over time. The shaded area lies below the cut-off of \(series.cutoff ?? 50).")))))
        content.append(.tag("p", [],
            .tag("a", [("class", "button"), ("href", citizenLink)], HTML(language("Se borgerens side", "See the citizen's page"))),
            " ",
            .tag("a", [("href", "/responses/new?instrument=\(definition.id.rawValue)&citizen=\(response.citizen.rawValue)")],
                 HTML(language("Endnu en besvarelse", "Another response")))))
        return page.render(title: language("Resultat", "Result") + ": " + name, content: content)
    }
}
