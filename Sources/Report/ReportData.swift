import Evaluation
import Exports
import Features
import Ingest
import Modeling
import Scoring

/// Everything the report shows. The jobs compute it (`ReportJob`); the report only renders.
package struct ReportData: Sendable {
    /// Where the data came from, for the title.
    package let datasetName: String
    /// The latest date in the data: "today" for the risk list.
    package let dataEnd: CalendarDay
    package let evaluation: EvaluationResult
    package let kpis: PortfolioKPIs
    /// The model behind today's risk list.
    package let currentModel: ChurnModel
    package let modelOrigin: ModelOrigin
    /// Every customer on `dataEnd`, scored.
    package let currentScores: [ScoreRow]
    /// The top of the list, as `risks` would write it.
    package let riskList: [ScoreRow]
    package let listOrder: RiskList.Order
    package let thresholds: TierThresholds
    /// With a survival model behind the list: its curves and lifetime values; nil otherwise.
    package let survival: SurvivalReport?

    /// Where the model behind today's list comes from.
    package enum ModelOrigin: Sendable, Equatable {
        /// Fitted for the report on the customers of these days (the recipe `evaluate` checks).
        case fitted(days: [CalendarDay])
        /// A trained model file, the one the scores of the score command come from.
        case file(name: String)
    }

    package init(datasetName: String, dataEnd: CalendarDay, evaluation: EvaluationResult, kpis: PortfolioKPIs,
                 currentModel: ChurnModel, modelOrigin: ModelOrigin, currentScores: [ScoreRow], riskList: [ScoreRow],
                 listOrder: RiskList.Order, thresholds: TierThresholds, survival: SurvivalReport? = nil) {
        self.datasetName = datasetName; self.dataEnd = dataEnd; self.evaluation = evaluation; self.kpis = kpis
        self.currentModel = currentModel; self.modelOrigin = modelOrigin; self.currentScores = currentScores
        self.riskList = riskList; self.listOrder = listOrder; self.thresholds = thresholds
        self.survival = survival
    }

    /// "fitted on the customers of A, B and C" or "from the model file F (trained as of T)".
    var modelSentence: String {
        switch modelOrigin {
        case .fitted(let days): "fitted on the customers of \(HTMLReport.list(days))"
        case .file(let name): "from the model file \(HTML.escape(name)) (trained as of \(currentModel.asOf))"
        }
    }
}
