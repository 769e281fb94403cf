import Foundation

/// An account's survival curve from its monthly hazards: the chance of still being a
/// customer after any number of months, its expected remaining lifetime and the
/// discounted number of monthly bills behind its lifetime value.
///
/// `hazards[j - 1]` = h_j, the chance of churning during future month j for an account that
/// is a customer at the month's start (month 1 starts on the scoring day). Months after the
/// last one given keep its hazard: the tail is a geometric series, summed in closed form.
///
///     S_0 = 1,  S_j = S_(j-1) (1 - h_j)              survival to the end of month j
///     S(j + f) = S_j (1 - h_(j+1))^f, 0 <= f < 1      within a month the hazard is spread
///                                                     evenly over time (a constant rate)
///     P(churn within d days) = 1 - S(d / 30.4375)
///     expected lifetime E = sum_(j >= 0) S_j          monthly bills still to come, this
///                                                     month's included (billed in advance)
///     discounted lifetime D = sum_(j >= 0) S_j v^j,   v = (1 + r)^(-1/12), r annual
///     tail: sum_(j >= N) S_j v^j = S_N v^N / (1 - (1 - h_N) v)
///
/// E is D with r = 0, computed by the same arithmetic, so lifetime value at margin 1
/// without discounting is exactly MRR x E. With a constant hazard h, E = 1 / h: the
/// "average lifetime = 1 / churn rate" of the portfolio KPIs.
package struct SurvivalCurve: Sendable, Equatable {
    /// Average Gregorian month: 365.25 / 12 days. Day horizons become months with it.
    package static let daysPerMonth = 30.4375
    /// The horizons a score file reports (churn_probability_30d ... _365d).
    package static let reportedHorizons = [30, 90, 180, 365]

    /// h_1 ... h_N, each in 0...1; month N's hazard holds for every later month.
    package let hazards: [Double]

    package init(hazards: [Double]) {
        precondition(!hazards.isEmpty, "a curve needs at least one month's hazard")
        precondition(hazards.allSatisfy { (0...1).contains($0) }, "hazards are probabilities")
        self.hazards = hazards
    }

    /// h_j for j >= 1, the last given one beyond the end.
    package func hazard(month j: Int) -> Double { hazards[min(j, hazards.count) - 1] }

    /// S(m): the chance of still being a customer `months` from now (m >= 0).
    package func survival(months: Double) -> Double {
        precondition(months >= 0, "survival is forward in time")
        let whole = Int(months.rounded(.down))
        let fraction = months - Double(whole)
        var s = 1.0
        for j in 0..<min(whole, hazards.count) { s *= 1 - hazards[j] }
        if whole > hazards.count { s *= pow(1 - hazards[hazards.count - 1], Double(whole - hazards.count)) }
        return fraction > 0 ? s * pow(1 - hazard(month: whole + 1), fraction) : s
    }

    /// The chance of churning within `days` days from now: 1 - S(days / 30.4375).
    package func churnProbability(withinDays days: Int) -> Double {
        1 - survival(months: Double(days) / SurvivalCurve.daysPerMonth)
    }

    /// E = sum over j >= 0 of S_j: the expected number of monthly bills still to come,
    /// this month's included. Infinite only if the last hazard is 0.
    package var expectedLifetimeMonths: Double { lifetime(monthlyDiscount: 1) }

    /// D = sum over j >= 0 of S_j v^j with v = (1 + annualRate)^(-1/12): the expected bills
    /// to come, each worth what it is worth today. Equal to `expectedLifetimeMonths` at rate 0.
    package func discountedLifetimeMonths(annualRate: Double) -> Double {
        precondition(annualRate > -1, "a discount rate above -100%")
        return lifetime(monthlyDiscount: pow(1 + annualRate, -1.0 / 12))
    }

    private func lifetime(monthlyDiscount v: Double) -> Double {
        var total = 0.0
        var s = 1.0        // S_j
        var factor = 1.0   // v^j
        for h in hazards {
            total += s * factor
            s *= 1 - h
            factor *= v
        }
        // Now s = S_N and factor = v^N; every later month keeps h_N.
        let q = (1 - hazards[hazards.count - 1]) * v
        guard q < 1 else { return s > 0 ? .infinity : total }
        return total + s * factor / (1 - q)
    }

    /// Every figure a score row carries, at once.
    package func figures(horizonDays: Int, annualDiscountRate: Double) -> LifetimeFigures {
        LifetimeFigures(
            churn30: churnProbability(withinDays: 30), churn90: churnProbability(withinDays: 90),
            churn180: churnProbability(withinDays: 180), churn365: churnProbability(withinDays: 365),
            churnWithinHorizon: churnProbability(withinDays: horizonDays),
            expectedLifetimeMonths: expectedLifetimeMonths,
            discountedLifetimeMonths: discountedLifetimeMonths(annualRate: annualDiscountRate))
    }
}

/// One account's survival figures as numbers: churn within the reported horizons and the
/// model's own, and its remaining lifetime plain and discounted. The lifetime value is
/// MRR x margin x `discountedLifetimeMonths`, formed where the MRR is known.
package struct LifetimeFigures: Sendable, Equatable {
    package var churn30: Double
    package var churn90: Double
    package var churn180: Double
    package var churn365: Double
    /// Churn within the model's horizon: the row's churn_probability.
    package var churnWithinHorizon: Double
    package var expectedLifetimeMonths: Double
    package var discountedLifetimeMonths: Double

    package init(churn30: Double, churn90: Double, churn180: Double, churn365: Double, churnWithinHorizon: Double,
                 expectedLifetimeMonths: Double, discountedLifetimeMonths: Double) {
        self.churn30 = churn30; self.churn90 = churn90; self.churn180 = churn180; self.churn365 = churn365
        self.churnWithinHorizon = churnWithinHorizon
        self.expectedLifetimeMonths = expectedLifetimeMonths
        self.discountedLifetimeMonths = discountedLifetimeMonths
    }

    /// Churn within one of the reported horizons (30, 90, 180 or 365 days).
    package func churn(withinDays days: Int) -> Double? {
        switch days {
        case 30: churn30
        case 90: churn90
        case 180: churn180
        case 365: churn365
        default: nil
        }
    }
}

/// What a month of revenue is worth to the lifetime value: the margin kept of each month's
/// MRR and the annual rate at which later revenue is discounted.
package struct LifetimeTerms: Sendable, Equatable {
    /// Share of revenue kept (gross margin). Default 1: lifetime value in revenue, as the
    /// portfolio KPIs give it; 0.8 would count 80% of it.
    package var margin: Double
    /// Annual discount rate. Default 0.10: revenue a year away is worth 1 / 1.1 = 0.91 of
    /// revenue today, about the cost of capital finance teams use for an established
    /// software business; 0 counts every future month at face value.
    package var annualDiscountRate: Double

    package static let defaultMargin = 1.0
    package static let defaultAnnualDiscountRate = 0.10

    package init(margin: Double = LifetimeTerms.defaultMargin,
                 annualDiscountRate: Double = LifetimeTerms.defaultAnnualDiscountRate) {
        self.margin = margin
        self.annualDiscountRate = annualDiscountRate
    }

    /// MRR x margin x discounted months; nil when the MRR is unknown.
    package func lifetimeValue(mrr: Double?, _ figures: LifetimeFigures) -> Double? {
        mrr.map { $0 * margin * figures.discountedLifetimeMonths }
    }
}
