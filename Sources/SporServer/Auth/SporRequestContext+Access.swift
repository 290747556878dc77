import Hummingbird
import SporInstruments

extension SporRequestContext {
    /// The caller's identity when its role is one of `roles`; 403 otherwise (401 when no identity is set).
    func require(_ roles: Role..., for action: String) throws -> Identity {
        guard let identity else { throw Problem.unauthorized }
        guard roles.contains(identity.role) else {
            throw Problem.forbidden("The \(identity.role.rawValue) role may not \(action).")
        }
        return identity
    }
}
