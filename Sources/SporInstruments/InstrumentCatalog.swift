public import Foundation

/// The instrument definitions Spor knows, checked when loaded.
///
/// ```swift
/// let catalog = InstrumentCatalog.builtIn
/// let who5 = catalog[.who5]!
/// ```
public struct InstrumentCatalog: Sendable {
    /// The definitions in the order they were given.
    public let definitions: [InstrumentDefinition]
    private let byID: [InstrumentID: InstrumentDefinition]

    /// Checks each definition and builds a catalog.
    /// - Throws: ``InstrumentDefinitionError`` naming the instrument and the broken rule.
    public init(definitions: [InstrumentDefinition]) throws {
        var byID: [InstrumentID: InstrumentDefinition] = [:]
        for definition in definitions {
            try definition.check()
            guard byID.updateValue(definition, forKey: definition.id) == nil else {
                throw InstrumentDefinitionError(instrument: definition.id.rawValue, message: "id: defined twice")
            }
        }
        self.definitions = definitions
        self.byID = byID
    }

    /// Decodes and checks definitions from JSON documents (one instrument each).
    /// - Parameter documents: pairs of a name for error messages (such as the file name) and the JSON bytes.
    public init(jsonDocuments documents: [(name: String, data: Data)]) throws {
        let decoder = JSONDecoder()
        var definitions: [InstrumentDefinition] = []
        for (name, data) in documents {
            do {
                definitions.append(try decoder.decode(InstrumentDefinition.self, from: data))
            } catch let error as DecodingError {
                throw InstrumentDefinitionError(instrument: name, message: error.summary)
            }
        }
        try self.init(definitions: definitions)
    }

    /// Loads every `*.json` file in a folder such as `Schemas/instruments`.
    public init(contentsOf folder: URL) throws {
        let files = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "json" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        try self.init(jsonDocuments: files.map { ($0.lastPathComponent, try Data(contentsOf: $0)) })
    }

    /// The definition with this id, if known.
    public subscript(id: InstrumentID) -> InstrumentDefinition? { byID[id] }

    /// WHO-5 from this catalog.
    public var who5: InstrumentDefinition { byID[.who5]! }
    /// Brief INSPIRE-O from this catalog.
    public var briefInspireO: InstrumentDefinition { byID[.briefInspireO]! }

    /// The definitions compiled into the library, identical to `Schemas/instruments/*.json`.
    public static let builtIn: InstrumentCatalog = {
        do {
            return try InstrumentCatalog(
                jsonDocuments: BuiltInDefinitions.documents.map { ($0.name, Data($0.json.utf8)) })
        } catch {
            // The embedded text is checked by the test suite; reaching this is a build defect, not bad input.
            fatalError("built-in instrument definitions are broken: \(error)")
        }
    }()
}

extension DecodingError {
    /// A one-line description naming the coding path.
    var summary: String {
        func path(_ keys: [any CodingKey]) -> String {
            keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined().trimmingCharacters(in: ["."])
        }
        switch self {
        case .keyNotFound(let key, let context): return "\(path(context.codingPath + [key])): required"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return "\(path(context.codingPath)): \(context.debugDescription)"
        @unknown default: return "\(self)"
        }
    }
}
