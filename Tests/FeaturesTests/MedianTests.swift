import Simulation
import XCTest
@testable import Features

/// The median by selection must be the median by sorting, bit for bit.
final class MedianTests: XCTestCase {
    private func sortedMedian(_ values: [Float]) -> Double? {
        guard values.count >= 3 else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        if sorted.count % 2 == 1 { return Double(sorted[middle]) }
        return (Double(sorted[middle - 1]) + Double(sorted[middle])) / 2
    }

    func testSelectionMatchesSorting() {
        var random = SplitMix64(seed: 20_261_130)
        for _ in 0..<5_000 {
            let count = Int.random(in: 0...300, using: &random)
            // Few distinct values in half the cases, so ties and runs of equal values are common.
            let spread = Bool.random(using: &random) ? 5 : 100_000
            var values = (0..<count).map { _ in Float(Int.random(in: 0..<spread, using: &random)) / 4 }
            if count > 0 && Int.random(in: 0..<10, using: &random) == 0 { values[Int.random(in: 0..<count, using: &random)] = -0.0 }
            let expected = sortedMedian(values)
            var copy = values
            let median = SessionTally.median(&copy)
            XCTAssertEqual(median?.bitPattern, expected?.bitPattern, "\(values)")
        }
    }

    func testSortedAndReversedInputs() {
        for count in [3, 4, 17, 18, 1_000, 1_001] {
            var ascending = (0..<count).map { Float($0) }
            var descending = Array(ascending.reversed())
            let expected = count % 2 == 1 ? Double(count / 2) : Double(count - 1) / 2
            XCTAssertEqual(SessionTally.median(&ascending), expected)
            XCTAssertEqual(SessionTally.median(&descending), expected)
        }
    }
}
