import Modeling
import XCTest
@testable import Evaluation

/// DeLong's AUC variance and paired test. Reference values come from a direct O(m n)
/// numpy implementation of the 1988 paper's formulas (`delong` in
/// scripts/honest_numbers_reference.py, run as `python3 scripts/honest_numbers_reference.py`),
/// independent of the midrank algorithm the Swift code uses. Tolerance 1e-12 relative.
final class DeLongTests: XCTestCase {
    /// 12 accounts made up by hand, with ties within and across the classes.
    static let tieLabels: [Double] = [1, 0, 1, 0, 0, 1, 0, 1, 0, 0, 1, 0]
    static let tieA = [0.9, 0.3, 0.7, 0.7, 0.1, 0.4, 0.2, 0.8, 0.4, 0.5, 0.7, 0.3]
    static let tieB: [Double] = [3, 1, 2, 2, 1, 2, 3, 3, 1, 2, 1, 1]

    func testSingleScoresWithTies() throws {
        let a = try DeLong(scores: [Self.tieA], labels: Self.tieLabels)
        XCTAssertEqual(a.churners, 5)
        XCTAssertEqual(a.stayers, 7)
        assertClose(a.aucs[0], 0.9)
        assertClose(a.variance(0), 0.007721088435374149)
        // The upper end, 1.072, is cut at 1 as pROC's ci.auc does.
        assertClose(a.interval(0).lower, 0.7277785051875713)
        XCTAssertEqual(a.interval(0).upper, 1)

        let b = try DeLong(scores: [Self.tieB], labels: Self.tieLabels)
        assertClose(b.aucs[0], 0.7142857142857143)
        assertClose(b.variance(0), 0.023979591836734697)
        assertClose(b.interval(0).lower, 0.41077852396253706)
    }

    func testPairedComparisonWithTies() throws {
        let both = try DeLong(scores: [Self.tieA, Self.tieB], labels: Self.tieLabels)
        let expected = [0.007721088435374149, 0.00272108843537415, 0.00272108843537415, 0.023979591836734697]
        for (value, reference) in zip(both.covariance, expected) { assertClose(value, reference) }
        let difference = both.difference(0, 1)
        assertClose(difference.difference, 0.18571428571428572)
        assertClose(difference.lower, -0.13188760267648436)
        assertClose(difference.upper, 0.5033161741050558)
        assertClose(difference.pValue, 0.25176708154396743)
        XCTAssertFalse(difference.isSignificant)
        // The other way round: the same test, mirrored.
        let reversed = both.difference(1, 0)
        assertClose(reversed.difference, -0.18571428571428572)
        assertClose(reversed.pValue, 0.25176708154396743)
    }

    /// Hanley & McNeil (1982), "The meaning and use of the area under a receiver operating
    /// characteristic (ROC) curve", Radiology 143: 29-36, Table 1: 58 normal and 51
    /// abnormal CT images rated 1-5. The paper gives an area of 0.893 and a standard error of
    /// 0.032 by its exponential approximation; DeLong's nonparametric variance gives 0.0307.
    func testHanleyMcNeilExample() throws {
        let normal = [33, 6, 6, 11, 2], abnormal = [3, 2, 2, 11, 33]
        var ratings: [Double] = [], labels: [Double] = []
        for (rating, count) in zip(1...5, normal) {
            ratings += Array(repeating: Double(rating), count: count)
            labels += Array(repeating: 0, count: count)
        }
        for (rating, count) in zip(1...5, abnormal) {
            ratings += Array(repeating: Double(rating), count: count)
            labels += Array(repeating: 1, count: count)
        }
        let delong = try DeLong(scores: [ratings], labels: labels)
        XCTAssertEqual(delong.aucs[0], 0.893, accuracy: 0.0005, "the published area")
        XCTAssertEqual(delong.variance(0).squareRoot(), 0.032, accuracy: 0.0015, "the published standard error")
        assertClose(delong.aucs[0], 0.8931710615280595)
        assertClose(delong.variance(0), 0.0009439892702629846)
        assertClose(delong.interval(0).lower, 0.8329523276581718)
        assertClose(delong.interval(0).upper, 0.9533897953979471)
    }

    /// On 300 accounts with coarse, heavily tied scores, the midrank algorithm agrees with
    /// the definition computed pair by pair, and its AUC with the one `evaluate` reports.
    func testMidranksAgreeWithTheDefinition() throws {
        var generator = SeededGenerator(seed: 42)
        let labels = (0..<300).map { _ in Double.random(in: 0..<1, using: &generator) < 0.2 ? 1.0 : 0.0 }
        let first = labels.map { ($0 + Double.random(in: 0..<2, using: &generator)).rounded(.down) }
        let second = labels.map { (0.5 * $0 + Double.random(in: 0..<3, using: &generator) * 2).rounded() / 2 }
        let delong = try DeLong(scores: [first, second], labels: labels)
        let reference = BruteForceDeLong(scores: [first, second], labels: labels)
        for k in 0..<2 {
            assertClose(delong.aucs[k], reference.aucs[k])
            assertClose(delong.aucs[k], try XCTUnwrap(RankMetrics.auc(probabilities: [first, second][k], labels: labels)))
        }
        for (value, expected) in zip(delong.covariance, reference.covariance) { assertClose(value, expected) }
    }

    func testIdenticalScoresAreNotDifferent() throws {
        let same = try DeLong(scores: [Self.tieA, Self.tieA], labels: Self.tieLabels).difference(0, 1)
        XCTAssertEqual(same, AUCDifference(difference: 0, lower: 0, upper: 0, pValue: 1))
    }

    func testTooFewOfAClass() {
        XCTAssertThrowsError(try DeLong(scores: [[0.1, 0.2, 0.3]], labels: [1, 0, 0])) {
            XCTAssertEqual($0 as? DeLongError, .tooFewOfAClass(churners: 1, stayers: 2))
        }
    }
}

/// `|actual - expected| <= 1e-12 |expected|`.
func assertClose(_ actual: Double, _ expected: Double, _ tolerance: Double = 1e-12,
                 file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertLessThanOrEqual(abs(actual - expected), tolerance * abs(expected), "\(actual) vs \(expected)",
                             file: file, line: line)
}

/// DeLong's estimator computed pair by pair, as the 1988 paper writes it, for the tests:
/// psi = 1, 1/2, 0 as the churner's score is above, equal to or below the stayer's.
struct BruteForceDeLong {
    let aucs: [Double]
    /// Row-major, k x k.
    let covariance: [Double]

    init(scores: [[Double]], labels: [Double]) {
        let positives = labels.indices.filter { labels[$0] == 1 }, negatives = labels.indices.filter { labels[$0] == 0 }
        let m = Double(positives.count), n = Double(negatives.count)
        var v10: [[Double]] = [], v01: [[Double]] = []
        for score in scores {
            func psi(_ i: Int, _ j: Int) -> Double { score[i] > score[j] ? 1 : score[i] == score[j] ? 0.5 : 0 }
            v10.append(positives.map { i in negatives.reduce(0) { $0 + psi(i, $1) } / n })
            v01.append(negatives.map { j in positives.reduce(0) { $0 + psi($1, j) } / m })
        }
        aucs = v10.map { $0.reduce(0, +) / m }
        func covariance(_ v: [[Double]], _ a: Int, _ b: Int) -> Double {
            let count = Double(v[a].count)
            let meanA = v[a].reduce(0, +) / count, meanB = v[b].reduce(0, +) / count
            return zip(v[a], v[b]).reduce(0) { $0 + ($1.0 - meanA) * ($1.1 - meanB) } / (count - 1)
        }
        let k = scores.count
        self.covariance = (0..<(k * k)).map { covariance(v10, $0 / k, $0 % k) / m + covariance(v01, $0 / k, $0 % k) / n }
    }
}

/// SplitMix64, so that test data are the same on every run.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}
