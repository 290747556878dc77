import Foundation
import SporTesting
import Testing

/// The boundary of docs/architecture.md: the adapters reach the log only through the use cases. SwiftPM lets a
/// module import what its dependencies depend on, so the rule is held here rather than by the build.
@Suite struct ArchitectureTests {
    @Test(arguments: ["SporServer", "SporCLI"]) func adaptersDoNotImportTheLogTheSnapshotOrTheStore(
        module: String
    ) throws {
        let folder = Repository.root.appendingPathComponent("Sources").appendingPathComponent(module)
        let files = try #require(FileManager.default.enumerator(atPath: folder.path)).compactMap { $0 as? String }
            .filter { $0.hasSuffix(".swift") }
        #expect(!files.isEmpty)
        for file in files {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            let imports = text.split(separator: "\n").filter {
                $0.contains("import SporLog") || $0.contains("import SporSnapshot")
                    || $0.contains("import SporPostgres")
            }
            #expect(imports.isEmpty, "\(module)/\(file)")
        }
    }
}
