#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The logistic regression model on fixed data: the ridge-penalised log-likelihood
///
///     l(b) = sum_i [ y_i * eta_i - log(1 + exp(eta_i)) ] - 1/2 * sum_j lambda_j * b_j^2,
///     eta = X b + offset,
///
/// its score (gradient) and its information (negative Hessian). Everything is expressed
/// through the linear predictor `eta` so the fitter can update `eta` incrementally
/// instead of recomputing `X b`. It holds no results; `LogisticFit` does.
struct LogisticLikelihood: Sendable {
    let design: DesignMatrix
    let labels: [Double]
    /// The ridge lambda applied to each coefficient: 0 for unpenalised columns.
    let penaltyWeights: [Double]
    /// A known part of each row's linear predictor, with coefficient fixed at 1 (R's
    /// `offset()`); nil for none.
    var offset: [Double]? = nil

    var rows: Int { design.rows }
    var columns: Int { design.columns }
    var isUnpenalised: Bool { penaltyWeights.allSatisfy { $0 == 0 } }

    /// Rows per slab when forming X'WX. A slab of `slabRows x columns` doubles (2 MiB)
    /// stays in cache while BLAS multiplies it: with the reference BLAS a 1,000,000 x 21
    /// fit takes 1.1 s this way against 1.8 s with one n-row buffer, and the scratch space
    /// is 2 MiB instead of a second copy of X (168 MB). Smaller slabs cost OpenBLAS dearly:
    /// each dsyrk call wakes its threads, and with 256 KiB slabs (640 calls per step) the
    /// same fit took 0.59 s against 0.44 s; the reference BLAS does not notice the difference.
    static func slabRows(columns: Int) -> Int { max(64, 262_144 / max(columns, 1)) }

    /// `eta := X b + offset`.
    func linearPredictor(_ coefficients: [Double], into eta: inout [Double]) {
        if let offset {
            for i in 0..<rows { eta[i] = offset[i] }
            LAPACK.multiply(design.values, rows: rows, columns: columns,
                            by: coefficients, into: &eta, beta: 1)
        } else {
            LAPACK.multiply(design.values, rows: rows, columns: columns,
                            by: coefficients, into: &eta)
        }
    }

    /// `direction := X step`: how a step in the coefficients moves eta (no offset).
    func change(_ step: [Double], into direction: inout [Double]) {
        LAPACK.multiply(design.values, rows: rows, columns: columns,
                        by: step, into: &direction)
    }

    /// The unpenalised log-likelihood at `eta`, in the stable form `y * eta - softplus(eta)`
    /// that neither overflows nor loses the small probabilities: what a fit reports.
    func logLikelihood(eta: [Double]) -> Double {
        var total = 0.0
        labels.withUnsafeBufferPointer { y in
            eta.withUnsafeBufferPointer { eta in
                for i in 0..<y.count { total += y[i] * eta[i] - Self.softplus(eta[i]) }
            }
        }
        return total
    }

    /// `half_i := exp(-|eta_i| / 2)`. The weights, the residuals and the softplus terms at
    /// `eta` all follow from it (`exp(-|eta|)` is its square): one exp per row and Newton
    /// step where each of the three took its own (a fifth of the penalty search's time
    /// went to exp).
    func halves(eta: [Double], into half: inout [Double]) {
        eta.withUnsafeBufferPointer { eta in
            half.withUnsafeMutableBufferPointer { half in
                for i in 0..<eta.count { half[i] = exp(-0.5 * abs(eta[i])) }
            }
        }
    }

    /// `logLikelihood(eta:)` from the halves of `eta`, as Newton's method compares them.
    func logLikelihood(eta: [Double], half: [Double]) -> Double {
        var total = 0.0
        labels.withUnsafeBufferPointer { y in
            eta.withUnsafeBufferPointer { eta in
                half.withUnsafeBufferPointer { half in
                    for i in 0..<y.count { total += y[i] * eta[i] - Self.softplus(eta[i], half: half[i]) }
                }
            }
        }
        return total
    }

    /// The unpenalised log-likelihood at `eta + stepLength * direction`, leaving that
    /// point's halves in `trialHalf`: an accepted step moves eta to exactly this point, so
    /// they serve the next step.
    func logLikelihood(eta: [Double], direction: [Double], stepLength: Double,
                       trialHalf: inout [Double]) -> Double {
        var total = 0.0
        labels.withUnsafeBufferPointer { y in
            eta.withUnsafeBufferPointer { eta in
                direction.withUnsafeBufferPointer { d in
                    trialHalf.withUnsafeMutableBufferPointer { half in
                        for i in 0..<y.count {
                            let e = eta[i] + stepLength * d[i]
                            half[i] = exp(-0.5 * abs(e))
                            total += y[i] * e - Self.softplus(e, half: half[i])
                        }
                    }
                }
            }
        }
        return total
    }

    /// `1/2 * sum_j lambda_j * b_j^2`.
    func penalty(_ coefficients: [Double]) -> Double {
        zip(penaltyWeights, coefficients).reduce(0) { $0 + 0.5 * $1.0 * $1.1 * $1.1 }
    }

    /// The penalised score `X'(y - mu) - lambda * b`. `residuals` is an n-row scratch buffer.
    ///
    /// `y - mu` is taken as `logistic(-eta)` for label 1 and `-logistic(eta)` for label 0:
    /// the same value without the cancellation in `1 - mu`, which would round a
    /// diverging coefficient's score to exactly 0 and make a separated fit look converged.
    func score(eta: [Double], half: [Double], coefficients: [Double], residuals: inout [Double],
               into gradient: inout [Double]) {
        labels.withUnsafeBufferPointer { y in
            eta.withUnsafeBufferPointer { eta in
                half.withUnsafeBufferPointer { half in
                    residuals.withUnsafeMutableBufferPointer { r in
                        for i in 0..<y.count {
                            // logistic(x) = 1 / (1 + e) for x >= 0, e / (1 + e) below, e = exp(-|x|);
                            // y = 1 takes logistic(-eta), y = 0 minus logistic(eta).
                            let e = half[i] * half[i]
                            let upper = 1 / (1 + e), lower = e / (1 + e)
                            r[i] = y[i] == 1 ? (eta[i] <= 0 ? upper : lower) : -(eta[i] >= 0 ? upper : lower)
                        }
                    }
                }
            }
        }
        LAPACK.multiply(design.values, rows: rows, columns: columns, transposed: true,
                        by: residuals, into: &gradient)
        for j in 0..<columns { gradient[j] -= penaltyWeights[j] * coefficients[j] }
    }

    /// The unpenalised information `X'WX`, `W = diag(mu (1 - mu))`, in the lower triangle of
    /// `information`, at the eta whose halves are `half`. Formed slab by slab with BLAS
    /// `dsyrk` on rows scaled by `sqrt(w)`; `slab` (at least `min(rows, slabRows) x columns`)
    /// and `slabWeights` are reused scratch buffers.
    func information(half: [Double], slab: inout [Double], slabWeights: inout [Double],
                     into information: inout [Double]) {
        let slabRows = min(rows, Self.slabRows(columns: columns))
        precondition(slab.count >= slabRows * columns && slabWeights.count >= slabRows)
        if rows == 0 { for k in information.indices { information[k] = 0 } }
        var start = 0
        while start < rows {
            let count = min(slabRows, rows - start)
            half.withUnsafeBufferPointer { half in
                slabWeights.withUnsafeMutableBufferPointer { s in
                    for i in 0..<count { s[i] = Self.squareRootWeight(half: half[start + i]) }
                }
            }
            design.values.withUnsafeBufferPointer { x in
                slabWeights.withUnsafeBufferPointer { s in
                    slab.withUnsafeMutableBufferPointer { a in
                        // Through base pointers: indexing with offsets kept the loop scalar,
                        // with an overflow check on each index.
                        let weights = s.baseAddress!
                        for j in 0..<columns {
                            let source = x.baseAddress! + (j * rows + start), target = a.baseAddress! + j * count
                            for i in 0..<count { target[i] = weights[i] * source[i] }
                        }
                    }
                }
            }
            LAPACK.addGram(of: slab, rows: count, columns: columns, into: &information,
                           accumulate: start > 0)
            start += count
        }
    }

    /// Adds the ridge lambdas to the diagonal of an information matrix.
    func addPenalty(to information: inout [Double]) {
        for j in 0..<columns { information[j * (columns + 1)] += penaltyWeights[j] }
    }

    // MARK: - Stable scalar functions

    /// `logistic(eta)`, under the name the formulas here use.
    @inline(__always)
    static func logistic(_ eta: Double) -> Double { Regression.logistic(eta) }

    /// `log(1 + exp(eta))` without overflow, exact for very negative eta.
    @inline(__always)
    static func softplus(_ eta: Double) -> Double {
        max(eta, 0) + log1p(exp(-abs(eta)))
    }

    /// `softplus(eta)` from `half = exp(-|eta|/2)`.
    @inline(__always)
    static func softplus(_ eta: Double, half: Double) -> Double {
        max(eta, 0) + log1p(half * half)
    }

    /// `sqrt(mu (1 - mu))` from `half = exp(-|eta|/2)`, as `half / (1 + half^2)`, so it stays
    /// accurate (instead of rounding to 0) when mu is close to 0 or 1.
    @inline(__always)
    static func squareRootWeight(half: Double) -> Double {
        half / (1 + half * half)
    }
}
