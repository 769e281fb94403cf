import Features
import Foundation
import Ingest
import Modeling

/// Plain-word reasons, one per signal family, built from the account's own numbers.
///
/// Built once per model: the typical values the reasons quote are the same for every
/// account, so they are formatted here and not a million times over.
struct ReasonText: Sendable {
    /// ", typical 8.2" after an NPS or rating mean, so that a value that sounds fine on its
    /// own reads as the below-average value it is; empty when the model lacks the feature.
    private let npsTypical: String
    private let ratingTypical: String
    /// Training means of the account-size features, back on their own scale.
    private let mrrTypical: String
    private let seatsTypical: String

    init(model: ChurnModel) {
        func center(_ name: String) -> Double? { model.features.first { $0.name == name }?.center }
        npsTypical = center("nps_mean_180d").map { ", typical " + DecimalText.string($0, decimals: 1) } ?? ""
        ratingTypical = center("interaction_rating_180d").map { ", typical " + DecimalText.string($0, decimals: 1) } ?? ""
        if let mrr = center("mrr") { mrrTypical = ReasonText.money(Foundation.expm1(mrr)) } else { mrrTypical = "unknown" }
        if let seats = center("seats") { seatsTypical = ReasonText.whole(Foundation.expm1(seats)) } else { seatsTypical = "unknown" }
    }

    func describe(_ family: SignalFamily, _ s: AccountSignals) -> String {
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
                return "no login for \(last) days (\(ReasonText.count(s.sessionsRecent, "login")) in the last 30 days)"
            }
            return "only \(ReasonText.count(s.sessionsRecent, "login")) in the last 30 days"
        case .sessionDuration:
            guard let recent = s.medianMinutesRecent else { return "too few sessions in the last 30 days to measure their length" }
            if let baseline = s.medianMinutesBaseline, baseline > recent {
                return "sessions shorter: median \(ReasonText.minutes(recent)) in the last 30 days, down from \(ReasonText.minutes(baseline))"
            }
            return "short sessions: median \(ReasonText.minutes(recent)) in the last 30 days"
        case .nps:
            guard let mean = s.npsMean else { return "no NPS answer in the last 180 days" }
            return "NPS answers average \(DecimalText.string(mean, decimals: 1))/10 in the last 180 days\(npsTypical) (\(s.npsDetractors) of \(ReasonText.count(s.npsAnswers, "answer")) from detractors)"
        case .marketing:
            if s.emailsSent > 0 {
                return "opened \(s.emailOpens) of \(ReasonText.count(s.emailsSent, "marketing email")) in the last 90 days"
            }
            return "no marketing engagement in the last 90 days"
        case .interactions:
            guard let rating = s.weightedRating else { return "no rated calls, tickets or meetings in the last 180 days" }
            return "recent interactions rated \(DecimalText.string(rating, decimals: 1))/5 on average\(ratingTypical) (\(s.poorRatings) of \(ReasonText.count(s.interactions, "interaction")) rated 1-2)"
        case .tenure:
            let months = Int((Double(s.tenureDays) / 30.4375).rounded(.down))
            return "customer for \(ReasonText.count(months, "month"))"
        case .accountSize:
            var parts: [String] = []
            if let mrr = s.mrr { parts.append("MRR \(ReasonText.money(mrr)) (typical: \(mrrTypical))") }
            if let seats = s.seats { parts.append("\(ReasonText.count(seats, "seat")) (typical: \(seatsTypical))") }
            return parts.isEmpty ? "account size unknown" : "account size: " + parts.joined(separator: ", ")
        }
    }

    private static func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }

    private static func minutes(_ value: Double) -> String {
        value < 10 ? DecimalText.string(value, decimals: 1) + " min" : "\(whole(value)) min"
    }

    /// A count or length rounded to a whole number; a value too large for one (a model
    /// file's center, say) in scientific notation rather than a trap.
    static func whole(_ value: Double) -> String {
        guard value.isFinite else { return "unknown" }
        guard abs(value) < 1e15 else { return String(format: "%.3g", value) }
        return String(Int(value.rounded()))
    }

    private static func money(_ value: Double) -> String {
        value.isFinite ? DecimalText.string(value, decimals: 0) : "unknown"
    }
}
