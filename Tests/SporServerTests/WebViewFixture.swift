import Foundation
import SporInstruments
import SporReports
import SporTesting
import Testing

@testable import SporApplication
@testable import SporServer

/// A data folder with responses recorded through the use cases, and a caller per role, for building the pages'
/// view-models without HTTP.
struct WebViewFixture {
    let fixture: Fixture
    let spor: UseCases

    init() throws {
        fixture = try Fixture()
        spor = fixture.spor()
    }

    /// The caller of a fixture token: `staff`, `staff-syd`, `caseworker`, `strategic`, `admin`.
    func caller(_ name: String) throws -> Caller {
        .token(try #require(try spor.identity(forToken: fixture.tokens[name]!)))
    }

    /// The identity of a fixture token, for the layout.
    func identity(_ name: String) throws -> Identity {
        try #require(try spor.identity(forToken: fixture.tokens[name]!))
    }

    /// Records a response as the admin and returns its id.
    @discardableResult
    func record(
        _ citizen: String, _ answers: [Int], on date: String, unit: String = Fixture.unit,
        instrument: InstrumentID = .who5
    ) async throws -> UUID {
        var raw = RawResponse()
        raw.set("citizen", .string(citizen))
        raw.set("instrument", .string(instrument.rawValue))
        raw.set("administeredAt", .string(date))
        raw.set("unit", .string(unit))
        raw.set("answers", .array(answers.map { .integer($0) }))
        return try await spor.record(raw, by: caller("admin")).stored.response.id
    }

    /// Closes the data folder and removes it.
    func close() async {
        await fixture.storage.close()
        fixture.folder.remove()
    }
}
