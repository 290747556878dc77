import Foundation
import SporLog

/// The operating-system user running `spor`: the author of what a command writes (`cli`, `import`).
enum OperatingSystemUser {
    /// The name of the effective user from the password database, else `$USER`, else `uid-N`; a name that an
    /// author name may not be (``AuthorName/check(_:field:)``) is passed over the same way.
    static var name: AuthorName {
        let uid = geteuid()
        var candidates: [String] = []
        if let entry = getpwuid(uid), let name = entry.pointee.pw_name { candidates.append(String(cString: name)) }
        if let user = ProcessInfo.processInfo.environment["USER"] { candidates.append(user) }
        return candidates.lazy.compactMap(AuthorName.init(rawValue:)).first ?? AuthorName(rawValue: "uid-\(uid)")!
    }

    /// The author of a command's writes: `cli` and the user.
    static var author: Author { .cli(user: name) }
}
