import Evaluation
import Exports
import Features
import Ingest
import Modeling
import Scoring

/// Everything the report shows, gathered from one dataset.
package struct ReportData: Sendable {
    /// The dataset folder's name, for the title.
    package let datasetName: String
    /// The latest date in the data: "today" for the risk list.
    package let dataEnd: CalendarDay
    package let evaluation: Evaluation
    package let kpis: PortfolioKPIs
    /// The model behind today's risk list: fitted like `train --as-of <test day>`, the latest
    /// day whose outcomes are known, with the same pooling as the evaluation.
    package let currentModel: ChurnModel
    package let currentTrainingDays: [CalendarDay]
    /// Every customer on `dataEnd`, scored.
    package let currentScores: [ScoreRow]
    /// The top of the list, as `risks` would write it.
    package let riskList: [ScoreRow]
    package let listOrder: RiskList.Order
    package let thresholds: TierThresholds

    /// Reads the exports once for every snapshot (the evaluation's days, the current
    /// model's days and today), runs the evaluation, fits the current model, scores today's
    /// customers, and reads nps.csv and sessions.csv once more for the KPIs of `period`.
    package static func gather(dataset: DatasetFolder, dataEnd: CalendarDay, plan: EvaluationPlan, check: HoldoutCheck,
                              pool: TrainingPool, period: ReportingPeriod, list: RiskList) throws -> ReportData {
        let modelDays = pool.days(endingOn: plan.split.testAsOf)
        let (evaluation, series) = try Evaluation.run(plan, dataset: dataset, check: check, extraDays: modelDays + [dataEnd])
        let usable = pool.usableDays(endingOn: plan.split.testAsOf, in: series)
        let trainer = ModelTrainer(horizonDays: check.horizonDays, l2: check.l2)
        let model = try trainer.train(usable.compactMap { series[$0] }, accounts: dataset.accounts).model
        let scores = try Scorer(model: model, thresholds: check.thresholds).score(series[dataEnd]!, accounts: dataset.accounts).rows
        let kpis = try PortfolioKPIs.compute(dataset, period: period)
        let name = dataset.path.split(separator: "/").last.map(String.init) ?? dataset.path
        return ReportData(datasetName: name, dataEnd: dataEnd, evaluation: evaluation, kpis: kpis, currentModel: model,
                          currentTrainingDays: usable, currentScores: scores, riskList: list.apply(to: scores),
                          listOrder: list.order, thresholds: check.thresholds)
    }
}
