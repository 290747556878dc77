public import Foundation
public import SporInstruments

extension ResponseDataset {
    /// The current version of the response with this id, retracted or not; `nil` when it was never recorded.
    public func stored(_ id: UUID) -> StoredResponse? {
        guard let row = row(of: id) else { return nil }
        return StoredResponse(
            response: response(at: row), definitionVersion: definitionVersion(ofRow: row), isRetracted: isRetracted(row),
            recordedSequence: sequence[row])
    }

    /// Whether a response of the citizen that is not retracted has, in its current version, one of these units:
    /// the rule for staff reading a citizen.
    public func hasResponse(of citizen: CitizenID, inAnyOf units: Set<Label>) -> Bool {
        guard let code = citizenCode(citizen) else { return false }
        let unitCodes = Set(units.compactMap { self.units.existingCode(for: $0.rawValue) })
        guard !unitCodes.isEmpty else { return false }
        var row = firstOfCitizen[Int(code)]
        while row >= 0 {
            if !isRetracted(Int(row)), unitCodes.contains(unit[Int(row)]) { return true }
            row = nextOfCitizen[Int(row)]
        }
        return false
    }
}
