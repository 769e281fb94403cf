import Evaluation
import Features

/// The portfolio figures of one period.
package enum KPIJob {
    package static func run(_ source: some DataSource, period: ReportingPeriod) throws -> PortfolioKPIs {
        let activity = try source.activity(from: period.first, to: period.last)
        return PortfolioKPIs(period: period, accounts: source.accounts.accounts, activity: activity)
    }
}
