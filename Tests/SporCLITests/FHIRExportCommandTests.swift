import Foundation
import SporTesting
import Testing

/// `spor export fhir` and `spor export questionnaire` on the real binary: the Bundle's statuses, references and
/// filters, no CPR number in it, one audit line per citizen exported.
@Suite struct FHIRExportCommandTests {
    @Test func theExportIsABundleOfTheResponsesWithTheirStatusAndNoCPRNumber() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let id = UUID().uuidString.lowercased()
        let recorded = try spor(
            ["record", "-"], data: folder,
            stdin:
                #"{"id":"\#(id)","cpr":"0101901234","instrument":"who5","administeredAt":"2026-03-14","answers":[3,4,2,3,1],"unit":"bostotte-nord"}"#
        )
        #expect(recorded.status == 0, "\(recorded.stderr)")
        let other = try spor(
            [
                "record", "--citizen", "c-2", "--instrument", "brief-inspire-o", "--date", "2026-03-14", "--answers",
                "4,3,2,1,0",
            ],
            data: folder)
        #expect(other.status == 0, "\(other.stderr)")
        #expect(try spor(["correct", id, "--answers", "5,5,5,5,5", "--reason", "typo"], data: folder).status == 0)

        let export = try spor(
            ["export", "fhir", "--citizen-system", "https://kommune.example/spor-citizen"], data: folder)
        #expect(export.status == 0, "\(export.stderr)")
        #expect(!export.stdout.contains("0101901234") && !export.stdout.contains("010190"))
        let bundle = try #require(try JSONSerialization.jsonObject(with: Data(export.stdout.utf8)) as? [String: Any])
        #expect(bundle["type"] as? String == "collection")
        let resources = (bundle["entry"] as? [[String: Any]] ?? []).compactMap { $0["resource"] as? [String: Any] }
        #expect(
            resources.map { $0["resourceType"] as? String } == [
                "QuestionnaireResponse", "Observation", "QuestionnaireResponse", "Observation",
            ])
        let corrected = try #require(resources.first { $0["id"] as? String == id })
        #expect(corrected["status"] as? String == "amended")
        let subject = (corrected["subject"] as? [String: Any])?["identifier"] as? [String: Any]
        #expect(subject?["system"] as? String == "https://kommune.example/spor-citizen")
        #expect((corrected["author"] as? [String: Any])?["display"] as? String != nil)

        let one = try spor(["export", "fhir", "--citizen", "c-2"], data: folder)
        let oneBundle = try JSONSerialization.jsonObject(with: Data(one.stdout.utf8)) as? [String: Any]
        #expect((oneBundle?["entry"] as? [Any])?.count == 2)
        let later = try spor(["export", "fhir", "--since", "2999-01-01"], data: folder)
        #expect(later.status == 0)
        #expect((try JSONSerialization.jsonObject(with: Data(later.stdout.utf8)) as? [String: Any])?["entry"] == nil)

        // A CPR number where a citizen id belongs is refused and not repeated.
        let refused = try spor(["export", "fhir", "--citizen", "010190-1234"], data: folder)
        #expect(refused.status != 0)
        #expect(!refused.stderr.contains("010190") && refused.stdout.isEmpty)

        let audited = try ReadAuditCommandTests.auditLines(folder).filter {
            $0["endpoint"] as? String == "cli export fhir"
        }
        #expect(audited.count == 3)  // two citizens in the first export, one in the second, none in the third
    }

    @Test func theQuestionnairesAreWritten() throws {
        let who5 = try SporBinary.run(["export", "questionnaire", "who5"])
        #expect(who5.status == 0)
        let questionnaire = try JSONSerialization.jsonObject(with: Data(who5.stdout.utf8)) as? [String: Any]
        #expect(questionnaire?["resourceType"] as? String == "Questionnaire")
        #expect(
            questionnaire?["derivedFrom"] as? [String] == ["http://fhir.kl.dk/ffinst/Questionnaire/KLToolsCareWHO-5"])
        let unknown = try SporBinary.run(["export", "questionnaire", "phq9"])
        #expect(unknown.status != 0)
    }

    /// The citizen system must be a URI wherever it comes from: either command's option or the environment.
    @Test func aCitizenSystemThatIsNotAURIIsAUsageErrorForExportAndServe() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let option = try spor(["export", "fhir", "--citizen-system", "not a uri"], data: folder)
        #expect(option.status == 64)
        #expect(option.stderr.contains("--citizen-system must be a URI"))
        let variable = try SporBinary.run(
            ["export", "fhir", "--data", folder.url.path], environment: ["SPOR_FHIR_CITIZEN_SYSTEM": "kommune"])
        #expect(variable.status == 64)
        #expect(variable.stderr.contains("$SPOR_FHIR_CITIZEN_SYSTEM must be a URI"))
        let serve = try spor(["serve", "--fhir-citizen-system", "spor citizen", "--port", "0"], data: folder)
        #expect(serve.status == 64)
        #expect(serve.stderr.contains("--fhir-citizen-system must be a URI"))
    }
}
