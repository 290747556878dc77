import SporInstruments

/// Every fixed text of the web pages, in Danish and English, by key: the one place to change a word. Templates
/// read a page's texts as `{{t.key}}`; Swift code as `language.text("key")`, filling `{name}` placeholders from
/// values. What belongs to an instrument (its name, items, answer options and flag labels) comes from its
/// definition in `Schemas/instruments/`, never from here. `WebStringsTests` checks that every key used exists
/// and every key here is used.
enum Strings {
    static let table: [String: LocalizedText] = [
        // The frame of every page.
        "skipToContent": .init(da: "Spring til indhold", en: "Skip to content"),
        "mainMenu": .init(da: "Hovedmenu", en: "Main menu"),
        "signedInAs": .init(da: "Logget ind som", en: "Signed in as"),
        "signOut": .init(da: "Log ud", en: "Sign out"),
        "roleStaff": .init(da: "medarbejder", en: "staff"),
        "roleCaseworker": .init(da: "sagsbehandler", en: "case worker"),
        "roleStrategic": .init(da: "strategisk niveau", en: "strategic level"),
        "roleAdmin": .init(da: "administrator", en: "administrator"),
        "newResponse": .init(da: "Ny besvarelse", en: "New response"),
        "findCitizen": .init(da: "Find borger", en: "Find citizen"),
        "attention": .init(da: "Opmærksomhed", en: "Attention"),
        "trends": .init(da: "Tendenser", en: "Trends"),

        // Words used on several pages.
        "citizen": .init(da: "Borger", en: "Citizen"),
        "date": .init(da: "Dato", en: "Date"),
        "unit": .init(da: "Enhed", en: "Unit"),
        "score": .init(da: "Score", en: "Score"),
        "show": .init(da: "Vis", en: "Show"),
        "reason": .init(da: "Begrundelse", en: "Reason"),
        "retract": .init(da: "Træk tilbage", en: "Retract"),
        "pseudonymousID": .init(da: "Pseudonymt id", en: "Pseudonymous id"),
        "orCPR": .init(da: "eller CPR-nummer", en: "or CPR number"),
        "dateAnswered": .init(da: "Dato for besvarelsen", en: "Date answered"),
        "questionnaire": .init(da: "Spørgeskema", en: "Questionnaire"),
        "chimeProfile": .init(da: "CHIME-profil", en: "CHIME profile"),
        "chartTitle": .init(da: "{instrument} for {citizen}", en: "{instrument} of {citizen}"),
        "chartCaption": .init(
            da: "{instrument} over tid. Det skraverede felt ligger under grænsen på {cutoff}.",
            en: "{instrument} over time. The shaded area lies below the cut-off of {cutoff}."),
        "points": .init(da: "point", en: "points"),
        "improved": .init(da: "forbedret", en: "improved"),
        "unchanged": .init(da: "uændret", en: "unchanged"),
        "deteriorated": .init(da: "forværret", en: "deteriorated"),
        "nowAboveCutoff": .init(da: ", over grænsen nu", en: ", now above the cut-off"),

        // Sign-in.
        "signIn": .init(da: "Log ind", en: "Sign in"),
        "sessionExpired": .init(
            da: "Din session er udløbet. Log ind igen.", en: "Your session has expired. Please sign in again."),
        "signInIntro": .init(
            da:
                "Giv din adgangsnøgle (token) én gang. Du forbliver logget ind i {hours} timer, eller til du logger ud.",
            en: "Give your access token once. You stay signed in for {hours} hours, or until you sign out."),
        "accessToken": .init(da: "Adgangsnøgle", en: "Access token"),
        "accessTokenHint": .init(
            da: "Den begynder med spor_ og kommer fra din administrator (spor token create).",
            en: "It begins with spor_ and comes from your administrator (spor token create)."),
        "unknownToken": .init(
            da: "Adgangsnøglen kendes ikke eller er tilbagekaldt.", en: "The access token is unknown or revoked."),

        // The questionnaire form (new response, correction, retraction).
        "saveResponse": .init(da: "Gem besvarelse", en: "Save response"),
        "pleaseCorrect": .init(da: "Ret venligst følgende", en: "Please correct the following"),
        "questionNumber": .init(da: "Spørgsmål {number}", en: "Question {number}"),
        "unitOptional": .init(da: "Enhed (valgfri)", en: "Unit (optional)"),
        "citizenHintForm": .init(
            da: "Giv borgerens pseudonyme id eller CPR-nummer. CPR-nummeret gemmes ikke: det omsættes straks til et "
                + "pseudonymt id og vises aldrig igen.",
            en: "Give the citizen's pseudonymous id or CPR number. The CPR number is not stored: it becomes a "
                + "pseudonymous id at once and is never shown again."),
        "howAnswered": .init(da: "Hvordan blev der svaret?", en: "How were the answers given?"),
        "modeSelf": .init(da: "Borgeren udfyldte selv", en: "The citizen filled it in"),
        "modeWithStaff": .init(da: "Sammen med medarbejder", en: "Together with staff"),
        "modePaper": .init(da: "Overført fra papir", en: "Transcribed from paper"),
        "correctResponse": .init(da: "Ret besvarelse", en: "Correct a response"),
        "saveCorrection": .init(da: "Gem rettelse", en: "Save correction"),
        "retractResponse": .init(da: "Træk besvarelse tilbage", en: "Retract a response"),
        "retractIntro": .init(
            da: "En besvarelse, der er tastet ved en fejl, trækkes tilbage: den forsvinder fra forløb og rapporter, "
                + "men bevares i historikken.",
            en: "A response entered in error is retracted: it leaves trajectories and reports but stays in the history."
        ),

        // Field errors: they name the field and the rule, never the value.
        "errorChooseAnswer": .init(da: "Vælg et svar.", en: "Choose an answer."),
        "errorChooseOneAnswer": .init(da: "Vælg et af svarene.", en: "Choose one of the answers."),
        "errorCitizenRequired": .init(
            da: "Giv borgerens pseudonyme id eller CPR-nummer.", en: "Give the citizen's pseudonymous id or CPR number."
        ),
        "errorIDOrCPR": .init(
            da: "Giv enten et id eller et CPR-nummer, ikke begge.", en: "Give an id or a CPR number, not both."),
        "errorCPRInIDField": .init(
            da: "Det ligner et CPR-nummer: skriv det i feltet CPR-nummer.",
            en: "That looks like a CPR number: give it in the CPR number field."),
        "errorIDFormat": .init(
            da: "Et id er 1–64 tegn af A–Z a–z 0–9 . _ -", en: "An id is 1–64 characters of A–Z a–z 0–9 . _ -"),
        "errorCPRDate": .init(
            da: "CPR-nummeret skal begynde med en gyldig fødselsdato (DDMMÅÅ).",
            en: "The CPR number must begin with a real birth date (DDMMYY)."),
        "errorCPRFormat": .init(
            da: "CPR-nummeret skal skrives DDMMÅÅ-SSSS eller DDMMÅÅSSSS.",
            en: "Write the CPR number as DDMMYY-SSSS or DDMMYYSSSS."),
        "errorNoCPR": .init(
            da: "Feltet må ikke indeholde et CPR-nummer.", en: "The field must not contain a CPR number."),
        "errorFuture": .init(da: "Datoen må ikke ligge efter i dag.", en: "The date must not be after today."),
        "errorTooEarly": .init(da: "Datoen må ikke ligge før 1998.", en: "The date must not be before 1998."),
        "errorDateFormat": .init(da: "Skriv datoen som ÅÅÅÅ-MM-DD.", en: "Write the date as YYYY-MM-DD."),
        "errorUnit": .init(da: "Vælg en af dine enheder.", en: "Choose one of your units."),
        "errorReasonRequired": .init(da: "Skriv en kort begrundelse.", en: "Write a short reason."),
        "errorReason": .init(
            da: "Begrundelsen må højst være 1000 tegn og må ikke indeholde et CPR-nummer.",
            en: "The reason must be at most 1000 characters and must not contain a CPR number."),
        "errorInvalid": .init(da: "Ugyldig værdi.", en: "Invalid value."),

        // Result.
        "result": .init(da: "Resultat", en: "Result"),
        "of100": .init(da: "af 100", en: "of 100"),
        "rawScore": .init(da: "Råscore {raw} af {max}.", en: "Raw score {raw} of {max}."),
        "noScore": .init(
            da: "Ikke alle spørgsmål er besvaret, så der er ingen score.",
            en: "Not every question is answered, so there is no score."),
        "worthTalkingAbout": .init(da: "Det er værd at tale om", en: "Worth talking about"),
        "noFlags": .init(da: "Ingen markeringer.", en: "No flags."),
        "change": .init(da: "Ændring", en: "Change"),
        "firstScored": .init(
            da: "Første besvarelse med score: den er udgangspunktet.", en: "First scored response: it is the baseline."),
        "sinceLast": .init(
            da: "Siden sidste besvarelse ({date}): {change}", en: "Since the last response ({date}): {change}"),
        "sinceBaseline": .init(
            da: "Siden udgangspunktet ({date}): {change}", en: "Since the baseline ({date}): {change}"),
        "meaningfulChange": .init(
            da: "En ændring på {threshold} point eller mere regnes som meningsfuld.",
            en: "A change of {threshold} points or more counts as meaningful."),
        "trajectory": .init(da: "Forløb", en: "Trajectory"),
        "seeCitizen": .init(da: "Se borgerens side", en: "See the citizen's page"),
        "anotherResponse": .init(da: "Endnu en besvarelse", en: "Another response"),

        // Finding a citizen and the citizen's page.
        "citizenHintFind": .init(
            da: "Giv borgerens pseudonyme id eller CPR-nummer. CPR-nummeret sendes kun i formularen og vises aldrig.",
            en:
                "Give the citizen's pseudonymous id or CPR number. The CPR number is only sent in the form and never shown."
        ),
        "find": .init(da: "Find", en: "Find"),
        "printView": .init(da: "Udskriftsvisning", en: "Print view"),
        "followUpSince": .init(da: "Opfølgning siden {date}", en: "Follow-up since {date}"),
        "sinceDate": .init(da: "Siden dato (fx sidste opfølgningsmøde)", en: "Since (e.g. the last follow-up meeting)"),
        "latestChime": .init(
            da: "Seneste Brief INSPIRE-O ({date}): hvert af de fem recovery-processer, 0–4.",
            en: "Latest Brief INSPIRE-O ({date}): each of the five recovery processes, 0–4."),
        "flags": .init(da: "Markeringer", en: "Flags"),
        "sincePrevious": .init(da: "Siden forrige", en: "Since previous"),
        "history": .init(da: "Historik", en: "History"),
        "actions": .init(da: "Handlinger", en: "Actions"),
        "incomplete": .init(da: "Ufuldstændig", en: "Incomplete"),
        "correct": .init(da: "Ret", en: "Correct"),
        "recordedBy": .init(da: "registreret af", en: "recorded by"),
        "correctedBy": .init(da: "rettet af", en: "corrected by"),
        "retractedBy": .init(da: "trukket tilbage af", en: "retracted by"),
        "unknownAuthor": .init(da: "ukendt", en: "unknown"),

        // Attention.
        "attentionIntro": .init(
            da: "Borgere, hvis seneste besvarelse er faldet mindst den meningsfulde ændring, viser meget lav trivsel, "
                + "har et WHO-5-spørgsmål i bund, ligger under recovery-grænsen og falder, eller som ikke har svaret "
                + "i over {days} dage. De mest presserende står øverst.",
            en:
                "Citizens whose latest response fell by at least the meaningful change, shows very low wellbeing, has a "
                + "WHO-5 item at the floor, is below the recovery cut-off and falling, or who have not answered for "
                + "more than {days} days. The most pressing come first."),
        "yourUnits": .init(da: "Dine enheder: {units}", en: "Your units: {units}"),
        "noneOnList": .init(da: "Ingen borgere på listen lige nu.", en: "No citizens on the list right now."),
        "attentionAll": .init(da: "{count} borgere pr. {date}", en: "{count} citizens as of {date}"),
        "attentionCut": .init(
            da: "De {count} mest presserende af {total} borgere pr. {date}",
            en: "The {count} most pressing of {total} citizens as of {date}"),
        "latestResponse": .init(da: "Seneste besvarelse", en: "Latest response"),
        "why": .init(da: "Hvorfor", en: "Why"),

        // Trends.
        "release": .init(
            da: "Udgivelse {id} af {asOf}: kun afsluttede perioder, tallene ændres ikke.",
            en: "Release {id} of {asOf}: settled periods only; the figures do not change."),
        "downloadCSV": .init(da: "Hent som CSV", en: "Download as CSV"),
        "meanScoreOf": .init(da: "Gennemsnitlig score: {instrument}", en: "Mean score: {instrument}"),
        "trendChartCaption": .init(
            da: "Gennemsnitlig score pr. periode og gruppe. Grupper med færre end {minCell} borgere vises ikke.",
            en: "Mean score per period and group. Groups with fewer than {minCell} citizens are not shown."),
        "trendTable": .init(da: "Tabel over tendenser", en: "Trend table"),
        "invalidFilter": .init(da: "Ugyldigt filter.", en: "Invalid filter."),
        "period": .init(da: "Periode", en: "Period"),
        "month": .init(da: "Måned", en: "Month"),
        "quarter": .init(da: "Kvartal", en: "Quarter"),
        "year": .init(da: "År", en: "Year"),
        "groupedBy": .init(da: "Opdelt efter", en: "Grouped by"),
        "intervention": .init(da: "Indsats", en: "Intervention"),
        "noGrouping": .init(da: "Ingen opdeling", en: "No grouping"),
        "fromOptional": .init(da: "Fra dato (valgfri)", en: "From (optional)"),
        "toOptional": .init(da: "Til dato (valgfri)", en: "To (optional)"),
        "hidden": .init(da: "skjult", en: "hidden"),
        "group": .init(da: "Gruppe", en: "Group"),
        "citizens": .init(da: "Borgere", en: "Citizens"),
        "mean": .init(da: "Gennemsnit", en: "Mean"),
        "median": .init(da: "Median", en: "Median"),
        "sd": .init(da: "Spredning", en: "SD"),
        "paired": .init(da: "Med udgangspunkt", en: "Paired"),
        "meanChange": .init(da: "Gns. ændring", en: "Mean change"),
        "improvedHeading": .init(da: "Forbedret", en: "Improved"),
        "unchangedHeading": .init(da: "Uændret", en: "Unchanged"),
        "deterioratedHeading": .init(da: "Forværret", en: "Deteriorated"),
        "noGroup": .init(da: "(ingen)", en: "(none)"),
        "trendCaption": .init(
            da:
                "Andele i procent. \"< {minCell}\": færre end {minCell} borgere, så tallene vises ikke. \"skjult\": skjult, "
                + "så de skjulte tal ikke kan regnes ud fra periodens total, eller færre end {minCell} borgere med udgangspunkt.",
            en:
                "Shares in per cent. \"< {minCell}\": fewer than {minCell} citizens, so no figures are shown. \"hidden\": "
                + "hidden, so the hidden figures cannot be worked out from the period's total, or fewer than {minCell} "
                + "paired citizens."),
        "chartCutoff": .init(da: "grænse", en: "cut-off"),
        "chartGaps": .init(da: "Huller: skjulte celler", en: "Gaps: suppressed cells"),
        "chartPrimary": .init(da: "primært", en: "primary"),
        "chartComplementary": .init(da: "sekundært", en: "complementary"),

        // Error pages.
        "errorForbidden": .init(
            da: "Du har ikke adgang til denne side, eller formularen var for gammel. Gå tilbage og prøv igen.",
            en: "You do not have access to this page, or the form was too old. Go back and try again."),
        "errorNotFound": .init(da: "Siden findes ikke.", en: "There is no such page."),
        "errorConflict": .init(
            da: "Det er i strid med det, der allerede er gemt.", en: "That conflicts with what is stored."),
        "errorTooLarge": .init(da: "Formularen er for stor.", en: "The form is too large."),
        "errorOther": .init(da: "Forespørgslen kunne ikke gennemføres.", en: "The request could not be completed."),
        "toFrontPage": .init(da: "Til forsiden", en: "To the front page"),
    ]
}
