import Foundation

/// How an account's risk score moves from one month to the next, which is what turns one
/// month's hazard into a curve over many.
///
/// The score is the features' part of the monthly log-odds, s = sum_f b_f z_f (z the
/// standardised feature values): 0 for an account that is average in every feature. Holding
/// the features at today's values for every future month, the simplest assumption, proved
/// wrong on simulated bases: an account's signals are partly passing (a bad quarter, a survey
/// answered on a bad day) and regress towards the book's average, and a healthy account
/// today declines first and leaves later. Curves held at today's score predicted a fifth too
/// few churners within 180 days and failed the calibration check (docs/survival.md).
///
/// So the score is taken to follow the autoregression it follows in the history,
///
///     s_(t+1) = m + rho (s_t - m) + e,   e ~ N(0, sigma^2),
///
/// with rho, m and sigma^2 estimated on the account-month table by least squares over every
/// pair of consecutive months of one account (m is the mean score of the table, 0 up to
/// rounding, since the features are centred there). j - 1 months ahead of today's score s_0
/// the score has mean and variance
///
///     mu_j = m + rho^(j - 1) (s_0 - m),    v_j = sigma^2 (1 + rho^2 + ... + rho^(2 (j - 2))),
///
/// and the hazard of month j averages the logistic over that spread with the probit
/// approximation E[logistic(x)] ~ logistic(mu / sqrt(1 + pi v / 8)) (MacKay 1992):
///
///     h_j = logistic((intercept + baseline(tenure_0 + j - 1) + mu_j) / sqrt(1 + pi v_j / 8)).
///
/// Month 1 is the fitted hazard itself (v_1 = 0, mu_1 = s_0). `ScoreDrift.held` (rho = 1,
/// sigma = 0) gives back the held-features curve.
package struct ScoreDrift: Codable, Sendable, Equatable {
    /// rho: the share of an account's distance from the average score still there a month
    /// later, clamped to 0...1.
    package var persistence: Double
    /// sigma^2: the variance of the month-to-month change that persistence does not explain.
    package var innovationVariance: Double
    /// m: the average score of the account-months, which scores drift towards.
    package var mean: Double
    /// Pairs of consecutive months of one account behind the estimate.
    package var pairs: Int

    package init(persistence: Double, innovationVariance: Double, mean: Double, pairs: Int) {
        self.persistence = persistence
        self.innovationVariance = innovationVariance
        self.mean = mean
        self.pairs = pairs
    }

    /// Features held at today's values: no drift, no spread.
    package static let held = ScoreDrift(persistence: 1, innovationVariance: 0, mean: 0, pairs: 0)

    /// Least squares of each month's score on the same account's score the month before.
    ///
    /// - Parameters:
    ///   - scores: the score of every row, in the table's order.
    ///   - monthStarts: where each month's rows start (and, last, the end of the rows).
    ///   - accountPositions: each row's account.
    ///   - accounts: the number of accounts (positions are below it).
    package static func estimate(scores: [Double], monthStarts: [Int], accountPositions: [Int32], accounts: Int) -> ScoreDrift {
        let rows = monthStarts.last ?? 0
        precondition(scores.count >= rows && accountPositions.count >= rows, "one score and account per row")
        let mean = rows > 0 ? scores[0..<rows].reduce(0, +) / Double(rows) : 0
        /// Calls `body(before, after)` for every pair of rows of one account in consecutive
        /// months, from a map of each account's row in the month before (-1 where it was not
        /// a customer then): two passes, and no list of pairs kept.
        func forEachPair(_ body: (Int, Int) -> Void) {
            var previous = [Int32](repeating: -1, count: accounts)
            for k in 0..<max(0, monthStarts.count - 1) {
                if k > 0 {
                    for row in monthStarts[k]..<monthStarts[k + 1] {
                        let before = previous[Int(accountPositions[row])]
                        if before >= 0 { body(Int(before), row) }
                    }
                    for row in monthStarts[k - 1]..<monthStarts[k] { previous[Int(accountPositions[row])] = -1 }
                }
                for row in monthStarts[k]..<monthStarts[k + 1] { previous[Int(accountPositions[row])] = Int32(row) }
            }
        }
        var count = 0, sumBefore = 0.0, sumAfter = 0.0
        forEachPair { before, after in
            count += 1
            sumBefore += scores[before]
            sumAfter += scores[after]
        }
        guard count > 2 else { return ScoreDrift(persistence: 1, innovationVariance: 0, mean: mean, pairs: count) }
        let n = Double(count)
        let meanBefore = sumBefore / n, meanAfter = sumAfter / n
        var sxx = 0.0, sxy = 0.0, syy = 0.0
        forEachPair { before, after in
            let x = scores[before] - meanBefore, y = scores[after] - meanAfter
            sxx += x * x; sxy += x * y; syy += y * y
        }
        guard sxx > 0 else { return ScoreDrift(persistence: 1, innovationVariance: 0, mean: mean, pairs: count) }
        let slope = sxy / sxx
        let residual = max(0, (syy - slope * sxy) / (n - 2))
        return ScoreDrift(persistence: min(1, max(0, slope)), innovationVariance: residual, mean: mean, pairs: count)
    }
}
