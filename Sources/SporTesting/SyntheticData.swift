public import Foundation
public import SporInstruments

/// A seeded generator of realistic synthetic responses, the same for the same seed.
///
/// Citizens enter a social offer at some day in the last four years and leave after one to twelve quarters.
/// Each quarter they answer WHO-5 and usually Brief INSPIRE-O; their wellbeing starts low (the population of
/// social psychiatry) and drifts up or down with noise. A few answers are missing; units, intervention codes
/// and administration modes vary.
///
/// ```swift
/// try SyntheticData(seed: 7, responses: 1_000).writeCSV(to: folder.path("data.csv"))
/// ```
public struct SyntheticData: Sendable {
    public static let units = [
        "bostotte-nord", "bostotte-syd", "bostotte-vest", "botilbud-ost", "vaerested-centrum", "aktivitet-havnen",
    ]
    public static let interventions = ["SEL82", "SEL85", "SEL107", "SEL108", "ABL105", "SEL104"]

    public var seed: UInt64
    /// How many responses to generate.
    public var responses: Int
    /// No response is dated after this day.
    public var today: CalendarDate

    public init(seed: UInt64, responses: Int, today: CalendarDate = CalendarDate(year: 2026, month: 6, day: 30)!) {
        self.seed = seed
        self.responses = responses
        self.today = today
    }

    /// Calls `body` with every generated response, in citizen order.
    public func forEach(_ body: (Response) throws -> Void) rethrows {
        var random = SeededGenerator(seed: seed)
        var emitted = 0
        var citizenNumber = 0
        let last = today.daysSinceEpoch
        while emitted < responses {
            citizenNumber += 1
            let citizen = CitizenID(rawValue: "c-" + String(citizenNumber))!
            let entry = last - Int.random(in: 20...(4 * 365), using: &random)
            let quarters = Int.random(in: 1...12, using: &random)
            var wellbeing = random.normal(mean: 38, deviation: 14)
            let trend = random.normal(mean: 2.5, deviation: 4)
            var unit = Label(rawValue: Self.units.randomElement(using: &random)!)!
            var step = Int.random(in: 0..<Self.interventions.count, using: &random)
            for quarter in 0..<quarters where emitted < responses {
                let day = entry + quarter * 91 + Int.random(in: -10...10, using: &random)
                guard day <= last else { break }
                if Double.random(in: 0..<1, using: &random) < 0.08 {
                    unit = Label(rawValue: Self.units.randomElement(using: &random)!)!
                }
                if Double.random(in: 0..<1, using: &random) < 0.1 { step = (step + 1) % Self.interventions.count }
                wellbeing = min(100, max(0, wellbeing + trend + random.normal(mean: 0, deviation: 6)))
                let mode = Self.mode(&random)
                for instrument in [InstrumentID.who5, .briefInspireO] where emitted < responses {
                    if instrument == .briefInspireO, Double.random(in: 0..<1, using: &random) < 0.2 { continue }
                    let maxValue = instrument == .who5 ? 5 : 4
                    let answers: [Int?] = (0..<5).map { _ in
                        if Double.random(in: 0..<1, using: &random) < 0.015 { return nil }
                        let value = (wellbeing / 100 * Double(maxValue) + random.normal(mean: 0, deviation: 0.8))
                            .rounded()
                        return min(maxValue, max(0, Int(value)))
                    }
                    try body(
                        Response(
                            id: Self.uuid(&random), citizen: citizen, instrument: instrument,
                            administeredAt: CalendarDate(daysSinceEpoch: day), answers: answers, unit: unit,
                            intervention: Label(rawValue: Self.interventions[step]), mode: mode))
                    emitted += 1
                }
            }
        }
    }

    /// Every generated response in an array (for small data sets).
    public func all() -> [Response] {
        var all: [Response] = []
        all.reserveCapacity(responses)
        forEach { all.append($0) }
        return all
    }

    /// Writes a CSV file with the contract's column names and item1 … item5.
    public func writeCSV(to url: URL) throws {
        try write(to: url, header: Self.csvHeader + "\n", line: Self.csvLine)
    }

    /// Writes a JSON Lines file, one response object a line.
    public func writeJSONL(to url: URL) throws {
        try write(to: url, header: "", line: Self.jsonLine)
    }

    public static let csvHeader =
        "id,citizen,instrument,administeredAt,item1,item2,item3,item4,item5,unit,intervention,mode"

    /// One CSV line for a response, without the line break.
    public static func csvLine(_ response: Response) -> String {
        var fields = [
            response.id.uuidString.lowercased(), response.citizen.rawValue, response.instrument.rawValue,
            response.administeredAt.description,
        ]
        fields += response.answers.map { $0.map(String.init) ?? "" }
        fields += [response.unit?.rawValue ?? "", response.intervention?.rawValue ?? "", response.mode?.rawValue ?? ""]
        return fields.joined(separator: ",")
    }

    /// One JSON object for a response, without the line break.
    public static func jsonLine(_ response: Response) -> String {
        var members = [
            "\"id\":\"\(response.id.uuidString.lowercased())\"", "\"citizen\":\"\(response.citizen.rawValue)\"",
            "\"instrument\":\"\(response.instrument.rawValue)\"", "\"administeredAt\":\"\(response.administeredAt)\"",
            "\"answers\":[\(response.answers.map { $0.map(String.init) ?? "null" }.joined(separator: ","))]",
        ]
        if let unit = response.unit { members.append("\"unit\":\"\(unit.rawValue)\"") }
        if let intervention = response.intervention { members.append("\"intervention\":\"\(intervention.rawValue)\"") }
        if let mode = response.mode { members.append("\"mode\":\"\(mode.rawValue)\"") }
        return "{" + members.joined(separator: ",") + "}"
    }

    private func write(to url: URL, header: String, line: (Response) -> String) throws {
        _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        var buffer = Array(header.utf8)
        try forEach { response in
            buffer.append(contentsOf: line(response).utf8)
            buffer.append(10)
            if buffer.count >= 1 << 20 {
                try handle.write(contentsOf: buffer)
                buffer.removeAll(keepingCapacity: true)
            }
        }
        try handle.write(contentsOf: buffer)
    }

    private static func mode(_ random: inout SeededGenerator) -> AdministrationMode? {
        switch Double.random(in: 0..<1, using: &random) {
        case ..<0.55: .withStaff
        case ..<0.85: .self
        case ..<0.95: .paper
        default: nil
        }
    }

    private static func uuid(_ random: inout SeededGenerator) -> UUID {
        var bytes = (0..<16).map { _ in UInt8.random(in: 0...255, using: &random) }
        bytes[6] = bytes[6] & 0x0F | 0x40
        bytes[8] = bytes[8] & 0x3F | 0x80
        return UUID(
            uuid: (
                bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]
            ))
    }
}
