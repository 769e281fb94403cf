import Scoring

/// One account in a list of changes between two runs.
package struct AccountChange: Sendable, Equatable, Encodable {
    package var accountID: String
    package var name: String
    package var change: ChangeKind
    /// nil for an account new in the later run.
    package var churnProbabilityFrom: Double?
    /// nil for an account gone from the later run.
    package var churnProbabilityTo: Double?
    package var healthScoreFrom: Int?
    package var healthScoreTo: Int?
    package var tierFrom: Tier?
    package var tierTo: Tier?
    /// Revenue at risk in the later run minus in the earlier (a missing side counts 0).
    package var revenueAtRiskChange: Double
    /// The change split by cause; nil unless the account is in both runs.
    package var terms: ChangeTerms?

    package init(accountID: String, name: String, change: ChangeKind, churnProbabilityFrom: Double?,
                churnProbabilityTo: Double?, healthScoreFrom: Int?, healthScoreTo: Int?, tierFrom: Tier?, tierTo: Tier?,
                revenueAtRiskChange: Double, terms: ChangeTerms?) {
        self.accountID = accountID; self.name = name; self.change = change
        self.churnProbabilityFrom = churnProbabilityFrom; self.churnProbabilityTo = churnProbabilityTo
        self.healthScoreFrom = healthScoreFrom; self.healthScoreTo = healthScoreTo
        self.tierFrom = tierFrom; self.tierTo = tierTo
        self.revenueAtRiskChange = revenueAtRiskChange; self.terms = terms
    }

    enum CodingKeys: String, CodingKey {
        case accountID = "account_id", name, change
        case churnProbabilityFrom = "churn_probability_from", churnProbabilityTo = "churn_probability_to"
        case healthScoreFrom = "health_score_from", healthScoreTo = "health_score_to"
        case tierFrom = "tier_from", tierTo = "tier_to"
        case revenueAtRiskChange = "revenue_at_risk_change", logOddsChange = "log_odds_change", terms
    }

    /// Every key, with null where a side is missing: scripts read a fixed shape.
    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(accountID, forKey: .accountID)
        try container.encode(name, forKey: .name)
        try container.encode(change, forKey: .change)
        try container.encode(churnProbabilityFrom, forKey: .churnProbabilityFrom)
        try container.encode(churnProbabilityTo, forKey: .churnProbabilityTo)
        try container.encode(healthScoreFrom, forKey: .healthScoreFrom)
        try container.encode(healthScoreTo, forKey: .healthScoreTo)
        try container.encode(tierFrom, forKey: .tierFrom)
        try container.encode(tierTo, forKey: .tierTo)
        try container.encode(revenueAtRiskChange, forKey: .revenueAtRiskChange)
        try container.encode(terms?.total, forKey: .logOddsChange)
        try container.encode(terms, forKey: .terms)
    }
}
