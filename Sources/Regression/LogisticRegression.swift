/// Logistic regression by maximum likelihood, optionally with a ridge (L2) penalty,
/// fitted by Newton's method (identical to IRLS for the logistic link) on the system
/// BLAS/LAPACK.
///
/// Each iteration forms `eta = X b`, `mu = logistic(eta)`, `W = diag(mu (1 - mu))`, the
/// information `X'WX + lambda I` (BLAS `dsyrk` on `sqrt(w)`-scaled rows) and the score
/// `X'(y - mu) - lambda b` (BLAS `dgemv`), and solves for the step with a Cholesky
/// factorisation (LAPACK `dpotrf`/`dpotrs`). The step is halved while it would lower the
/// penalised log-likelihood; a step small enough to be sure to raise it is taken whole
/// without evaluating it (`NewtonIteration.safeEtaChange`).
package struct LogisticRegression: Sendable {
    /// Ridge penalty lambda >= 0 (default 0: plain maximum likelihood, as statsmodels
    /// `Logit` and R `glm`). The fit maximises `loglik(b) - lambda/2 * sum b_j^2` over the
    /// penalised columns.
    package var l2: Double
    /// Newton steps allowed (default 50). From zero, Newton's method reaches the
    /// maximum of a logistic likelihood in 5 to 10 steps on ordinary data (R allows 25,
    /// statsmodels 35); 50 leaves room for badly scaled predictors while keeping a
    /// separated fit, which never converges, quick to diagnose.
    package var maxIterations: Int
    /// Convergence threshold (default 1e-8): stop once every Newton step satisfies
    /// `|step_j| <= tolerance * (1 + |b_j|)`. Newton's method converges quadratically, so
    /// a step of 1e-8 leaves an error near 1e-16, the limit of double precision. This is
    /// statsmodels' criterion (every `|step| < 1e-8`), made relative for large coefficients.
    package var tolerance: Double

    package init(l2: Double = 0, maxIterations: Int = 50, tolerance: Double = 1e-8) {
        self.l2 = l2
        self.maxIterations = maxIterations
        self.tolerance = tolerance
    }

    /// Step halvings tried before giving up on an iteration. On this concave objective
    /// the Newton direction always points uphill, so a short enough step raises the
    /// likelihood unless rounding hides the gain; below 2^-30 (about 1e-9) of the step
    /// nothing measurable is left.
    static let maxStepHalvings = 30

    /// A trial step is accepted when the penalised log-likelihood drops by no more than
    /// this share of its size: near the maximum the true change is below the rounding
    /// error of a sum over up to millions of observations (typically 1e-13 relative).
    static let roundingSlack = 1e-12

    /// Fits the model.
    ///
    /// - Parameters:
    ///   - design: predictors, including an intercept column if one is wanted.
    ///   - labels: one 0/1 label per row.
    ///   - offset: a known term added to each row's linear predictor with its coefficient
    ///     fixed at 1 (R's `offset()`, statsmodels' `offset=`), e.g. the log-odds of a
    ///     prediction under test; nil (the default) for none. The fit's null
    ///     log-likelihood and McFadden R2 stay those of the event rate without the offset.
    ///   - penalized: per column, whether the ridge penalty applies. `nil` penalises every
    ///     column except one named `intercept`.
    ///   - start: coefficients to start Newton's method from (nil, the default: zero). A
    ///     fit close to the answer, such as the same data under a nearby penalty, needs
    ///     fewer steps; the maximum reached is the same within the tolerance.
    package func fit(
        _ design: DesignMatrix, labels: [Double], offset: [Double]? = nil, penalized: [Bool]? = nil,
        start: [Double]? = nil
    ) throws(FitError) -> LogisticFit {
        try BLASThreads.forDesign(rows: design.rows, columns: design.columns) { () throws(FitError) in
            try fitOnThisThread(design, labels: labels, offset: offset, penalized: penalized, start: start)
        }
    }

    /// The coefficients of `fit`, without the covariance and the likelihoods: what the
    /// cross-validation of a penalty needs from each of its 35 fits. Building and inverting
    /// the information once more at the end was a fifth of their work.
    package func coefficients(
        _ design: DesignMatrix, labels: [Double], penalized: [Bool]? = nil, start: [Double]? = nil
    ) throws(FitError) -> [Double] {
        try BLASThreads.forDesign(rows: design.rows, columns: design.columns) { () throws(FitError) in
            var (newton, _, _) = try iteration(design, labels: labels, offset: nil, penalized: penalized, start: start)
            _ = try newton.run(maxIterations: maxIterations, tolerance: tolerance, reusingFactor: true)
            return newton.coefficients
        }
    }

    /// Newton's method set up on checked inputs, at the start; the number of events, and
    /// which columns are penalised (`penalized`, or every one but the intercept).
    private func iteration(
        _ design: DesignMatrix, labels: [Double], offset: [Double]?, penalized: [Bool]?, start: [Double]?
    ) throws(FitError) -> (NewtonIteration, events: Int, penalized: [Bool]) {
        precondition(l2 >= 0 && l2.isFinite, "l2 must be a finite number >= 0")
        precondition(maxIterations >= 1 && tolerance > 0, "need iterations and a tolerance")
        precondition(design.columns > 0, "the design needs at least one column")
        precondition(labels.count == design.rows, "one label per row")
        let penalized = penalized ?? design.names.map { $0 != DesignMatrix.interceptName }
        precondition(penalized.count == design.columns, "one penalized flag per column")

        precondition(offset == nil || offset?.count == design.rows, "one offset per row")
        precondition(start == nil || start?.count == design.columns, "one starting coefficient per column")

        let events = try InputValidation.validate(design, labels: labels)
        if let offset, let row = offset.firstIndex(where: { !$0.isFinite }) {
            throw .nonFinite(row: row, column: "offset")
        }
        let model = LogisticLikelihood(design: design, labels: labels,
                                       penaltyWeights: penalized.map { $0 ? l2 : 0 }, offset: offset)
        return (NewtonIteration(model: model, start: start), events, penalized)
    }

    private func fitOnThisThread(
        _ design: DesignMatrix, labels: [Double], offset: [Double]?, penalized: [Bool]?, start: [Double]?
    ) throws(FitError) -> LogisticFit {
        var (newton, events, penalized) = try iteration(design, labels: labels, offset: offset, penalized: penalized,
                                                        start: start)
        let model = newton.model
        let iterations = try newton.run(maxIterations: maxIterations, tolerance: tolerance)

        // Report everything at the final estimate, with a freshly computed eta.
        let coefficients = newton.coefficients
        model.linearPredictor(coefficients, into: &newton.eta)
        let logLikelihood = model.logLikelihood(eta: newton.eta)
        var covariance = newton.penalisedInformation()
        guard LAPACK.choleskyFactor(&covariance, order: model.columns),
              LAPACK.choleskyInverse(&covariance, order: model.columns),
              logLikelihood.isFinite
        else { throw newton.failure(iterations: iterations) }

        return LogisticFit(
            names: design.names, coefficients: coefficients, covariance: covariance,
            logLikelihood: logLikelihood, observations: design.rows, events: events,
            iterations: iterations, l2: l2, penalized: penalized)
    }
}

/// The state of Newton's method and its reusable buffers: five n-row vectors and one
/// cache-sized slab, allocated once per fit.
struct NewtonIteration {
    let model: LogisticLikelihood
    private(set) var coefficients: [Double]
    /// `X b`, updated incrementally from accepted steps.
    var eta: [Double]
    /// `exp(-|eta|/2)` at the current eta (`LogisticLikelihood.halves`).
    private var half: [Double]
    /// The halves at the line search's last trial point, which an accepted step makes the
    /// current eta.
    private var trialHalf: [Double]
    /// `X step` for the current Newton step.
    private var direction: [Double]
    private var residuals: [Double]
    private var gradient: [Double]
    private var slab: [Double]
    private var slabWeights: [Double]
    private var information: [Double]
    private var step: [Double]
    /// The last accepted change in the coefficients, the direction a diverging fit runs in.
    private var lastChange: [Double]
    /// Root mean square of each column, to compare coefficients on the scale of eta.
    private var columnScale: [Double]

    init(model: LogisticLikelihood, start: [Double]? = nil) {
        let n = model.rows, p = model.columns
        let slabRows = min(n, LogisticLikelihood.slabRows(columns: p))
        self.model = model
        coefficients = start ?? Array(repeating: 0, count: p)
        eta = model.offset ?? Array(repeating: 0, count: n)
        if let start { model.linearPredictor(start, into: &eta) }
        half = Array(repeating: 0, count: n)
        trialHalf = Array(repeating: 0, count: n)
        direction = Array(repeating: 0, count: n)
        residuals = Array(repeating: 0, count: n)
        gradient = Array(repeating: 0, count: p)
        slab = Array(repeating: 0, count: max(slabRows, 1) * p)
        slabWeights = Array(repeating: 0, count: max(slabRows, 1))
        information = Array(repeating: 0, count: p * p)
        step = Array(repeating: 0, count: p)
        lastChange = Array(repeating: 0, count: p)
        columnScale = Array(repeating: 1, count: p)
    }

    /// Iterates from the start (b = 0 unless given) until the step meets the tolerance;
    /// returns the steps taken.
    ///
    /// `reusingFactor`: once a whole step was small, the next one is first tried with the
    /// information of the step before (whose Cholesky factor is still at hand). Near the
    /// maximum the information barely moves between two steps, and when that step already
    /// meets the tolerance the fit ends without forming X'WX again, at an error of about
    /// the step's size times the last step's instead of the step's square (at most near
    /// 1e-6 x 1e-3 at the search's tolerance): enough to compare penalties, not for a fit
    /// that is reported.
    /// Most of the penalty search's warm-started fits end so: with the halves
    /// (`LogisticLikelihood.halves`), the search on the 1 GB benchmark base went from
    /// 0.106 to 0.074 s (medians of 8 runs).
    ///
    /// A whole step that moves no row's eta by more than `safeEtaChange` is taken without
    /// evaluating the objective (`fullStepRaisesObjective`): the line search would take it
    /// whole anyway, so the coefficients are the same to the bit, without a log1p per row
    /// (the search on the benchmark's synthetic 32,000 rows: 0.056 -> 0.042 s).
    mutating func run(maxIterations: Int, tolerance: Double, reusingFactor: Bool = false) throws(FitError) -> Int {
        let p = model.columns
        model.halves(eta: eta, into: &half)
        // The penalised log-likelihood at the current coefficients, once a line search has
        // needed it; nil after a step taken without it.
        var objective: Double? = nil
        // Whether the next step is first tried on `information`, which then holds the
        // Cholesky factor of the last step, taken whole and small.
        var mayTryPreviousFactor = false
        for iteration in 0..<maxIterations {
            model.score(eta: eta, half: half, coefficients: coefficients, residuals: &residuals,
                        into: &gradient)
            assert(halvesAreCurrent(), "the halves are those of the current eta")
            if mayTryPreviousFactor {
                step = gradient
                LAPACK.choleskySolve(factor: information, order: p, &step)
                if isSmall(step, tolerance: tolerance) {
                    model.change(step, into: &direction)
                    accept(stepLength: 1)
                    return iteration + 1
                }
            }
            model.information(half: half, slab: &slab, slabWeights: &slabWeights, into: &information)
            if iteration == 0 { try checkColumns() }
            model.addPenalty(to: &information)
            guard LAPACK.choleskyFactor(&information, order: p) else {
                throw failure(iterations: iteration)
            }
            step = gradient
            LAPACK.choleskySolve(factor: information, order: p, &step)
            model.change(step, into: &direction)

            if isSmall(step, tolerance: tolerance) {
                // A step this small is below the objective's rounding noise: take it whole.
                accept(stepLength: 1)
                return iteration + 1
            }
            let stepLength: Double
            if fullStepRaisesObjective() {
                stepLength = 1
                accept(stepLength: 1)
                model.halves(eta: eta, into: &half)
                objective = nil
            } else {
                let current = objective ?? model.logLikelihood(eta: eta, half: half) - model.penalty(coefficients)
                guard let (length, value) = lineSearch(from: current) else {
                    throw failure(iterations: iteration + 1)
                }
                stepLength = length
                accept(stepLength: length)
                swap(&half, &trialHalf)
                objective = value
            }
            // A step within the square root of the tolerance leaves the next one near the
            // tolerance (Newton's method squares the error): worth trying on this factor.
            mayTryPreviousFactor = reusingFactor && stepLength == 1 && isSmall(step, tolerance: tolerance.squareRoot())
            // With an offset, rows can sit on the right side of the boundary through the
            // offset alone, which says nothing about the coefficients diverging.
            if model.isUnpenalised, model.offset == nil,
               Separation.isComplete(eta: eta, labels: model.labels) {
                throw .separation(column: divergingColumn(), observations: model.rows)
            }
        }
        throw failure(iterations: maxIterations)
    }

    /// The largest change of a row's eta under which a whole Newton step is sure to raise
    /// the penalised log-likelihood.
    ///
    /// Along the step s (initial slope q = g's = s'Hs), each weight mu(1 - mu) changes by at
    /// most a factor exp(|change of eta|) (its log's derivative, 1 - 2 mu, lies in (-1, 1)),
    /// so with every change at most M the curvature stays within exp(M t) q, and the whole
    /// step gains at least q (1 - (exp(M) - 1 - M) / M^2): 0.28 q at M = 1.
    static let safeEtaChange = 1.0

    /// Whether the current Newton step moves no row's eta by more than `safeEtaChange` (a
    /// NaN or infinite change is not within it: such a step goes to the line search).
    private func fullStepRaisesObjective() -> Bool {
        direction.allSatisfy { abs($0) <= NewtonIteration.safeEtaChange }
    }

    /// Whether `half` holds the halves of the current eta, to the bit (checked in debug builds).
    private func halvesAreCurrent() -> Bool {
        var current = half
        model.halves(eta: eta, into: &current)
        return current.elementsEqual(half) { $0.bitPattern == $1.bitPattern }
    }

    /// Whether every coefficient's step is within `tolerance * (1 + |b_j|)`.
    private func isSmall(_ step: [Double], tolerance: Double) -> Bool {
        zip(step, coefficients).allSatisfy { abs($0) <= tolerance * (1 + abs($1)) }
    }

    /// The information `X'WX + lambda I` at the current coefficients (lower triangle).
    mutating func penalisedInformation() -> [Double] {
        model.halves(eta: eta, into: &half)
        model.information(half: half, slab: &slab, slabWeights: &slabWeights, into: &information)
        model.addPenalty(to: &information)
        return information
    }

    /// Why the iteration failed: separation when it shows, otherwise non-convergence.
    func failure(iterations: Int) -> FitError {
        Separation.diagnose(eta: eta, labels: model.labels, iterations: iterations,
                            divergingColumn: divergingColumn())
    }

    /// At b = 0 every weight is 1/4, so the information is the Gram matrix X'X / 4 (with
    /// an offset or a start, a Gram matrix under other positive weights: the test is unchanged, and
    /// the column scales, used only to name a diverging column, are approximate).
    /// Unpenalised columns must not depend on each other; the penalty makes penalised
    /// columns identifiable however collinear they are.
    private mutating func checkColumns() throws(FitError) {
        let p = model.columns, n = Double(model.rows)
        columnScale = (0..<p).map { (4 * information[$0 * (p + 1)] / n).squareRoot() }
        let unpenalised = (0..<p).filter { model.penaltyWeights[$0] == 0 }
        if let found = Collinearity.firstDependentColumn(gram: information, order: p,
                                                         among: unpenalised) {
            let names = model.design.names
            throw .collinear(column: names[found.column],
                             dependsOn: found.dependsOn.map { names[$0] })
        }
    }

    /// Halves the step until the penalised log-likelihood does not fall; returns the
    /// accepted step length and the new objective, or nil if no length works. The halves
    /// at the accepted point are left in `trialHalf`.
    private mutating func lineSearch(from objective: Double) -> (Double, Double)? {
        var stepLength = 1.0
        let slack = LogisticRegression.roundingSlack * (1 + abs(objective))
        for _ in 0...LogisticRegression.maxStepHalvings {
            let trial = zip(coefficients, step).map { $0 + stepLength * $1 }
            let value = model.logLikelihood(eta: eta, direction: direction, stepLength: stepLength, trialHalf: &trialHalf)
                - model.penalty(trial)
            if value.isFinite, value >= objective - slack { return (stepLength, value) }
            stepLength /= 2
        }
        return nil
    }

    private mutating func accept(stepLength: Double) {
        for j in coefficients.indices {
            lastChange[j] = stepLength * step[j]
            coefficients[j] += lastChange[j]
        }
        eta.withUnsafeMutableBufferPointer { eta in
            direction.withUnsafeBufferPointer { d in
                for i in 0..<eta.count { eta[i] += stepLength * d[i] }
            }
        }
    }

    /// The unpenalised, non-intercept column whose coefficient moved most on the scale
    /// of eta in the last step, or nil when none moved.
    private func divergingColumn() -> String? {
        let names = model.design.names
        let candidates = names.indices.filter {
            model.penaltyWeights[$0] == 0 && names[$0] != DesignMatrix.interceptName
        }
        let best = candidates.max { abs(lastChange[$0]) * columnScale[$0]
            < abs(lastChange[$1]) * columnScale[$1] }
        guard let best, lastChange[best] != 0 else { return nil }
        return names[best]
    }
}
