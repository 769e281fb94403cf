import Parallel
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

    /// The search hands back the mean of its folds' coefficients under the chosen penalty:
    /// a fit on every row started there reaches the fit from zero in fewer steps.
    func testSearchStartIsTheFoldMeanAndShortensTheFinalFit() throws {
        let (design, labels) = noisyDesign(rows: 1_000)
        let fold = (0..<1_000).map { ($0 * 7) % 5 }
        let result = PenaltySelection().choose(design, labels: labels, fold: fold)
        let start = try XCTUnwrap(result.start)
        var mean = [Double](repeating: 0, count: design.columns)
        for k in 0..<5 {
            let train = fold.indices.filter { fold[$0] != k }
            let fit = try LogisticRegression(l2: result.l2 * Double(train.count) / 1_000)
                .fit(design.rows(train), labels: train.map { labels[$0] })
            for j in mean.indices { mean[j] += fit.coefficients[j] / 5 }
        }
        for (a, b) in zip(start, mean) { XCTAssertEqual(a, b, accuracy: 1e-9 * (1 + abs(b))) }
        let cold = try LogisticRegression(l2: result.l2).fit(design, labels: labels)
        let warm = try LogisticRegression(l2: result.l2).fit(design, labels: labels, start: start)
        for (a, b) in zip(warm.coefficients, cold.coefficients) { XCTAssertEqual(a, b, accuracy: 1e-12 * (1 + abs(b))) }
        XCTAssertLessThan(warm.iterations, cold.iterations)
    }

    func testSeparatedDataRulesOutNoPenalty() {
        let x = (0..<40).map { Double($0) }
        let y = x.map { $0 < 20 ? 0.0 : 1.0 }
        let design = DesignMatrix.withIntercept(features: [x], names: ["x"])
        let result = PenaltySelection().choose(design, labels: y, fold: (0..<40).map { $0 % 5 })
        XCTAssertNil(result.trials[0].heldOutDeviance, "no finite maximum without a penalty")
        XCTAssertGreaterThan(result.l2, 0)
    }

    /// The search runs its folds at once and starts each fit from the previous candidate's
    /// answer; its held-out deviances must be those of the plain search, every fit from
    /// zero, one after the other, to 1e-11 relative: the search's fits take their last step
    /// once it is below 1e-6, which leaves an error near its square, or near its size times
    /// the step before when it was taken on that step's X'WX.
    func testWarmStartedParallelSearchMatchesColdSerialFits() throws {
        let (design, labels) = noisyDesign(rows: 1_000)
        let fold = (0..<1_000).map { ($0 * 7) % 5 }
        let result = PenaltySelection().choose(design, labels: labels, fold: fold)
        for trial in result.trials {
            var total = 0.0
            for k in 0..<5 {
                let train = fold.indices.filter { fold[$0] != k }, test = fold.indices.filter { fold[$0] == k }
                let fit = try LogisticRegression(l2: trial.l2 * Double(train.count) / 1_000)
                    .fit(design.rows(train), labels: train.map { labels[$0] })
                for (p, row) in zip(fit.predictProbabilities(design.rows(test)), test) {
                    total -= 2 * log(labels[row] == 1 ? p : 1 - p)
                }
            }
            XCTAssertEqual(trial.heldOutDeviance!, total, accuracy: 1e-11 * total, "l2 \(trial.l2)")
        }
    }

    /// Every fold walks every candidate exactly once, largest penalty first within a walk;
    /// only the folds left over after whole rounds of the cores walk in two halves.
    func testChainsCoverEveryFoldAndCandidateOnce() {
        let order = [6, 5, 4, 3, 2, 1, 0]
        for (folds, cores, expected) in [(5, 2, 6), (4, 2, 4), (5, 1, 5), (5, 4, 6), (5, 8, 10), (3, 2, 4)] {
            let chains = PenaltySelection.chains(folds: folds, candidates: order, cores: cores)
            XCTAssertEqual(chains.count, expected, "\(folds) folds on \(cores) cores")
            for fold in 0..<folds {
                let walks = chains.filter { $0.fold == fold }.map { Array($0.walk) }
                XCTAssertEqual(walks.flatMap { $0 }, order, "fold \(fold)")
            }
        }
    }

    /// From a nearby penalty's answer the fit reaches the same maximum in fewer steps.
    func testWarmStartReachesTheSameFitInFewerSteps() throws {
        let (design, labels) = noisyDesign(rows: 1_000)
        let near = try LogisticRegression(l2: 30).fit(design, labels: labels)
        let cold = try LogisticRegression(l2: 10).fit(design, labels: labels)
        let warm = try LogisticRegression(l2: 10).fit(design, labels: labels, start: near.coefficients)
        for (a, b) in zip(warm.coefficients, cold.coefficients) { XCTAssertEqual(a, b, accuracy: 1e-10 * (1 + abs(b))) }
        XCTAssertEqual(warm.logLikelihood, cold.logLikelihood, accuracy: 1e-10 * abs(cold.logLikelihood))
        XCTAssertLessThan(warm.iterations, cold.iterations)
    }

    /// With OpenBLAS's idle workers stopped (as the command line does first thing), a fit
    /// large enough for threads starts them again and gets the fit of one thread.
    func testStoppedWorkersStartAgainForALargeFit() throws {
        guard BLASThreads.current != nil else { throw XCTSkip("the loaded BLAS has no threads") }
        let rows = 120_000, columns = 30   // 108 million multiply-adds per Gram matrix
        XCTAssertTrue(BLASThreads.pays(rows: rows, columns: columns))
        func spread(_ i: Int, _ step: Double) -> Double { (Double(i) * step).truncatingRemainder(dividingBy: 1) }
        let features = (1..<columns).map { j in (0..<rows).map { spread($0, 0.618_033_988_749_895 / Double(j)) - 0.5 } }
        let labels = (0..<rows).map { spread($0, 0.732_050_807_568_877) < 1 / (1 + exp(-features[0][$0])) ? 1.0 : 0 }
        let design = DesignMatrix.withIntercept(features: features, names: (1..<columns).map { "x\($0)" })
        let single = try BLASThreads.single { try LogisticRegression().fit(design, labels: labels) }
        BLASThreads.stopIdleWorkers()
        let threaded = try LogisticRegression().fit(design, labels: labels)
        for (a, b) in zip(threaded.coefficients, single.coefficients) { XCTAssertEqual(a, b, accuracy: 1e-12 * (1 + abs(b))) }
    }

    /// Stopped workers stay stopped through single-thread work (setting OpenBLAS's count,
    /// even to one, would start them: a penalty search had one spinning beside its
    /// threads), and a threaded fit gets the count from before the stop.
    func testSingleThreadWorkLeavesStoppedWorkersStopped() throws {
        guard BLASThreads.current != nil else { throw XCTSkip("the loaded BLAS has no threads") }
        BLASThreads.stopIdleWorkers()
        XCTAssertEqual(BLASThreads.current, 1)
        let threads = try FileManager.default.contentsOfDirectory(atPath: "/proc/self/task").count
        let design = DesignMatrix.withIntercept(features: [(0..<400).map { Double($0 % 17) }], names: ["x"])
        let labels = (0..<400).map { Double($0 % 3 == 0 ? 1 : 0) }
        _ = try BLASThreads.single { try LogisticRegression(l2: 1).fit(design, labels: labels) }
        _ = try LogisticRegression().fit(design, labels: labels)
        XCTAssertEqual(BLASThreads.current, 1)
        XCTAssertLessThanOrEqual(try FileManager.default.contentsOfDirectory(atPath: "/proc/self/task").count, threads)
        // OpenBLAS's own count is one per core unless the environment sets it.
        let environment = ProcessInfo.processInfo.environment
        let threadsExpected = onlineCores > 1
            && environment["OPENBLAS_NUM_THREADS"] == nil && environment["OMP_NUM_THREADS"] == nil
        BLASThreads.forDesign(rows: 1_000_000, columns: 21) {
            if threadsExpected { XCTAssertGreaterThan(BLASThreads.current ?? 0, 1) }
        }
        XCTAssertEqual(BLASThreads.current, 1)
    }

    /// One BLAS thread inside a scope, the process's count again after the last of
    /// several nested and overlapping scopes; nothing to check without OpenBLAS.
    func testBLASThreadScopesRestoreTheCount() throws {
        guard let before = BLASThreads.current else { throw XCTSkip("the loaded BLAS has no threads") }
        BLASThreads.single {
            XCTAssertEqual(BLASThreads.current, 1)
            DispatchQueue.concurrentPerform(iterations: 8) { _ in
                BLASThreads.single { XCTAssertEqual(BLASThreads.current, 1) }
            }
            XCTAssertEqual(BLASThreads.current, 1)
        }
        XCTAssertEqual(BLASThreads.current, before)
        // Large (threaded) fits and single-thread scopes from many threads at once: every
        // single-thread scope sees one thread, a threaded fit never sees the count change
        // under it, nothing waits forever, and the count is restored.
        DispatchQueue.concurrentPerform(iterations: 16) { task in
            if task % 2 == 0 {
                BLASThreads.single { XCTAssertEqual(BLASThreads.current, 1) }
            } else {
                BLASThreads.forDesign(rows: 1_000_000, columns: 21) {
                    let seen = BLASThreads.current
                    usleep(1_000)
                    XCTAssertEqual(BLASThreads.current, seen)
                }
            }
        }
        XCTAssertEqual(BLASThreads.current, before)
        XCTAssertFalse(BLASThreads.pays(rows: 40_000, columns: 11))
        XCTAssertTrue(BLASThreads.pays(rows: 1_000_000, columns: 21))
    }
}
