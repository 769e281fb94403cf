import Features
import Scoring

/// Everything the store keeps about one account in one run, and how it moved since the
/// run before: what a customer-success manager reads before a call.
package struct AccountDetail: Sendable, Equatable {
    package var run: RunSummary
    package var row: AccountRow
    /// Strongest first, in words.
    package var reasons: [String]
    /// The run's kept features, in the run's order, with the account's value (NaN where
    /// missing) and the run's typical values.
    package var features: [FeatureReading]
    /// The model's log-odds of churn for the account: the intercept plus one
    /// contribution per signal family (positive raises the risk).
    package var intercept: Double
    /// In `SignalFamily.allCases` order.
    package var contributions: [Double]
    /// The run before `run` in the store, and the change since it split by cause; nil
    /// when there is no run before, or the account was not in it.
    package var previousRun: RunSummary?
    package var previous: AccountRow?
    package var change: ChangeTerms?

    package var logOdds: Double { contributions.reduce(intercept, +) }
}

/// One feature of an account beside the run's typical values.
package struct FeatureReading: Sendable, Equatable {
    package var name: String
    /// NaN where the account has no value.
    package var value: Double
    package var median: Double?
    package var healthyMedian: Double?
}
