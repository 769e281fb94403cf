import Features
import Foundation
import Scoring
import Store

/// The JSON shapes of `/api/v1/` (described in `OpenAPIDocument`). Keys are snake_case
/// and always present: a missing value is null, never left out.
enum APIValues {
    struct RunRef: Encodable {
        var id: Int64
        var asOf: String
        var modelFingerprint: String

        init(_ run: RunSummary) { id = run.id; asOf = run.asOf.description; modelFingerprint = run.modelFingerprint }

        enum CodingKeys: String, CodingKey { case id, asOf = "as_of", modelFingerprint = "model_fingerprint" }
    }

    struct TierCounts<Value: Encodable & Sendable>: Encodable {
        var atRisk: Value, watch: Value, healthy: Value

        enum CodingKeys: String, CodingKey { case atRisk = "at_risk", watch, healthy }
    }

    struct Run: Encodable {
        var id: Int64
        var asOf: String
        var createdAt: String
        var modelFingerprint: String
        var modelAsOf: String
        var horizonDays: Int
        var atRiskBelow: Int
        var watchBelow: Int
        var accountCount: Int
        var accounts: TierCounts<Int>
        var mrr: TierCounts<Double>
        var revenueAtRisk: Double

        init(_ run: RunSummary, _ totals: RunTotals) {
            id = run.id; asOf = run.asOf.description; createdAt = run.createdAt; modelFingerprint = run.modelFingerprint
            modelAsOf = run.modelAsOf.description; horizonDays = run.horizonDays
            atRiskBelow = run.thresholds.atRiskBelow; watchBelow = run.thresholds.watchBelow; accountCount = run.accountCount
            accounts = TierCounts(atRisk: totals.accounts[.atRisk] ?? 0, watch: totals.accounts[.watch] ?? 0,
                                  healthy: totals.accounts[.healthy] ?? 0)
            mrr = TierCounts(atRisk: totals.mrr[.atRisk] ?? 0, watch: totals.mrr[.watch] ?? 0, healthy: totals.mrr[.healthy] ?? 0)
            revenueAtRisk = totals.revenueAtRisk
        }

        enum CodingKeys: String, CodingKey {
            case id, asOf = "as_of", createdAt = "created_at", modelFingerprint = "model_fingerprint", modelAsOf = "model_as_of"
            case horizonDays = "horizon_days", atRiskBelow = "at_risk_below", watchBelow = "watch_below"
            case accountCount = "account_count", accounts = "accounts_by_tier", mrr = "mrr_by_tier", revenueAtRisk = "revenue_at_risk"
        }
    }

    struct Runs: Encodable { var runs: [Run] }

    /// The fields every account shape starts with: the stored row's score columns.
    private enum RowKeys: String, CodingKey {
        case accountID = "account_id", name, owner, segment, mrr, churnProbability = "churn_probability"
        case healthScore = "health_score", tier, revenueAtRisk = "revenue_at_risk"
    }

    /// Writes `row`'s fields into `encoder`'s object, beside the keys the caller adds.
    static func encodeRow(_ row: AccountRow, to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: RowKeys.self)
        try c.encode(row.accountID, forKey: .accountID)
        try c.encode(row.name, forKey: .name)
        try c.encode(row.owner, forKey: .owner)
        try c.encode(row.segment, forKey: .segment)
        try c.encode(row.mrr, forKey: .mrr)
        try c.encode(row.churnProbability, forKey: .churnProbability)
        try c.encode(row.healthScore, forKey: .healthScore)
        try c.encode(row.tier, forKey: .tier)
        try c.encode(row.revenueAtRisk, forKey: .revenueAtRisk)
    }

    struct Account: Encodable {
        var account: ListedAccount

        enum CodingKeys: String, CodingKey {
            case topReason = "top_reason"
            case previousProbability = "churn_probability_previous", previousHealth = "health_score_previous"
        }

        func encode(to encoder: any Encoder) throws {
            let row = account.row
            try APIValues.encodeRow(row, to: encoder)
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(row.topReason, forKey: .topReason)
            try c.encode(account.previousChurnProbability, forKey: .previousProbability)
            try c.encode(account.previousHealthScore, forKey: .previousHealth)
        }
    }

    struct AccountList: Encodable {
        var page: AccountPage
        var next: String?

        enum CodingKeys: String, CodingKey { case run, previousRun = "previous_run", total, offset, limit, next, accounts }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(RunRef(page.run), forKey: .run)
            try c.encode(page.previousRun.map(RunRef.init), forKey: .previousRun)
            try c.encode(page.total, forKey: .total)
            try c.encode(page.offset, forKey: .offset)
            try c.encode(page.limit, forKey: .limit)
            try c.encode(next, forKey: .next)
            try c.encode(page.accounts.map(Account.init), forKey: .accounts)
        }
    }

    struct Detail: Encodable {
        var detail: AccountDetail

        enum CodingKeys: String, CodingKey {
            case reasons, run
            case logOdds = "log_odds", contributions, features, previousRun = "previous_run", change
        }

        struct Feature: Encodable {
            var reading: FeatureReading

            enum CodingKeys: String, CodingKey { case name, value, median, healthyMedian = "healthy_median" }

            func encode(to encoder: any Encoder) throws {
                var c = encoder.container(keyedBy: CodingKeys.self)
                try c.encode(reading.name, forKey: .name)
                try c.encode(reading.value.isFinite ? reading.value : nil, forKey: .value)
                try c.encode(reading.median, forKey: .median)
                try c.encode(reading.healthyMedian, forKey: .healthyMedian)
            }
        }

        struct Change: Encodable {
            var from: AccountRow, to: AccountRow, terms: ChangeTerms

            enum CodingKeys: String, CodingKey {
                case churnProbabilityFrom = "churn_probability_from", churnProbabilityTo = "churn_probability_to"
                case healthScoreFrom = "health_score_from", healthScoreTo = "health_score_to"
                case tierFrom = "tier_from", tierTo = "tier_to", logOddsChange = "log_odds_change", terms
            }

            func encode(to encoder: any Encoder) throws {
                var c = encoder.container(keyedBy: CodingKeys.self)
                try c.encode(from.churnProbability, forKey: .churnProbabilityFrom)
                try c.encode(to.churnProbability, forKey: .churnProbabilityTo)
                try c.encode(from.healthScore, forKey: .healthScoreFrom)
                try c.encode(to.healthScore, forKey: .healthScoreTo)
                try c.encode(from.tier, forKey: .tierFrom)
                try c.encode(to.tier, forKey: .tierTo)
                try c.encode(terms.total, forKey: .logOddsChange)
                try c.encode(terms, forKey: .terms)
            }
        }

        struct Contributions: Encodable {
            var intercept: Double, families: [Double]

            struct Key: CodingKey {
                var stringValue: String
                var intValue: Int? { nil }
                init(stringValue: String) { self.stringValue = stringValue }
                init?(intValue: Int) { nil }
            }

            /// `{"intercept": b0, "<family>": c, ...}`.
            func encode(to encoder: any Encoder) throws {
                var c = encoder.container(keyedBy: Key.self)
                try c.encode(intercept, forKey: Key(stringValue: "intercept"))
                for (family, value) in zip(SignalFamily.allCases, families) {
                    try c.encode(value, forKey: Key(stringValue: family.rawValue))
                }
            }
        }

        func encode(to encoder: any Encoder) throws {
            let row = detail.row
            try APIValues.encodeRow(row, to: encoder)
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(detail.reasons, forKey: .reasons)
            try c.encode(RunRef(detail.run), forKey: .run)
            try c.encode(detail.logOdds, forKey: .logOdds)
            try c.encode(Contributions(intercept: detail.intercept, families: detail.contributions), forKey: .contributions)
            try c.encode(detail.features.map(Feature.init), forKey: .features)
            try c.encode(detail.previousRun.map(RunRef.init), forKey: .previousRun)
            var change: Change?
            if let previous = detail.previous, let terms = detail.change { change = Change(from: previous, to: row, terms: terms) }
            try c.encode(change, forKey: .change)
        }
    }
}
