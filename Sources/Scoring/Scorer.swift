import Dispatch
import Features
import Foundation
import Ingest
import Modeling

/// Applies a fitted model to a snapshot: probability, health score, tier, reasons.
public struct Scorer: Sendable {
    public let model: ChurnModel
    public let thresholds: TierThresholds
    private let definitions: [FeatureDefinition]
    private let reasonText: ReasonText
    /// Position in `SignalFamily.allCases` of each model feature's family.
    private let familyIndices: [Int]

    public init(model: ChurnModel, thresholds: TierThresholds = TierThresholds()) throws(ModelFileError) {
        self.model = model
        self.thresholds = thresholds
        definitions = try model.definitions()
        reasonText = ReasonText(model: model)
        familyIndices = model.features.map { SignalFamily.allCases.firstIndex(of: $0.family)! }
    }

    /// Accounts per task when scoring in parallel: enough that a task's start costs
    /// nothing next to it, few enough that both cores finish together.
    static let accountsPerTask = 8192

    /// Scores every account of the snapshot, in the snapshot's order. Accounts are
    /// independent, so they are scored on all cores; each row is the same either way.
    public func score(_ snapshot: Snapshot, accounts: AccountTable) -> [ScoreRow] {
        let count = snapshot.count
        return [ScoreRow](unsafeUninitializedCapacity: count) { rows, initialized in
            let target = UncheckedRows(rows: rows)
            let tasks = (count + Scorer.accountsPerTask - 1) / Scorer.accountsPerTask
            DispatchQueue.concurrentPerform(iterations: tasks) { task in
                let start = task * Scorer.accountsPerTask
                // Accounts and signals are read in place rather than copied per row.
                accounts.accounts.withUnsafeBufferPointer { accounts in
                    snapshot.signals.withUnsafeBufferPointer { signals in
                        for index in start..<min(count, start + Scorer.accountsPerTask) {
                            let position = Int(snapshot.accountPositions[index])
                            (target.rows.baseAddress! + index).initialize(
                                to: score(signals[index], account: accounts[position], asOf: snapshot.asOf))
                        }
                    }
                }
            }
            initialized = count
        }
    }

    public func score(_ signals: AccountSignals, account: Account, asOf: CalendarDay) -> ScoreRow {
        // Contributions summed per family, in a fixed array rather than a dictionary: this
        // runs once per account, a million times for a large base.
        var contributions = (0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0)
        var logOdds = model.intercept.estimate
        let reasons = withUnsafeMutableBytes(of: &contributions) { raw -> [String] in
            let byFamily = raw.bindMemory(to: Double.self)
            precondition(SignalFamily.allCases.count <= byFamily.count)
            for index in model.features.indices {
                let feature = model.features[index]
                let contribution = feature.coefficient.estimate * feature.standardized(definitions[index].value(signals))
                logOdds += contribution
                byFamily[familyIndices[index]] += contribution
            }
            // The families that raise the risk enough, strongest first (ties by name): an
            // insertion sort of family indices in place, since there are at most seven.
            var order = (0, 0, 0, 0, 0, 0, 0, 0)
            let families = SignalFamily.allCases
            return withUnsafeMutableBytes(of: &order) { raw -> [String] in
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
                var reasons: [String] = []
                reasons.reserveCapacity(min(count, Scorer.maximumReasons))
                for rank in 0..<min(count, Scorer.maximumReasons) {
                    reasons.append(reasonText.describe(families[order[rank]], signals))
                }
                return reasons
            }
        }
        let probability = Scorer.logistic(logOdds)
        let health = Int((100 * (1 - probability)).rounded())
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

/// The rows being scored, shared with the scoring threads: each index is written by one
/// task only, and read after all have finished.
private struct UncheckedRows: @unchecked Sendable {
    let rows: UnsafeMutableBufferPointer<ScoreRow>
}
