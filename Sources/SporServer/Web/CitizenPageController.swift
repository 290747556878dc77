import Foundation
import Hummingbird
import SporApplication
import SporInstruments
import SporReports

/// `GET /citizens` (find a citizen by id or CPR number, the CPR number only in a POST body),
/// `POST /citizens/find`, and `GET /citizens/{citizen}`: the trajectory charts of both instruments, the CHIME
/// profile of the latest Brief INSPIRE-O, the follow-up summary since a chosen date, and the responses with
/// correct and retract actions; `?print=1` gives the print view for the follow-up meeting. Staff of a unit the
/// citizen is seen in, case workers and admins; every answered read is audited.
struct CitizenPageController {
    let spor: UseCases

    func register(on group: RouterGroup<SporRequestContext>) {
        group.get("citizens", use: find)
        group.post("citizens/find", use: lookUp)
        group.get("citizens/:citizen", use: show)
    }

    @Sendable func find(_ request: Request, context: SporRequestContext) async throws -> Response {
        try spor.require(.readCitizen, by: try context.caller())
        return findPage(WebPage(request, context), errors: [], citizen: "", status: .ok)
    }

    @Sendable func lookUp(_ request: Request, context: SporRequestContext) async throws -> Response {
        let caller = try context.caller()
        try spor.require(.readCitizen, by: caller)
        let form = try await FormBody.read(request, session: context)
        let page = WebPage(request, context)
        func refuse(_ field: String, _ rule: FieldError.Rule, keeping citizen: String = "") -> Response {
            let error = FieldError(field: field, rule: rule, message: "\(field) breaks the rule \(rule.rawValue)")
            return findPage(page, errors: [error], citizen: citizen, status: .unprocessableContent)
        }
        switch (form.nonEmpty("citizen"), form.nonEmpty("cpr")) {
        case (let text?, nil):
            guard let citizen = CitizenID(rawValue: text) else {
                return refuse("citizen", Label.problem(with: text) == .cpr ? .cpr : .format)
            }
            return WebPage.redirect("/citizens/\(citizen.rawValue)")
        case (nil, let text?):
            do {
                let citizen = try await spor.resolveCPR(text, by: caller, via: context.endpoint(request))
                return WebPage.redirect("/citizens/\(citizen.rawValue)")
            } catch let error as UseCaseError where error.code == .invalid {
                return refuse("cpr", error.fieldErrors.first?.rule ?? .format)
            }
        case (let text?, _?):
            return refuse("cpr", .exclusive, keeping: ResponseForm.keepable(text))
        case (nil, nil):
            return refuse("citizen", .required)
        }
    }

    private func findPage(_ page: WebPage, errors: [FieldError], citizen: String, status: HTTPResponse.Status) -> Response {
        let language = page.language
        let message = errors.map { FieldErrorText.text($0, language) }.joined(separator: " ")
        return page.render(title: language("Find borger", "Find citizen"), status: status, content: [
            .tag("form", [("method", "post"), ("action", "/citizens/find")],
                page.csrfField,
                .tag("p", [("class", "hint")], HTML(language(
                    "Giv borgerens pseudonyme id eller CPR-nummer. CPR-nummeret sendes kun i formularen og vises aldrig.",
                    "Give the citizen's pseudonymous id or CPR number. The CPR number is only sent in the form and never shown."))),
                errors.isEmpty ? .empty : .tag("p", [("class", "error"), ("id", "find-error")], HTML(message)),
                .tag("div", [("class", "field")],
                    .tag("label", [("for", "citizen")], HTML(language("Pseudonymt id", "Pseudonymous id"))),
                    .tag("input", [("type", "text"), ("id", "citizen"), ("name", "citizen"), ("value", citizen), ("autocomplete", "off"),
                                   ("aria-describedby", errors.isEmpty ? nil : "find-error")])),
                .tag("div", [("class", "field")],
                    .tag("label", [("for", "cpr")], HTML(language("eller CPR-nummer", "or CPR number"))),
                    .tag("input", [("type", "text"), ("id", "cpr"), ("name", "cpr"), ("autocomplete", "off"), ("inputmode", "numeric")])),
                .tag("button", [("type", "submit")], HTML(language("Find", "Find")))),
        ])
    }

    @Sendable func show(_ request: Request, context: SporRequestContext) async throws -> Response {
        let caller = try context.caller()
        guard let text = context.parameters.get("citizen"), let citizen = CitizenID(rawValue: text) else {
            throw Problem.notFound("No such citizen.")
        }
        let query = request.uri.queryParameters
        let asOf = spor.todayDate
        let sinceText = query.get("since")
        let since = sinceText.flatMap(CalendarDate.init(iso8601:)) ?? CalendarDate(daysSinceEpoch: asOf.daysSinceEpoch - 120)
        let printView = query.get("print") == "1"
        let overview = try await spor.overview(of: citizen, since: since, by: caller, via: context.endpoint(request))
        let (trajectory, summary, history) = (overview.trajectory, overview.summary, overview.history)

        let page = WebPage(request, context)
        let language = page.language
        let base = "/citizens/\(citizen.rawValue)"
        var content: [HTML] = []
        if !printView {
            var links: [HTML] = [.tag("a", [("href", "\(base)?since=\(since)&print=1")], HTML(language("Udskriftsvisning", "Print view")))]
            if spor.permits(.record, by: caller) {
                let newResponse = "/responses/new?citizen=\(citizen.rawValue)"
                links.insert(.tag("a", [("href", newResponse)], HTML(language("Ny besvarelse", "New response"))), at: 0)
            }
            content.append(.tag("p", [("class", "tabs")], children: links))
        }
        content.append(.tag("h2", [], HTML(language("Opfølgning siden \(since)", "Follow-up since \(since)"))))
        if !printView {
            let invalid = sinceText != nil && CalendarDate(iso8601: sinceText!) == nil
            content.append(.tag("form", [("method", "get"), ("action", base), ("class", invalid ? "invalid" : nil)],
                .tag("label", [("for", "since")],
                     HTML(language("Siden dato (fx sidste opfølgningsmøde)", "Since (e.g. the last follow-up meeting)"))),
                invalid
                    ? .tag("p", [("class", "error"), ("id", "since-error")],
                           HTML(language("Skriv datoen som ÅÅÅÅ-MM-DD.", "Write the date as YYYY-MM-DD.")))
                    : .empty,
                " ",
                .tag("input", [("type", "date"), ("id", "since"), ("name", "since"), ("value", since.description),
                               ("aria-describedby", invalid ? "since-error" : nil)]),
                " ",
                .tag("button", [("type", "submit"), ("class", "secondary")], HTML(language("Vis", "Show")))))
        }
        content.append(.tag("ul", [("class", "summary")], children: summary.instruments.map { instrument in
            let notes = instrument.notes.map { $0.text.text(language.rawValue) }
            return .tag("li", [], HTML(instrument.text.text(language.rawValue)),
                        notes.isEmpty ? .empty : .tag("span", [("class", "hint")], HTML(" (" + notes.joined(separator: "; ") + ")")))
        }))

        let inspire = trajectory.instruments.first { $0.instrument == .briefInspireO }
        if let latest = inspire?.points.last(where: { $0.chime != nil && $0.score != nil }), let chime = latest.chime {
            content.append(.tag("h2", [], HTML(language("CHIME-profil", "CHIME profile"))))
            content.append(.tag("figure", [], Charts.chime(chime, maxValue: InstrumentCatalog.builtIn.briefInspireO.maxValue, language),
                .tag("figcaption", [], HTML(language(
                    "Seneste Brief INSPIRE-O (\(latest.administeredAt)): hvert af de fem recovery-processer, 0–4.",
                    "Latest Brief INSPIRE-O (\(latest.administeredAt)): each of the five recovery processes, 0–4.")))))
        }
        for series in trajectory.instruments {
            guard let definition = InstrumentCatalog.builtIn[series.instrument] else { continue }
            let name = Wording.shortName(definition).text(language.rawValue)
            content.append(.tag("h2", [], HTML(name)))
            content.append(.tag("figure", [],
                Charts.inline(Trajectory(citizen: citizen.rawValue, history: false, instruments: [series]).svg(
                    title: language("\(name) for \(citizen.rawValue)", "\(name) of \(citizen.rawValue)"))),
                .tag("figcaption", [], HTML(language(
                    "\(name) over tid. Det skraverede felt ligger under grænsen på \(series.cutoff ?? 50).",
                    "\(name) over time. The shaded area lies below the cut-off of \(series.cutoff ?? 50).")))))
            content.append(responseTable(
                series, definition: definition, history: history, caller: caller, page: page, printView: printView))
        }
        return page.render(title: language("Borger", "Citizen") + " \(citizen.rawValue)", printView: printView, content: content)
    }

    /// The responses of one instrument, newest first, with who recorded and corrected each (`history`, by response
    /// id) and correct and retract links for staff of the response's unit and admins.
    private func responseTable(
        _ series: InstrumentTrajectory, definition: InstrumentDefinition, history: [UUID: [ResponseRevision]],
        caller: Caller, page: WebPage, printView: Bool
    ) -> HTML {
        let language = page.language
        // Staff see only their own units' responses, so every response shown is one they may change.
        let showActions = !printView && spor.permits(.correct, by: caller)
        var headings = [language("Dato", "Date"), language("Score", "Score"), language("Markeringer", "Flags"),
                        language("Siden forrige", "Since previous"), language("Enhed", "Unit"), language("Historik", "History")]
        if showActions { headings.append(language("Handlinger", "Actions")) }
        return .tag("table", [],
            .tag("thead", [], .tag("tr", [], children: headings.enumerated().map { index, text in
                .tag("th", [("scope", "col"), ("class", index == 1 ? "number" : nil)], HTML(text))
            })),
            .tag("tbody", [], children: series.points.reversed().map { point in
                let id = point.id.uuidString.lowercased()
                var cells: [HTML] = [
                    .tag("td", [("class", "nowrap")], .tag("a", [("href", "/responses/\(id)")], HTML(point.administeredAt.description))),
                    .tag("td", [("class", "number")], HTML(point.score.map(String.init) ?? "–")),
                    .tag("td", [], HTML(point.complete
                        ? ScoreText.flags(point.flags, of: definition, language).joined(separator: "; ")
                        : language("Ufuldstændig", "Incomplete"))),
                    .tag("td", [], HTML(point.changeSincePrevious.map { ScoreText.change($0, language) } ?? "–")),
                    .tag("td", [], HTML(point.unit ?? "–")),
                    .tag("td", [], HTML(Self.historyText(history[point.id] ?? [], language))),
                ]
                if showActions {
                    cells.append(.tag("td", [("class", "actions")], HTML([
                        .tag("a", [("href", "/responses/\(id)/correction")], HTML(language("Ret", "Correct"))),
                        " · ",
                        .tag("a", [("href", "/responses/\(id)/retraction")], HTML(language("Træk tilbage", "Retract"))),
                    ])))
                }
                return .tag("tr", [], children: cells)
            }))
    }

    /// Who did what to a response: "registreret af anna (staff); rettet af bo (admin)".
    private static func historyText(_ revisions: [ResponseRevision], _ language: Language) -> String {
        revisions.map { revision in
            let verb = switch revision.kind {
            case .recorded: language("registreret af", "recorded by")
            case .corrected: language("rettet af", "corrected by")
            case .retracted: language("trukket tilbage af", "retracted by")
            }
            return verb + " " + (revision.authorText ?? language("ukendt", "unknown"))
        }.joined(separator: "; ")
    }
}
