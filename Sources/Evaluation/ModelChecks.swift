/// What the model's entry in an evaluation adds to the figures every method has: whether
/// its AUC is told apart from each baseline's on the same accounts, and whether its
/// probabilities pass the calibration checks.
package struct ModelChecks: Sendable {
    /// Paired DeLong test of the model's AUC minus each baseline's, in
    /// `ScoringMethod.baselines` order; empty when the test set has fewer than two
    /// churners or stayers.
    package let aucDifferences: [(baseline: ScoringMethod, difference: AUCDifference)]
    package let calibration: CalibrationCheck

    /// - Parameters:
    ///   - probabilities: the model's churn probability of each test account (its risk).
    ///   - baselines: each baseline's risk of the same accounts, in the same order.
    package init(probabilities: [Double], baselines: [(ScoringMethod, [Double])], labels: [Double]) {
        if let delong = try? DeLong(scores: [probabilities] + baselines.map(\.1), labels: labels) {
            aucDifferences = baselines.indices.map { (baselines[$0].0, delong.difference(0, $0 + 1)) }
        } else {
            aucDifferences = []
        }
        calibration = CalibrationCheck(probabilities: probabilities, labels: labels)
    }

    /// The comparison with one baseline, if it could be made.
    package func difference(from baseline: ScoringMethod) -> AUCDifference? {
        aucDifferences.first { $0.baseline == baseline }?.difference
    }

    /// `auc_difference` as the JSON holds it: keyed by each baseline's `method` name.
    var aucDifferenceByName: [String: AUCDifference] {
        Dictionary(uniqueKeysWithValues: aucDifferences.map { ($0.baseline.rawValue, $0.difference) })
    }
}
