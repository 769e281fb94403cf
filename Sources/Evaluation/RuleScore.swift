import Features

/// A hand-weighted health score of the kind commercial customer-success tools ship:
/// fixed points per signal, added up to 0-100, cut into red, yellow and green.
///
/// It is here as a yardstick, not as a recommendation: the weights are set by hand and
/// never checked against who left, which is exactly what `evaluate` measures. Each part
/// uses the same signals and windows as the model's features:
///
/// | part | points | full points when | no data |
/// |---|---|---|---|
/// | product usage | 40 | at least one login per seat in the last 30 days (10 logins when seats are unknown); linear below | - |
/// | NPS | 25 | mean answer over 180 days 9 or more (promoter); 7-8 earns 15, below 7 earns 0 | 15 |
/// | support and meetings | 20 | mean interaction rating 5/5 over 180 days; linear from 1/5 = 0 | 10 |
/// | marketing engagement | 15 | every marketing email of the last 90 days opened; linear in the open rate | 7.5 |
///
/// Missing data earns the middle of the range, as these tools usually do: no news is
/// neither good nor bad.
package enum RuleScore {
    package static let usagePoints = 40.0
    package static let npsPoints = 25.0
    package static let npsPassivePoints = 15.0
    package static let interactionPoints = 20.0
    package static let marketingPoints = 15.0
    /// Logins per seat in 30 days that earn full usage points.
    package static let loginsPerSeatForFullUsage = 1.0
    /// Logins in 30 days that earn full usage points when the seat count is unknown.
    package static let loginsForFullUsageWithoutSeats = 10.0

    /// Red below 40, yellow from 40 to 69, green from 70: the split these tools commonly default to.
    package static let redBelow = 40
    package static let greenFrom = 70

    package enum Colour: String, Sendable, CaseIterable, Encodable {
        case red, yellow, green
    }

    /// The score, 0 (worst) to 100 (best), rounded to a whole number like the tools show it.
    package static func score(_ s: AccountSignals) -> Int {
        var total = 0.0
        let loginsForFull = s.seats.map { $0 > 0 ? Double($0) * loginsPerSeatForFullUsage : loginsForFullUsageWithoutSeats }
            ?? loginsForFullUsageWithoutSeats
        total += usagePoints * min(1, Double(s.sessionsRecent) / loginsForFull)
        if let nps = s.npsMean {
            total += nps >= 9 ? npsPoints : nps >= 7 ? npsPassivePoints : 0
        } else {
            total += npsPassivePoints
        }
        if let rating = s.weightedRating {
            total += interactionPoints * (rating - 1) / 4
        } else {
            total += interactionPoints / 2
        }
        if s.emailsSent > 0 {
            total += marketingPoints * min(1, Double(s.emailOpens) / Double(s.emailsSent))
        } else {
            total += marketingPoints / 2
        }
        return Int(total.rounded())
    }

    package static func colour(for score: Int) -> Colour {
        score < redBelow ? .red : score < greenFrom ? .yellow : .green
    }
}
