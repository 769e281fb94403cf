import ArgumentParser
import Exports
import Foundation
import Regression

@main
struct Healthscore: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "healthscore",
        abstract: "Churn-risk health scores learned from your own customer history.",
        discussion: """
            A typical week:
              # learn from what happened after June
              healthscore train --data exports/ --as-of 2026-06-30
              # score every customer as of today, and keep the run in the store
              healthscore score --data exports/ --store runs.sqlite --out scores.csv
              # who got worse since last week, and why
              healthscore changes --store runs.sqlite
              # this week's call list
              healthscore risks --scores scores.csv --top 25 --sort revenue \\
                --out call-list.csv
              # the dashboard over the store, at http://127.0.0.1:8080
              healthscore serve --store runs.sqlite

            A dataset folder holds accounts.csv and, optionally, sessions.csv, nps.csv, \
            marketing.csv and interactions.csv (see the README for their columns). \
            `healthscore generate --out demo/` writes a simulated one to try things on. \
            `healthscore load` copies a folder into PostgreSQL; --data then takes the \
            database's postgresql:// URL, and the features are computed there.
            """,
        subcommands: [Train.self, Score.self, Risks.self, Evaluate.self, KPIs.self, Report.self, Features.self, Fit.self, Generate.self, Load.self, History.self, Changes.self, Serve.self]
    )

    static func main() async {
        BLASThreads.stopIdleWorkers()
        TestHooks.install()
        await main(nil)
    }
}

/// Points where the command-line tests hold a run, to interrupt it at a known moment
/// rather than after a guessed delay. Off unless the environment asks.
enum TestHooks {
    /// `HEALTHSCORE_TEST_HOLD_OUTPUT=1`: once an output's temporary file exists, say so on
    /// stderr and wait for a signal.
    static func install() {
        guard ProcessInfo.processInfo.environment["HEALTHSCORE_TEST_HOLD_OUTPUT"] == "1" else { return }
        AtomicFile.afterCreate = { path in
            FileHandle.standardError.write(Data("holding \(path)\n".utf8))
            while true { sleep(60) }
        }
    }
}
