import Foundation
import SporInstruments
import SporLog
import Synchronization

/// Every response's current version, by id and by citizen: the state the routes read, replayed from the log at
/// start and kept up to date with every durable append.
final class CitizenDirectory: Sendable {
    private struct State {
        var versions: [UUID: StoredVersion] = [:]
        var byCitizen: [CitizenID: [UUID]] = [:]

        mutating func apply(_ entry: LogEntry) {
            switch entry.event {
            case .responseRecorded(let response, let version):
                guard versions[response.id] == nil else { return }
                versions[response.id] = StoredVersion(
                    response: response, definitionVersion: version, isRetracted: false, recordedSequence: entry.sequence)
                byCitizen[response.citizen, default: []].append(response.id)
            case .responseCorrected(let response, let version, _):
                versions[response.id]?.response = response
                versions[response.id]?.definitionVersion = version
            case .responseRetracted(let id, _):
                versions[id]?.isRetracted = true
            }
        }
    }

    private let state = Mutex(State())

    /// Applies one entry of the log, in log order.
    func apply(_ entry: LogEntry) {
        state.withLock { $0.apply(entry) }
    }

    /// The current version of a response, retracted ones included.
    func version(of id: UUID) -> StoredVersion? {
        state.withLock { $0.versions[id] }
    }

    /// The citizen's live responses (not retracted), by date and then the order they were recorded in.
    func responses(of citizen: CitizenID) -> [StoredVersion] {
        state.withLock { state in
            (state.byCitizen[citizen] ?? []).compactMap { state.versions[$0] }.filter { !$0.isRetracted }
        }
        .sorted { ($0.response.administeredAt, $0.recordedSequence) < ($1.response.administeredAt, $1.recordedSequence) }
    }

    /// Whether the citizen has a live response recorded in one of `units`.
    func isSeen(_ citizen: CitizenID, inAnyOf units: Set<Label>) -> Bool {
        responses(of: citizen).contains { $0.response.unit.map(units.contains) ?? false }
    }

}
