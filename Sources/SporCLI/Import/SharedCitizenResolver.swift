import Foundation
import SporInstruments
import SporLog
import Synchronization

/// Resolves drafts to responses from several tasks at once, loading the pseudonymisation key only when a CPR number
/// first needs it.
final class SharedCitizenResolver: Sendable {
    let folder: URL
    private let pseudonymiser = Mutex<Pseudonymiser?>(nil)

    init(folder: URL) { self.folder = folder }

    func resolve(_ draft: ResponseDraft, id: UUID) throws -> Response {
        switch draft.citizen {
        case .id(let citizen):
            return draft.resolved(id: id, citizen: citizen)
        case .cpr:
            let loaded = try pseudonymiser.withLock { loaded in
                if let loaded { return loaded }
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                let pseudonymiser = try Pseudonymiser.load(folder: folder)
                loaded = pseudonymiser
                return pseudonymiser
            }
            return loaded.resolve(draft, id: id)
        }
    }
}
