import XCTest
@testable import Regression

final class PenaltySelectionTests: XCTestCase {
    /// A deterministic two-feature problem: y depends on x1 only, x2 is noise. Additive
    /// recurrences of irrational numbers stand in for random draws: evenly spread, and
    /// the same on every machine.
    func noisyDesign(rows: Int) -> (DesignMatrix, [Double]) {
        func spread(_ i: Int, _ step: Double) -> Double { (Double(i) * step).truncatingRemainder(dividingBy: 1) }
        let x1 = (0..<rows).map { 4 * spread($0, 0.618_033_988_749_895) - 2 }
        let x2 = (0..<rows).map { 4 * spread($0, 0.414_213_562_373_095) - 2 }
        let y = (0..<rows).map { spread($0, 0.732_050_807_568_877) < 1 / (1 + exp(-(-1 + 1.2 * x1[$0]))) ? 1.0 : 0 }
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
