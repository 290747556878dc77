import Foundation
import SporInstruments
import SporLog

/// The new responses of an import's record batches, read back from their payloads on a thread of their own, a batch
/// or two ahead of the caller, who applies them to the import's snapshot (``ImportSnapshot``): reading them back
/// is about a quarter of that build, which is the longest part of a large import.
final class DecodedBatches: @unchecked Sendable {
    private let batches: [RecordBatch]
    /// Guards `ready` and `taken`.
    private let condition = NSCondition()
    /// Batches read back and not yet taken, by index.
    private var ready: [Int: Result<[(Response, String)], LogError>] = [:]
    /// The number of batches taken (or all of them, once ``finish()`` was called).
    private var taken = 0

    /// How many batches the thread reads back ahead of the caller.
    private static let ahead = 2

    /// Starts reading the batches back.
    init(_ batches: [RecordBatch]) {
        self.batches = batches
        let thread = Thread { [self] in readAll() }
        thread.name = "spor-import-read-back"
        thread.start()
    }

    /// The new responses of batch `index`, with their definition versions, in the batch's order. Batches are taken
    /// in order, each once.
    /// - Throws: ``LogError`` `invalidEvent` when a payload cannot be read back.
    func take(_ index: Int) throws -> [(Response, String)] {
        condition.lock()
        defer { condition.unlock() }
        while ready[index] == nil { condition.wait() }
        let result = ready.removeValue(forKey: index)!
        taken = index + 1
        condition.broadcast()
        return try result.get()
    }

    /// Lets the thread end without reading the batches not taken yet.
    func finish() {
        condition.lock()
        taken = batches.count
        condition.broadcast()
        condition.unlock()
    }

    private func readAll() {
        for index in batches.indices {
            condition.lock()
            while index >= taken + Self.ahead { condition.wait() }
            let done = taken >= batches.count
            condition.unlock()
            if done { return }
            let result = Result { () throws(LogError) in try batches[index].newResponses() }
            condition.lock()
            ready[index] = result
            condition.broadcast()
            condition.unlock()
        }
    }
}
