import SporLog

extension Caller {
    /// The author every event this caller writes names: the token's name and role, or the operating-system user
    /// of a CLI command.
    /// - Throws: ``UseCaseError`` `forbidden` for a name that may not be stored as an author, so nothing is
    ///   written unsigned.
    func author() throws -> Author {
        let name = try authorName()
        switch channel {
        case .token:
            guard let role = AuthorName(rawValue: role.rawValue) else { throw Self.unsignable }
            return .token(name: name, role: role)
        case .cli:
            return .cli(user: name)
        }
    }

    /// The author of a file import by this caller: the user and the file's SHA-256.
    func importAuthor(of file: FileDigest) throws -> Author {
        .import(user: try authorName(), fileSHA256: file)
    }

    private func authorName() throws -> AuthorName {
        guard let name = AuthorName(rawValue: identity.name) else { throw Self.unsignable }
        return name
    }

    private static let unsignable = UseCaseError(
        .forbidden, "This name cannot be recorded as the author of an event: use a token or user with a plain name.")
}
