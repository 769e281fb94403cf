import XCTest
@testable import Modeling

/// The AUC counted over scores sorted apart by their bits gives, to the bit, the AUC of
/// the churners' mid-ranks among all scores (the Mann-Whitney statistic as it was first
/// computed here), and the radix sort sorts as `sort()` does.
final class RankMetricsTests: XCTestCase {
    /// A seeded generator, so that a failure comes back on every run.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    func testCountedAUCIsTheMidRankAUCToTheBit() {
        var random = SplitMix(state: 7)
        // Sizes on both sides of the radix sort's threshold; scores continuous, on a coarse
        // grid (many ties), and signed with both zeros.
        for count in [2, 3, 10, 500, 4095, 4096, 20_000] {
            for shape in 0..<3 {
                let scores: [Double] = (0..<count).map { _ in
                    switch shape {
                    case 0: return Double.random(in: 0...1, using: &random)
                    case 1: return Double(Int.random(in: 0...20, using: &random)) / 20
                    default: return [-0.0, 0.0, -1.5, 2.25, -1e-300, 1e300][Int.random(in: 0...5, using: &random)]
                    }
                }
                let labels = (0..<count).map { _ in Double(Int.random(in: 0...3, using: &random) == 0 ? 1 : 0) }
                let expected = RankMetrics.midRankAUC(probabilities: scores, labels: labels)
                let counted = RankMetrics.auc(probabilities: scores, labels: labels)
                XCTAssertEqual(counted?.bitPattern, expected?.bitPattern, "\(count) scores, shape \(shape)")
            }
        }
    }

    func testAUCWithoutBothClassesIsNil() {
        XCTAssertNil(RankMetrics.auc(probabilities: [0.1, 0.2], labels: [1, 1]))
        XCTAssertNil(RankMetrics.auc(probabilities: [0.1, 0.2], labels: [0, 0]))
        XCTAssertNil(RankMetrics.auc(probabilities: [], labels: []))
    }

    func testAUCOfAllTiedScoresIsOneHalf() {
        XCTAssertEqual(RankMetrics.auc(probabilities: Array(repeating: 0.3, count: 5000),
                                       labels: (0..<5000).map { Double($0 % 2) }), 0.5)
    }

    func testAScoreThatIsNaNRanksAsBefore() {
        let scores = [0.2, .nan, 0.9, 0.4, 0.1]
        let labels: [Double] = [1, 0, 1, 0, 0]
        XCTAssertEqual(RankMetrics.auc(probabilities: scores, labels: labels)?.bitPattern,
                       RankMetrics.midRankAUC(probabilities: scores, labels: labels)?.bitPattern)
    }

    func testSortKeysOrderAsTheValues() {
        let values: [Double] = [-.infinity, -1e300, -2, -1e-300, -0.0, 0, 1e-300, 0.5, 1, .infinity]
        for (a, b) in zip(values, values.dropFirst()) {
            if a == b { XCTAssertEqual(SortKey.of(a), SortKey.of(b)) } else { XCTAssertLessThan(SortKey.of(a), SortKey.of(b), "\(a) < \(b)") }
        }
    }

    func testRadixSortSortsAsSortDoes() {
        var random = SplitMix(state: 11)
        for count in [0, 1, 100, 4096, 50_000] {
            // Random keys; keys that share all but their lowest digits; and keys that share
            // the lowest ones only.
            let shapes: [[UInt64]] = [
                (0..<count).map { _ in random.next() },
                (0..<count).map { _ in 0xABCD_0000_0000_0000 | random.next() & 0xFFFF_FFFF },
                (0..<count).map { _ in random.next() & ~0xFFFF | 0x1234 },
            ]
            for keys in shapes {
                var sorted = keys
                RadixSort.sort(&sorted)
                XCTAssertEqual(sorted, keys.sorted(), "\(count) keys")
            }
        }
    }
}
