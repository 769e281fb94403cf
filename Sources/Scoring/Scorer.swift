import Features
import Foundation
import Ingest
import Modeling
import Parallel
import Regression
import Survival

/// Applies a fitted model to a snapshot: probability, health score, tier, reasons, and with
/// a survival model each account's survival figures and lifetime value.
package struct Scorer: Sendable {
    /// A churn model, or a survival model's monthly hazard (`SurvivalModel.hazardModel`).
    package let model: ChurnModel
    package let thresholds: TierThresholds
    /// What a survival model adds: its forecast and the terms of the lifetime value; nil
    /// for a churn model.
    package let survival: (forecast: HazardForecast, terms: LifetimeTerms)?
    private let reasonText: ReasonText
    /// The model's features reduced to what scoring an account needs: copying a whole
    /// `ModelFeature` (name, formula) per feature and account costs reference-count
    /// updates, which showed in the profile of scoring a million accounts.
    let terms: [Term]

    struct Term: Sendable {
        let value: @Sendable (AccountSignals) -> Double?
        let fill: Double
        let center: Double
        let scale: Double
        let coefficient: Double
        /// Position in `SignalFamily.allCases` of the feature's family.
        let family: Int
    }

    package init(model: ChurnModel, thresholds: TierThresholds = TierThresholds()) throws(ModelFileError) {
        try self.init(model, survival: nil, thresholds: thresholds)
    }

    /// A scorer for a model file of either kind. With a survival model, an account's churn
    /// probability is the chance of churning within the model's horizon on its curve, and
    /// `terms` set its lifetime value.
    package init(model: TrainedModel, thresholds: TierThresholds = TierThresholds(),
                 lifetime terms: LifetimeTerms = LifetimeTerms()) throws(ModelFileError) {
        switch model {
        case .churn(let churn): try self.init(churn, survival: nil, thresholds: thresholds)
        case .survival(let survival):
            try self.init(survival.hazardModel, survival: (HazardForecast(survival), terms), thresholds: thresholds)
        }
    }

    private init(_ model: ChurnModel, survival: (forecast: HazardForecast, terms: LifetimeTerms)?,
                 thresholds: TierThresholds) throws(ModelFileError) {
        self.model = model
        self.survival = survival
        self.thresholds = thresholds
        reasonText = ReasonText(model: model)
        terms = zip(model.features, try model.definitions()).map { feature, definition in
            Term(value: definition.value, fill: feature.fill, center: feature.center, scale: feature.scale,
                 coefficient: feature.coefficient.estimate, family: SignalFamily.allCases.firstIndex(of: feature.family)!)
        }
    }

    /// Accounts per task when scoring in parallel: enough that a task's start costs
    /// nothing next to it, few enough that both cores finish together.
    static let accountsPerTask = 8192

    /// Scores every account of the snapshot, in the snapshot's order. Accounts are
    /// independent, so they are scored on all cores; each score is the same either way.
    package func score(_ snapshot: Snapshot, accounts: AccountTable) -> ScoredSnapshot {
        let count = snapshot.count
        // Each account's survival figures, written by the task that scores it.
        var lifetimes = [LifetimeFigures](repeating: LifetimeFigures.none, count: survival == nil ? 0 : count)
        let computed = lifetimes.withUnsafeMutableBufferPointer { lifetimes in
            [AccountScore](unsafeUninitializedCapacity: count) { scores, initialized in
                let target = UncheckedScores(scores: scores, lifetimes: lifetimes)
                concurrentChunks(count, of: Scorer.accountsPerTask) { indices in
                    // Signals are read in place rather than copied per account.
                    snapshot.signals.withUnsafeBufferPointer { signals in
                        for index in indices {
                            let (score, figures) = evaluate(signals[index])
                            (target.scores.baseAddress! + index).initialize(to: score)
                            if let figures { target.lifetimes[index] = figures }
                        }
                    }
                }
                initialized = count
            }
        }
        let scores = thresholds.shares == nil ? computed : Scorer.tieredByShare(computed, thresholds: thresholds)
        return ScoredSnapshot(snapshot: snapshot, accounts: accounts, scores: scores,
                              horizonDays: model.horizonDays, reasonText: reasonText,
                              lifetimes: survival == nil ? nil : lifetimes, lifetimeTerms: survival?.terms)
    }

    /// Tiers cut by share of the book: each account's tier set from the cut-offs of the
    /// whole scored snapshot.
    static func tieredByShare(_ scores: [AccountScore], thresholds: TierThresholds) -> [AccountScore] {
        let (atRisk, watch) = thresholds.cutoffs(for: scores.map(\.churnProbability))
        return scores.map { score in
            var score = score
            score.tier = score.churnProbability >= atRisk ? .atRisk : score.churnProbability >= watch ? .watch : .healthy
            return score
        }
    }

    /// One account as a full row, names and reasons in words.
    package func score(_ signals: AccountSignals, account: Account, asOf: CalendarDay) -> ScoreRow {
        let (score, figures) = evaluate(signals)
        return ScoreRow(account: account, score: score, reasons: score.reasons.map { reasonText.describe($0, signals) },
                        asOf: asOf, horizonDays: model.horizonDays,
                        lifetime: figures.flatMap { figures in survival.map { (figures, $0.terms) } })
    }

    /// One account's score: probability, health score, tier, and the families that raise
    /// its risk the most.
    package func score(_ signals: AccountSignals) -> AccountScore { evaluate(signals).score }

    /// With a survival model, one account's survival figures; nil for a churn model.
    package func lifetime(_ signals: AccountSignals) -> LifetimeFigures? { evaluate(signals).lifetime }

    /// With a survival model, one account's survival curve (for charts); nil for a churn model.
    package func curve(_ signals: AccountSignals) -> SurvivalCurve? {
        guard let survival else { return nil }
        var score = 0.0
        for term in terms {
            score += term.coefficient * ModelFeature.standardize(term.value(signals), fill: term.fill, center: term.center, scale: term.scale)
        }
        return survival.forecast.curve(tenureMonths: Scorer.tenureMonths(signals), score: score)
    }

    /// Whole months of tenure: floor(tenure days / 30.4375), as the account-month table counts them.
    static func tenureMonths(_ signals: AccountSignals) -> Int {
        Int((Double(signals.tenureDays) / SurvivalCurve.daysPerMonth).rounded(.down))
    }

    /// The score, and with a survival model the survival figures, of one account.
    ///
    /// With a survival model the log-odds are those of churning in the coming month; the
    /// features' part of them (the log-odds less the intercept) is the account's risk score,
    /// from which, with its months of tenure, the curve is forecast (`HazardForecast`).
    private func evaluate(_ signals: AccountSignals) -> (score: AccountScore, lifetime: LifetimeFigures?) {
        // Contributions summed per family, in a fixed array rather than a dictionary: this
        // runs once per account, a million times for a large base.
        var contributions = (0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0)
        var logOdds = model.intercept.estimate
        // The features' part alone, for a survival model's forecast (the same sum `curve` forms).
        var score = 0.0
        let reasons = withUnsafeMutableBytes(of: &contributions) { raw -> ReasonFamilies in
            let byFamily = raw.bindMemory(to: Double.self)
            precondition(SignalFamily.allCases.count <= byFamily.count)
            for term in terms {
                let x = ModelFeature.standardize(term.value(signals), fill: term.fill, center: term.center, scale: term.scale)
                let contribution = term.coefficient * x
                logOdds += contribution
                score += contribution
                byFamily[term.family] += contribution
            }
            // The families that raise the risk enough, strongest first (ties by name): an
            // insertion sort of family indices in place, since there are at most seven.
            var order = (0, 0, 0, 0, 0, 0, 0, 0)
            let families = SignalFamily.allCases
            return withUnsafeMutableBytes(of: &order) { raw -> ReasonFamilies in
                let order = raw.bindMemory(to: Int.self)
                var count = 0
                func before(_ a: Int, _ b: Int) -> Bool {
                    byFamily[a] != byFamily[b] ? byFamily[a] > byFamily[b] : families[a].rawValue < families[b].rawValue
                }
                for index in families.indices where byFamily[index] >= Scorer.reasonThreshold {
                    var slot = count
                    while slot > 0 && before(index, order[slot - 1]) { order[slot] = order[slot - 1]; slot -= 1 }
                    order[slot] = index
                    count += 1
                }
                var reasons = ReasonFamilies()
                for rank in 0..<min(count, ReasonFamilies.capacity) { reasons.append(familyIndex: order[rank]) }
                return reasons
            }
        }
        var probability = logistic(logOdds)
        var figures: LifetimeFigures?
        if let survival {
            let curve = survival.forecast.curve(tenureMonths: Scorer.tenureMonths(signals), score: score)
            let lifetime = curve.figures(horizonDays: model.horizonDays, annualDiscountRate: survival.terms.annualDiscountRate)
            probability = lifetime.churnWithinHorizon
            figures = lifetime
        }
        let health = Int((100 * (1 - probability)).rounded())
        return (AccountScore(churnProbability: probability, healthScore: health,
                             tier: thresholds.tier(forProbability: probability), reasons: reasons), figures)
    }

    /// A signal becomes a reason when it raises the log-odds of churn by at least 0.1
    /// against an average account: about +10% on the odds, enough to be worth a sentence.
    package static let reasonThreshold = 0.1
}

/// The scores being computed, shared with the scoring threads: each index is written by
/// one task only, and read after all have finished.
private struct UncheckedScores: @unchecked Sendable {
    let scores: UnsafeMutableBufferPointer<AccountScore>
    /// Empty for a churn model.
    let lifetimes: UnsafeMutableBufferPointer<LifetimeFigures>
}

extension LifetimeFigures {
    /// A placeholder, overwritten for every account before it is read.
    static let none = LifetimeFigures(churn30: 0, churn90: 0, churn180: 0, churn365: 0, churnWithinHorizon: 0,
                                      expectedLifetimeMonths: 0, discountedLifetimeMonths: 0)
}
