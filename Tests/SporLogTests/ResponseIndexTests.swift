import Foundation
import Testing

@testable import SporLog

@Suite struct ResponseIndexTests {
    @Test func findsEveryIdAfterGrowing() {
        var index = ResponseIndex(minimumCapacity: 4)
        let ids = (0..<10_000).map { _ in UUID() }
        for (number, id) in ids.enumerated() {
            index.insert(id, value: ResponseIndex.pack(segment: 1, offset: 8 + number))
        }
        #expect(index.count == ids.count)
        for (number, id) in ids.enumerated() {
            #expect(index.value(for: id) == ResponseIndex.pack(segment: 1, offset: 8 + number))
        }
        #expect(index.value(for: UUID()) == nil)
        // The id and location columns (24 bytes an id) and the table (8 bytes a slot), each at most twice its need.
        #expect(index.residentBytes <= ids.count * (24 + 8 * 10 / 7) * 2)
    }

    @Test func marksRetracted() {
        var index = ResponseIndex()
        let id = UUID()
        index.insert(id, value: ResponseIndex.pack(segment: 3, offset: 100))
        index.markRetracted(id)
        #expect(index.value(for: id) == ResponseIndex.pack(segment: 3, offset: 100) | ResponseIndex.retractedBit)
    }
}
