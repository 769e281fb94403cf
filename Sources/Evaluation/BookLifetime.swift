import Ingest
import Scoring
import Survival

/// What the customers of one day are worth and how much of their revenue is expected to
/// leave, from a survival model's curves: the portfolio figures a survival model adds.
package struct BookLifetime: Sendable, Encodable, Equatable {
    /// The day the customers were scored as of.
    package let asOf: CalendarDay
    package let customers: Int
    /// Customers with an MRR, the ones the money figures add up.
    package let customersWithMRR: Int
    /// Sum of the customers' lifetime values: MRR x margin x discounted expected months.
    package let lifetimeValue: Double
    /// Sum of MRR x P(churn within 90 days): the monthly revenue expected to leave within 90 days.
    package let mrrLeavingWithin90Days: Double
    /// The same within 365 days.
    package let mrrLeavingWithin365Days: Double
    /// Mean expected remaining lifetime, in months (this month's bill included).
    package let meanExpectedLifetimeMonths: Double
    package let margin: Double
    package let discountRate: Double
    /// The survival model's last training month.
    package let modelAsOf: CalendarDay

    // Spelled so the snake_case key strategy writes "mrr_leaving_within_90_days", not "within90".
    enum CodingKeys: String, CodingKey {
        case asOf, customers, customersWithMRR = "customersWithMrr", lifetimeValue, meanExpectedLifetimeMonths, margin
        case discountRate, modelAsOf
        case mrrLeavingWithin90Days = "mrr_leaving_within_90_days", mrrLeavingWithin365Days = "mrr_leaving_within_365_days"
    }

    /// The figures of a snapshot scored with a survival model; nil for a churn model's scores.
    package init?(_ scored: ScoredSnapshot, modelAsOf: CalendarDay) {
        guard let lifetimes = scored.lifetimes, let terms = scored.lifetimeTerms else { return nil }
        var value = 0.0, leaving90 = 0.0, leaving365 = 0.0, months = 0.0, withMRR = 0
        for index in 0..<scored.count {
            let figures = lifetimes[index]
            months += figures.expectedLifetimeMonths
            guard let mrr = scored.account(at: index).mrr else { continue }
            withMRR += 1
            value += terms.lifetimeValue(mrr: mrr, figures) ?? 0
            leaving90 += mrr * figures.churn90
            leaving365 += mrr * figures.churn365
        }
        asOf = scored.asOf
        customers = scored.count
        customersWithMRR = withMRR
        lifetimeValue = value
        mrrLeavingWithin90Days = leaving90
        mrrLeavingWithin365Days = leaving365
        meanExpectedLifetimeMonths = scored.count > 0 ? months / Double(scored.count) : 0
        margin = terms.margin
        discountRate = terms.annualDiscountRate
        self.modelAsOf = modelAsOf
    }
}
