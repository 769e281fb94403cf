import Scoring

/// One account in a list of changes between two runs.
public struct AccountChange: Sendable, Equatable, Encodable {
    public var accountID: String
    public var name: String
    public var change: ChangeKind
    /// nil for an account new in the later run.
    public var churnProbabilityFrom: Double?
    /// nil for an account gone from the later run.
    public var churnProbabilityTo: Double?
    public var healthScoreFrom: Int?
    public var healthScoreTo: Int?
    public var tierFrom: Tier?
    public var tierTo: Tier?
    /// Revenue at risk in the later run minus in the earlier (a missing side counts 0).
    public var revenueAtRiskChange: Double
    /// The change split by cause; nil unless the account is in both runs.
    public var terms: ChangeTerms?

    public init(accountID: String, name: String, change: ChangeKind, churnProbabilityFrom: Double?,
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
    public func encode(to encoder: any Encoder) throws {
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
