import ArgumentParser
import Evaluation
import Jobs
import Exports
import Features
import Ingest
import Modeling
import Scoring

extension Healthscore {
    struct Score: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Score every current customer with a trained model.",
            discussion: """
                Writes one row per account that is a customer on --as-of: churn probability
                over the model's horizon, health score 0-100 (100 x (1 - probability)), tier,
                revenue at risk (probability x MRR) and up to three reasons in plain words.
                The output is CSV or JSON, by the extension of --out.
                """
        )

        @OptionGroup var dataset: SourceOptions

        @Option(name: .customLong("as-of"), help: ArgumentHelp("Score as of this day (default: the latest date in the data).", valueName: "yyyy-mm-dd"), transform: parseDay)
        var asOf: CalendarDay?

        @Option(help: ArgumentHelp("The trained model.", valueName: "file"))
        var model = "Models/churn-model.json"

        @Option(help: ArgumentHelp("Where to write the scores (.csv or .json).", valueName: "file"))
        var out: String

        @OptionGroup var tiers: TierOptions

        func validate() throws {
            _ = try attempt { try ScoreFile.format(of: out) }
        }

        func run() throws {
            try refuseOutputsOverInputs([("--out", out)] + dataset.extraOutputs,
                                        inputs: try dataset.inputPaths() + [model])
            let trained = try attempt { try ChurnModel.load(path: model) }
            let scorer = try attempt { try Scorer(model: trained, thresholds: tiers.thresholds) }
            let outcome = try attempt { try ScoreJob(scorer: scorer, days: asOf.map { [$0] } ?? []).run(try dataset.open()) }
            report(outcome.notices)
            try dataset.writeRejects()
            let scored = outcome.scored[0]
            try attempt { try ScoreFile.write(scored, to: out) }
            let count = { (tier: Tier) in scored.scores.filter { $0.tier == tier }.count }
            let atRisk = (0..<scored.count).reduce(0) { $0 + scored.revenueAtRisk(at: $1) }
            print("Scored \(scored.count) accounts as of \(scored.asOf) (churn within \(trained.horizonDays) days): \(count(.atRisk)) at_risk, \(count(.watch)) watch, \(count(.healthy)) healthy.")
            print("Expected MRR at risk: \(Format.money(atRisk)). Scores written to \(out)")
            if tiers.tiers == .absolute, count(.atRisk) == 0, scored.count > 0 {
                let top = scored.scores.map(\.churnProbability).max() ?? 0
                note("note: no account reaches the at_risk cut-off (p >= \(tiers.thresholds.atRiskFrom)); the highest probability is \(String(format: "%.2f", top)). With a low churn rate, --tiers share makes the riskiest \(Int(tiers.atRiskShare))% at_risk (docs/failure-modes.md, \"Tiers at any base rate\")")
            }
        }
    }
}
