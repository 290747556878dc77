public import Foundation

/// A fresh folder under the system's temporary directory, for one test's data folder.
///
/// ```swift
/// let folder = try TemporaryFolder()
/// defer { folder.remove() }
/// ```
public struct TemporaryFolder: Sendable {
    public let url: URL

    /// Creates an empty folder with a unique name.
    public init(prefix: String = "spor-test") throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// A path inside the folder.
    public func path(_ name: String) -> URL { url.appendingPathComponent(name) }

    /// Deletes the folder and everything in it.
    public func remove() {
        try? FileManager.default.removeItem(at: url)
    }
}
