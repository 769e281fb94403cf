import XCTest
@testable import Regression

final class PenaltySelectionTests: XCTestCase {
    /// A deterministic two-feature problem: y depends on x1 only, x2 is noise.
    func noisyDesign(rows: Int) -> (DesignMatrix, [Double]) {
        var generator = SeededGenerator(seed: 7)
        var x1 = [Double](), x2 = [Double](), y = [Double]()
        for _ in 0..<rows {
            let a = generator.normal(), b = generator.normal()
            x1.append(a); x2.append(b)
            y.append(generator.uniform() < 1 / (1 + exp(-(-1 + 1.2 * a))) ? 1 : 0)
        }
        return (DesignMatrix.withIntercept(features: [x1, x2], names: ["x1", "x2"]), y)
    }

    func testChoosesTheSmallestHeldOutDevianceAndIsDeterministic() {
        let (design, labels) = noisyDesign(rows: 400)
        let fold = (0..<400).map { $0 % 5 }
        let first = PenaltySelection().choose(design, labels: labels, fold: fold)
        let again = PenaltySelection().choose(design, labels: labels, fold: fold)
        XCTAssertEqual(first.trials, again.trials)
        XCTAssertEqual(first.trials.map(\.l2), PenaltySelection.defaultCandidates)
        let best = first.trials.compactMap { t in t.heldOutDeviance.map { (t.l2, $0) } }.min { $0.1 < $1.1 }!
        XCTAssertEqual(first.l2, best.0)
        // A strong, real effect on 400 rows needs little shrinkage.
        XCTAssertLessThanOrEqual(first.l2, 10)
        // Each trial's deviance is a sum over all 400 held-out rows: between a perfect
        // model (0) and a coin (400 x 2 ln 2).
        for trial in first.trials { XCTAssertTrue((0...(800 * log(2))).contains(trial.heldOutDeviance!)) }
    }

    func testSeparatedDataRulesOutNoPenalty() {
        let x = (0..<40).map { Double($0) }
        let y = x.map { $0 < 20 ? 0.0 : 1.0 }
        let design = DesignMatrix.withIntercept(features: [x], names: ["x"])
        let result = PenaltySelection().choose(design, labels: y, fold: (0..<40).map { $0 % 5 })
        XCTAssertNil(result.trials[0].heldOutDeviance, "no finite maximum without a penalty")
        XCTAssertGreaterThan(result.l2, 0)
    }
}

/// A small seeded generator (SplitMix64) so the test data is the same on every run.
struct SeededGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func uniform() -> Double { Double(next() >> 11) / Double(1 << 53) }
    mutating func normal() -> Double { (-2 * log(uniform() + 1e-300)).squareRoot() * cos(2 * .pi * uniform()) }
}
