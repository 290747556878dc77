import Foundation
import SporTesting
import Testing

/// `spor trajectory`, `spor summary` and `spor report` on a data folder filled by `spor import`.
@Suite struct ReportCommandTests {
    /// Six citizens answer WHO-5 in January (raw 10…15) and April (raw 14…19) at unit u1.
    private func filledFolder() throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        var csv = "citizen,instrument,administeredAt,item1,item2,item3,item4,item5,unit,intervention\n"
        for citizen in 0..<6 {
            for (date, raw) in [("2026-01-10", 10 + citizen), ("2026-04-10", 14 + citizen)] {
                let items = (0..<5).map { String(raw / 5 + ($0 < raw % 5 ? 1 : 0)) }.joined(separator: ",")
                csv += "c\(citizen),who5,\(date),\(items),u1,SEL85\n"
            }
        }
        try Data(csv.utf8).write(to: folder.path("data.csv"))
        let imported = try spor(["import", folder.path("data.csv").path], data: folder)
        #expect(imported.status == 0, "\(imported.stderr)")
        return folder
    }

    @Test func reportPrintsTheJSONOfSectionFive() throws {
        let folder = try filledFolder()
        defer { folder.remove() }
        let result = try spor(
            ["report", "--instrument", "who5", "--period", "quarter", "--by", "unit", "--format", "json"], data: folder)
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let cells = try #require(object["cells"] as? [[String: Any]])
        #expect(cells.map { $0["period"] as? String } == ["2026-Q1", "2026-Q2"])
        #expect(cells.map { $0["citizens"] as? Int } == [6, 6])
        #expect(cells[0]["meanScore"] as? Double == 50)
        #expect(cells[1]["meanChange"] as? Double == 16)
        let csv = try spor(["report", "--instrument", "who5", "--format", "csv", "--min-cell", "7"], data: folder)
        #expect(
            csv.stdout.split(separator: "\n").dropFirst().allSatisfy {
                $0.hasPrefix("2026-Q") && $0.contains(",all,true,")
            })
    }

    @Test func smallCellsNeedTheExplicitFlag() throws {
        let folder = try filledFolder()
        defer { folder.remove() }
        let refused = try spor(["report", "--instrument", "who5", "--min-cell", "2"], data: folder)
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("minCell"))
        let allowed = try spor(
            ["report", "--instrument", "who5", "--min-cell", "2", "--allow-small-cells"], data: folder)
        #expect(allowed.status == 0, "\(allowed.stderr)")
    }

    @Test func trajectoryAndSummaryOfOneCitizen() throws {
        let folder = try filledFolder()
        defer { folder.remove() }
        let trajectory = try spor(["trajectory", "c0", "--format", "json"], data: folder)
        #expect(trajectory.status == 0, "\(trajectory.stderr)")
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(trajectory.stdout.utf8)) as? [String: Any])
        let points = (object["instruments"] as? [[String: Any]])?.first?["points"] as? [[String: Any]]
        #expect(points?.map { $0["score"] as? Int } == [40, 56])
        let svg = try spor(["trajectory", "c0", "--format", "svg"], data: folder)
        #expect(svg.stdout.hasPrefix("<?xml"))
        #expect(svg.stdout.components(separatedBy: "<path").count == 2)
        let summary = try spor(["summary", "c0", "--since", "2026-03-01"], data: folder)
        #expect(summary.stdout.contains("WHO-5 rose from 40 to 56 since 2026-03-01: improved, no longer low wellbeing"))
        let unknown = try spor(["summary", "nobody", "--since", "2026-03-01"], data: folder)
        #expect(unknown.status != 0)
    }

    /// A CPR number typed where a pseudonymous id belongs is refused, and never repeated in the error.
    @Test func aCPRNumberAsTheCitizenIsRefusedWithoutBeingEchoed() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        for arguments in [
            ["trajectory", "010190-1234"], ["summary", "0101901234", "--since", "2026-01-01"],
            ["audit", "--citizen", "010190-1234"],
        ] {
            let result = try spor(arguments, data: folder)
            #expect(result.status != 0, "\(arguments[0])")
            #expect(result.stderr.contains("pseudonymous id"), "\(arguments[0])")
            #expect(!(result.stdout + result.stderr).contains("1234"), "\(arguments[0])")
        }
    }

    /// `spor report release` makes a release of the settled periods (Q1 2026 has long settled), `spor report
    /// releases` lists it, `--release ID` reads it with the release named; a release that is not a number from 1 is
    /// a usage error, an unknown one a clear error.
    @Test func releasesAreMadeListedAndRead() throws {
        let folder = try filledFolder()
        defer { folder.remove() }
        let made = try spor(["report", "release"], data: folder)
        #expect(made.status == 0, "\(made.stderr)")
        #expect(made.stdout.hasPrefix("release 1 made "))
        #expect(try spor(["report", "releases"], data: folder).stdout.hasPrefix("1\t"))
        let read = try spor(
            [
                "report", "--instrument", "who5", "--period", "quarter", "--by", "none", "--release", "1", "--format",
                "json",
            ],
            data: folder)
        #expect(read.status == 0, "\(read.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(read.stdout.utf8)) as? [String: Any])
        #expect((object["release"] as? [String: Any])?["id"] as? Int == 1)
        let periods = (object["cells"] as? [[String: Any]] ?? []).compactMap { $0["period"] as? String }
        #expect(periods.contains("2026-Q1"))
        for bad in ["0"] {
            let refused = try spor(["report", "--instrument", "who5", "--release", bad], data: folder)
            #expect(refused.status != 0 && refused.stderr.contains("--release must be 1 or more"), "\(bad)")
        }
        let unknown = try spor(["report", "--instrument", "who5", "--release", "9"], data: folder)
        #expect(unknown.status != 0 && unknown.stderr.contains("No release with that id is stored."))
    }
}
