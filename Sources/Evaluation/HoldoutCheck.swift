import Features
import Ingest
import Modeling
import Scoring

/// Train as of one day, test as of a later one on what really happened: the model and
/// every baseline, fitted on the same training accounts and judged on the same test accounts.
package struct HoldoutCheck: Sendable {
    /// Days after each as-of day in which a churn counts, for training labels and test
    /// outcomes alike. Default 90, as for `train`.
    package var horizonDays: Int
    /// Ridge penalty of the fitted logistic methods, as for training. Default nil: chosen
    /// by cross-validation for each fit, as `train` does, so the recipe checked is the
    /// recipe deployed.
    package var l2: Double?
    /// Tier cut-offs for the probabilistic methods; at_risk is the flagged tier.
    package var thresholds: TierThresholds

    package init(horizonDays: Int = 90, l2: Double? = nil, thresholds: TierThresholds = TierThresholds()) {
        self.horizonDays = horizonDays
        self.l2 = l2
        self.thresholds = thresholds
    }

    /// Fits the model and the baselines on the usable `trainingDays` of `series` (the pooled
    /// recipe of `TrainingPool`) and judges them on `test`.
    package func run(trainingDays: [CalendarDay], asOf: CalendarDay, test: Snapshot, series: SnapshotSeries,
                     accounts: AccountTable) throws(EvaluationError) -> HoldoutResult {
        guard test.count > 0 else { throw .noCustomersOnTestDay(test.asOf) }
        func fit(_ trainer: ModelTrainer) throws(TrainingError) -> PooledFit {
            try TrainingPool.fit(candidates: trainingDays, asOf: asOf, series: series, accounts: accounts, trainer: trainer)
        }
        let trainer = ModelTrainer(horizonDays: horizonDays, l2: l2)
        let testAccounts = test.accountPositions.map { accounts.accounts[Int($0)] }
        let labels = testAccounts.map { trainer.label($0, asOf: test.asOf) }
        let mrr = testAccounts.map { $0.mrr ?? 0 }

        let pooled: PooledFit
        do {
            pooled = try fit(trainer)
        } catch {
            throw .training(error, baseline: nil)
        }
        let fitted = pooled.result
        let train = pooled.days
        let rows = try score(test, accounts: accounts, model: fitted.model)
        var methods = [result(.model, rows: rows, labels: labels, mrr: mrr)]
        for method in [ScoringMethod.loginsOnly, .npsOnly] {
            let features = (method.featureNames ?? []).compactMap(FeatureCatalog.definition(named:))
            let baseline: TrainingResult
            do {
                baseline = try fit(ModelTrainer(horizonDays: horizonDays, l2: l2, features: features)).result
            } catch {
                throw .training(error, baseline: method)
            }
            let baselineRows = try score(test, accounts: accounts, model: baseline.model)
            methods.append(result(method, rows: baselineRows, labels: labels, mrr: mrr))
        }
        let rule = test.signals.map(RuleScore.score)
        methods.append(MethodResult(
            method: .ruleScore, risk: rule.map { Double(100 - $0) }, probabilities: nil,
            flagged: rule.map { RuleScore.colour(for: $0) == .red }, flaggedTierName: RuleScore.Colour.red.rawValue,
            labels: labels, mrr: mrr))
        methods[0].checks = ModelChecks(probabilities: methods[0].risk,
                                        baselines: methods.dropFirst().map { ($0.method, $0.risk) }, labels: labels)

        return HoldoutResult(
            trainAsOf: train.max()!, trainingDays: train, testAsOf: test.asOf, horizonDays: horizonDays,
            trainAccounts: fitted.labels.count, trainChurned: Int(fitted.labels.reduce(0, +)),
            testAccounts: labels.count, testChurned: Int(labels.reduce(0, +)),
            testChurnedRevenue: zip(labels, mrr).reduce(0) { $0 + $1.0 * $1.1 },
            methods: methods, model: fitted.model, testScores: rows, testLabels: labels)
    }

    private func score(_ snapshot: Snapshot, accounts: AccountTable, model: ChurnModel) throws(EvaluationError) -> [ScoreRow] {
        do {
            return try Scorer(model: model, thresholds: thresholds).score(snapshot, accounts: accounts).rows
        } catch {
            // A model fitted a moment ago by this build only uses features it can compute.
            preconditionFailure("a freshly fitted model cannot be scored: \(error)")
        }
    }

    private func result(_ method: ScoringMethod, rows: [ScoreRow], labels: [Double], mrr: [Double]) -> MethodResult {
        let probabilities = rows.map(\.churnProbability)
        return MethodResult(method: method, risk: probabilities, probabilities: probabilities,
                            flagged: rows.map { $0.tier == .atRisk }, flaggedTierName: Tier.atRisk.rawValue,
                            labels: labels, mrr: mrr)
    }
}
