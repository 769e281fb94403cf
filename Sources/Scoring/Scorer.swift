import Features
import Foundation
import Ingest
import Modeling

/// Applies a fitted model to a snapshot: probability, health score, tier, reasons.
public struct Scorer: Sendable {
    public let model: ChurnModel
    public let thresholds: TierThresholds
    private let definitions: [FeatureDefinition]

    public init(model: ChurnModel, thresholds: TierThresholds = TierThresholds()) throws(ModelFileError) {
        self.model = model
        self.thresholds = thresholds
        definitions = try model.definitions()
    }

    /// Scores every account of the snapshot, in the snapshot's order.
    public func score(_ snapshot: Snapshot, accounts: AccountTable) -> [ScoreRow] {
        zip(snapshot.accountPositions, snapshot.signals).map { position, signals in
            score(signals, account: accounts.accounts[Int(position)], asOf: snapshot.asOf)
        }
    }

    public func score(_ signals: AccountSignals, account: Account, asOf: CalendarDay) -> ScoreRow {
        var familyContribution: [SignalFamily: Double] = [:]
        var logOdds = model.intercept.estimate
        for (feature, definition) in zip(model.features, definitions) {
            let contribution = feature.coefficient.estimate * feature.standardized(definition.value(signals))
            logOdds += contribution
            familyContribution[feature.family, default: 0] += contribution
        }
        let probability = Scorer.logistic(logOdds)
        let health = Int((100 * (1 - probability)).rounded())
        let reasons = familyContribution
            .filter { $0.value >= Scorer.reasonThreshold }
            .sorted { $0.value != $1.value ? $0.value > $1.value : $0.key.rawValue < $1.key.rawValue }
            .prefix(Scorer.maximumReasons)
            .map { ReasonText.describe($0.key, signals, model: model) }
        return ScoreRow(accountID: account.id, name: account.name, owner: account.owner, segment: account.segment,
                        mrr: account.mrr, churnProbability: probability, healthScore: health,
                        tier: thresholds.tier(for: health), revenueAtRisk: probability * (account.mrr ?? 0),
                        reasons: reasons, asOf: asOf, horizonDays: model.horizonDays)
    }

    /// A signal becomes a reason when it raises the log-odds of churn by at least 0.1
    /// against an average account: about +10% on the odds, enough to be worth a sentence.
    public static let reasonThreshold = 0.1
    /// Three reasons fit a CRM field and a call-prep note; more would bury the first.
    public static let maximumReasons = 3

    /// 1 / (1 + e^-x), without overflow for large |x|.
    static func logistic(_ x: Double) -> Double {
        x >= 0 ? 1 / (1 + exp(-x)) : exp(x) / (1 + exp(x))
    }
}
