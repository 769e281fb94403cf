import ArgumentParser
import Foundation
import Store

extension Healthscore {
    struct History: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "One account's scores over the recorded runs, oldest first.",
            discussion: """
                Lists every run of the score store that has the account: the day scored, churn \
                probability, health score, tier and top reason. --json prints one object:
                  {"account_id": ..., "runs": [{"run_id": ..., "as_of": ...,
                    "churn_probability": ..., "health_score": ..., "tier": ...,
                    "reasons": [...], "mrr": ..., "revenue_at_risk": ...,
                    "model_fingerprint": ...}, ...]}
                """
        )

        @OptionGroup var storeOptions: StoreOptions

        @Option(help: ArgumentHelp("The account's id, as in accounts.csv.", valueName: "id"))
        var account: String

        @Flag(help: "Print JSON instead of a table.")
        var json = false

        func run() async throws {
            let history = try await storeOptions.withExistingStore { try await $0.history(accountID: account) }
            guard !history.runs.isEmpty else { throw CommandFailure("account '\(account)' is in none of the store's runs") }
            if json {
                FileHandle.standardOutput.write(history.json())
                return
            }
            print("as_of       probability  health  tier     top reason")
            for entry in history.runs {
                let probability = String(format: "%.3f", entry.churnProbability)
                print([entry.asOf.description, pad(probability, 11), pad(String(entry.healthScore), 6),
                       pad(entry.tier.rawValue, 7), entry.reasons.first ?? "-"].joined(separator: "  "))
            }
        }
    }
}

/// `text` padded with spaces to `width` on the right.
func pad(_ text: String, _ width: Int) -> String {
    text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
}
