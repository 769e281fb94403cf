import ArgumentParser
import Exports
import Features
import Ingest
import Modeling
import Scoring

struct Score: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Score every current customer with a trained model.",
        discussion: """
            Writes one row per account that is a customer on --as-of: churn probability over
            the model's horizon, health score 0-100 (100 x (1 - probability)), tier, revenue
            at risk (probability x MRR) and up to three reasons in plain words.
            The output is CSV or JSON, by the extension of --out.
            """
    )

    @OptionGroup var dataset: DatasetOptions

    @Option(name: .customLong("as-of"), help: "Score as of this day (default: the latest date in the data).")
    var asOf: CalendarDay?

    @Option(help: ArgumentHelp("The trained model.", valueName: "file"))
    var model = "Models/churn-model.json"

    @Option(help: ArgumentHelp("Where to write the scores (.csv or .json).", valueName: "file"))
    var out: String

    @Option(name: .customLong("at-risk-below"), help: "Health scores below this are at_risk.")
    var atRiskBelow = TierThresholds().atRiskBelow

    @Option(name: .customLong("watch-below"), help: "Health scores below this (and not at_risk) are watch.")
    var watchBelow = TierThresholds().watchBelow

    func validate() throws {
        guard (0...100).contains(atRiskBelow), (0...100).contains(watchBelow), atRiskBelow <= watchBelow else {
            throw ValidationError("tier thresholds are health scores 0-100 with --at-risk-below <= --watch-below, e.g. --at-risk-below 50 --watch-below 75")
        }
        _ = try attempt { try ScoreFile.format(of: out) }
    }

    func run() throws {
        let trained = try attempt { try ChurnModel.load(path: model) }
        let scorer = try attempt {
            try Scorer(model: trained, thresholds: TierThresholds(atRiskBelow: atRiskBelow, watchBelow: watchBelow))
        }
        let data = try dataset.open()
        let day: CalendarDay
        if let asOf {
            day = asOf
        } else {
            guard let latest = try attempt({ try data.latestDay() }) else { throw CommandFailure("the dataset has no dates") }
            day = latest
            note("scoring as of \(day), the latest date in the data")
        }
        let snapshot = try attempt { try Snapshot.build(data, asOf: day) }
        reportInputs(snapshot)
        let scored = scorer.score(snapshot, accounts: data.accounts)
        try attempt { try ScoreFile.write(scored, to: out) }
        let count = { (tier: Tier) in scored.scores.filter { $0.tier == tier }.count }
        let atRisk = (0..<scored.count).reduce(0) { $0 + scored.revenueAtRisk(at: $1) }
        print("Scored \(scored.count) accounts as of \(day) (churn within \(trained.horizonDays) days): \(count(.atRisk)) at_risk, \(count(.watch)) watch, \(count(.healthy)) healthy.")
        print("Expected MRR at risk: \(formatMoney(atRisk)). Scores written to \(out)")
    }
}
