import XCTest
@testable import Features

/// Lists in chunks (the tallies' lengths and ratings, the logs' events): appended across
/// chunks and blocks, joined part to part (an empty list takes the later part's chain, a
/// full one appends its values, and the later part's memory is taken over), handed to the
/// medians in place or copied, released.
final class ChunkListsTests: XCTestCase {
    func testAppendJoinAndRelease() {
        let first = ChunkLists<Float>(slotCount: 3), second = ChunkLists<Float>(slotCount: 3)
        defer { first.deallocate(); second.deallocate() }
        for value in 0..<100 { first.append(Float(value), to: 0) }
        for value in 100..<140 { second.append(Float(value), to: 0) }
        for value in 0..<20 { second.append(Float(value) / 2, to: 1) }
        XCTAssertEqual(first.values(0), (0..<100).map(Float.init))
        XCTAssertTrue(first.values(1).isEmpty && first.values(2).isEmpty)

        first.append(second)
        XCTAssertEqual(first.values(0), (0..<140).map(Float.init))
        XCTAssertEqual(first.values(1), (0..<20).map { Float($0) / 2 })
        XCTAssertTrue(first.values(2).isEmpty)
        XCTAssertEqual((0..<3).map(second.count), [0, 0, 0], "the later part holds nothing after")
        // A list taken whole goes on growing in its last chunk.
        first.append(99, to: 1)
        XCTAssertEqual(first.values(1), (0..<20).map { Float($0) / 2 } + [99])

        first.release(0)
        XCTAssertTrue(first.values(0).isEmpty)
        first.append(7, to: 0)
        XCTAssertEqual(first.values(0), [7])
    }

    /// A join whose later part has handed out more chunks of its block than this one: the
    /// chunks appended after it still come from this part's block, past the ones in use,
    /// and every list keeps its values, those taken whole included.
    func testChunksAfterAJoinComeFromThisPartsBlock() {
        let first = ChunkLists<Float>(slotCount: 4), second = ChunkLists<Float>(slotCount: 4)
        defer { first.deallocate(); second.deallocate() }
        for value in 0..<20 { first.append(Float(value), to: 0) }                 // 2 chunks
        for value in 0..<200 { second.append(Float(1000 + value), to: 1) }        // 13 chunks
        for value in 0..<5 { second.append(Float(-value), to: 0) }
        first.append(second)
        for value in 0..<300 {
            first.append(Float(5000 + value), to: 2)
            first.append(Float(9000 + value), to: 1)
        }
        XCTAssertEqual(first.values(0), (0..<20).map(Float.init) + (0..<5).map { Float(-$0) })
        XCTAssertEqual(first.values(1), (0..<200).map { Float(1000 + $0) } + (0..<300).map { Float(9000 + $0) })
        XCTAssertEqual(first.values(2), (0..<300).map { Float(5000 + $0) })
        XCTAssertTrue(first.values(3).isEmpty)
    }

    /// Values of other sizes: two bytes (interaction ratings) and sixteen (logged events),
    /// across blocks.
    func testOtherValueTypesAcrossBlocks() {
        struct Event: Equatable { var account: Int32; var day: Int32; var rating: Int }
        let ratings = ChunkLists<UInt16>(slotCount: 2), events = ChunkLists<Event>(slotCount: 2)
        defer { ratings.deallocate(); events.deallocate() }
        for step in 0..<40_000 {
            ratings.append(UInt16(truncatingIfNeeded: step), to: step % 2)
            events.append(Event(account: Int32(step), day: -Int32(step), rating: step % 5), to: step % 3 == 0 ? 0 : 1)
        }
        XCTAssertEqual(ratings.values(0), stride(from: 0, to: 40_000, by: 2).map { UInt16(truncatingIfNeeded: $0) })
        XCTAssertEqual(events.values(1), (0..<40_000).filter { $0 % 3 != 0 }.map { Event(account: Int32($0), day: -Int32($0), rating: $0 % 5) })
    }

    /// Lists that grow side by side, as the accounts of a part do, over many blocks; each
    /// keeps its own values in order, whatever the chunks around its own.
    func testInterleavedListsOverManyBlocks() {
        let lists = ChunkLists<Float>(slotCount: 5)
        defer { lists.deallocate() }
        var expected = [[Float]](repeating: [], count: 5)
        for step in 0..<60_000 {
            let slot = (step * 7 + step / 13) % 5
            lists.append(Float(step), to: slot)
            expected[slot].append(Float(step))
        }
        for slot in 0..<5 {
            XCTAssertEqual(lists.values(slot), expected[slot])
            XCTAssertEqual(lists.count(slot), expected[slot].count)
        }
    }

    /// What the medians get: the values in order, for lists of one chunk and of several,
    /// in memory they may reorder.
    func testValuesForTheMedians() {
        let lists = ChunkLists<Float>(slotCount: 4)
        defer { lists.deallocate() }
        let counts = [0, 1, ChunkLists<Float>.chunkValues, ChunkLists<Float>.chunkValues + 1]
        for (slot, count) in counts.enumerated() {
            for value in 0..<count { lists.append(Float(count - value), to: slot) }
        }
        for (slot, count) in counts.enumerated() {
            let seen = lists.withValues(of: slot) { values -> [Float] in
                var values = values
                let inOrder = Array(values)
                values.sort()
                return inOrder
            }
            XCTAssertEqual(seen, (0..<count).map { Float(count - $0) })
            // Up to 16 values are the list's own memory, which the caller reordered; more are a copy.
            let expected = (0..<count).map { Float(count - $0) }
            XCTAssertEqual(lists.values(slot), count <= ChunkLists<Float>.chunkValues ? expected.sorted() : expected)
            XCTAssertEqual(lists.withValues(of: slot) { Median.of(in: $0) }, count == 0 ? nil : Median.of((1...max(count, 1)).map(Double.init)))
        }
    }
}

extension ChunkLists {
    /// The slot's values, in the order appended.
    func values(_ slot: Int) -> [Element] {
        var values: [Element] = []
        forEachValue(of: slot) { values.append($0) }
        return values
    }
}
