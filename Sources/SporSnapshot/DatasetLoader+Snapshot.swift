public import Foundation
public import SporInstruments
public import SporLog
public import SporReports

extension DatasetLoader {
    /// The dataset of the snapshot in `folder` and the mark it was taken at, without looking at any log: for a
    /// store outside the folder (a PostgreSQL table), which checks the mark against its own records. `nil` when
    /// there is no snapshot, or it is damaged or of another format.
    public static func snapshot(in folder: URL, catalog: InstrumentCatalog) -> (ResponseDataset, LogMark)? {
        let path = folder.appendingPathComponent(snapshotFileName).path
        guard var reader = try? SnapshotReader(path: path) else { return nil }
        defer { reader.close() }
        guard let dataset = try? ResponseDataset(catalog: catalog, snapshot: &reader), reader.isAtEnd else {
            return nil
        }
        return (dataset, reader.mark)
    }
}
