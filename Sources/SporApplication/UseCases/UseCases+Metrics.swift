import Foundation
import SporReports
import SporSnapshot

extension UseCases {
    /// The figures about the data folder a monitoring scrape reads besides the counters (docs/server.md): how many
    /// responses and citizens the dataset in memory holds and how old the dataset snapshot is. Counts only, never
    /// an id or a unit.
    /// - Throws: ``UseCaseError`` `forbidden` for any role but admin; `unavailable` when the responses are not in
    ///   memory.
    public func operationalFigures(by caller: Caller) throws -> OperationalFigures {
        try require(.readMetrics, by: caller)
        let (responses, citizens) = try folder.read { ($0.count, $0.citizenCount) }
        let snapshot = folder.url.appendingPathComponent(DatasetLoader.snapshotFileName)
        let written = (try? FileManager.default.attributesOfItem(atPath: snapshot.path))?[.modificationDate] as? Date
        return OperationalFigures(
            responses: responses, citizens: citizens, snapshotAge: written.map { max(0, now().timeIntervalSince($0)) })
    }
}
