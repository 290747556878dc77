import Foundation
package import SporInstruments
import SporLog

extension ResponseDataset {
    /// Writes every column, the interned strings, the authors, the id index and the revision history to `sink`, so
    /// ``init(catalog:snapshot:)`` can rebuild an equal dataset without replaying the log.
    package func writeSnapshot(to sink: inout some SnapshotSink) throws {
        try sink.write(Self.fingerprint(of: catalog))
        try sink.write(ids)
        try sink.write(citizen)
        try sink.write(nextOfCitizen)
        try sink.write(instrument)
        try sink.write(day)
        try sink.write(answers)
        try sink.write(unit)
        try sink.write(intervention)
        try sink.write(score)
        try sink.write(flagBits)
        try sink.write(state)
        try sink.write(definitionVersion)
        try sink.write(sequence)
        try sink.write(recordedAtMillis)
        try sink.write(firstOfCitizen)
        try sink.write(lastOfCitizen)
        for interner in [citizens, units, interventions, versions] {
            var text = SnapshotBytes()
            for string in interner.strings { text.string(string) }
            try sink.write(text.bytes)
        }
        var authorBytes = SnapshotBytes()
        for author in authors.authors { authorBytes.author(author) }
        try sink.write(authorBytes.bytes)
        try sink.write(authors.runStarts)
        try sink.write(authors.runCodes)
        try sink.write(index.snapshotSlots)
        try sink.write([index.count])
        try sink.write(encodedRevisions())
        try sink.write(dayRange.map { [$0.lowerBound, $0.upperBound] } ?? [])
    }

    /// Rebuilds a dataset from what ``writeSnapshot(to:)`` wrote, for the same catalog. The per-response columns
    /// get ``roomToGrow(_:)`` rows of room, so a daemon's first writes do not copy them (untouched room is address
    /// space, not memory).
    /// - Throws: ``SnapshotMismatch`` when the snapshot was made under another catalog or its sections do not fit
    ///   together, or whatever `source` throws.
    package init(catalog: InstrumentCatalog, snapshot source: inout some SnapshotSource) throws {
        try self.init(catalog: catalog)
        guard try source.read(UInt8.self) == Self.fingerprint(of: catalog) else {
            throw SnapshotMismatch("the snapshot was made under other instrument definitions")
        }
        ids = try source.read(UUID.self, room: Self.roomToGrow)
        citizen = try source.read(Int32.self, room: Self.roomToGrow)
        nextOfCitizen = try source.read(Int32.self, room: Self.roomToGrow)
        instrument = try source.read(UInt8.self, room: Self.roomToGrow)
        day = try source.read(Int32.self, room: Self.roomToGrow)
        answers = try source.read(UInt64.self, room: Self.roomToGrow)
        unit = try source.read(Int32.self, room: Self.roomToGrow)
        intervention = try source.read(Int32.self, room: Self.roomToGrow)
        score = try source.read(Int8.self, room: Self.roomToGrow)
        flagBits = try source.read(UInt8.self, room: Self.roomToGrow)
        state = try source.read(UInt8.self, room: Self.roomToGrow)
        definitionVersion = try source.read(UInt8.self, room: Self.roomToGrow)
        sequence = try source.read(UInt64.self, room: Self.roomToGrow)
        recordedAtMillis = try source.read(Int64.self, room: Self.roomToGrow)
        firstOfCitizen = try source.read(Int32.self)
        lastOfCitizen = try source.read(Int32.self)
        var interners: [Interner] = []
        for _ in 0..<4 {
            var text = SnapshotBytes(try source.read(UInt8.self))
            var strings: [String] = []
            while !text.isAtEnd {
                guard let string = try text.string() else { throw SnapshotMismatch("an interned string is missing") }
                strings.append(string)
            }
            interners.append(Interner(strings: strings))
        }
        (citizens, units, interventions, versions) = (interners[0], interners[1], interners[2], interners[3])
        var authorBytes = SnapshotBytes(try source.read(UInt8.self))
        var distinctAuthors: [Author] = []
        while !authorBytes.isAtEnd { distinctAuthors.append(try authorBytes.author()) }
        guard
            let authors = AuthorColumn(
                authors: distinctAuthors, runStarts: try source.read(Int32.self), runCodes: try source.read(Int32.self),
                rows: ids.count)
        else { throw SnapshotMismatch("the snapshot's authors do not fit its rows") }
        self.authors = authors
        let slots = try source.read(UInt64.self)
        guard let used = try source.read(Int.self).first else {
            throw SnapshotMismatch("the id index count is missing")
        }
        guard let index = IDTable(snapshotSlots: slots, count: used) else {
            throw SnapshotMismatch("the id index in the snapshot is malformed")
        }
        self.index = index
        revisions = try Self.decodeRevisions(try source.read(UInt8.self))
        let range = try source.read(Int32.self)
        dayRange = range.count == 2 ? range[0]...range[1] : nil

        let rows = ids.count
        let columns = [
            citizen.count, nextOfCitizen.count, instrument.count, day.count, answers.count, unit.count,
            intervention.count, score.count, flagBits.count, state.count, definitionVersion.count,
            sequence.count, recordedAtMillis.count,
        ]
        guard columns.allSatisfy({ $0 == rows }), firstOfCitizen.count == citizens.count,
            lastOfCitizen.count == citizens.count, used == rows, (range.count == 2) == (rows > 0),
            instrument.allSatisfy({ Int($0) < definitions.count })
        else { throw SnapshotMismatch("the snapshot's columns do not fit together") }
    }

    /// The catalog's definitions as JSON: scores and flags in the columns are valid only under the same ones.
    private static func fingerprint(of catalog: InstrumentCatalog) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return Array(try encoder.encode(catalog.definitions))
    }

    /// The history of revised rows: row, number of revisions, then each revision's fields.
    private func encodedRevisions() -> [UInt8] {
        var bytes = SnapshotBytes()
        for (row, history) in revisions.sorted(by: { $0.key < $1.key }) {
            bytes.integer(row)
            bytes.integer(UInt32(history.count))
            for revision in history {
                bytes.string(revision.kind.rawValue)
                bytes.integer(revision.sequence)
                bytes.integer(revision.recordedAtMillis)
                bytes.author(revision.author)
                bytes.string(revision.reason)
                bytes.string(revision.definitionVersion)
                guard let response = revision.response else {
                    bytes.integer(UInt8(0))
                    continue
                }
                bytes.integer(UInt8(1))
                bytes.uuid(response.id)
                bytes.string(response.citizen.rawValue)
                bytes.string(response.instrument.rawValue)
                bytes.integer(Int32(truncatingIfNeeded: response.administeredAt.daysSinceEpoch))
                bytes.integer(UInt32(response.answers.count))
                for answer in response.answers { bytes.integer(Int32(answer ?? -1)) }
                bytes.string(response.unit?.rawValue)
                bytes.string(response.intervention?.rawValue)
                bytes.string(response.mode?.rawValue)
            }
        }
        return bytes.bytes
    }

    private static func decodeRevisions(_ encoded: [UInt8]) throws -> [Int32: [ResponseRevision]] {
        var bytes = SnapshotBytes(encoded)
        var revisions: [Int32: [ResponseRevision]] = [:]
        func malformed() -> SnapshotMismatch { SnapshotMismatch("a revision in the snapshot is malformed") }
        func label(_ text: String?) throws -> Label? {
            guard let text else { return nil }
            guard let label = Label(rawValue: text) else { throw malformed() }
            return label
        }
        while !bytes.isAtEnd {
            let row = try bytes.integer(Int32.self)
            var history: [ResponseRevision] = []
            for _ in 0..<(try bytes.integer(UInt32.self)) {
                guard let kind = try bytes.string().flatMap(ResponseRevision.Kind.init(rawValue:)) else {
                    throw malformed()
                }
                let sequence = try bytes.integer(UInt64.self)
                let millis = try bytes.integer(Int64.self)
                let author = try bytes.author()
                let reason = try bytes.string()
                let version = try bytes.string()
                var response: Response?
                if try bytes.integer(UInt8.self) == 1 {
                    let id = try bytes.uuid()
                    guard let citizen = try bytes.string().flatMap(CitizenID.init(rawValue:)),
                        let instrument = try bytes.string().map({ InstrumentID($0) })
                    else { throw malformed() }
                    let day = try bytes.integer(Int32.self)
                    var answers: [Int?] = []
                    for _ in 0..<(try bytes.integer(UInt32.self)) {
                        let answer = try bytes.integer(Int32.self)
                        answers.append(answer < 0 ? nil : Int(answer))
                    }
                    let unit = try label(bytes.string())
                    let intervention = try label(bytes.string())
                    let mode = try bytes.string().map { text in
                        guard let mode = AdministrationMode(rawValue: text) else { throw malformed() }
                        return mode
                    }
                    response = Response(
                        id: id, citizen: citizen, instrument: instrument,
                        administeredAt: CalendarDate(daysSinceEpoch: Int(day)), answers: answers, unit: unit,
                        intervention: intervention, mode: mode)
                }
                history.append(
                    ResponseRevision(
                        kind: kind, sequence: sequence, recordedAtMillis: millis, author: author, reason: reason,
                        response: response, definitionVersion: version))
            }
            revisions[row] = history
        }
        return revisions
    }
}
