import XCTest
@testable import Features

/// The session tally's lists of lengths: appended past several growths, joined part to
/// part (an empty list takes the later part's memory, a full one copies it), released.
final class FloatListsTests: XCTestCase {
    func testAppendJoinAndRelease() {
        let first = FloatLists(slotCount: 3), second = FloatLists(slotCount: 3)
        defer { first.deallocate(); second.deallocate() }
        for value in 0..<100 { first.append(Float(value), to: 0) }
        // 100 values take a capacity of 128: the 40 joined below make it grow again.
        for value in 100..<140 { second.append(Float(value), to: 0) }
        for value in 0..<20 { second.append(Float(value) / 2, to: 1) }
        XCTAssertEqual(Array(first[0]), (0..<100).map(Float.init))
        XCTAssertTrue(first[1].isEmpty && first[2].isEmpty)

        for slot in 0..<3 { first.appendPart(of: slot, from: second) }
        XCTAssertEqual(Array(first[0]), (0..<140).map(Float.init))
        XCTAssertEqual(Array(first[1]), (0..<20).map { Float($0) / 2 })
        XCTAssertTrue(first[2].isEmpty)
        // The later part's list that was taken is empty there now, so it is freed once.
        XCTAssertTrue(second[1].isEmpty)

        first.release(0)
        XCTAssertTrue(first[0].isEmpty)
        first.append(7, to: 0)
        XCTAssertEqual(Array(first[0]), [7])
    }
}
