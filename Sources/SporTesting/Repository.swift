public import Foundation

/// Paths inside this repository, for tests that read fixtures, schemas or run the built binary.
public enum Repository {
    /// The repository root (the folder holding Package.swift).
    public static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // SporTesting
        .deletingLastPathComponent()  // Sources
        .deletingLastPathComponent()

    /// A file or folder under `Fixtures/`.
    public static func fixture(_ path: String) -> URL {
        root.appendingPathComponent("Fixtures").appendingPathComponent(path)
    }

    /// A file or folder under `Schemas/`.
    public static func schema(_ path: String) -> URL {
        root.appendingPathComponent("Schemas").appendingPathComponent(path)
    }
}
