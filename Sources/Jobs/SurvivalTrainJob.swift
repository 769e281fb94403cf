import Features
import Ingest
import Modeling
import Survival

/// Learns a survival model from history: every month of the account-month table up to
/// `asOf`, read a year of months at a time.
package struct SurvivalTrainJob: Sendable {
    /// The last month end whose customers enter the fit (the month end on or before it).
    package var asOf: CalendarDay
    package var trainer: SurvivalTrainer
    /// The features of the hazard; tenure enters through the tenure periods.
    package var features: [FeatureDefinition]

    package init(asOf: CalendarDay, trainer: SurvivalTrainer = SurvivalTrainer(),
                 features: [FeatureDefinition] = SurvivalTrainer.defaultFeatures) {
        self.asOf = asOf
        self.trainer = trainer
        self.features = features
    }

    package struct Outcome: Sendable {
        package let result: SurvivalTrainingResult
        package let notices: [Notice]
    }

    package func run(_ source: some DataSource) throws -> Outcome {
        let table = try AccountMonthTable.build(source, through: asOf, features: features)
        let result = try trainer.train(table, accounts: source.accounts)
        var notices = Notice.reading(table)
        let lastMonth = result.model.asOf
        if let latest = source.accounts.latestDay, lastMonth.adding(months: 1) > latest {
            notices.append(.monthPastData(monthEnd: lastMonth, dataEnd: latest))
        }
        notices += result.model.leftOut.map(Notice.featureLeftOut)
        return Outcome(result: result, notices: notices)
    }
}

/// Builds the account-month table a survival model of `asOf` is fitted on, for export.
package enum AccountMonthJob {
    package static func run(_ source: some DataSource, asOf: CalendarDay,
                            features: [FeatureDefinition] = SurvivalTrainer.defaultFeatures) throws -> (AccountMonthTable, [Notice]) {
        let table = try AccountMonthTable.build(source, through: asOf, features: features)
        return (table, Notice.reading(table))
    }
}
