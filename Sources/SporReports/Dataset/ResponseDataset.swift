public import Foundation
public import SporInstruments
public import SporLog

/// The current state of every response in the log, built incrementally from log entries and kept column by
/// column so five million responses fit in well under 100 bytes each.
///
/// Each response is one row, numbered in the order it was first recorded. A row holds the latest version of the
/// response (corrections overwrite it in place, the earlier versions move to an audit side table) and a retracted
/// mark. Scores and flags are computed once, when a version is applied.
///
/// Ties between responses dated on the same day go to the one recorded latest, meaning the one whose
/// `responseRecorded` event came later in the log: a correction fixes a response's content but does not make it a
/// later questionnaire. So the row number is the tie-break and no extra column is needed.
///
/// ```swift
/// var dataset = try ResponseDataset(catalog: .builtIn)
/// let log = try EventLog.open(folder: folder, logger: logger) { entry in try dataset.apply(entry) }
/// let report = try dataset.trendReport(TrendReportRequest(instrument: .who5, period: .quarter, by: .unit))
/// ```
///
/// Entries must be applied in log order (increasing `sequence`).
public struct ResponseDataset: Sendable {
    /// The instrument definitions responses are scored under.
    public let catalog: InstrumentCatalog
    /// The catalog's definitions, indexed by the instrument code stored in ``instrument``.
    let definitions: [InstrumentDefinition]
    private let instrumentCodes: [InstrumentID: UInt8]
    /// Per instrument code: the item count and the allowed item values, checked on every applied version.
    private let itemShapes: [(count: Int, values: ClosedRange<Int>)]
    /// Per instrument code: packed answers → score (−1 when incomplete) and flag bits, filled as answers are seen.
    private var scoreCache: [[UInt64: UInt16]]

    // Columns, one entry per row (set only here and when a snapshot is read back).
    var ids: [UUID] = []
    var citizen: [Int32] = []
    /// The citizen's next row in recording order, −1 at the end.
    var nextOfCitizen: [Int32] = []
    var instrument: [UInt8] = []
    /// `administeredAt` as days since 1970-01-01.
    var day: [Int32] = []
    var answers: [UInt64] = []
    /// Unit code, −1 when none.
    var unit: [Int32] = []
    /// Intervention code, −1 when none.
    var intervention: [Int32] = []
    /// The 0–100 score, −1 when incomplete.
    var score: [Int8] = []
    /// Bit `i` set when `definitions[instrument].flags[i]` holds.
    var flagBits: [UInt8] = []
    /// Bits 0–1 the administration mode (0 none), bit 2 retracted, bit 3 corrected at least once.
    var state: [UInt8] = []
    var definitionVersion: [UInt8] = []
    /// Sequence and time of the `responseRecorded` event.
    var sequence: [UInt64] = []
    var recordedAtMillis: [Int64] = []

    // Per citizen code: first and last row in recording order.
    var firstOfCitizen: [Int32] = []
    var lastOfCitizen: [Int32] = []

    var citizens = Interner()
    var units = Interner()
    var interventions = Interner()
    var versions = Interner()
    /// The author of each row's recording (those of corrections and retractions are in `revisions`).
    var authors = AuthorColumn()
    var index = IDTable()
    /// The full event history of rows that were corrected or retracted; rows with only their recording have none.
    var revisions: [Int32: [ResponseRevision]] = [:]

    /// The earliest and latest `administeredAt` among all rows (as days since 1970), `nil` while empty.
    var dayRange: ClosedRange<Int32>?

    /// The attention list kept up to date, once ``keepAttentionList()`` was called.
    var attention: AttentionKeeper?

    /// Trend indexes kept between reports while the dataset does not change, shared with unchanged copies.
    private(set) var trendCache = TrendIndexCache()
    /// Entries applied since `trendCache` was made, so an index knows the state it was built from.
    private(set) var changeCount: UInt64 = 0

    static let retractedBit: UInt8 = 1 << 2
    static let correctedBit: UInt8 = 1 << 3

    /// Creates an empty dataset for the instruments of `catalog`.
    /// - Throws: ``ResponseDatasetError`` when a definition does not fit the packed columns (more than 15 items,
    ///   item values outside 0–14, scores outside 0–100 or more than 8 flags).
    public init(catalog: InstrumentCatalog) throws {
        self.catalog = catalog
        definitions = catalog.definitions
        var codes: [InstrumentID: UInt8] = [:]
        for (code, definition) in catalog.definitions.enumerated() {
            let fits =
                definition.items.count <= PackedAnswers.maximumItems && definition.minValue >= 0
                && definition.maxValue <= PackedAnswers.maximumValue
                && definition.maxRaw * definition.scoring.multiplier <= 100
                && definition.flags.count <= 8 && code < 255
            guard fits else {
                throw ResponseDatasetError(
                    responseID: nil, message: "instrument \(definition.id) does not fit the dataset's packed columns")
            }
            codes[definition.id] = UInt8(code)
        }
        instrumentCodes = codes
        itemShapes = catalog.definitions.map { ($0.items.count, $0.minValue...$0.maxValue) }
        scoreCache = Array(repeating: [:], count: catalog.definitions.count)
    }

    /// The number of responses, retracted ones included.
    public var count: Int { ids.count }

    /// The number of distinct citizens.
    public var citizenCount: Int { citizens.count }

    /// Makes room in the columns for `responses` rows, so applying many rows at once (an import) does not copy
    /// them as they grow. The id index still grows as it would row by row: its layout is part of the snapshot, and
    /// an import's snapshot is byte for byte the one a replay of the same log writes.
    public mutating func reserveCapacity(_ responses: Int) {
        ids.reserveCapacity(responses)
        citizen.reserveCapacity(responses)
        nextOfCitizen.reserveCapacity(responses)
        instrument.reserveCapacity(responses)
        day.reserveCapacity(responses)
        answers.reserveCapacity(responses)
        unit.reserveCapacity(responses)
        intervention.reserveCapacity(responses)
        score.reserveCapacity(responses)
        flagBits.reserveCapacity(responses)
        state.reserveCapacity(responses)
        definitionVersion.reserveCapacity(responses)
        sequence.reserveCapacity(responses)
        recordedAtMillis.reserveCapacity(responses)
    }

    /// Bytes held by the per-response columns and the id index (capacities, so growth slack counts).
    public var columnByteCount: Int {
        ids.capacity * 16 + citizen.capacity * 4 + nextOfCitizen.capacity * 4 + instrument.capacity + day.capacity * 4
            + answers.capacity * 8 + unit.capacity * 4 + intervention.capacity * 4 + score.capacity + flagBits.capacity
            + state.capacity + definitionVersion.capacity + sequence.capacity * 8 + recordedAtMillis.capacity * 8
            + index.byteCount + authors.byteCount
    }

    /// Applies one log entry: records a new response, replaces a response by its corrected version, or marks it
    /// retracted. A second recording of an id already held is ignored (the log accepts an id once).
    /// - Throws: ``ResponseDatasetError`` for a correction or retraction of an unknown id, or a response whose
    ///   instrument is not in the catalog or whose answers do not fit it.
    public mutating func apply(_ entry: LogEntry) throws {
        if isKnownUniquelyReferenced(&trendCache) {
            changeCount &+= 1
        } else {
            (trendCache, changeCount) = (TrendIndexCache(), 0)
        }
        switch entry.event {
        case .responseRecorded(let response, let version):
            guard index.row(of: response.id, in: ids) == nil else { return }
            try append(response, version: version, entry: entry)
            refreshAttention(citizen: citizen[ids.count - 1], unit: unit[ids.count - 1])
        case .responseCorrected(let response, let version, let reason):
            let row = try existingRow(response.id)
            startRevisions(row)
            let before = (citizen: citizen[row], unit: unit[row])
            try overwrite(row: row, with: response, version: version)
            if before != (citizen: citizen[row], unit: unit[row]) {
                refreshAttention(citizen: before.citizen, unit: before.unit)
            }
            refreshAttention(citizen: citizen[row], unit: unit[row])
            state[row] |= Self.correctedBit
            revisions[Int32(row), default: []].append(
                ResponseRevision(
                    kind: .corrected, sequence: entry.sequence, recordedAtMillis: entry.recordedAtMillis,
                    author: entry.author,
                    reason: reason, response: response, definitionVersion: version))
        case .responseRetracted(let id, let reason):
            let row = try existingRow(id)
            startRevisions(row)
            state[row] |= Self.retractedBit
            refreshAttention(citizen: citizen[row], unit: unit[row])
            revisions[Int32(row), default: []].append(
                ResponseRevision(
                    kind: .retracted, sequence: entry.sequence, recordedAtMillis: entry.recordedAtMillis,
                    author: entry.author,
                    reason: reason, response: nil, definitionVersion: nil))
        }
    }

    /// The row of a response id, if held.
    func row(of id: UUID) -> Int? { index.row(of: id, in: ids) }

    /// Starts bringing the id table's slot for `id` into the cache, for a caller that applies many responses in a
    /// row and knows the ids a few ahead: at millions of responses the table is far larger than the caches.
    public func prefetch(_ id: UUID) { index.prefetch(id) }

    /// The citizen code of an id, if the citizen has any response.
    func citizenCode(_ id: CitizenID) -> Int32? { citizens.existingCode(for: id.rawValue) }

    /// The instrument code of an id, if it is in the catalog.
    func instrumentCode(_ id: InstrumentID) -> UInt8? { instrumentCodes[id] }

    /// The rows of a citizen, in recording order.
    func rows(ofCitizen code: Int32) -> [Int] {
        var rows: [Int] = []
        var row = firstOfCitizen[Int(code)]
        while row >= 0 {
            rows.append(Int(row))
            row = nextOfCitizen[Int(row)]
        }
        return rows
    }

    /// The rows of a citizen in `scope`, in recording order.
    func rows(ofCitizen code: Int32, in scope: ResponseScope) -> [Int] {
        let rows = rows(ofCitizen: code)
        guard case .units(let allowed) = scope else { return rows }
        let codes = Set(allowed.compactMap { units.existingCode(for: $0.rawValue) })
        return rows.filter { codes.contains(unit[$0]) }
    }

    /// Whether the row is retracted.
    func isRetracted(_ row: Int) -> Bool { state[row] & Self.retractedBit != 0 }

    /// Whether the row was corrected at least once.
    func isCorrected(_ row: Int) -> Bool { state[row] & Self.correctedBit != 0 }

    /// The bit of `flag` in a row's flag bits: a definition's flags take the bits in their order. 0 when the
    /// definition has no such flag (or more than fit), so it never holds.
    static func flagBit(_ flag: Flag, in definition: InstrumentDefinition) -> UInt8 {
        definition.flags.firstIndex { $0.name == flag }.map { UInt8(1) << $0 } ?? 0
    }

    /// Whether `flag` of `definition` (the row's instrument's) holds for the row.
    func holds(_ flag: Flag, row: Int, definition: InstrumentDefinition) -> Bool {
        flagBits[row] & Self.flagBit(flag, in: definition) != 0
    }

    /// The flags that hold for a row, in the definition's order (empty when incomplete).
    func flags(ofRow row: Int) -> [Flag] {
        let bits = flagBits[row]
        guard bits != 0 else { return [] }
        let rules = definitions[Int(instrument[row])].flags
        var names: [Flag] = []
        for index in rules.indices where bits & (1 << index) != 0 { names.append(rules[index].name) }
        return names
    }

    /// How the row's answers were given.
    func mode(ofRow row: Int) -> AdministrationMode? {
        switch state[row] & 3 {
        case 1: .self
        case 2: .withStaff
        case 3: .paper
        default: nil
        }
    }

    /// The row's current version as a ``Response``.
    func response(at row: Int) -> Response {
        Response(
            id: ids[row], citizen: CitizenID(rawValue: citizens[citizen[row]])!,
            instrument: definitions[Int(instrument[row])].id,
            administeredAt: CalendarDate(daysSinceEpoch: Int(day[row])), answers: PackedAnswers.unpack(answers[row]),
            unit: unit[row] < 0 ? nil : Label(rawValue: units[unit[row]]),
            intervention: intervention[row] < 0 ? nil : Label(rawValue: interventions[intervention[row]]),
            mode: mode(ofRow: row))
    }

    /// The definition version the row's current content was scored under.
    func definitionVersion(ofRow row: Int) -> String { versions[Int32(definitionVersion[row])] }

    /// The response as first recorded under `id`, before any correction, retracted or not; `nil` when the id was
    /// never recorded. A recording is decided against this version (a correction does not make an earlier
    /// recording of the same id a conflict), in the embedded log and on a PostgreSQL store alike.
    public func recorded(_ id: UUID) -> Response? {
        guard let row = row(of: id) else { return nil }
        return revisions[Int32(row)]?.first?.response ?? response(at: row)
    }

    /// Every event of a row, oldest first: its recording, then corrections and a retraction if any.
    public func revisions(of id: UUID) -> [ResponseRevision] {
        guard let row = row(of: id) else { return [] }
        return revisions(ofRow: row)
    }

    func revisions(ofRow row: Int) -> [ResponseRevision] {
        revisions[Int32(row)] ?? [originalRevision(row)]
    }

    // MARK: - Applying

    private func existingRow(_ id: UUID) throws -> Int {
        guard let row = index.row(of: id, in: ids) else {
            throw ResponseDatasetError(responseID: id, message: "refers to a response that was never recorded")
        }
        return row
    }

    /// The recording of a row that has not been revised yet, rebuilt from the columns.
    private func originalRevision(_ row: Int) -> ResponseRevision {
        ResponseRevision(
            kind: .recorded, sequence: sequence[row], recordedAtMillis: recordedAtMillis[row], author: authors[row],
            reason: nil, response: response(at: row), definitionVersion: definitionVersion(ofRow: row))
    }

    /// Before the first revision of a row, keeps its original version in the side table.
    private mutating func startRevisions(_ row: Int) {
        if revisions[Int32(row)] == nil { revisions[Int32(row)] = [originalRevision(row)] }
    }

    private mutating func append(_ response: Response, version: String, entry: LogEntry) throws {
        let row = ids.count
        ids.append(response.id)
        citizen.append(-1)
        nextOfCitizen.append(-1)
        instrument.append(0)
        day.append(0)
        answers.append(0)
        unit.append(-1)
        intervention.append(-1)
        score.append(-1)
        flagBits.append(0)
        state.append(0)
        definitionVersion.append(0)
        sequence.append(entry.sequence)
        recordedAtMillis.append(entry.recordedAtMillis)
        do {
            try overwrite(row: row, with: response, version: version)
        } catch {
            removeLastRow()
            throw error
        }
        authors.append(row: row, author: entry.author)
        index.insert(row: row, ids: ids)
    }

    /// Undoes the column appends of a row whose content was refused.
    private mutating func removeLastRow() {
        ids.removeLast()
        citizen.removeLast()
        nextOfCitizen.removeLast()
        instrument.removeLast()
        day.removeLast()
        answers.removeLast()
        unit.removeLast()
        intervention.removeLast()
        score.removeLast()
        flagBits.removeLast()
        state.removeLast()
        definitionVersion.removeLast()
        sequence.removeLast()
        recordedAtMillis.removeLast()
    }

    /// Writes a version's content into a row, moving the row to another citizen's series if the citizen changed.
    private mutating func overwrite(row: Int, with response: Response, version: String) throws {
        guard let code = instrumentCodes[response.instrument] else {
            throw ResponseDatasetError(responseID: response.id, message: "instrument is not in the catalog")
        }
        let shape = itemShapes[Int(code)]
        guard response.answers.count == shape.count, let packed = PackedAnswers.pack(response.answers),
            response.answers.allSatisfy({ $0.map { shape.values.contains($0) } ?? true })
        else {
            throw ResponseDatasetError(responseID: response.id, message: "answers do not fit the instrument definition")
        }
        let scored = scoreCache[Int(code)][packed] ?? scoreAndCache(packed, answers: response.answers, code: code)
        let days = Int32(response.administeredAt.daysSinceEpoch)

        let citizenCode = citizens.code(for: response.citizen.rawValue)
        if citizenCode != citizen[row] {
            if citizen[row] >= 0 { unlink(row: row, from: citizen[row]) }
            link(row: row, to: citizenCode)
            citizen[row] = citizenCode
        }
        instrument[row] = code
        day[row] = days
        answers[row] = packed
        unit[row] = response.unit.map { units.code(for: $0.rawValue) } ?? -1
        intervention[row] = response.intervention.map { interventions.code(for: $0.rawValue) } ?? -1
        score[row] = Int8(truncatingIfNeeded: Int(scored >> 8) - 1)
        flagBits[row] = UInt8(scored & 0xFF)
        let modeBits: UInt8 =
            switch response.mode {
            case nil: 0
            case .self: 1
            case .withStaff: 2
            case .paper: 3
            }
        state[row] = (state[row] & ~3) | modeBits
        definitionVersion[row] = UInt8(truncatingIfNeeded: versions.code(for: version))
        dayRange = dayRange.map { min($0.lowerBound, days)...max($0.upperBound, days) } ?? days...days
    }

    /// Scores answers with the instrument library and remembers the result for the packed word:
    /// `(score + 1) << 8 | flag bits`, score −1 when incomplete.
    private mutating func scoreAndCache(_ packed: UInt64, answers: [Int?], code: UInt8) -> UInt16 {
        let definition = definitions[Int(code)]
        let result = definition.score(answers)
        var bits: UInt16 = 0
        for (bit, rule) in definition.flags.enumerated() where result.has(rule.name) { bits |= 1 << bit }
        let value = UInt16((result.score ?? -1) + 1) << 8 | bits
        scoreCache[Int(code)][packed] = value
        return value
    }

    private mutating func link(row: Int, to code: Int32) {
        if Int(code) == firstOfCitizen.count {
            firstOfCitizen.append(-1)
            lastOfCitizen.append(-1)
        }
        nextOfCitizen[row] = -1
        let last = lastOfCitizen[Int(code)]
        if last < 0 {
            firstOfCitizen[Int(code)] = Int32(row)
        } else {
            nextOfCitizen[Int(last)] = Int32(row)
        }
        lastOfCitizen[Int(code)] = Int32(row)
    }

    private mutating func unlink(row: Int, from code: Int32) {
        var previous: Int32 = -1
        var current = firstOfCitizen[Int(code)]
        while current >= 0 && Int(current) != row {
            previous = current
            current = nextOfCitizen[Int(current)]
        }
        let next = nextOfCitizen[row]
        if previous < 0 { firstOfCitizen[Int(code)] = next } else { nextOfCitizen[Int(previous)] = next }
        if lastOfCitizen[Int(code)] == Int32(row) { lastOfCitizen[Int(code)] = previous }
    }
}
