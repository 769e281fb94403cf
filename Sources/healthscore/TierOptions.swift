import ArgumentParser
import Scoring

/// How tiers are cut: on the probability (absolute) or by share of the book.
enum TierMode: String, ExpressibleByArgument, CaseIterable {
    case absolute, share
}

/// The tier cut-offs, shared by `score`, `evaluate` and `report`.
struct TierOptions: ParsableArguments {
    @Option(help: ArgumentHelp("absolute: cut on the churn probability (the two thresholds below); share: at_risk is the riskiest --at-risk-share percent of the book, watch the next up to --watch-share percent.", valueName: "absolute|share"))
    var tiers: TierMode = .absolute

    @Option(name: .customLong("at-risk-below"), help: ArgumentHelp("Health scores below this are at_risk (absolute tiers).", valueName: "score"))
    var atRiskBelow = TierThresholds().atRiskBelow

    @Option(name: .customLong("watch-below"), help: ArgumentHelp("Health scores below this (and not at_risk) are watch (absolute tiers).", valueName: "score"))
    var watchBelow = TierThresholds().watchBelow

    @Option(name: .customLong("at-risk-share"), help: ArgumentHelp("Percent of the book that is at_risk (share tiers).", valueName: "percent"))
    var atRiskShare = 10.0

    @Option(name: .customLong("watch-share"), help: ArgumentHelp("Percent of the book that is at_risk or watch (share tiers).", valueName: "percent"))
    var watchShare = 25.0

    func validate() throws {
        guard (0...100).contains(atRiskBelow), (0...100).contains(watchBelow), atRiskBelow <= watchBelow else {
            throw ValidationError("tier thresholds are health scores 0-100 with --at-risk-below <= --watch-below, e.g. --at-risk-below 50 --watch-below 75")
        }
        guard (0...100).contains(atRiskShare), (0...100).contains(watchShare), atRiskShare <= watchShare else {
            throw ValidationError("tier shares are percentages 0-100 with --at-risk-share <= --watch-share, e.g. --at-risk-share 10 --watch-share 25")
        }
    }

    var thresholds: TierThresholds {
        TierThresholds(atRiskBelow: atRiskBelow, watchBelow: watchBelow,
                       shares: tiers == .share ? TierShares(atRisk: atRiskShare / 100, watch: watchShare / 100) : nil)
    }
}
