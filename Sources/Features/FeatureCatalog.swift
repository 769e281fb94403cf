import Foundation

/// One model input: how it is computed from an account's signals.
package struct FeatureDefinition: Sendable {
    package let name: String
    package let family: SignalFamily
    /// The formula in one line, for `--help`, the README and the model file.
    package let formula: String
    /// Whether `train` uses it unless told otherwise (see `FeatureCatalog.defaultModel`).
    package let inDefaultModel: Bool
    /// The value, or nil when it is missing for this account. Missing values are filled
    /// with the training mean, so a missing signal moves the score neither way.
    package let value: @Sendable (AccountSignals) -> Double?

    init(name: String, family: SignalFamily, formula: String, inDefaultModel: Bool = true,
         value: @escaping @Sendable (AccountSignals) -> Double?) {
        self.name = name
        self.family = family
        self.formula = formula
        self.inDefaultModel = inDefaultModel
        self.value = value
    }
}

/// Every feature healthscore can build, in model order.
///
/// Counts enter through log1p: the hundredth login of a month says less than the
/// first, and the log keeps heavy users from dominating the fit.
package enum FeatureCatalog {
    package static let all: [FeatureDefinition] = [
        FeatureDefinition(
            name: "logins_30d", family: .sessionFrequency,
            formula: "ln(1 + sessions in the 30 days ending on T)"
        ) { Foundation.log1p(Double($0.sessionsRecent)) },
        FeatureDefinition(
            name: "login_trend", family: .sessionFrequency,
            formula: "ln((1 + sessions in last 30 days) / (1 + sessions per 30 days over the 60 days before)); missing with under 14 days of history before the last 30"
        ) { s in
            s.baselineSessionsPer30Days.map { Foundation.log((1 + Double(s.sessionsRecent)) / (1 + $0)) }
        },
        FeatureDefinition(
            name: "days_since_last_session", family: .sessionFrequency,
            formula: "ln(1 + days from the last session on or before T to T); an account with no session at all counts from started_on"
        ) { s in Foundation.log1p(Double(s.daysSinceLastSession ?? s.tenureDays)) },
        FeatureDefinition(
            name: "session_minutes_median_30d", family: .sessionDuration,
            formula: "ln(1 + median session minutes over the last 30 days); missing below 3 sessions"
        ) { $0.medianMinutesRecent.map { Foundation.log1p($0) } },
        FeatureDefinition(
            name: "session_length_trend", family: .sessionDuration,
            formula: "ln((1 + median minutes, last 30 days) / (1 + median minutes, 60 days before)); missing below 3 sessions in either window",
            inDefaultModel: false
        ) { s in
            guard let recent = s.medianMinutesRecent, let baseline = s.medianMinutesBaseline else { return nil }
            return Foundation.log((1 + recent) / (1 + baseline))
        },
        FeatureDefinition(
            name: "nps_mean_180d", family: .nps,
            formula: "mean NPS answer (0-10) over the last 180 days; missing without answers"
        ) { $0.npsMean },
        FeatureDefinition(
            name: "nps_no_answer", family: .nps,
            formula: "1 when nobody at the account answered NPS in the last 180 days, else 0",
            inDefaultModel: false
        ) { $0.npsAnswers == 0 ? 1 : 0 },
        FeatureDefinition(
            name: "email_open_rate_90d", family: .marketing,
            formula: "email opens / emails sent over the last 90 days, capped at 1; missing when no email was sent"
        ) { s in
            s.emailsSent > 0 ? min(1, Double(s.emailOpens) / Double(s.emailsSent)) : nil
        },
        FeatureDefinition(
            name: "marketing_actions_90d", family: .marketing,
            formula: "ln(1 + email clicks + webinars + case studies + social actions over the last 90 days)",
            inDefaultModel: false
        ) { Foundation.log1p(Double($0.emailClicks + $0.otherMarketingActions)) },
        FeatureDefinition(
            name: "interaction_rating_180d", family: .interactions,
            formula: "mean rating (1-5) over the last 180 days, each weighted 0.5^(age in days / 30); missing without interactions"
        ) { $0.weightedRating },
        FeatureDefinition(
            name: "tenure_months", family: .tenure,
            formula: "ln(1 + months from started_on to T)"
        ) { Foundation.log1p(Double($0.tenureDays) / 30.4375) },
        FeatureDefinition(
            name: "mrr", family: .accountSize,
            formula: "ln(1 + MRR); missing when accounts.csv leaves it empty"
        ) { $0.mrr.map { Foundation.log1p($0) } },
        FeatureDefinition(
            name: "seats", family: .accountSize,
            formula: "ln(1 + seats); missing when accounts.csv leaves it empty"
        ) { $0.seats.map { Foundation.log1p(Double($0)) } },
    ]

    /// The features `train` fits unless `--features` says otherwise: one or more per
    /// signal family. The others stay available: on simulated bases of 500-1,500
    /// training accounts they added more noise than signal (see the README).
    package static var defaultModel: [FeatureDefinition] { all.filter(\.inDefaultModel) }

    /// The definition of a feature by name.
    package static func definition(named name: String) -> FeatureDefinition? {
        all.first { $0.name == name }
    }

    /// The event file a feature family needs, nil for account attributes.
    package static func sourceFile(of family: SignalFamily) -> String? {
        switch family {
        case .sessionFrequency, .sessionDuration: "sessions.csv"
        case .nps: "nps.csv"
        case .marketing: "marketing.csv"
        case .interactions: "interactions.csv"
        case .tenure, .accountSize: nil
        }
    }
}

/// Feature values for every account of a snapshot, column by column; NaN marks missing.
package struct FeatureTable: Sendable {
    package let features: [FeatureDefinition]
    /// One array per feature, parallel to the snapshot's accounts.
    package let columns: [[Double]]

    package init(_ snapshot: Snapshot, features: [FeatureDefinition] = FeatureCatalog.all) {
        self.features = features
        columns = features.map { feature in snapshot.signals.map { feature.value($0) ?? .nan } }
    }

    package var rows: Int { columns.first?.count ?? 0 }
}
