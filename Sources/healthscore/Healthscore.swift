import ArgumentParser

@main
struct Healthscore: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "healthscore",
        abstract: "Churn-risk health scores learned from your own customer history.",
        discussion: """
            A typical week:
              # learn from what happened after June
              healthscore train --data exports/ --as-of 2026-06-30
              # score every customer as of today
              healthscore score --data exports/ --out scores.csv
              # this week's call list
              healthscore risks --scores scores.csv --top 25 --sort revenue \\
                --out call-list.csv

            A dataset folder holds accounts.csv and, optionally, sessions.csv, nps.csv,
            marketing.csv and interactions.csv (see the README for their columns).
            `healthscore generate --out demo/` writes a simulated one to try things on.
            """,
        subcommands: [Train.self, Score.self, Risks.self, Evaluate.self, KPIs.self, Report.self, Features.self, Fit.self, Generate.self, History.self, Changes.self, Serve.self]
    )
}
