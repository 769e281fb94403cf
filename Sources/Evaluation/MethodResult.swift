import Modeling

/// Every measure of one method on one test set.
package struct MethodResult: Sendable, Encodable {
    package let method: ScoringMethod
    /// Chance that a random churner ranks above a random stayer; 0.5 is a coin toss.
    package let auc: Double?
    /// 95% DeLong interval of the AUC (`DeLong`); nil with fewer than two churners or stayers.
    package let aucCI: AUCInterval?
    package let logLoss: Double?
    package let brierScore: Double?
    /// Predicted against observed churn by decile; nil for the rule score.
    package let calibration: CalibrationTable?
    /// The tier that says "call this account": at_risk for probabilities, red for the rule score.
    package let flaggedTier: FlaggedTier
    /// Churners and churned revenue caught in the top of the list, one per share asked for.
    package let capture: [CaptureRate]
    /// The ROC curve, for the chart (left out of JSON: one point per distinct score).
    package let roc: [ROCPoint]
    /// Each test account's risk as ranked (left out of JSON), for paired comparisons.
    package let risk: [Double]
    /// The model's comparisons with the baselines and its calibration checks; nil for a
    /// baseline. Set by `HoldoutCheck` once every method is scored.
    package internal(set) var checks: ModelChecks?

    /// The top shares of the list that `capture` reports: a team can usually call its
    /// top tenth each quarter, and a fifth with effort.
    package static let captureShares = [0.1, 0.2]

    /// - Parameters:
    ///   - risk: higher means more likely to churn; only the order matters.
    ///   - probabilities: churn probabilities, nil for a score that is not one.
    ///   - flagged: whether each account is in the flagged tier.
    package init(method: ScoringMethod, risk: [Double], probabilities: [Double]?, flagged: [Bool], flaggedTierName: String,
                labels: [Double], mrr: [Double], captureShares: [Double] = MethodResult.captureShares) {
        self.method = method
        self.risk = risk
        roc = ROCCurve.points(risk: risk, labels: labels)
        // The rank statistic works on any ordering, probabilities or not.
        auc = RankMetrics.auc(probabilities: risk, labels: labels)
        aucCI = (try? DeLong(scores: [risk], labels: labels))?.interval(0)
        logLoss = probabilities.flatMap { ProbabilityMetrics.logLoss(probabilities: $0, labels: labels) }
        brierScore = probabilities.flatMap { ProbabilityMetrics.brierScore(probabilities: $0, labels: labels) }
        calibration = probabilities.map { CalibrationTable(probabilities: $0, labels: labels) }
        flaggedTier = FlaggedTier(name: flaggedTierName, flagged: flagged, labels: labels)
        capture = captureShares.map { CaptureRate(share: $0, risk: risk, labels: labels, mrr: mrr) }
    }

    /// The capture rate for a share of the list, if it was computed.
    package func capture(at share: Double) -> CaptureRate? { capture.first { $0.share == share } }

    enum CodingKeys: String, CodingKey {
        case method, auc, aucCi, logLoss, brierScore, calibration, flaggedTier, capture
        case aucDifference, calibrationSlope, calibrationIntercept, observed, expected, oeZ
    }

    package func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(method, forKey: .method)
        try container.encode(auc, forKey: .auc)
        try container.encode(aucCI, forKey: .aucCi)
        if let checks {
            try container.encode(checks.aucDifferenceByName, forKey: .aucDifference)
            try container.encode(checks.calibration.slope, forKey: .calibrationSlope)
            try container.encode(checks.calibration.intercept, forKey: .calibrationIntercept)
            try container.encode(checks.calibration.observed, forKey: .observed)
            try container.encode(checks.calibration.expected, forKey: .expected)
            try container.encode(checks.calibration.oeZ, forKey: .oeZ)
        }
        try container.encode(logLoss, forKey: .logLoss)
        try container.encode(brierScore, forKey: .brierScore)
        try container.encode(calibration, forKey: .calibration)
        try container.encode(flaggedTier, forKey: .flaggedTier)
        try container.encode(capture, forKey: .capture)
    }
}
