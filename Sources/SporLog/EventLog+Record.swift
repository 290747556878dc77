import Crypto
import Foundation

extension EventLog {
    /// Records written between two `sync`-free flushes of a ``record(_:)``, at most.
    static let recordPieceBytes = 4 << 20
    /// Bytes a ``record(_:)`` lets wait for the writer before it encodes more.
    static let recordInFlightLimit = 32 << 20
    /// Records of one batch in a ``record(_:)``: after a crash, each group is replayed whole or not at all.
    static let recordGroupSize = 8192

    /// Finds, for each response of the batches, whether it is new, already stored or a conflict, without writing.
    ///
    /// A response counts as already stored when its id is stored (or given earlier in the batches) with the same
    /// content; the definition version is not compared.
    /// - Returns: the batches with their ``RecordBatch/statuses`` set.
    /// - Throws: ``LogError`` `corrupt` or `io` when a stored record cannot be read.
    public func classify(_ batches: [RecordBatch]) throws -> [RecordBatch] {
        var batches = batches
        var earlier = ResponseIndex(minimumCapacity: batches.reduce(0) { $0 + $1.count })
        var mapped = MappedSegments(scanner: scanner)
        defer { mapped.unmapAll() }
        for number in batches.indices {
            var statuses = [RecordBatch.Status](repeating: .new, count: batches[number].count)
            for row in statuses.indices {
                if row + IDTable.prefetchDistance < statuses.count {
                    let ahead = batches[number].withPayload(row + IDTable.prefetchDistance) { Self.id(in: $0) }
                    index.prefetch(ahead)
                    earlier.prefetch(ahead)
                }
                let id = batches[number].withPayload(row) { Self.id(in: $0) }
                if let value = index.value(for: id) {
                    let same = try withStoredPayload(at: value, mapped: &mapped) { stored in
                        batches[number].withPayload(row) { Self.sameResponse($0, stored) }
                    }
                    statuses[row] = same ? .alreadyStored : .conflictsWithStored
                } else if let first = earlier.value(for: id) {
                    let (firstNumber, firstRow) = (Int(first >> 32), Int(first & 0xFFFF_FFFF) - 1)
                    let same = batches[firstNumber].withPayload(firstRow) { stored in
                        batches[number].withPayload(row) { Self.sameResponse($0, stored) }
                    }
                    statuses[row] = same ? .alreadyStored : .conflictsWithEarlier
                } else {
                    earlier.insert(id, value: UInt64(number) << 32 | UInt64(row + 1))
                }
            }
            batches[number].statuses = statuses
            batches[number].classifiedAt = tail.sequence
        }
        return batches
    }

    /// Writes the responses of the batches that ``classify(_:)`` found new, in order, and returns once they are
    /// durable (one fsync at the end; a new segment's predecessor is synced when it is left).
    ///
    /// Batches not classified against the log as it stands are classified first. The records go out in groups of
    /// ``recordGroupSize``: after a crash each group is replayed whole or not at all, so a second run of the same
    /// import skips what was stored. Appends wait while a `record` call writes. Each record names its batch's
    /// ``RecordBatch/author``.
    /// - Returns: the number of responses written.
    /// - Throws: ``LogError`` `invalidEvent` for a batch whose author is ``Author/unknown`` (nothing is written),
    ///   `failed` or `closed`, or what ``classify(_:)`` throws.
    public func record(_ batches: [RecordBatch]) async throws -> Int {
        try await recordSpan(batches).count
    }

    /// What one ``recordSpan(_:recordedAtMillis:)`` wrote: its new records are numbered from `firstSequence` on,
    /// in the order of the batches and their rows, and all carry `recordedAtMillis`.
    public struct RecordedSpan: Hashable, Sendable {
        /// The responses written.
        public var count: Int
        /// The sequence number of the first of them.
        public var firstSequence: UInt64
        /// The time each of them carries.
        public var recordedAtMillis: Int64
        /// The mark after the last of them; `nil` when none was written.
        public var mark: LogMark?
    }

    /// The time the log's clock gives now, in milliseconds since 1970: what a record written now carries.
    public nonisolated func clockMillis() -> Int64 { configuration.clock() }

    /// ``record(_:)``, telling what was written, so state built from the batches (a snapshot made while they are
    /// written) can be checked to hold exactly the log's new records.
    /// - Parameter recordedAtMillis: the time the records carry; the log's clock now unless given.
    public func recordSpan(_ batches: [RecordBatch], recordedAtMillis: Int64? = nil) async throws -> RecordedSpan {
        await waitWhileRecording()
        isRecording = true
        defer { finishRecording() }
        try checkWritable()
        for batch in batches { try Self.checkAuthor(batch.author) }
        var batches = batches
        if batches.contains(where: { $0.classifiedAt != tail.sequence || $0.statuses.count != $0.count }) {
            batches = try classify(batches)
        }
        let newCount = batches.reduce(0) { $0 + $1.newCount }
        index.reserveCapacity(newCount)
        let now = recordedAtMillis ?? configuration.clock()
        let firstSequence = tail.sequence
        var lastStart: (segment: UInt32, offset: Int)?
        var chunks: [SegmentWriter.Chunk] = []
        var pieceBytes = 0
        var remaining = newCount
        var groupLeft = 0
        for batch in batches {
            let author = RecordCodec.encoded(batch.author)
            for row in batch.statuses.indices where batch.statuses[row] == .new {
                if row + IDTable.prefetchDistance < batch.count {
                    index.prefetch(batch.withPayload(row + IDTable.prefetchDistance) { Self.id(in: $0) })
                }
                if groupLeft == 0 { groupLeft = min(Self.recordGroupSize, remaining) }
                groupLeft -= 1
                remaining -= 1
                batch.withPayload(row) { payload in
                    let frameSize =
                        RecordCodec.frameHeaderSize + RecordCodec.bodyHeaderSize + payload.count + author.count
                    startChunkIfNeeded(&chunks, frameSize: frameSize)
                    if chunks[chunks.count - 1].bytes.isEmpty {
                        chunks[chunks.count - 1].bytes.reserveCapacity(Self.recordPieceBytes + 4096)
                    }
                    index.insert(Self.id(in: payload), value: tail.location)
                    lastStart = (tail.segment, tail.offset)
                    tail.headHash = RecordCodec.appendFrame(
                        payload: payload, author: author, sequence: tail.sequence, recordedAtMillis: now,
                        previousHash: tail.headHash, continuesBatch: groupLeft > 0, to: &chunks[chunks.count - 1].bytes)
                    tail.offset += frameSize
                    tail.sequence += 1
                    pieceBytes += frameSize
                }
                if groupLeft == 0, remaining > 0, pieceBytes >= Self.recordPieceBytes {
                    enqueue(PendingBatch(chunks: chunks, sync: false, continuation: nil))
                    chunks = []
                    pieceBytes = 0
                    while inFlightBytes > Self.recordInFlightLimit {
                        try await withCheckedThrowingContinuation { drainWaiters.append($0) }
                    }
                    try checkWritable()
                }
            }
        }
        if !chunks.isEmpty {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                enqueue(PendingBatch(chunks: chunks, sync: true, continuation: continuation))
            }
        } else if durableEnd < tail.location {
            // Responses found already stored may still be on their way to disk.
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                enqueue(PendingBatch(chunks: [], sync: true, continuation: continuation))
            }
        }
        let mark = lastStart.map { start in
            LogMark(
                records: tail.sequence, segment: start.segment, offset: start.offset,
                headHash: tail.headHash.map { Array($0) } ?? [])
        }
        return RecordedSpan(count: newCount, firstSequence: firstSequence, recordedAtMillis: now, mark: mark)
    }

    /// Waits until no `record` call is writing.
    func waitWhileRecording() async {
        while isRecording { await withCheckedContinuation { recordingWaiters.append($0) } }
    }

    private func finishRecording() {
        isRecording = false
        let waiters = recordingWaiters
        recordingWaiters = []
        for waiter in waiters { waiter.resume() }
    }

    /// Throws when the log no longer takes writes.
    func checkWritable() throws {
        switch machine.state {
        case .failed: throw LogError(.failed, "an earlier write failed; open the data folder again")
        case .closed: throw LogError(.closed, "the log is closed")
        case .idle, .flushing: break
        }
    }

    /// The payload of the stored record at `value` (a packed location), from the chunks in flight or the segment.
    private func withStoredPayload<Result>(
        at value: UInt64, mapped: inout MappedSegments, _ body: (UnsafeRawBufferPointer) throws -> Result
    ) throws -> Result {
        let location = value & ~ResponseIndex.retractedBit
        let segment = UInt32(location >> 40)
        let offset = Int(location & 0xFF_FFFF_FFFF)
        if let chunk = inFlight.first(where: {
            $0.segment == segment && $0.offset <= offset && offset < $0.offset + $0.bytes.count
        }) {
            return try chunk.bytes.withUnsafeBytes { bytes in
                try body(
                    try Self.payload(ofFrameAt: offset - chunk.offset, in: bytes, segment: segment, offset: offset))
            }
        }
        let bytes = try mapped.bytes(of: segment)
        return try body(try Self.payload(ofFrameAt: offset, in: bytes, segment: segment, offset: offset))
    }

    /// The payload of the frame at `start` in `bytes`, its checksum checked.
    private static func payload(
        ofFrameAt start: Int, in bytes: UnsafeRawBufferPointer, segment: UInt32, offset: Int
    ) throws -> UnsafeRawBufferPointer {
        guard start + RecordCodec.frameHeaderSize <= bytes.count else {
            throw LogError.corrupt("record header is cut off", segment: segment, offset: offset)
        }
        let length = Int(bytes.loadUnaligned(fromByteOffset: start, as: UInt32.self).littleEndian)
        let crc = bytes.loadUnaligned(fromByteOffset: start + 4, as: UInt32.self).littleEndian
        let bodyStart = start + RecordCodec.frameHeaderSize
        guard length >= RecordCodec.bodyHeaderSize, bodyStart + length <= bytes.count else {
            throw LogError.corrupt("record length \(length) is out of range", segment: segment, offset: offset)
        }
        let body = UnsafeRawBufferPointer(rebasing: bytes[bodyStart..<bodyStart + length])
        guard RecordCodec.checksum(length: UInt32(length), body: body) == crc else {
            throw LogError.corrupt("record checksum does not match", segment: segment, offset: offset)
        }
        return UnsafeRawBufferPointer(rebasing: body[RecordCodec.bodyHeaderSize...])
    }

    /// Whether two payloads describe the same response (the definition version aside).
    /// Whether two payloads hold the same response (their definition versions are not compared).
    static func sameResponse(_ lhs: UnsafeRawBufferPointer, _ rhs: UnsafeRawBufferPointer) -> Bool {
        guard let length = RecordCodec.responseLength(lhs), RecordCodec.responseLength(rhs) == length else {
            return false
        }
        return memcmp(lhs.baseAddress!, rhs.baseAddress!, length) == 0
    }

    /// The response id a payload starts with.
    static func id(in payload: UnsafeRawBufferPointer) -> UUID {
        var uuid: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &uuid) { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: payload[0..<16])) }
        return UUID(uuid: uuid)
    }
}
