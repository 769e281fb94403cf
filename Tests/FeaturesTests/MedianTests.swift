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
            let count = Int.random(in: 0...(Int.random(in: 0..<10, using: &random) > 0 ? 300 : 3_000), using: &random)
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

    /// The narrowing rounds of `Median.middleValues`: their sample's bounds missing the
    /// middle (the sampled positions hold the largest values, or the smallest), equal
    /// bounds (one value throughout, or two), and long ranges that take several rounds.
    func testNarrowingMatchesSortingWhereItsBoundsMissOrTie() {
        var random = SplitMix64(seed: 20_261_201)
        for count in [Median.narrowingMinimum, Median.narrowingMinimum + 1, 100, 101, 1_000, 4_097] {
            // Largest values where the sample is taken: the middle lies below the bounds;
            // smallest values there: above them.
            var missing = (0..<count).map { Float($0 % 7) }
            var missingLow = missing
            for j in 0..<15 {
                missing[Median.samplePosition(j, count: count)] = 1e6 + Float(j)
                missingLow[Median.samplePosition(j, count: count)] = -1e6 - Float(j)
            }
            let constant = [Float](repeating: 42, count: count)
            let twoValues = (0..<count).map { _ in Float(Int.random(in: 0..<2, using: &random)) }
            let wide = (0..<count).map { _ in Float(Int.random(in: 0..<1_000_000, using: &random)) / 8 }
            for values in [missing, missingLow, constant, twoValues, wide, wide.sorted(), wide.sorted().reversed()] {
                var copy = values
                XCTAssertEqual(SessionTally.median(&copy)?.bitPattern, sortedMedian(values)?.bitPattern, "\(count)")
            }
        }
    }

    /// An even count whose middle two values lie on either side of a sampled bound: the
    /// sampled positions all hold 100, with exactly half the values below it, or exactly
    /// half above.
    func testMiddleTwoStraddlingABound() {
        let count = 64
        let sampled = Set((0..<15).map { Median.samplePosition($0, count: count) })
        for belowCount in [count / 2, count / 2 - sampled.count] {
            var (values, below) = ([Float](), Float(0))
            var above = Float(200)
            for index in 0..<count {
                if sampled.contains(index) { values.append(100) }
                else if Float(values.filter { $0 < 100 }.count) < Float(belowCount) { below += 1; values.append(below) }
                else { above += 1; values.append(above) }
            }
            XCTAssertEqual(values.filter { $0 < 100 }.count, belowCount)
            var copy = values
            XCTAssertEqual(SessionTally.median(&copy)?.bitPattern, sortedMedian(values)?.bitPattern, "\(values)")
        }
    }

    /// Ranks counted eight at a time: every position of every count up to the most it
    /// takes, with ties (few distinct values) and without.
    func testRankCountingFindsEveryPosition() {
        var random = SplitMix64(seed: 20_261_130_2)
        for count in 1...Median.smallMaximum {
            for spread in [1, 3, 1_000_000] {
                let values = (0..<count).map { _ in Float(Int.random(in: 0..<spread, using: &random)) / 8 }
                let sorted = values.sorted()
                for low in 0..<count {
                    let high = min(low + 1, count - 1)
                    let found = values.withUnsafeBufferPointer { Median.smallMiddleValues(in: $0, low: low, high: high) }
                    XCTAssertEqual(found.0, sorted[low], "\(values) at \(low)")
                    XCTAssertEqual(found.1, sorted[high], "\(values) at \(high)")
                }
            }
        }
    }

    /// The sample's sorting network sorts every input of 16 zeros and ones, and so, by
    /// the 0-1 principle, any 16 values.
    func testSortingNetworkSortsEveryZeroOneInput() {
        XCTAssertEqual(Median.sortingNetwork16.count, 63)
        for bits in 0..<(1 << 16) {
            var values = (0..<16).map { (bits >> $0) & 1 }
            for (i, j) in Median.sortingNetwork16 where values[i] > values[j] { values.swapAt(i, j) }
            XCTAssertEqual(values, values.sorted(), "input \(bits)")
            if values != values.sorted() { return }
        }
    }

    /// NaN bounds end narrowing (no part can be kept around one) instead of leaving no
    /// values to rank, which trapped.
    func testNaNBoundsEndNarrowing() {
        let count = Median.narrowingMinimum
        var values = (0..<count).map { Float($0) }
        for j in 0..<15 { values[Median.samplePosition(j, count: count)] = .nan }
        _ = values.withUnsafeMutableBufferPointer { Median.middleValues(in: $0) }
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
