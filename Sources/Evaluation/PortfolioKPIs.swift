import Features
import Foundation
import Ingest

/// The customer-success figures of the seed articles for one period, from the same
/// exports the model reads. Definitions, with their formulas, are in the README
/// ("Portfolio KPIs"); rates are fractions (0.05 is 5%).
package struct PortfolioKPIs: Sendable, Encodable {
    package let period: ReportingPeriod

    /// S: customers on the day before the period starts.
    package let customersAtStart: Int
    /// N: accounts whose started_on falls in the period.
    package let newCustomers: Int
    /// E: customers on the period's last day.
    package let customersAtEnd: Int
    /// C: accounts whose churned_on falls in the period (new ones included).
    package let churnedCustomers: Int

    /// C / S. With C counting every account lost in the period, retention + churn = 100%.
    package let churnRate: Double?
    /// (E - N) / S: the share of the starting customers still there at the end.
    package let customerRetentionRate: Double?

    /// Sum of MRR over the customers at the end (accounts with MRR left empty add nothing).
    package let mrr: Double
    /// Customers at the end with an MRR in accounts.csv.
    package let accountsWithMRR: Int
    /// MRR / accounts with an MRR.
    package let arpa: Double?
    /// MRR of the accounts that churned in the period.
    package let churnedMRR: Double
    /// Churn rate spread evenly over the period's months: C / S / months.
    package let monthlyChurnRate: Double?
    /// 1 / monthly churn rate: how many months the average customer stays.
    package let averageLifetimeMonths: Double?
    /// ARPA x average lifetime in months: revenue from an average customer over its life,
    /// before costs (multiply by your gross margin for profit).
    package let averageCustomerLifetimeValue: Double?

    /// NPS answers given in the period, every answer counted once.
    package let npsAnswers: Int
    /// Answers 9-10.
    package let promoters: Int
    /// Answers 7-8.
    package let passives: Int
    /// Answers 0-6.
    package let detractors: Int
    /// % promoters - % detractors, from -100 to 100.
    package let netPromoterScore: Double?

    /// Sessions started in the period.
    package let sessions: Int
    /// Median session length in minutes: the median, since a few very long sessions
    /// (a tab left open) would drag a mean up.
    package let medianSessionMinutes: Double?

    /// With a survival model: the lifetime value of the customers at the period's end and
    /// the revenue expected to leave in the next 90 and 365 days (`KPIJob`); nil otherwise.
    package var lifetime: BookLifetime?

    /// The figures from the accounts and the NPS answers and session lengths (in seconds)
    /// dated in the period.
    package init(period: ReportingPeriod, accounts: [Account], npsScores: [Int], sessionSeconds: [Double]) {
        self.init(period: period, accounts: accounts,
                  activity: PeriodActivity(npsScores: npsScores, sessionSeconds: sessionSeconds))
    }

    /// The figures from the accounts and what a source summed up of the period's NPS
    /// answers and sessions.
    package init(period: ReportingPeriod, accounts: [Account], activity: PeriodActivity) {
        self.period = period
        let dayBefore = period.first.adding(days: -1)
        var start = 0, new = 0, end = 0, churned = 0
        var revenue = 0.0, withMRR = 0, lostRevenue = 0.0
        for account in accounts {
            if account.isCustomer(on: dayBefore) { start += 1 }
            if account.startedOn >= period.first && account.startedOn <= period.last { new += 1 }
            if account.isCustomer(on: period.last) {
                end += 1
                if let value = account.mrr {
                    revenue += value
                    withMRR += 1
                }
            }
            if let day = account.churnedOn, day >= period.first, day <= period.last {
                churned += 1
                lostRevenue += account.mrr ?? 0
            }
        }
        customersAtStart = start
        newCustomers = new
        customersAtEnd = end
        churnedCustomers = churned
        churnRate = start > 0 ? Double(churned) / Double(start) : nil
        customerRetentionRate = start > 0 ? Double(end - new) / Double(start) : nil
        mrr = revenue
        accountsWithMRR = withMRR
        let averageRevenue = withMRR > 0 ? revenue / Double(withMRR) : nil
        arpa = averageRevenue
        churnedMRR = lostRevenue
        let monthly = start > 0 ? Double(churned) / Double(start) / period.months : nil
        monthlyChurnRate = monthly
        // No churn in the period: the lifetime cannot be estimated from it.
        let lifetime = monthly.flatMap { $0 > 0 ? 1 / $0 : nil }
        averageLifetimeMonths = lifetime
        averageCustomerLifetimeValue = lifetime.flatMap { months in averageRevenue.map { $0 * months } }

        let byScore = activity.npsAnswersByScore
        npsAnswers = byScore.reduce(0, +)
        promoters = byScore[9...10].reduce(0, +)
        detractors = byScore[0...6].reduce(0, +)
        passives = npsAnswers - promoters - detractors
        netPromoterScore = npsAnswers > 0 ? 100 * Double(promoters - detractors) / Double(npsAnswers) : nil

        sessions = activity.sessions
        medianSessionMinutes = activity.medianSessionSeconds.map { $0 / 60 }
    }
}
