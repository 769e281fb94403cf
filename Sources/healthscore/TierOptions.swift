import ArgumentParser
import Scoring

/// The tier cut-offs, shared by `score`, `evaluate` and `report`.
struct TierOptions: ParsableArguments {
    @Option(name: .customLong("at-risk-below"), help: ArgumentHelp("Health scores below this are at_risk.", valueName: "score"))
    var atRiskBelow = TierThresholds().atRiskBelow

    @Option(name: .customLong("watch-below"), help: ArgumentHelp("Health scores below this (and not at_risk) are watch.", valueName: "score"))
    var watchBelow = TierThresholds().watchBelow

    func validate() throws {
        guard (0...100).contains(atRiskBelow), (0...100).contains(watchBelow), atRiskBelow <= watchBelow else {
            throw ValidationError("tier thresholds are health scores 0-100 with --at-risk-below <= --watch-below, e.g. --at-risk-below 50 --watch-below 75")
        }
    }

    var thresholds: TierThresholds { TierThresholds(atRiskBelow: atRiskBelow, watchBelow: watchBelow) }
}
