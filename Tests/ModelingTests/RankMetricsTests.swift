import Simulation
import XCTest
@testable import Modeling

/// The AUC counted over scores sorted apart by their bits gives, to the bit, the AUC of
/// the churners' mid-ranks among all scores (the Mann-Whitney statistic as it was first
/// computed here), and the radix sort sorts as `sort()` does.
final class RankMetricsTests: XCTestCase {
    func testCountedAUCIsTheMidRankAUCToTheBit() {
        var random = SplitMix64(seed: 7)   // seeded: a failure comes back on every run
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

    /// Each class sorted by the radix sort or by `sort()`, whichever its own size calls for.
    func testCountedAUCOnEitherSideOfTheSortsThreshold() {
        var random = SplitMix64(seed: 5)
        for (churners, stayers) in [(4095, 4095), (4096, 4096), (4095, 4096), (4096, 4095), (10, 9000), (9000, 10)] {
            let labels = [Double](repeating: 1, count: churners) + [Double](repeating: 0, count: stayers)
            let scores = labels.map { _ in Double(Int.random(in: 0...5000, using: &random)) / 5000 }
            XCTAssertEqual(RankMetrics.auc(probabilities: scores, labels: labels)?.bitPattern,
                           RankMetrics.midRankAUC(probabilities: scores, labels: labels)?.bitPattern,
                           "\(churners) churners, \(stayers) stayers")
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

    /// With a NaN the scores are ranked by `<` as before. Here the sort sees the NaN as
    /// neither below nor above anything, and the rest in order: 0.1, 0.2, 0.4, 0.9.
    func testAScoreThatIsNaNRanksAsBefore() {
        let scores = [0.1, 0.2, 0.4, 0.9, .nan]
        let labels: [Double] = [0, 1, 0, 1, 0]
        // Churners 0.2 (above 0.1) and 0.9 (above 0.1 and 0.4); the NaN's rank is its place.
        XCTAssertEqual(RankMetrics.auc(probabilities: scores, labels: labels),
                       RankMetrics.midRankAUC(probabilities: scores, labels: labels))
        XCTAssertEqual(RankMetrics.auc(probabilities: scores, labels: labels)!, 3.0 / 6, accuracy: 1e-15)
    }

    func testSortKeysOrderAsTheValues() {
        let values: [Double] = [-.infinity, -1e300, -2, -1e-300, -0.0, 0, 1e-300, 0.5, 1, .infinity]
        for (a, b) in zip(values, values.dropFirst()) {
            if a == b { XCTAssertEqual(SortKey.of(a), SortKey.of(b)) } else { XCTAssertLessThan(SortKey.of(a), SortKey.of(b), "\(a) < \(b)") }
        }
    }

    func testRadixSortSortsAsSortDoes() {
        var random = SplitMix64(seed: 11)
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
