import Evaluation
import Exports
import Features
import Ingest
import Modeling
import Report
import Scoring

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
    package var model: (ChurnModel, file: String)?

    package init(evaluation: EvaluateJob, pool: TrainingPool, period: ReportingPeriod, list: RiskList,
                 model: (ChurnModel, file: String)? = nil) {
        self.evaluation = evaluation; self.pool = pool; self.period = period; self.list = list; self.model = model
    }

    package func run(_ source: some DataSource, dataEnd: CalendarDay) throws -> (ReportData, [Notice]) {
        let check = evaluation.check
        let modelDays = model == nil ? pool.days(endingOn: evaluation.plan.split.testAsOf) : []
        let evaluated = try evaluation.run(source, extraDays: modelDays + [dataEnd])
        let current: ChurnModel
        let origin: ReportData.ModelOrigin
        if let (given, file) = model {
            current = given
            origin = .file(name: file)
        } else {
            let trainer = ModelTrainer(horizonDays: check.horizonDays, l2: check.l2)
            let fit = try pool.fit(asOf: evaluation.plan.split.testAsOf, series: evaluated.series,
                                   accounts: source.accounts, trainer: trainer)
            current = fit.model
            origin = .fitted(days: fit.days)
        }
        let scores = try Scorer(model: current, thresholds: check.thresholds)
            .score(evaluated.series[dataEnd]!, accounts: source.accounts).rows
        let kpis = try KPIJob.run(source, period: period)
        let name = source.name.split(separator: "/").last.map(String.init) ?? source.name
        let data = ReportData(datasetName: name, dataEnd: dataEnd, evaluation: evaluated.result, kpis: kpis,
                              currentModel: current, modelOrigin: origin, currentScores: scores,
                              riskList: list.apply(to: scores), listOrder: list.order, thresholds: check.thresholds)
        return (data, evaluated.notices)
    }
}
