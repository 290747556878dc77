import Foundation
import HTTPTypes
import SporInstruments
import SporReports
import SporTesting
import Testing

@testable import SporApplication
@testable import SporServer

/// Every page's view-model, built from the use cases without HTTP: what a staff member, a case worker and a
/// manager (the strategic level) see, in Danish and English, with the instruments' own words and decimal commas.
@Suite struct WebViewModelTests {
    static let who5 = InstrumentCatalog.builtIn.who5
    static let inspire = InstrumentCatalog.builtIn.briefInspireO

    @Test func theLayoutShowsEachRoleItsOwnPagesInItsLanguage() throws {
        let web = try WebViewFixture()
        defer { web.fixture.folder.remove() }
        func layout(_ name: String, _ language: Language, path: String = "/attention") throws -> LayoutView {
            LayoutView(
                language: language, title: "T", identity: try web.identity(name), csrf: "c", path: path,
                query: "since=2026-01-01")
        }
        #expect(try layout("staff", .da).nav.map(\.text) == ["Ny besvarelse", "Find borger", "Opmærksomhed"])
        #expect(try layout("caseworker", .da).nav.map(\.href) == ["/citizens", "/attention", "/trends"])
        #expect(try layout("strategic", .en).nav.map(\.text) == ["Trends"])
        #expect(try layout("staff", .da).nav.filter(\.current).map(\.href) == ["/attention"])
        let staff = try layout("staff", .da)
        #expect(staff.user?.role == "medarbejder" && staff.user?.name == "staff")
        #expect(try layout("caseworker", .en).user?.role == "case worker")
        #expect(try layout("strategic", .da).user?.role == "strategisk niveau")
        #expect(staff.lang == "da" && staff.otherLanguage == "en" && staff.otherLanguageName == "English")
        #expect(staff.otherLanguageHref == "/attention?since=2026-01-01&lang=en")
        let signedOut = LayoutView(
            language: .en, title: "Sign in", identity: nil, csrf: "", path: "/sign-in", query: "")
        #expect(signedOut.nav.isEmpty && !signedOut.hasNav && signedOut.user == nil)
        #expect(signedOut.otherLanguageHref == "/sign-in?lang=da")
    }

    @Test func theSignInFormSaysWhenTheSessionExpiredOrTheTokenWasWrong() {
        let fresh = SignInView(expired: false, wrongToken: false, sessionHours: 8, formToken: "f", .da)
        #expect(
            fresh.intro
                == "Giv din adgangsnøgle (token) én gang. Du forbliver logget ind i 8 timer, eller til du logger ud.")
        #expect(!fresh.expired && !fresh.wrongToken)
        let wrong = SignInView(expired: true, wrongToken: true, sessionHours: 8, formToken: "f", .en)
        #expect(wrong.intro.hasPrefix("Give your access token once. You stay signed in for 8 hours"))
        let html = Templates.render(document(wrong, "sign-in", .en))
        #expect(html.contains(#"<p class="error" id="token-error">The access token is unknown or revoked.</p>"#))
        #expect(html.contains(#"aria-describedby="token-hint token-error" aria-invalid="true""#))
        #expect(html.contains(#"<p class="notice" role="status">Your session has expired. Please sign in again.</p>"#))
    }

    @Test func theNewResponseFormUsesTheDefinitionsWordsAndTheStaffMembersUnits() throws {
        var form = ResponseForm(definition: Self.who5, date: CalendarDate(year: 2026, month: 6, day: 30)!)
        let one = NewResponseView(form, units: [Label(rawValue: "bostotte-nord")!], language: .da)
        #expect(one.tabs.map(\.text) == ["Brief INSPIRE-O", "WHO-5 Trivselsindeks"])
        #expect(one.tabs.map(\.current) == [false, true])
        #expect(one.questionnaire.instrumentName == "WHO-5 Trivselsindeks")
        #expect(
            one.questionnaire.questions.map(\.legend) == Self.who5.items.enumerated().map { "\($0 + 1). \($1.text.da)" }
        )
        #expect(one.questionnaire.questions[0].choices.map(\.label) == Self.who5.options.map(\.label.da))
        #expect(
            one.details.oneUnit && one.details.unit == "bostotte-nord" && !one.details.chooseUnit
                && !one.details.typeUnit)
        #expect(
            one.details.mode.options.map(\.label) == [
                "Borgeren udfyldte selv", "Sammen med medarbejder", "Overført fra papir",
            ])
        #expect(!one.hasErrors)

        let several = NewResponseView(form, units: [Label(rawValue: "a")!, Label(rawValue: "b")!], language: .en)
        #expect(several.details.chooseUnit && several.details.unitChoices.map(\.value) == ["a", "b"])
        #expect(several.questionnaire.questions[4].legend == "5. \(Self.who5.items[4].text.en)")
        let admin = NewResponseView(form, units: nil, language: .en)
        #expect(admin.details.typeUnit && !admin.details.oneUnit)

        form.answers = [3, 4, nil, 3, 1]
        form.errors = [FieldError(field: "answers[2]", rule: .required, message: "answers[2] is required")]
        let invalid = NewResponseView(form, units: nil, language: .da)
        #expect(invalid.hasErrors)
        #expect(invalid.errorLinks.map(\.text) == ["Spørgsmål 3: Vælg et svar."])
        #expect(invalid.errorLinks.map(\.anchor) == ["item3-0"])
        #expect(
            invalid.questionnaire.questions[2].invalid && invalid.questionnaire.questions[2].error == "Vælg et svar.")
        #expect(invalid.questionnaire.questions[1].choices.filter(\.checked).map(\.value) == [4])
    }

    @Test func theResultPageSaysTheScoreFlagsAndChangeInTheInstrumentsWords() async throws {
        let web = try WebViewFixture()
        try await web.record("c-nord", [4, 4, 4, 4, 4], on: "2026-03-01")
        let id = try await web.record("c-nord", [3, 4, 2, 3, 1], on: "2026-06-01")
        for name in ["staff", "caseworker"] {
            let result = try await web.spor.result(of: id, by: web.caller(name), via: "test")
            let danish = ResultView(result, .da)
            #expect(danish.title == "Resultat: WHO-5 Trivselsindeks")
            #expect(danish.score == "52" && danish.rawScore == "Råscore 13 af 25.")
            #expect(danish.flags == ["Et spørgsmål besvaret med 0 eller 1"])
            #expect(
                danish.changes.map(\.text) == [
                    "Siden sidste besvarelse (2026-03-01): −28 point: forværret",
                    "Siden udgangspunktet (2026-03-01): −28 point: forværret",
                ])
            #expect(danish.chime.isEmpty)
            #expect(danish.trajectory.trustedSVG.contains(#"data-series="WHO-5 Trivselsindeks""#))
            #expect(!danish.trajectory.trustedSVG.contains(#"data-series="who5""#))
            #expect(danish.trajectory.trustedSVG.contains(">grænse 50</text>"))
            let english = ResultView(result, .en)
            #expect(english.flags == ["An item answered 0 or 1"])
            #expect(english.changes[0].text == "Since the last response (2026-03-01): −28 points: deteriorated")
            #expect(english.trajectory.trustedSVG.contains(#"data-series="WHO-5 Well-Being Index""#))
            #expect(
                english.trajectory.caption
                    == "WHO-5 Well-Being Index over time. The shaded area lies below the cut-off of 50.")
        }
        await #expect(throws: UseCaseError.self) {
            try await web.spor.result(of: id, by: web.caller("strategic"), via: "test")
        }
        await web.close()
    }

    @Test func theCitizenPageShowsActionsOnlyToThoseWhoMayChangeResponses() async throws {
        let web = try WebViewFixture()
        try await web.record("c-nord", [4, 4, 4, 4, 4], on: "2026-03-01")
        try await web.record("c-nord", [3, 2, 1, 4, 0], on: "2026-05-01", instrument: .briefInspireO)
        let since = CalendarDate(year: 2026, month: 1, day: 1)!
        let citizen = CitizenID(rawValue: "c-nord")!
        func view(_ name: String, _ language: Language, printView: Bool = false) async throws -> CitizenView {
            let caller = try web.caller(name)
            let overview = try await web.spor.overview(of: citizen, since: since, by: caller, via: "test")
            return CitizenView(
                overview, citizen: citizen, since: since, sinceInvalid: false,
                canRecord: web.spor.permits(.record, by: caller),
                canCorrect: web.spor.permits(.correct, by: caller), printView: printView, language)
        }
        let staff = try await view("staff", .da)
        #expect(staff.canRecord && staff.showActions)
        #expect(staff.title == "Borger c-nord" && staff.followUpHeading == "Opfølgning siden 2026-01-01")
        let who5 = try #require(staff.instruments.first { $0.name == "WHO-5 Trivselsindeks" })
        #expect(Set(staff.instruments.map(\.name)) == ["WHO-5 Trivselsindeks", "Brief INSPIRE-O"])
        #expect(who5.rows.map(\.history) == ["registreret af admin (admin)"])
        #expect(who5.rows.map(\.score) == ["80"])
        #expect(who5.chart.trustedSVG.contains(#"data-series="WHO-5 Trivselsindeks""#))
        #expect(staff.chime.first?.title == "CHIME-profil: Forbundethed 3, Håb 2, Identitet 1, Mening 4, Empowerment 0")
        let caseworker = try await view("caseworker", .en)
        #expect(!caseworker.canRecord && !caseworker.showActions)
        #expect(
            caseworker.instruments.flatMap { $0.rows.map(\.history) } == [
                "recorded by admin (admin)", "recorded by admin (admin)",
            ])
        #expect(caseworker.instruments.map(\.name).contains("WHO-5 Well-Being Index"))
        #expect(
            caseworker.chime.first?.title
                == "CHIME profile: Connectedness 3, Hope 2, Identity 1, Meaning 4, Empowerment 0")
        #expect(!(try await view("admin", .da, printView: true)).showActions, "no actions in print")
        await #expect(throws: UseCaseError.self) { try await view("strategic", .da) }
        await web.close()
    }

    @Test func theAttentionListSaysWhyAndWhoseUnits() async throws {
        let web = try WebViewFixture()
        try await web.record("c-nord", [1, 1, 1, 1, 1], on: "2026-06-01")
        let staff = AttentionView(
            try await web.spor.attentionList(by: web.caller("staff"), via: "test"),
            units: [Label(rawValue: Fixture.unit)!], .da)
        #expect(staff.hasUnits && staff.units == "Dine enheder: bostotte-nord")
        #expect(staff.rows.map(\.citizen) == ["c-nord"])
        #expect(staff.rows[0].reasons.map(\.code).contains("veryLowWellbeing"))
        #expect(staff.caption == "1 borgere pr. 2026-06-30")
        let caseworker = AttentionView(
            try await web.spor.attentionList(by: web.caller("caseworker"), via: "test"), units: nil, .en)
        #expect(!caseworker.hasUnits && caseworker.caption == "1 citizens as of 2026-06-30")
        #expect(caseworker.intro.contains("more than 120 days"))
        let empty = AttentionView(
            try await web.spor.attentionList(by: web.caller("staff-syd"), via: "test"), units: nil, .en)
        #expect(!empty.hasRows)
        await web.close()
    }

    @Test func trendsAreWrittenWithDecimalCommasOnDanishPages() async throws {
        let web = try WebViewFixture()
        // Means of 60 and 64 in bostotte-nord: 62,0 in Danish, with a standard deviation of 2,19.
        for number in 1...6 {
            try await web.record(
                "c-\(number)", number <= 3 ? [3, 3, 3, 3, 3] : [3, 3, 3, 3, 4], on: "2026-05-0\(number)")
        }
        let request = TrendReportRequest(instrument: .who5, period: .quarter, by: .unit)
        for name in ["caseworker", "admin"] {
            let report = try await web.spor.trendReport(request, by: web.caller(name), via: "test")
            let danish = try #require(TrendsView(query: [:], errors: [], report: (report, request), .da).report.first)
            let row = try #require(danish.rows.first)
            #expect(row.period == "2026-Q2" && row.group == "bostotte-nord")
            #expect(row.cells.prefix(4).map(\.text) == ["6", "62,0", "62,0", "2,2"])
            #expect(
                danish.headings.map(\.text).contains("Lav trivsel: score 50 eller derunder"),
                "flag labels from the definition")
            #expect(danish.chart.trustedSVG.contains("<title>2026-Q2 bostotte-nord: 62,0</title>"))
            #expect(danish.chart.trustedSVG.contains(">grænse 50</text>"))
            #expect(danish.csvQuery == "instrument=who5&period=quarter&by=unit")
            let english = try #require(TrendsView(query: [:], errors: [], report: (report, request), .en).report.first)
            #expect(english.rows[0].cells.prefix(4).map(\.text) == ["6", "62.0", "62.0", "2.2"])
            #expect(english.chart.trustedSVG.contains("<title>2026-Q2 bostotte-nord: 62.0</title>"))
            #expect(english.headings.map(\.text).contains("Low wellbeing: score 50 or below"))
            let html = Templates.render(
                document(TrendsView(query: [:], errors: [], report: (report, request), .da), "trends", .da))
            #expect(html.contains(#"<td class="number">62,0</td>"#) && !html.contains("62.0"))
        }
        let csv = try await web.spor.trendReport(request, by: web.caller("caseworker"), via: "test")
        #expect(csv.csv(decimalComma: true).contains("2026-Q2;bostotte-nord;false;6;62;62;2,19"))
        #expect(csv.csv().contains("2026-Q2,bostotte-nord,false,6,62,62,2.19"))
        await web.close()
    }

    @Test func theTrendFiltersShowTheirErrorsAndChoices() {
        let errors = [FieldError(field: "from", rule: .format, message: "from is not a date")]
        let view = TrendsView(query: ["period": "year", "from": "yesterday"], errors: errors, report: nil, .da)
        #expect(view.report.isEmpty && !view.invalidFilter)
        #expect(view.from.invalid && view.from.error == "Skriv datoen som ÅÅÅÅ-MM-DD." && view.from.value == "")
        #expect(view.period.options.filter(\.selected).map(\.label) == ["År"])
        #expect(view.instrument.options.map(\.label) == ["Brief INSPIRE-O", "WHO-5 Trivselsindeks"])
        #expect(view.instrument.options.filter(\.selected).map(\.value) == ["who5"])
        let english = TrendsView(
            query: ["by": "bogus"], errors: [FieldError(field: "by", rule: .format, message: "x")], report: nil, .en)
        #expect(english.invalidFilter && english.by.options.map(\.label) == ["Unit", "Intervention", "No grouping"])
    }

    @Test func theCorrectionAndRetractionFormsNameTheResponse() async throws {
        let web = try WebViewFixture()
        let id = try await web.record("c-nord", [3, 4, 2, 3, 1], on: "2026-06-01")
        let changeable = try await web.spor.openForChange(id, action: .correct, by: web.caller("staff"), via: "test")
        var form = ResponseForm(
            definition: changeable.definition, id: id, date: changeable.stored.response.administeredAt)
        form.answers = changeable.stored.response.answers
        form.errors = [FieldError(field: "reason", rule: .required, message: "reason is required")]
        let correction = CorrectionView(form, stored: changeable.stored, .da)
        #expect(correction.heading.details == " · WHO-5 Trivselsindeks · 2026-06-01")
        #expect(correction.reason.invalid && correction.reason.error == "Skriv en kort begrundelse.")
        #expect(correction.errorLinks.map(\.text) == ["Begrundelse: Skriv en kort begrundelse."])
        #expect(
            correction.questionnaire.questions.map { $0.choices.first(where: \.checked)?.value } == [3, 4, 2, 3, 1])
        let blank = ResponseForm(
            definition: changeable.definition, id: id, date: changeable.stored.response.administeredAt)
        let retraction = RetractionView(blank, stored: changeable.stored, .en)
        #expect(retraction.heading.details == " · WHO-5 Well-Being Index · 2026-06-01" && !retraction.reason.invalid)
        await #expect(throws: UseCaseError.self) {
            try await web.spor.openForChange(id, action: .correct, by: web.caller("caseworker"), via: "test")
        }
        await web.close()
    }

    @Test func findingACitizenAndErrorPagesNeverRepeatTheInput() {
        let find = FindCitizenView(
            errors: [FieldErrorText.text(FieldError(field: "cpr", rule: .date, message: "x"), .da)], citizen: "")
        #expect(find.invalid && find.error == "CPR-nummeret skal begynde med en gyldig fødselsdato (DDMMÅÅ).")
        #expect(ErrorView(.notFound, .da).message == "Siden findes ikke.")
        #expect(ErrorView(.forbidden, .en).title == "403 Forbidden")
    }

    /// The whole page of a view-model, as the layout renders it.
    private func document(_ view: Any, _ template: String, _ language: Language) -> Document {
        Document(
            layout: LayoutView(language: language, title: "T", identity: nil, csrf: "", path: "/", query: ""),
            template: template,
            page: view, t: language.texts)
    }
}
