import Simulation
import XCTest
@testable import Regression

/// The bound behind taking a Newton step without evaluating the objective
/// (`NewtonIteration.safeEtaChange`): a whole step that moves no row's eta by more than M
/// raises the penalised log-likelihood by at least q (1 - (exp(M) - 1 - M) / M^2), q being
/// the gain the quadratic model predicts twice over (s'Hs).
final class NewtonStepTests: XCTestCase {
    func testAWholeStepWithinTheSafeChangeRaisesTheObjective() {
        var random = SplitMix64(seed: 20_261_130)
        var checked = 0
        for _ in 0..<2_000 {
            let rows = 20 + Int(random.uniform() * 300), columns = 2 + Int(random.uniform() * 4)
            // Features of very different scales, and points from near the answer to far off,
            // so that steps of every size, and large etas, turn up.
            let scales = (0..<columns).map { $0 == 0 ? 1 : exp(3 * random.uniform() - 1) }
            var values = [Double](repeating: 1, count: rows * columns)
            for j in 1..<columns { for i in 0..<rows { values[j * rows + i] = scales[j] * random.normal() } }
            let design = DesignMatrix(rows: rows, names: ["intercept"] + (1..<columns).map { "x\($0)" }, columnMajor: values)
            let labels = (0..<rows).map { _ in random.uniform() < 0.3 ? 1.0 : 0.0 }
            guard labels.contains(1) && labels.contains(0) else { continue }
            let l2 = [0.0, 1, 10][Int(random.uniform() * 3)]
            let model = LogisticLikelihood(design: design, labels: labels,
                                           penaltyWeights: (0..<columns).map { $0 == 0 ? 0 : l2 })
            let spread = [0.05, 0.5, 3][Int(random.uniform() * 3)]
            let coefficients = (0..<columns).map { _ in spread * random.normal() }

            var eta = [Double](repeating: 0, count: rows), half = eta, residuals = eta, direction = eta
            model.linearPredictor(coefficients, into: &eta)
            model.halves(eta: eta, into: &half)
            var gradient = [Double](repeating: 0, count: columns)
            model.score(eta: eta, half: half, coefficients: coefficients, residuals: &residuals, into: &gradient)
            var information = [Double](repeating: 0, count: columns * columns)
            var slab = [Double](repeating: 0, count: rows * columns), slabWeights = [Double](repeating: 0, count: rows)
            model.information(half: half, slab: &slab, slabWeights: &slabWeights, into: &information)
            model.addPenalty(to: &information)
            guard LAPACK.choleskyFactor(&information, order: columns) else { continue }
            var step = gradient
            LAPACK.choleskySolve(factor: information, order: columns, &step)
            model.change(step, into: &direction)
            let largest = direction.map(abs).max()!
            guard largest <= NewtonIteration.safeEtaChange, largest > 0 else { continue }

            let gain = zip(gradient, step).reduce(0) { $0 + $1.0 * $1.1 }   // s'Hs = g's
            let moved = zip(coefficients, step).map { $0 + $1 }
            var movedEta = eta
            for i in 0..<rows { movedEta[i] += direction[i] }
            let before = model.logLikelihood(eta: eta) - model.penalty(coefficients)
            let after = model.logLikelihood(eta: movedEta) - model.penalty(moved)
            let bound = gain * (1 - (exp(largest) - 1 - largest) / (largest * largest))
            let rounding = 1e-12 * (1 + abs(before))
            XCTAssertGreaterThan(after - before, bound - rounding, "rows \(rows), columns \(columns), largest change \(largest)")
            XCTAssertGreaterThan(bound, 0)
            checked += 1
        }
        XCTAssertGreaterThan(checked, 100, "too few steps within the safe change were drawn")
    }
}
