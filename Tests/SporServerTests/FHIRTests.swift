import Foundation
import HTTPTypes
import HummingbirdTesting
import SporFHIR
import SporInstruments
import SporTesting
import Testing

@testable import SporApplication

/// The `/fhir` routes: Questionnaires, a posted QuestionnaireResponse recorded through the same use case as
/// `POST /v1/responses` and read back identical, refusals as OperationOutcomes with nothing written, the access
/// rules, and the export's statuses, references and absence of CPR numbers.
@Suite struct FHIRTests {
    static let cpr = "0101901234"

    /// A QuestionnaireResponse body.
    static func questionnaireResponse(
        id: UUID = UUID(), questionnaire: String = "https://spor.example/fhir/Questionnaire/who5",
        subject: String = #"{"identifier":{"value":"c-1"}}"#, items: String, authored: String = "2026-03-14",
        unit: String = Fixture.unit
    ) -> String {
        #"""
        {"resourceType":"QuestionnaireResponse","identifier":{"system":"urn:ietf:rfc:3986","value":"urn:uuid:\#(id.uuidString.lowercased())"},\#
        "questionnaire":"\#(questionnaire)","status":"completed","subject":\#(subject),"authored":"\#(authored)",\#
        "extension":[{"url":"https://spor.example/fhir/StructureDefinition/unit","valueString":"\#(unit)"}],"item":\#(items)}
        """#
    }

    /// Items answered by `valueInteger`.
    static func integerItems(_ linkIDs: [String], _ values: [Int]) -> String {
        "["
            + zip(linkIDs, values).map { #"{"linkId":"\#($0)","answer":[{"valueInteger":\#($1)}]}"# }.joined(
                separator: ",") + "]"
    }

    /// Items answered by `valueCoding` in `system`, the code given per value.
    static func codedItems(_ linkIDs: [String], _ values: [Int], system: String, code: (Int, Int) -> String) -> String {
        "["
            + zip(linkIDs, values).enumerated().map { index, pair in
                #"{"linkId":"\#(pair.0)","answer":[{"valueCoding":{"system":"\#(system)","code":"\#(code(index, pair.1))"}}]}"#
            }.joined(separator: ",") + "]"
    }

    static let who5Links = ["happy", "calm", "active", "rested", "interest"]
    static let briefLinks = ["connectedness", "hope", "identity", "meaning", "empowerment"]

    /// KL's answer code of a WHO-5 item and value, read from the served Questionnaire.
    static func klCode(_ questionnaire: [String: Any], item: Int, value: Int) -> String {
        let items = questionnaire["item"] as? [[String: Any]] ?? []
        let options = items[item]["answerOption"] as? [[String: Any]] ?? []
        let coding = options.map { $0["valueCoding"] as? [String: Any] ?? [:] }.first { coding in
            ((coding["extension"] as? [[String: Any]])?.first?["valueDecimal"] as? Int) == value
        }
        return coding?["code"] as? String ?? "?"
    }

    @Test func theQuestionnairesFollowKLForWHO5AndSporsCodesForBriefInspireO() async throws {
        let fixture = try Fixture()
        try await fixture.test { client in
            let who5 = try await client.get("/fhir/Questionnaire/who5", token: fixture.tokens["strategic"])
            #expect(who5.status == .ok)
            #expect(who5.headers[.contentType] == "application/fhir+json")
            let questionnaire = who5.json
            #expect(questionnaire["url"] as? String == "https://spor.example/fhir/Questionnaire/who5")
            let code = (questionnaire["code"] as? [[String: Any]])?.first
            #expect(code?["system"] as? String == "http://snomed.info/sct")
            #expect(code?["code"] as? String == "1144665009")
            let items = questionnaire["item"] as? [[String: Any]] ?? []
            #expect(items.map { $0["linkId"] as? String } == Self.who5Links)
            #expect(items.first?["text"] as? String == "I de sidste 2 uger har jeg været glad og i godt humør")
            #expect(Self.klCode(questionnaire, item: 0, value: 5) == "0e5aa952-d470-4219-b275-5e8204d96987")
            #expect(Self.klCode(questionnaire, item: 1, value: 3) == "1ab11c78-6258-4069-9065-0f076833b133")
            #expect(Self.klCode(questionnaire, item: 4, value: 0) == "f97749b5-e689-40a4-9eda-0b0e35d185fc")
            // The displays are KL's, word for word (KLToolsValueSets.fsh), so the labels agree with KL's.
            let calm = ((items[1]["answerOption"] as? [[String: Any]]) ?? []).compactMap {
                $0["valueCoding"] as? [String: Any]
            }
            #expect(
                calm.map { $0["display"] as? String } == [
                    "WHO-5 På intet tidspunkt - 0 (rolig)", "WHO-5 Lidt af tiden - 1 (rolig)",
                    "WHO-5 Lidt mindre end halvdelen af tiden - 2 (rolig)",
                    "WHO-5 Lidt mere end halvdelen af tiden - 3 (rolig)",
                    "WHO-5 Det meste af tiden - 4 (rolig)", "WHO-5 Hele tiden - 5 (rolig)",
                ])

            let brief = try await client.get("/fhir/Questionnaire/brief-inspire-o", token: fixture.tokens["staff"]).json
            let briefCode = (brief["code"] as? [[String: Any]])?.first
            #expect(briefCode?["system"] as? String == "https://spor.example/fhir/CodeSystem/spor")
            #expect((brief["item"] as? [[String: Any]] ?? []).map { $0["linkId"] as? String } == Self.briefLinks)

            let unknown = try await client.get("/fhir/Questionnaire/phq9", token: fixture.tokens["admin"])
            #expect(unknown.status == .notFound)
            #expect(unknown.json["resourceType"] as? String == "OperationOutcome")
            let anonymous = try await client.get("/fhir/Questionnaire/who5", token: nil)
            #expect(anonymous.status == .unauthorized)
            #expect(anonymous.json["resourceType"] as? String == "OperationOutcome")
        }
    }

    @Test func aPostedResponseComesBackIdenticalWhateverTheAnswerForm() async throws {
        let fixture = try Fixture()
        try await fixture.test { client in
            let staff = fixture.tokens["staff"]
            let who5 = try await client.get("/fhir/Questionnaire/who5", token: staff).json
            let cases: [(questionnaire: String, values: [Int], items: String, citizen: String)] = [
                (
                    "https://spor.example/fhir/Questionnaire/who5|1", [3, 4, 2, 3, 1],
                    Self.integerItems(Self.who5Links, [3, 4, 2, 3, 1]), "c-int"
                ),
                (
                    "Questionnaire/who5", [5, 0, 1, 2, 4],
                    Self.codedItems(
                        Self.who5Links, [5, 0, 1, 2, 4], system: "https://spor.example/fhir/CodeSystem/who5-answer"
                    ) { String($1) },
                    "c-ours"
                ),
                (
                    "http://fhir.kl.dk/ffinst/Questionnaire/KLToolsCareWHO-5", [5, 3, 5, 5, 5],
                    Self.codedItems(
                        Self.who5Links, [5, 3, 5, 5, 5], system: "http://fhir.kl.dk/ffinst/CodeSystem/KLToolsCodes"
                    ) {
                        Self.klCode(who5, item: $0, value: $1)
                    }, "c-kl"
                ),
                (
                    "https://spor.example/fhir/Questionnaire/brief-inspire-o", [4, 3, 2, 1, 0],
                    Self.integerItems(Self.briefLinks, [4, 3, 2, 1, 0]), "c-brief"
                ),
                (
                    "Questionnaire/brief-inspire-o", [0, 1, 2, 3, 4],
                    Self.codedItems(
                        Self.briefLinks, [0, 1, 2, 3, 4],
                        system: "https://spor.example/fhir/CodeSystem/brief-inspire-o-answer"
                    ) {
                        String($1)
                    }, "c-brief-coded"
                ),
            ]
            for entry in cases {
                let id = UUID()
                let body = Self.questionnaireResponse(
                    id: id, questionnaire: entry.questionnaire,
                    subject:
                        #"{"identifier":{"system":"https://spor.example/fhir/citizen-id","value":"\#(entry.citizen)"}}"#,
                    items: entry.items)
                let posted = try await client.post(
                    "/fhir/QuestionnaireResponse", token: staff, body: body, contentType: "application/fhir+json")
                #expect(posted.status == .created, "\(entry.citizen): \(posted.text)")
                #expect(posted.headers[.location] == "/fhir/QuestionnaireResponse/\(id.uuidString.lowercased())")
                let trajectory = try await client.get("/v1/citizens/\(entry.citizen)/trajectory", token: staff).json
                let point = ((trajectory["instruments"] as? [[String: Any]])?.first?["points"] as? [[String: Any]])?
                    .first
                #expect(point?["answers"] as? [Int] == entry.values, "\(entry.citizen)")
                #expect(point?["id"] as? String == id.uuidString.lowercased())
                #expect(point?["administeredAt"] as? String == "2026-03-14")
                #expect(point?["unit"] as? String == Fixture.unit)

                // The response as exported, posted again, is the same response: nothing new is written.
                let records = await fixture.records()
                let again = try await client.post("/fhir/QuestionnaireResponse", token: staff, body: posted.text)
                #expect(again.status == .ok, "\(entry.citizen): \(again.text)")
                #expect(await fixture.records() == records)
            }
        }
    }

    @Test func aCPRSubjectIsPseudonymisedLikeTheCPRFieldAndNeverStored() async throws {
        let fixture = try Fixture()
        try await fixture.test { client in
            let staff = fixture.tokens["staff"]
            let body = Self.questionnaireResponse(
                subject: #"{"identifier":{"system":"urn:oid:1.2.208.176.1.2","value":"\#(Self.cpr)"}}"#,
                items: Self.integerItems(Self.who5Links, [1, 2, 3, 4, 5]))
            let posted = try await client.post("/fhir/QuestionnaireResponse", token: staff, body: body)
            #expect(posted.status == .created, "\(posted.text)")
            #expect(!posted.text.contains(Self.cpr))
            let resolved = try await client.post("/v1/citizens/resolve", token: staff, body: #"{"cpr":"\#(Self.cpr)"}"#)
                .json
            let citizen = try #require(resolved["citizen"] as? String)
            let subject = (posted.json["subject"] as? [String: Any])?["identifier"] as? [String: Any]
            #expect(subject?["value"] as? String == citizen)
            #expect(subject?["system"] as? String == "https://spor.example/fhir/citizen-id")
            let bundle = try await client.get("/fhir/QuestionnaireResponse?citizen=\(citizen)", token: staff)
            #expect(bundle.json["total"] as? Int == 1)
            #expect(!bundle.text.contains(Self.cpr) && !bundle.text.contains("010190"))
        }
    }

    @Test(arguments: [
        (
            "wrong questionnaire", #"{"questionnaire":"Questionnaire/phq9"}"#, "QuestionnaireResponse.questionnaire",
            "unknownInstrument"
        ),
        (
            "missing linkId", #"{"item":[{"answer":[{"valueInteger":3}]}]}"#, "QuestionnaireResponse.item[0].linkId",
            "required"
        ),
        (
            "unknown linkId", #"{"item":[{"linkId":"cheerful","answer":[{"valueInteger":3}]}]}"#,
            "QuestionnaireResponse.item[0].linkId", "unknownField"
        ),
        (
            "out-of-range answer",
            #"{"item":[{"linkId":"happy","answer":[{"valueInteger":3}]},{"linkId":"calm","answer":[{"valueInteger":9}]}]}"#,
            "QuestionnaireResponse.item[1].answer[0].valueInteger", "range"
        ),
        (
            "unknown answer code",
            #"{"item":[{"linkId":"happy","answer":[{"valueCoding":{"system":"http://fhir.kl.dk/ffinst/CodeSystem/KLToolsCodes","code":"9fd3c658"}}]}]}"#,
            "QuestionnaireResponse.item[0].answer[0].valueCoding", "range"
        ),
        (
            "CPR number in an item text",
            #"{"item":[{"linkId":"happy","text":"borger 010190-1234","answer":[{"valueInteger":3}]}]}"#,
            "QuestionnaireResponse.item[0].text", "cpr"
        ),
        (
            "CPR number in another identifier system",
            #"{"subject":{"identifier":{"system":"urn:oid:1.2.208.176.1.1","value":"0101901234"}}}"#,
            "QuestionnaireResponse.subject.identifier.value", "cpr"
        ),
        (
            "CPR number as the citizen id", #"{"subject":{"identifier":{"value":"0101901234"}}}"#,
            "QuestionnaireResponse.subject.identifier.value", "cpr"
        ),
        (
            "CPR number in a note", #"{"text":{"status":"generated","div":"<div>0101901234</div>"}}"#,
            "QuestionnaireResponse.text.div", "cpr"
        ),
        (
            "CPR number as a key, and under it", #"{"text":{"0101901234":{"div":"0101901234"}}}"#,
            "QuestionnaireResponse.text", "cpr"
        ),
        ("not completed", #"{"status":"in-progress"}"#, "QuestionnaireResponse.status", "range"),
        ("no subject", #"{"subject":null}"#, "QuestionnaireResponse.subject", "required"),
        (
            "unit outside the staff member's units",
            #"{"extension":[{"url":"https://spor.example/fhir/StructureDefinition/unit","valueString":"bostotte-syd"}]}"#,
            "QuestionnaireResponse.extension[0].valueString", "range"
        ),
        ("future date", #"{"authored":"2027-01-01T10:00:00+01:00"}"#, "QuestionnaireResponse.authored", "future"),
    ])
    func badInputIsRefusedWithAnOperationOutcomeAndNothingWritten(
        name: String, change: String, expression: String, rule: String
    ) async throws {
        let fixture = try Fixture()
        try await fixture.test { client in
            var document =
                try JSONSerialization.jsonObject(
                    with: Data(
                        Self.questionnaireResponse(
                            items: Self.integerItems(Self.who5Links, [3, 4, 2, 3, 1])
                        ).utf8)) as? [String: Any] ?? [:]
            let changes = try JSONSerialization.jsonObject(with: Data(change.utf8)) as? [String: Any] ?? [:]
            document.merge(changes) { $1 }
            let body = String(decoding: try JSONSerialization.data(withJSONObject: document), as: UTF8.self)
            let records = await fixture.records()
            let refused = try await client.post(
                "/fhir/QuestionnaireResponse", token: fixture.tokens["staff"], body: body)
            #expect(refused.status == .unprocessableContent, "\(name): \(refused.text)")
            #expect(refused.headers[.contentType] == "application/fhir+json")
            #expect(refused.json["resourceType"] as? String == "OperationOutcome")
            let issues = refused.json["issue"] as? [[String: Any]] ?? []
            let found = issues.map { issue in
                let expression = (issue["expression"] as? [String])?.first ?? ""
                let coding = ((issue["details"] as? [String: Any])?["coding"] as? [[String: Any]])?.first
                return "\(expression):\(coding?["code"] as? String ?? "")"
            }
            #expect(found.contains("\(expression):\(rule)"), "\(name): \(found)")
            #expect(!refused.text.contains("0101901234") && !refused.text.contains("010190-1234"), "\(name)")
            #expect(await fixture.records() == records, "\(name)")
        }
    }

    @Test func rolesAndUnitsRuleTheFHIRRoutesAsTheyRuleTheJSONAPI() async throws {
        let fixture = try Fixture()
        try await fixture.test { client in
            let body = Self.questionnaireResponse(items: Self.integerItems(Self.who5Links, [3, 4, 2, 3, 1]))
            for role in ["caseworker", "strategic"] {
                let refused = try await client.post(
                    "/fhir/QuestionnaireResponse", token: fixture.tokens[role], body: body)
                #expect(refused.status == .forbidden, "\(role)")
                #expect(refused.json["resourceType"] as? String == "OperationOutcome")
            }
            let posted = try await client.post(
                "/fhir/QuestionnaireResponse", token: fixture.tokens["staff"], body: body)
            #expect(posted.status == .created)
            let strategic = try await client.get("/fhir/QuestionnaireResponse", token: fixture.tokens["strategic"])
            #expect(strategic.status == .forbidden)
            let otherUnit = try await client.get(
                "/fhir/QuestionnaireResponse?citizen=c-1", token: fixture.tokens["staff-syd"])
            #expect(otherUnit.status == .ok)
            #expect(otherUnit.json["total"] as? Int == 0)
            #expect(otherUnit.json["entry"] == nil)
            let id = try #require(posted.json["id"] as? String)
            let single = try await client.get("/fhir/QuestionnaireResponse/\(id)", token: fixture.tokens["staff-syd"])
            #expect(single.status == .notFound)
            let caseworker = try await client.get(
                "/fhir/QuestionnaireResponse?citizen=c-1", token: fixture.tokens["caseworker"])
            #expect(caseworker.json["total"] as? Int == 1)
            let wrongMediaType = try await client.post(
                "/fhir/QuestionnaireResponse", token: fixture.tokens["staff"], body: body, contentType: "text/plain")
            #expect(wrongMediaType.status == .unsupportedMediaType)
            let badSearch = try await client.get(
                "/fhir/QuestionnaireResponse?patient=c-1", token: fixture.tokens["admin"])
            #expect(badSearch.status == .badRequest)
            #expect(badSearch.json["resourceType"] as? String == "OperationOutcome")
        }
    }

    @Test func theExportCarriesStatusScoresAndReferencesAndNoCPRNumber() async throws {
        let fixture = try Fixture()
        try await fixture.test { client in
            let staff = fixture.tokens["staff"]
            func record(_ body: String) async throws -> String {
                let response = try await client.post("/v1/responses", token: staff, body: body)
                return try #require(response.json["id"] as? String)
            }
            let complete = try await record(responseJSON(citizen: "c-1"))
            let incomplete = try await record(responseJSON(citizen: "c-1", answers: "[3,null,2,3,1]"))
            let corrected = try await record(responseJSON(citizen: "c-1", date: "2026-04-01"))
            let retracted = try await record(responseJSON(citizen: "c-1", date: "2026-05-01"))
            let brief = try await record(
                #"{"cpr":"\#(Self.cpr)","instrument":"brief-inspire-o","administeredAt":"2026-03-14","answers":[4,3,2,1,0],"unit":"\#(Fixture.unit)"}"#
            )
            _ = try await client.post(
                "/v1/responses/\(corrected)/correction", token: staff, body: #"{"answers":[5,5,5,5,5],"reason":"typo"}"#
            )
            _ = try await client.post(
                "/v1/responses/\(retracted)/retraction", token: staff, body: #"{"reason":"wrong citizen"}"#)

            let search = try await client.get(
                "/fhir/QuestionnaireResponse?_lastUpdated=ge2020-01-01", token: fixture.tokens["admin"])
            #expect(search.status == .ok)
            #expect(!search.text.contains(Self.cpr) && !search.text.contains("010190"))
            let bundle = search.json
            #expect(bundle["type"] as? String == "searchset")
            #expect(bundle["total"] as? Int == 5)
            let entries = bundle["entry"] as? [[String: Any]] ?? []
            let fullURLs = Set(entries.compactMap { $0["fullUrl"] as? String })
            #expect(fullURLs.count == entries.count)
            let resources = entries.compactMap { $0["resource"] as? [String: Any] }
            let responses = Dictionary(
                uniqueKeysWithValues: resources.filter { $0["resourceType"] as? String == "QuestionnaireResponse" }
                    .map { ($0["id"] as? String ?? "", $0) })
            #expect(responses[complete]?["status"] as? String == "completed")
            #expect(responses[incomplete]?["status"] as? String == "completed")
            #expect(responses[corrected]?["status"] as? String == "amended")
            #expect(responses[retracted]?["status"] as? String == "entered-in-error")
            #expect((responses[incomplete]?["item"] as? [[String: Any]])?.count == 4)
            #expect((responses[complete]?["author"] as? [String: Any])?["display"] as? String == "staff (staff)")
            let observations = resources.filter { $0["resourceType"] as? String == "Observation" }
            // Every complete response has a score Observation; the incomplete one has none.
            #expect(observations.count == 4)
            for observation in observations {
                let reference = (observation["derivedFrom"] as? [[String: Any]])?.first?["reference"] as? String
                #expect(reference.map(fullURLs.contains) == true)
            }
            let byResponse = Dictionary(
                uniqueKeysWithValues: observations.map { observation in
                    (
                        ((observation["derivedFrom"] as? [[String: Any]])?.first?["reference"] as? String ?? "")
                            .replacingOccurrences(of: "urn:uuid:", with: ""),
                        observation
                    )
                })
            let who5 = try #require(byResponse[complete])
            let who5Code = ((who5["code"] as? [String: Any])?["coding"] as? [[String: Any]])?.first
            #expect(who5Code?["code"] as? String == "1144665009")
            #expect((who5["valueQuantity"] as? [String: Any])?["value"] as? Int == 52)
            #expect((who5["valueQuantity"] as? [String: Any])?["unit"] as? String == "%")
            #expect(who5["effectiveDateTime"] as? String == "2026-03-14")
            #expect(byResponse[corrected]?["status"] as? String == "amended")
            #expect((byResponse[corrected]?["valueQuantity"] as? [String: Any])?["value"] as? Int == 100)
            #expect(byResponse[retracted]?["status"] as? String == "entered-in-error")
            let chime = try #require(byResponse[brief]?["component"] as? [[String: Any]])
            #expect(chime.map { $0["valueInteger"] as? Int } == [4, 3, 2, 1, 0])
            #expect((byResponse[brief]?["valueQuantity"] as? [String: Any])?["value"] as? Int == 50)

            // One audit line per citizen exported, under the route's template.
            let audited = try AuditTrail.read(folder: fixture.folder.url).records.filter {
                $0.endpoint == "GET /fhir/QuestionnaireResponse"
            }
            #expect(audited.count == 2)
            let single = try await client.get("/fhir/QuestionnaireResponse/\(retracted)", token: staff)
            #expect(single.status == .ok)
            #expect(single.json["resourceType"] as? String == "QuestionnaireResponse")
            #expect(single.json["status"] as? String == "entered-in-error")
            #expect(try await client.get("/fhir/QuestionnaireResponse/\(UUID())", token: staff).status == .notFound)
            let later = try await client.get(
                "/fhir/QuestionnaireResponse?_lastUpdated=ge2099-01-01", token: fixture.tokens["admin"])
            #expect(later.json["total"] as? Int == 0)
        }
    }

    @Test func theSearchParametersSelectOneCitizenAndRefuseTheRest() async throws {
        let fixture = try Fixture()
        try await fixture.test { client in
            for citizen in ["c-1", "c-2"] {
                let body = responseJSON(citizen: citizen)
                #expect(
                    try await client.post("/v1/responses", token: fixture.tokens["staff"], body: body).status
                        == .created)
            }
            let admin = fixture.tokens["admin"]
            let system = "https%3A%2F%2Fspor.example%2Ffhir%2Fcitizen-id"
            for query in [
                "citizen=c-2", "subject:identifier=c-2", "subject%3Aidentifier=\(system)%7Cc-2",
                "subject:identifier=%7Cc-2",
            ] {
                let bundle = try await client.get("/fhir/QuestionnaireResponse?\(query)", token: admin)
                #expect(bundle.status == .ok, "\(query): \(bundle.text)")
                #expect(bundle.json["total"] as? Int == 1, "\(query)")
            }
            #expect(try await client.get("/fhir/QuestionnaireResponse", token: admin).json["total"] as? Int == 2)
            let refused: [(String, String)] = [
                ("subject:identifier=urn:oid:1.2.208.176.1.2%7C0101901234", "subject:identifier:cpr"),
                ("citizen=010190-1234", "citizen:cpr"),
                ("subject:identifier=https://other.example/ids%7Cc-2", "subject:identifier:format"),
                ("_lastUpdated=2026-01-01", "_lastUpdated:format"),
                ("citizen=c-1&citizen=c-2", "citizen:duplicateField"),
                ("authored=ge2026-01-01", "$:unknownField"),
                ("0101901234=a&0101901234=b&authored=x", "$:unknownField"),
            ]
            for (query, expected) in refused {
                let response = try await client.get("/fhir/QuestionnaireResponse?\(query)", token: admin)
                #expect(response.status == .badRequest, "\(query)")
                let issues = response.json["issue"] as? [[String: Any]] ?? []
                let found = issues.map { issue in
                    let coding = ((issue["details"] as? [String: Any])?["coding"] as? [[String: Any]])?.first
                    return "\((issue["expression"] as? [String])?.first ?? ""):\(coding?["code"] as? String ?? "")"
                }
                #expect(found == [expected], "\(query)")
                #expect(!response.text.contains("0101901234") && !response.text.contains("010190-1234"))
            }
        }
    }
}
