import Evaluation
import Features
import Scoring
import Survival

/// The portfolio figures of one period.
package enum KPIJob {
    /// With `survival`, the customers at the period's end are scored with it (one more read
    /// of the data) for the lifetime figures.
    package static func run(_ source: some DataSource, period: ReportingPeriod,
                            survival: (model: SurvivalModel, terms: LifetimeTerms)? = nil) throws -> PortfolioKPIs {
        let activity = try source.activity(from: period.first, to: period.last)
        var kpis = PortfolioKPIs(period: period, accounts: source.accounts.accounts, activity: activity)
        if let survival {
            let scorer = try Scorer(model: .survival(survival.model), lifetime: survival.terms)
            let scored = scorer.score(try source.snapshot(asOf: period.last), accounts: source.accounts)
            kpis.lifetime = BookLifetime(scored, modelAsOf: survival.model.asOf)
        }
        return kpis
    }
}
