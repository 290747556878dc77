import Hummingbird
import SporLog

extension SporRequestContext {
    /// The author of what this request writes: the name and role of its token (of the API's bearer token or the
    /// web session's). 401 without an identity; 403 for a token whose name may not be stored as an author
    /// (``AuthorName/check(_:field:)``), so nothing is written unsigned.
    func author() throws -> Author {
        guard let identity else { throw Problem.unauthorized }
        guard let name = AuthorName(rawValue: identity.name), let role = AuthorName(rawValue: identity.role.rawValue) else {
            throw Problem.forbidden("This token's name cannot be recorded as an author: create a new token.")
        }
        return .token(name: name, role: role)
    }
}
