import Foundation
public import SporInstruments

/// Reads a JSON fixture file under `Fixtures/`.
public func loadFixture(_ path: String) throws -> JSONValue {
    try JSONParser.parse(Array(try Data(contentsOf: Repository.fixture(path))))
}
