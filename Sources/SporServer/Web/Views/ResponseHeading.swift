import SporInstruments
import SporReports

/// The line above a correction or retraction form saying which response it changes.
struct ResponseHeading {
    let citizen: String
    /// ` · WHO-5 Trivselsindeks · 2026-06-01`
    let details: String

    init(_ stored: StoredResponse, _ definition: InstrumentDefinition, _ language: Language) {
        citizen = stored.response.citizen.rawValue
        details = " · \(language.text(definition.name)) · \(stored.response.administeredAt)"
    }
}
