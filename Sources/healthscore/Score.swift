import ArgumentParser
import Evaluation
import Exports
import Features
import Foundation
import Ingest
import Jobs
import Modeling
import Scoring
import Store
import Survival

extension Healthscore {
    struct Score: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Score every current customer with a trained model.",
            discussion: """
                Writes one row per account that is a customer on the scoring day: churn \
                probability over the model's horizon, health score 0-100 (100 x (1 - \
                probability)), tier, revenue at risk (probability x MRR) and up to three \
                reasons in plain words. The output is CSV or JSON, by the extension of --out.

                With a survival model (`train --survival`) each row adds the chance of \
                churning within 30, 90, 180 and 365 days, the expected remaining lifetime \
                in months and the lifetime value: the sum over future months of survival x \
                MRR x --margin, discounted at --discount-rate a year.

                With --store (or HEALTHSCORE_STORE) the run is also recorded in the score \
                store, for `history`, `changes` and `serve`. Several days (--as-of more \
                than once, or --from, --to and --every) back-fill a history from one read \
                of the data; --out then holds the last day's scores. Scoring a day again \
                with the same model replaces that day's run.
                """
        )

        @OptionGroup var dataset: SourceOptions

        @Option(name: .customLong("as-of"), help: ArgumentHelp("Score as of this day; give it again for more days (default: the latest date in the data).", valueName: "yyyy-mm-dd"), transform: parseDay)
        var asOf: [CalendarDay] = []

        @Option(help: ArgumentHelp("First day of a back-fill, with --to and --every.", valueName: "yyyy-mm-dd"), transform: parseDay)
        var from: CalendarDay?

        @Option(help: ArgumentHelp("Last day of a back-fill (default: the latest date in the data).", valueName: "yyyy-mm-dd"), transform: parseDay)
        var to: CalendarDay?

        @Option(help: ArgumentHelp("Days between back-filled days, counted back from --to.", valueName: "days"))
        var every = 7

        @Option(help: ArgumentHelp("The trained model: a churn model or a survival model.", valueName: "file"))
        var model = "Models/churn-model.json"

        @Option(help: ArgumentHelp("Where to write the scores (.csv or .json).", valueName: "file"))
        var out: String?

        @OptionGroup var storeOptions: StoreOptions

        @OptionGroup var tiers: TierOptions
        @OptionGroup var lifetime: LifetimeOptions

        /// Back-fills longer than this are refused: two years of weekly runs is 104.
        static let maximumDays = 1_000

        func validate() throws {
            if let out { _ = try attempt { try ScoreFile.format(of: out) } }
            guard out != nil || storeOptions.isGiven else {
                throw ValidationError("say where the scores go: --out FILE, --store URL, or both")
            }
            try OptionLimits.check(every, in: OptionLimits.horizonDays, option: "every", unit: "days", example: "7")
            if to != nil && from == nil { throw ValidationError("--to needs --from: the back-fill runs from --from to --to every --every days") }
            if let from, let to, from > to { throw ValidationError("--from \(from) is after --to \(to)") }
            if from != nil && !asOf.isEmpty { throw ValidationError("give either --as-of days or --from/--to, not both") }
            if (asOf.count > 1 || from != nil) && !storeOptions.isGiven {
                throw ValidationError("several scoring days are a back-fill into the score store: add --store URL")
            }
        }

        func run() async throws {
            try refuseOutputsOverInputs((out.map { [("--out", $0)] } ?? []) + dataset.extraOutputs,
                                        inputs: try dataset.inputPaths() + [model])
            let bytes = try attempt { try ChurnModel.readModelBytes(model) }
            let loaded = try attempt { try TrainedModel.decode(bytes, path: model) }
            lifetime.noteUnused(with: loaded)
            if storeOptions.isGiven, loaded.survival != nil {
                // A run's change is split on the log-odds of its churn probability; a survival
                // model's probability over the horizon is not one logistic sum.
                throw CommandFailure("the score store records runs of churn models; \(model) is a survival model (score it with --out only)")
            }
            let trained = loaded.churnModel
            let scorer = try attempt { try Scorer(model: loaded, thresholds: tiers.thresholds, lifetime: lifetime.terms) }
            let source = try dataset.open()
            let days = try scoringDays(source)
            let outcome = try attempt { try ScoreJob(scorer: scorer, days: days).run(source) }
            report(outcome.notices)
            try dataset.writeRejects()
            let latest = outcome.scored[outcome.scored.count - 1]
            if let out { try attempt { try ScoreFile.write(latest, to: out) } }
            if storeOptions.isGiven {
                try await storeOptions.withStore { store in
                    // One transaction per run: a failure keeps the runs recorded before it.
                    for scored in outcome.scored {
                        let recorded = try await store.record(scored, model: trained, modelFileBytes: bytes,
                                                              thresholds: tiers.thresholds)
                        let verb = recorded.replaced ? "replaced" : "recorded"
                        print("Run \(recorded.run.id) \(verb) in \(store.url): \(scored.count) accounts as of \(scored.asOf).")
                    }
                }
            }
            summarise(latest, horizonDays: trained.horizonDays)
        }

        /// The days asked for: the --as-of days, the --from/--to range every --every days
        /// (counted back from --to, so the latest day is always scored), or the latest day
        /// in the data (empty: the job finds it). At most `maximumDays`.
        func scoringDays(_ source: any DataSource) throws -> [CalendarDay] {
            let days: [CalendarDay]
            if let from {
                let last = try to ?? source.requireLatestDay()
                let count = last < from ? 0 : last.days(since: from) / every + 1
                guard count <= Score.maximumDays else { throw tooMany(count) }
                days = (0..<count).reversed().map { last.adding(days: -every * $0) }
            } else {
                days = Array(Set(asOf)).sorted()
            }
            guard days.count <= Score.maximumDays else { throw tooMany(days.count) }
            return days
        }

        private func tooMany(_ count: Int) -> CommandFailure {
            CommandFailure("\(count) scoring days is more than the \(Score.maximumDays) one back-fill takes; use a larger --every")
        }

        func summarise(_ scored: ScoredSnapshot, horizonDays: Int) {
            let count = { (tier: Tier) in scored.scores.filter { $0.tier == tier }.count }
            let atRisk = (0..<scored.count).reduce(0) { $0 + scored.revenueAtRisk(at: $1) }
            print("Scored \(scored.count) accounts as of \(scored.asOf) (churn within \(horizonDays) days): \(count(.atRisk)) at_risk, \(count(.watch)) watch, \(count(.healthy)) healthy.")
            print("Expected MRR at risk: \(Format.money(atRisk)).")
            if let lifetimes = scored.lifetimes {
                let mrr = (0..<scored.count).map { scored.account(at: $0).mrr ?? 0 }
                let leaving = { (days: Int) in zip(lifetimes, mrr).reduce(0) { $0 + $1.1 * ($1.0.churn(withinDays: days) ?? 0) } }
                let value = (0..<scored.count).reduce(0) { $0 + (scored.lifetimeValue(at: $1) ?? 0) }
                print("MRR expected to leave within 90 days: \(Format.money(leaving(90))), within 365 days: \(Format.money(leaving(365))).")
                print("Lifetime value of these customers: \(Format.money(value)) (\(lifetime.terms.sentence)).")
            }
            if let out { print("Scores written to \(out)") }
            if tiers.tiers == .absolute, count(.atRisk) == 0, scored.count > 0 {
                let top = scored.scores.map(\.churnProbability).max() ?? 0
                note("note: no account reaches the at_risk cut-off (p >= \(tiers.thresholds.atRiskFrom)); the highest probability is \(String(format: "%.2f", top)). With a low churn rate, --tiers share makes the riskiest \(Int(tiers.atRiskShare))% at_risk (docs/failure-modes.md, \"Tiers at any base rate\")")
            }
        }
    }
}
