import Foundation
import SporInstruments
import SporLog
import SporTesting

/// A data folder whose log holds records of every kind: single appends, a three-record batch, a correction and a
/// retraction, over several segments.
struct TestLog {
    let folder: TemporaryFolder
    /// The records the log holds.
    let records: Int
    /// The folder's pseudonymisation key, as `SPOR_PSEUDONYM_KEY` takes it (64 hex digits).
    let keyHex: String

    static func make(responses count: Int = 40) async throws -> TestLog {
        let folder = try TemporaryFolder(prefix: "spor-pg-log")
        let environment = ProcessInfo.processInfo.environment.filter {
            $0.key != "SPOR_PSEUDONYM_KEY" && $0.key != "SPOR_CHECKPOINT"
        }
        let log = try EventLog.open(
            folder: folder.url, configuration: EventLog.Configuration(segmentSize: 4096, environment: environment),
            logger: TestPostgres.logger)
        let author = Author.cli(user: AuthorName(rawValue: "spor-test")!)
        let responses = SyntheticData(seed: 17, responses: count).all()
        for response in responses.dropLast(3) {
            _ = try await log.append([.responseRecorded(response, definitionVersion: "1")], author: author)
        }
        _ = try await log.append(
            responses.suffix(3).map { .responseRecorded($0, definitionVersion: "1") }, author: author)
        var corrected = responses[2]
        corrected.answers = corrected.answers.map { $0.map { 5 - $0 } }
        _ = try await log.append(
            [.responseCorrected(corrected, definitionVersion: "1", reason: "entered reversed")], author: author)
        _ = try await log.append([.responseRetracted(id: responses[4].id, reason: "wrong citizen")], author: author)
        await log.close()
        let key = try Data(contentsOf: folder.path(Pseudonymiser.keyFileName))
        return TestLog(folder: folder, records: count + 2, keyHex: key.map { String(format: "%02x", $0) }.joined())
    }

    /// Every record of the log in `folder`, as stored.
    static func records(in folder: URL, keyHex: String) throws -> [ChainedRecord] {
        let reader = try LogRecordReader(folder: folder, environment: ["SPOR_PSEUDONYM_KEY": keyHex])
        defer { reader.close() }
        var records: [ChainedRecord] = []
        while let record = try reader.next() { records.append(record) }
        return records
    }
}
