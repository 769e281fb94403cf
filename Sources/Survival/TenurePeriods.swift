import Modeling

/// How months of tenure enter the hazard model: the baseline hazard is a step function of
/// tenure, one level per period, as Singer & Willett (Applied Longitudinal Data Analysis,
/// 2003, chapters 11-12) recommend for discrete-time hazard models.
///
/// Their first choice is the completely general specification, one indicator per time
/// period, which assumes no shape for the baseline hazard. With tenure counted in months and
/// customers of ten years and more, one indicator per month would be a hundred coefficients,
/// most of them estimated from a handful of churners; their advice for many periods is to
/// group them, keeping the groups short where the hazard changes fast. The periods double in
/// length: 0-2, 3-5, 6-11, 12-23, 24-35 months and 36 or more, since churn changes fastest in
/// the first months (onboarding, notice periods) and then once a year (renewals). A smooth
/// form (a polynomial in log months) fitted the simulated bases about as well by AIC and BIC
/// (scripts/survival_tenure_codings.py, docs/survival.md) but has no last level: it would carry
/// its curvature into the ten years a survival curve is forecast over. Steps end in an open
/// period whose level simply holds.
///
/// A period with fewer than `minimumEvents` churners is merged with its neighbour before the
/// fit (the next one, or the previous one for the last): a period without a churner would
/// have a baseline of minus infinity, and one with a few an estimate that is mostly noise.
/// The last period is open: its level holds for every later month, which is what lets the
/// survival curve's tail be summed in closed form.
package struct TenurePeriods: Sendable, Equatable {
    /// First month of each period, ascending, from 0. Period k covers months
    /// `starts[k] ..< starts[k + 1]`; the last one has no end.
    package let starts: [Int]

    /// The periods tried first (their first months).
    package static let candidates = [0, 3, 6, 12, 24, 36]
    /// Ten churners per period at least: the events-per-variable rule of thumb for logistic
    /// regression (Peduzzi et al. 1996, J Clin Epidemiol 49:1373).
    package static let minimumEvents = 10

    package init(starts: [Int]) {
        precondition(starts.first == 0 && zip(starts, starts.dropFirst()).allSatisfy { $0 < $1 },
                     "periods start at month 0 and ascend")
        self.starts = starts
    }

    /// The candidate periods, merged until each holds at least `minimumEvents` churners of the
    /// given rows (tenure in whole months at each row's month start, and its 0/1 label).
    package init(tenureMonths: ArraySlice<Int32>, labels: ArraySlice<Double>,
                 candidates: [Int] = TenurePeriods.candidates, minimumEvents: Int = TenurePeriods.minimumEvents) {
        var starts = candidates
        while starts.count > 1 {
            let periods = TenurePeriods(starts: starts)
            var events = [Int](repeating: 0, count: starts.count)
            for (tenure, label) in zip(tenureMonths, labels) where label == 1 {
                events[periods.index(ofMonth: Int(tenure))] += 1
            }
            guard let sparse = events.firstIndex(where: { $0 < minimumEvents }) else { break }
            // Merge with the next period, or the last with the one before it.
            starts.remove(at: sparse == starts.count - 1 ? sparse : sparse + 1)
        }
        self.init(starts: starts)
    }

    package var count: Int { starts.count }

    /// The period of month `month` of tenure (0 is the first month).
    package func index(ofMonth month: Int) -> Int {
        var k = 0
        while k + 1 < starts.count && starts[k + 1] <= month { k += 1 }
        return k
    }

    /// The last month of period k, nil for the last (open) one.
    package func lastMonth(of k: Int) -> Int? { k + 1 < starts.count ? starts[k + 1] - 1 : nil }

    /// The column name of period k: `tenure_0_2m`, ..., `tenure_36m_plus`.
    package func name(of k: Int) -> String {
        if let last = lastMonth(of: k) { return "tenure_\(starts[k])_\(last)m" }
        return "tenure_\(starts[k])m_plus"
    }

    /// The month from which the hazard's tenure part stays the same: the last period's start.
    package var lastPeriodStart: Int { starts[starts.count - 1] }
}

/// One tenure period of a fitted model and its baseline.
package struct TenurePeriod: Codable, Sendable, Equatable {
    package var name: String
    package var firstMonth: Int
    /// nil for the last period, which has no end.
    package var lastMonth: Int?
    /// The period's log-odds of churn in a month relative to the first period (whose level is
    /// the model's intercept); nil for the first period itself.
    package var coefficient: Coefficient?

    package init(name: String, firstMonth: Int, lastMonth: Int?, coefficient: Coefficient?) {
        self.name = name; self.firstMonth = firstMonth; self.lastMonth = lastMonth; self.coefficient = coefficient
    }
}
