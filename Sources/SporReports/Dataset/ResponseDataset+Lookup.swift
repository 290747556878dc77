public import Foundation
public import SporInstruments

extension ResponseDataset {
    /// The current version of the response with this id, retracted or not; `nil` when it was never recorded.
    public func stored(_ id: UUID) -> StoredResponse? {
        guard let row = row(of: id) else { return nil }
        return StoredResponse(
            response: response(at: row), definitionVersion: definitionVersion(ofRow: row),
            isRetracted: isRetracted(row),
            recordedSequence: sequence[row])
    }
}
