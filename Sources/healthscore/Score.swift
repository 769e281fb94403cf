import ArgumentParser
import Evaluation
import Jobs
import Exports
import Features
import Ingest
import Modeling
import Scoring
import Survival

extension Healthscore {
    struct Score: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Score every current customer with a trained model.",
            discussion: """
                Writes one row per account that is a customer on --as-of: churn probability
                over the model's horizon, health score 0-100 (100 x (1 - probability)), tier,
                revenue at risk (probability x MRR) and up to three reasons in plain words.
                The output is CSV or JSON, by the extension of --out.

                With a survival model (`train --survival`) each row adds the chance of
                churning within 30, 90, 180 and 365 days, the expected remaining lifetime
                in months and the lifetime value: the sum over future months of survival x
                MRR x --margin, discounted at --discount-rate a year.
                """
        )

        @OptionGroup var dataset: SourceOptions

        @Option(name: .customLong("as-of"), help: ArgumentHelp("Score as of this day (default: the latest date in the data).", valueName: "yyyy-mm-dd"))
        var asOf: CalendarDay?

        @Option(help: ArgumentHelp("The trained model: a churn model or a survival model.", valueName: "file"))
        var model = "Models/churn-model.json"

        @Option(help: ArgumentHelp("Where to write the scores (.csv or .json).", valueName: "file"))
        var out: String

        @OptionGroup var tiers: TierOptions
        @OptionGroup var lifetime: LifetimeOptions

        func validate() throws {
            _ = try attempt { try ScoreFile.format(of: out) }
        }

        func run() throws {
            let loaded = try attempt { try TrainedModel.load(path: model) }
            lifetime.noteUnused(with: loaded)
            let trained = loaded.churnModel
            let scorer = try attempt { try Scorer(model: loaded, thresholds: tiers.thresholds, lifetime: lifetime.terms) }
            let outcome = try attempt { try ScoreJob(scorer: scorer, days: asOf.map { [$0] } ?? []).run(try dataset.open()) }
            report(outcome.notices)
            let scored = outcome.scored[0]
            try attempt { try ScoreFile.write(scored, to: out) }
            let count = { (tier: Tier) in scored.scores.filter { $0.tier == tier }.count }
            let atRisk = (0..<scored.count).reduce(0) { $0 + scored.revenueAtRisk(at: $1) }
            print("Scored \(scored.count) accounts as of \(scored.asOf) (churn within \(trained.horizonDays) days): \(count(.atRisk)) at_risk, \(count(.watch)) watch, \(count(.healthy)) healthy.")
            print("Expected MRR at risk: \(Format.money(atRisk)).")
            if let lifetimes = scored.lifetimes {
                let mrr = (0..<scored.count).map { scored.account(at: $0).mrr ?? 0 }
                let leaving = { (days: Int) in zip(lifetimes, mrr).reduce(0) { $0 + $1.1 * ($1.0.churn(withinDays: days) ?? 0) } }
                let value = (0..<scored.count).reduce(0) { $0 + (scored.lifetimeValue(at: $1) ?? 0) }
                print("MRR expected to leave within 90 days: \(Format.money(leaving(90))), within 365 days: \(Format.money(leaving(365))).")
                print("Lifetime value of these customers: \(Format.money(value)) (\(lifetime.terms.sentence)).")
            }
            print("Scores written to \(out)")
        }
    }
}
