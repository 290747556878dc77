import Foundation

/// The operating-system user running this process, as CLI events and audit lines name it.
public enum OperatingSystemUser {
    /// The login name of the effective user, else `$USER`, else `uid-N`; made safe to store (1–64 of
    /// `A–Z a–z 0–9 . _ -`).
    public static var name: String {
        var name = ProcessInfo.processInfo.environment["USER"] ?? ""
        if let entry = getpwuid(geteuid()), let login = entry.pointee.pw_name { name = String(cString: login) }
        let safe = String(
            name.unicodeScalars.filter { scalar in
                scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar) || ".-_".unicodeScalars.contains(scalar))
            }.prefix(64).map(Character.init))
        return safe.isEmpty ? "uid-\(geteuid())" : safe
    }
}
