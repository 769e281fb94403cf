import Foundation
import Parallel

/// Chooses the ridge penalty by k-fold cross-validation: for each candidate, fit on all
/// folds but one and measure the deviance of the held-out fold; the candidate with the
/// smallest total held-out deviance wins.
///
/// Held-out deviance (log loss) is the criterion because it judges the probabilities
/// themselves, not only their order; it is what the fitted model will be used for.
package struct PenaltySelection: Sendable {
    /// Candidates, spaced about 3x apart: finer steps change held-out deviance by less
    /// than its fold-to-fold noise. 0 (no penalty) is always a candidate.
    package static let defaultCandidates: [Double] = [0, 1, 3, 10, 30, 100, 300]
    /// Five folds: each fit sees 80% of the rows, the usual balance between the bias of
    /// small training folds and the noise of small test folds.
    package static let defaultFolds = 5

    /// Newton's tolerance for the search's fits (default fits: 1e-8). A fit stops once a
    /// step is this small, and the error left after it is about its square, 1e-12, or its
    /// size times the step before's when it was taken on that step's X'WX
    /// (`NewtonIteration.run`, `reusingFactor`). When this tolerance came in, the held-out
    /// deviances of the 1 GB benchmark base agreed with those of 1e-8 fits to 1e-10 (of
    /// 23,070), and the search took 0.102 s instead of 0.118 s, a fifth of its fits one
    /// Newton step shorter. The chosen penalty's final fit keeps 1e-8.
    package static let searchTolerance = 1e-6

    package var candidates: [Double]
    package var folds: Int

    package init(candidates: [Double] = PenaltySelection.defaultCandidates, folds: Int = PenaltySelection.defaultFolds) {
        precondition(!candidates.isEmpty && folds >= 2, "need candidates and at least two folds")
        self.candidates = candidates
        self.folds = folds
    }

    /// One candidate's result: total held-out deviance, or nil when some fold could not
    /// be fitted (for example separation without a penalty).
    package struct Trial: Sendable, Equatable {
        package let l2: Double
        package let heldOutDeviance: Double?
    }

    /// - Parameters:
    ///   - fold: the fold of each row, in 0..<folds; rows of one account should share a
    ///     fold, so that no account is both trained and tested on.
    ///     `FoldAssignment.fold(of:folds:)` of the account id does both, the same way on
    ///     every run.
    /// - Returns: the chosen penalty; every candidate's trial, in candidate order; and the
    ///   mean of the folds' coefficients under the chosen penalty (nil when nothing was
    ///   chosen), where a fit on every row under that penalty is best started: on the 1 GB
    ///   benchmark base it took 3 Newton steps from there, 7 from zero.
    package func choose(_ design: DesignMatrix, labels: [Double], fold: [Int],
                       penalized: [Bool]? = nil) -> (l2: Double, trials: [Trial], start: [Double]?) {
        precondition(fold.count == design.rows && labels.count == design.rows, "one fold and label per row")
        // Each fold's training and test matrices are cut once, not once per candidate, and
        // all at once on every core: five folds of 40,000 x 11 took 9 ms one after the
        // other, 4.4 ms so (the rows copied through pointers).
        let cut = TaskSlots(count: folds) { _ in FoldSplit?.none }
        DispatchQueue.concurrentPerform(iterations: folds) { k in
            let test = fold.indices.filter { fold[$0] == k }
            guard !test.isEmpty else { return }
            let train = fold.indices.filter { fold[$0] != k }
            cut[k] = FoldSplit(trainDesign: design.rows(train), trainLabels: train.map { labels[$0] },
                               testDesign: design.rows(test), testLabels: test.map { labels[$0] })
        }
        let splits = cut.takeAll().compactMap { $0 }
        // Each fold walks the candidates from the largest penalty down, each fit starting
        // from the previous one's coefficients: a nearby penalty's answer is a few Newton
        // steps from its own. The folds are independent, so they run on every core at
        // once, each fit's BLAS on its own thread.
        let order = candidates.indices.sorted { candidates[$0] > candidates[$1] }
        let chains = PenaltySelection.chains(folds: splits.count, candidates: order, cores: onlineCores)
        // Per fold and candidate, each held-out row's deviance (nil where the fit failed).
        let terms = TaskSlots(count: splits.count * candidates.count) { _ in [Double]?.none }
        // Per fold and candidate, the coefficients fitted.
        let fitted = TaskSlots(count: splits.count * candidates.count) { _ in [Double]?.none }
        BLASThreads.single {
            DispatchQueue.concurrentPerform(iterations: chains.count) { chain in
                let (k, walk) = chains[chain]
                let split = splits[k]
                var start = split.interceptOnlyStart
                for candidate in walk {
                    // The penalty is scaled to the share of rows each fold fits on, so it
                    // weighs against the likelihood as it will in the final fit on every row.
                    let scaled = candidates[candidate] * Double(split.trainDesign.rows) / Double(design.rows)
                    guard let coefficients = try? LogisticRegression(l2: scaled, tolerance: PenaltySelection.searchTolerance).coefficients(
                        split.trainDesign, labels: split.trainLabels, penalized: penalized, start: start)
                    else { continue }
                    start = coefficients
                    fitted[k * candidates.count + candidate] = coefficients
                    terms[k * candidates.count + candidate] = zip(split.testDesign.probabilities(coefficients),
                                                                  split.testLabels).map { p, label in
                        // Clamped so one confident miss counts as large, not infinite.
                        -2 * log(min(max(label == 1 ? p : 1 - p, 1e-15), 1))
                    }
                }
            }
        }
        // Summed in fold and row order, whatever order the folds finished in.
        let trials = candidates.indices.map { candidate -> Trial in
            var total = 0.0
            for k in splits.indices {
                guard let rowTerms = terms[k * candidates.count + candidate] else {
                    return Trial(l2: candidates[candidate], heldOutDeviance: nil)
                }
                for term in rowTerms { total += term }
            }
            return Trial(l2: candidates[candidate], heldOutDeviance: total)
        }
        // Ties go to the smaller penalty, the less biased estimate.
        let best = trials.indices.filter { trials[$0].heldOutDeviance != nil }
            .min { trials[$0].heldOutDeviance! < trials[$1].heldOutDeviance! }
        guard let best else { return (candidates.max()!, trials, nil) }
        // A trial has a deviance only when every fold was fitted.
        var start = [Double](repeating: 0, count: design.columns)
        for k in splits.indices {
            for (j, coefficient) in fitted[k * candidates.count + best]!.enumerated() { start[j] += coefficient }
        }
        return (candidates[best], trials, start.map { $0 / Double(splits.count) })
    }

    /// The walks through the candidates (largest penalty first), as (fold, candidates)
    /// tasks for `cores` threads: one per fold, except that the folds that would run alone
    /// at the end (five folds on two cores: the fifth) walk in two halves at once, the
    /// second half from the intercept-only start. On two cores the search took three
    /// folds' time, and now about two and a half.
    static func chains(folds: Int, candidates order: [Int], cores: Int) -> [(fold: Int, walk: ArraySlice<Int>)] {
        let whole = folds - folds % max(cores, 1)
        var chains = (0..<whole).map { ($0, order[...]) }
        for fold in whole..<folds {
            let half = (order.count + 1) / 2
            chains.append((fold, order[..<half]))
            if half < order.count { chains.append((fold, order[half...])) }
        }
        return chains
    }

    /// One fold's rows: fitted on the others, tested on its own.
    private struct FoldSplit: Sendable {
        let trainDesign: DesignMatrix
        let trainLabels: [Double]
        let testDesign: DesignMatrix
        let testLabels: [Double]

        /// Where the first, most penalised fit starts: the intercept at the log-odds of the
        /// training rows' event rate, every other coefficient 0, which is that fit's answer
        /// as the penalty grows. From there it took 6 Newton steps instead of 7 from zero.
        /// nil (start from zero) without an intercept column or with one class.
        var interceptOnlyStart: [Double]? {
            guard let intercept = trainDesign.names.firstIndex(of: DesignMatrix.interceptName) else { return nil }
            let rate = trainLabels.reduce(0, +) / Double(trainLabels.count)
            guard rate > 0 && rate < 1 else { return nil }
            var start = [Double](repeating: 0, count: trainDesign.columns)
            start[intercept] = log(rate / (1 - rate))
            return start
        }
    }
}

extension DesignMatrix {
    /// The design restricted to some rows, in the order given.
    package func rows(_ selection: [Int]) -> DesignMatrix {
        precondition(selection.allSatisfy { $0 >= 0 && $0 < rows }, "a selected row is outside the design")
        let values = [Double](unsafeUninitializedCapacity: selection.count * columns) { cut, initialized in
            self.values.withUnsafeBufferPointer { all in
                for column in 0..<columns {
                    let (from, to) = (column * rows, column * selection.count)
                    for (k, row) in selection.enumerated() { cut.initializeElement(at: to + k, to: all[from + row]) }
                }
            }
            initialized = selection.count * columns
        }
        return DesignMatrix(rows: selection.count, names: names, columnMajor: values)
    }
}
