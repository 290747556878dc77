import Foundation
import SporInstruments
import SporLog

/// Resolves drafts to responses, loading the pseudonymisation key only when a CPR number needs it.
struct CitizenResolver {
    let folder: URL
    private var pseudonymiser: Pseudonymiser?

    init(folder: URL) { self.folder = folder }

    mutating func resolve(_ draft: ResponseDraft, id: UUID) throws -> Response {
        switch draft.citizen {
        case .id(let citizen):
            return draft.resolved(id: id, citizen: citizen)
        case .cpr:
            if pseudonymiser == nil {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                pseudonymiser = try Pseudonymiser.load(folder: folder)
            }
            return pseudonymiser!.resolve(draft, id: id)
        }
    }
}
