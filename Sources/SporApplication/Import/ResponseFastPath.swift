import Foundation
import SporInstruments

/// Builds a response straight from the bytes of its fields, for the import's fast paths (``CSVFastPath``,
/// ``JSONLFastPath``).
///
/// It takes only values the general path (a `RawResponse` checked by `ResponseValidator`) takes, and builds the
/// same response from them; anything else is refused (`false` or `nil`), and the caller hands the line to the
/// general path, which names the problems.
struct ResponseFastPath: Sendable {
    /// A field of a response.
    enum Field: Sendable {
        case id, citizen, instrument, administeredAt, unit, intervention, mode
        case item(Int)
        /// A field the fast path leaves to the general path (`cpr`, `answers` as a whole).
        case other

        init(name: String) {
            switch name {
            case "id": self = .id
            case "citizen": self = .citizen
            case "instrument": self = .instrument
            case "administeredAt": self = .administeredAt
            case "unit": self = .unit
            case "intervention": self = .intervention
            case "mode": self = .mode
            default: self = .other
            }
        }
    }

    /// The fields of one response found so far.
    struct Fields {
        var id: UUID?
        var citizen: CitizenID?
        var instrument: Int?
        var date: CalendarDate?
        var unit: Label?
        var intervention: Label?
        var mode: AdministrationMode?
        var answers: [Int?]
    }

    /// The citizen, unit and intervention of the line before, with their text: lines repeat them (a citizen's rows
    /// usually follow each other, and a file holds few units), and a repeated one is taken again without making and
    /// checking it anew. One per stretch of lines.
    struct Recent {
        fileprivate var citizen: (bytes: [UInt8], value: CitizenID)?
        fileprivate var unit: (bytes: [UInt8], value: Label)?
        fileprivate var intervention: (bytes: [UInt8], value: Label)?

        init() {}
    }

    /// What the fast path needs of each instrument (not its whole definition, which is costly to copy).
    private struct Instrument: Sendable {
        var bytes: [UInt8]
        var id: InstrumentID
        var version: String
        var itemCount: Int
        var range: ClosedRange<Int>
    }

    private let today: CalendarDate
    private let instruments: [Instrument]

    init(validator: ResponseValidator) {
        today = validator.today
        instruments = validator.catalog.definitions.map {
            Instrument(
                bytes: Array($0.id.rawValue.utf8), id: $0.id, version: $0.version, itemCount: $0.items.count,
                range: $0.minValue...$0.maxValue)
        }
    }

    /// Takes the text of a field (not empty, not an item); `false` when the general path must judge it.
    func set(_ field: Field, _ bytes: UnsafeRawBufferPointer, in fields: inout Fields, recent: inout Recent) -> Bool {
        switch field {
        case .id:
            guard fields.id == nil, let parsed = UUID(canonical: bytes) else { return false }
            fields.id = parsed
        case .citizen:
            guard fields.citizen == nil, let parsed = Self.value(bytes, recent: &recent.citizen, CitizenID.init)
            else { return false }
            fields.citizen = parsed
        case .instrument:
            guard fields.instrument == nil, let known = instruments.firstIndex(where: { $0.bytes.elementsEqual(bytes) })
            else {
                return false
            }
            fields.instrument = known
        case .administeredAt:
            guard fields.date == nil, let parsed = Self.date(bytes), parsed <= today,
                parsed >= ResponseValidator.earliestDate
            else {
                return false
            }
            fields.date = parsed
        case .unit:
            guard fields.unit == nil, let parsed = Self.value(bytes, recent: &recent.unit, Label.init) else {
                return false
            }
            fields.unit = parsed
        case .intervention:
            guard fields.intervention == nil, let parsed = Self.value(bytes, recent: &recent.intervention, Label.init)
            else { return false }
            fields.intervention = parsed
        case .mode:
            guard fields.mode == nil, let parsed = AdministrationMode(rawValue: String(decoding: bytes, as: UTF8.self))
            else { return false }
            fields.mode = parsed
        case .item, .other:
            return false
        }
        return true
    }

    /// The response (with an ``ImportID`` when none was given) and its instrument's definition version, or `nil`.
    func finish(_ fields: Fields, row: Int) -> (Response, version: String)? {
        guard let citizen = fields.citizen, let instrument = fields.instrument, let date = fields.date else {
            return nil
        }
        let known = instruments[instrument]
        guard known.itemCount == fields.answers.count,
            fields.answers.allSatisfy({ $0.map(known.range.contains) ?? true })
        else {
            return nil
        }
        var response = Response(
            id: fields.id ?? ImportID.pending, citizen: citizen, instrument: known.id, administeredAt: date,
            answers: fields.answers,
            unit: fields.unit, intervention: fields.intervention, mode: fields.mode)
        if fields.id == nil { response.id = ImportID.derived(for: response, row: row) }
        return (response, known.version)
    }

    /// The value of the text `bytes`: the recent one when they are its text, else one made by `make` (then the
    /// recent one), `nil` when `make` refuses the text.
    private static func value<Value>(
        _ bytes: UnsafeRawBufferPointer, recent: inout (bytes: [UInt8], value: Value)?,
        _ make: (String) -> Value?
    ) -> Value? {
        if let recent, recent.bytes.elementsEqual(bytes) { return recent.value }
        guard let value = make(String(decoding: bytes, as: UTF8.self)) else { return nil }
        recent = (Array(bytes), value)
        return value
    }

    /// `YYYY-MM-DD` as a real date.
    private static func date(_ field: UnsafeRawBufferPointer) -> CalendarDate? {
        guard field.count == 10, field[4] == UInt8(ascii: "-"), field[7] == UInt8(ascii: "-"),
            let year = digits(UnsafeRawBufferPointer(rebasing: field[0..<4])),
            let month = digits(UnsafeRawBufferPointer(rebasing: field[5..<7])),
            let day = digits(UnsafeRawBufferPointer(rebasing: field[8..<10]))
        else { return nil }
        return CalendarDate(year: year, month: month, day: day)
    }

    /// 1–4 decimal digits and nothing else.
    static func digits(_ field: UnsafeRawBufferPointer) -> Int? {
        guard !field.isEmpty, field.count <= 4 else { return nil }
        var value = 0
        for byte in field {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }
}
