import Dispatch
import Features
import Foundation
import Ingest
import Modeling
import Regression

/// Applies a fitted model to a snapshot: probability, health score, tier, reasons.
package struct Scorer: Sendable {
    package let model: ChurnModel
    package let thresholds: TierThresholds
    private let reasonText: ReasonText
    /// The model's features reduced to what scoring an account needs: copying a whole
    /// `ModelFeature` (name, formula) per feature and account costs reference-count
    /// updates, which showed in the profile of scoring a million accounts.
    private let terms: [Term]

    private struct Term: Sendable {
        let value: @Sendable (AccountSignals) -> Double?
        let fill: Double
        let center: Double
        let scale: Double
        let coefficient: Double
        /// Position in `SignalFamily.allCases` of the feature's family.
        let family: Int
    }

    package init(model: ChurnModel, thresholds: TierThresholds = TierThresholds()) throws(ModelFileError) {
        self.model = model
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
        let computed = [AccountScore](unsafeUninitializedCapacity: count) { scores, initialized in
            let target = UncheckedScores(scores: scores)
            let tasks = (count + Scorer.accountsPerTask - 1) / Scorer.accountsPerTask
            DispatchQueue.concurrentPerform(iterations: tasks) { task in
                let start = task * Scorer.accountsPerTask
                // Signals are read in place rather than copied per account.
                snapshot.signals.withUnsafeBufferPointer { signals in
                    for index in start..<min(count, start + Scorer.accountsPerTask) {
                        (target.scores.baseAddress! + index).initialize(to: score(signals[index]))
                    }
                }
            }
            initialized = count
        }
        let scores = thresholds.shares == nil ? computed : Scorer.tieredByShare(computed, thresholds: thresholds)
        return ScoredSnapshot(snapshot: snapshot, accounts: accounts, scores: scores,
                              horizonDays: model.horizonDays, reasonText: reasonText)
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
        let score = score(signals)
        return ScoreRow(account: account, score: score, reasons: score.reasons.map { reasonText.describe($0, signals) },
                        asOf: asOf, horizonDays: model.horizonDays)
    }

    /// One account's score: probability, health score, tier, and the families that raise
    /// its risk the most.
    package func score(_ signals: AccountSignals) -> AccountScore {
        // Contributions summed per family, in a fixed array rather than a dictionary: this
        // runs once per account, a million times for a large base.
        var contributions = (0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0)
        var logOdds = model.intercept.estimate
        let reasons = withUnsafeMutableBytes(of: &contributions) { raw -> ReasonFamilies in
            let byFamily = raw.bindMemory(to: Double.self)
            precondition(SignalFamily.allCases.count <= byFamily.count)
            for term in terms {
                let x = ModelFeature.standardize(term.value(signals), fill: term.fill, center: term.center, scale: term.scale)
                let contribution = term.coefficient * x
                logOdds += contribution
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
        let probability = logistic(logOdds)
        let health = Int((100 * (1 - probability)).rounded())
        return AccountScore(churnProbability: probability, healthScore: health, tier: thresholds.tier(forProbability: probability),
                            reasons: reasons)
    }

    /// A signal becomes a reason when it raises the log-odds of churn by at least 0.1
    /// against an average account: about +10% on the odds, enough to be worth a sentence.
    package static let reasonThreshold = 0.1
}

/// The scores being computed, shared with the scoring threads: each index is written by
/// one task only, and read after all have finished.
private struct UncheckedScores: @unchecked Sendable {
    let scores: UnsafeMutableBufferPointer<AccountScore>
}
