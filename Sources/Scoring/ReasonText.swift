import Features
import Foundation
import Ingest
import Modeling

/// Plain-word reasons, one per signal family, built from the account's own numbers.
enum ReasonText {
    static func describe(_ family: SignalFamily, _ s: AccountSignals, model: ChurnModel) -> String {
        switch family {
        case .sessionFrequency:
            if s.sessionsRecent == 0 {
                if let last = s.daysSinceLastSession { return "no logins in the last 30 days (last one \(last) days ago)" }
                return "no logins in the last 30 days"
            }
            if let baseline = s.baselineSessionsPer30Days, baseline > Double(s.sessionsRecent) {
                let drop = Int((100 * (1 - Double(s.sessionsRecent) / baseline)).rounded())
                return "logins down \(drop)% vs the previous 60 days (\(s.sessionsRecent) in the last 30 days)"
            }
            if let last = s.daysSinceLastSession, last >= 14 {
                return "no login for \(last) days (\(count(s.sessionsRecent, "login")) in the last 30 days)"
            }
            return "only \(count(s.sessionsRecent, "login")) in the last 30 days"
        case .sessionDuration:
            guard let recent = s.medianMinutesRecent else { return "too few sessions in the last 30 days to measure their length" }
            if let baseline = s.medianMinutesBaseline, baseline > recent {
                return "sessions shorter: median \(minutes(recent)) in the last 30 days, down from \(minutes(baseline))"
            }
            return "short sessions: median \(minutes(recent)) in the last 30 days"
        case .nps:
            guard let mean = s.npsMean else { return "no NPS answer in the last 180 days" }
            return "NPS answers average \(DecimalText.string(mean, decimals: 1))/10 in the last 180 days\(typicalNote("nps_mean_180d", model)) (\(s.npsDetractors) of \(count(s.npsAnswers, "answer")) from detractors)"
        case .marketing:
            if s.emailsSent > 0 {
                return "opened \(s.emailOpens) of \(count(s.emailsSent, "marketing email")) in the last 90 days"
            }
            return "no marketing engagement in the last 90 days"
        case .interactions:
            guard let rating = s.weightedRating else { return "no rated calls, tickets or meetings in the last 180 days" }
            return "recent interactions rated \(DecimalText.string(rating, decimals: 1))/5 on average\(typicalNote("interaction_rating_180d", model)) (\(s.poorRatings) of \(count(s.interactions, "interaction")) rated 1-2)"
        case .tenure:
            let months = Int((Double(s.tenureDays) / 30.4375).rounded(.down))
            return "customer for \(count(months, "month"))"
        case .accountSize:
            var parts: [String] = []
            if let mrr = s.mrr { parts.append("MRR \(money(mrr)) (typical: \(money(typical("mrr", model))))") }
            if let seats = s.seats { parts.append("\(count(seats, "seat")) (typical: \(Int(typical("seats", model).rounded())))") }
            return parts.isEmpty ? "account size unknown" : "account size: " + parts.joined(separator: ", ")
        }
    }

    /// ", typical 8.2": the training mean of a feature on its own scale, so that a value
    /// that sounds fine on its own reads as the below-average value it is.
    private static func typicalNote(_ name: String, _ model: ChurnModel) -> String {
        guard let feature = model.features.first(where: { $0.name == name }) else { return "" }
        return ", typical \(String(format: "%.1f", feature.center))"
    }

    /// The training mean of a log1p feature, back on its own scale.
    private static func typical(_ name: String, _ model: ChurnModel) -> Double {
        guard let feature = model.features.first(where: { $0.name == name }) else { return .nan }
        return expm1(feature.center)
    }

    private static func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }

    private static func minutes(_ value: Double) -> String {
        value < 10 ? DecimalText.string(value, decimals: 1) + " min" : "\(Int(value.rounded())) min"
    }

    private static func money(_ value: Double) -> String {
        value.isFinite ? DecimalText.string(value, decimals: 0) : "unknown"
    }
}
