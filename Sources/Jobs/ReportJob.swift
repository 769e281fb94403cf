import Evaluation
import Exports
import Features
import Ingest
import Modeling
import Report
import Scoring
import Survival

/// Gathers everything the report shows, from one read of the data for every snapshot
/// (the evaluation's days, the current model's days and today) and one more pass for the
/// KPIs of `period`.
package struct ReportJob: Sendable {
    package var evaluation: EvaluateJob
    /// The pooling of the model fitted for today's list when no model is given.
    package var pool: TrainingPool
    package var period: ReportingPeriod
    package var list: RiskList
    /// The model behind today's list, with its file name: given, the list holds exactly the
    /// scores the score command writes with it; nil fits one with the recipe `evaluation` checks.
    /// A survival model adds its curves and lifetime values (`SurvivalReport`).
    package var model: (TrainedModel, file: String)?
    /// The terms of the lifetime values, with a survival model.
    package var lifetime: LifetimeTerms

    package init(evaluation: EvaluateJob, pool: TrainingPool, period: ReportingPeriod, list: RiskList,
                 model: (TrainedModel, file: String)? = nil, lifetime: LifetimeTerms = LifetimeTerms()) {
        self.evaluation = evaluation; self.pool = pool; self.period = period; self.list = list; self.model = model
        self.lifetime = lifetime
    }

    package func run(_ source: some DataSource, dataEnd: CalendarDay) throws -> (ReportData, [Notice]) {
        let check = evaluation.check
        let modelDays = model == nil ? pool.days(endingOn: evaluation.plan.split.testAsOf) : []
        let evaluated = try evaluation.run(source, extraDays: modelDays + [dataEnd])
        let current: TrainedModel
        let origin: ReportData.ModelOrigin
        if let (given, file) = model {
            current = given
            origin = .file(name: file)
        } else {
            let trainer = ModelTrainer(horizonDays: check.horizonDays, l2: check.l2)
            let fit = try pool.fit(asOf: evaluation.plan.split.testAsOf, series: evaluated.series,
                                   accounts: source.accounts, trainer: trainer)
            current = .churn(fit.model)
            origin = .fitted(days: fit.days)
        }
        let scorer = try Scorer(model: current, thresholds: check.thresholds, lifetime: lifetime)
        let today = evaluated.series[dataEnd]!
        let scored = scorer.score(today, accounts: source.accounts)
        let scores = scored.rows
        var survival: SurvivalReport?
        if let model = current.survival, let book = BookLifetime(scored, modelAsOf: model.asOf) {
            func curves(_ order: (Int, Int) -> Bool) -> [AccountCurve] {
                scores.indices.sorted { order($0, $1) || (!order($1, $0) && scores[$0].accountID < scores[$1].accountID) }
                    .prefix(SurvivalReport.accountsShown)
                    .map { AccountCurve(row: scores[$0], curve: scorer.curve(today.signals[$0])!) }
            }
            let value = { (index: Int) in scores[index].lifetime?.lifetimeValue ?? -1 }
            survival = SurvivalReport(model: model, book: book,
                                      riskiest: curves { scores[$0].churnProbability > scores[$1].churnProbability },
                                      mostValuable: curves { value($0) > value($1) },
                                      lifetimeValues: scores.compactMap { $0.lifetime?.lifetimeValue })
        }
        let kpis = try KPIJob.run(source, period: period)
        let name = source.name.split(separator: "/").last.map(String.init) ?? source.name
        let data = ReportData(datasetName: name, dataEnd: dataEnd, evaluation: evaluated.result, kpis: kpis,
                              currentModel: current.churnModel, modelOrigin: origin, currentScores: scores,
                              riskList: list.apply(to: scores), listOrder: list.order, thresholds: check.thresholds,
                              survival: survival)
        return (data, evaluated.notices)
    }
}
