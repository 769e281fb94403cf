import ArgumentParser
import Evaluation
import Exports
import Foundation
import Scoring

extension RiskList.Order: ExpressibleByArgument {}

extension Healthscore {
    struct Risks: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Turn scores into this week's call list.",
            discussion: """
                Reads a score file from `healthscore score`, keeps the accounts you ask for \
                and writes them ranked, as CSV (safe to open in a spreadsheet) or JSON.
                  --sort risk      highest churn probability first
                  --sort revenue   most revenue at risk (probability x MRR) first
                """
        )

        @Option(help: ArgumentHelp("Scores written by `healthscore score` (.csv or .json).", valueName: "file"))
        var scores: String

        @Option(help: ArgumentHelp("Keep only the first N accounts.", valueName: "n"))
        var top: Int?

        @Option(name: .customLong("min-probability"), help: ArgumentHelp("Keep accounts with at least this churn probability (0-1).", valueName: "p"))
        var minProbability: Double?

        @Option(help: "Order of the list: risk or revenue.")
        var sort: RiskList.Order = .risk

        @Option(help: ArgumentHelp("Where to write the list (.csv or .json).", valueName: "file"))
        var out: String

        func validate() throws {
            if let top, top < 1 { throw ValidationError("--top must be 1 or more, e.g. --top 25") }
            if let p = minProbability, !(0...1).contains(p) {
                throw ValidationError("--min-probability is a probability between 0 and 1, e.g. --min-probability 0.3")
            }
            _ = try attempt { try ScoreFile.format(of: out) }
        }

        func run() throws {
            try refuseOutputsOverInputs([("--out", out)], inputs: [scores])
            let rows = try attempt { try ScoreFile.read(path: scores) }
            guard !rows.isEmpty else {
                throw CommandFailure("\(scores) holds no scores: nothing to put on a list, so \(out) is left as it was")
            }
            let list = RiskList(order: sort, minimumProbability: minProbability, top: top).apply(to: rows)
            guard !list.isEmpty else {
                let cut = minProbability.map { " has a churn probability of at least \($0)" } ?? " is left"
                throw CommandFailure("no account\(cut): the list would be empty, so \(out) is left as it was")
            }
            try attempt { try ScoreFile.write(list, to: out, ranked: true) }
            let atRisk = list.reduce(0) { $0 + $1.revenueAtRisk }
            print("\(list.count) of \(rows.count) accounts on the list (by \(sort.rawValue)); expected MRR at risk: \(Format.money(atRisk)).")
            for (rank, row) in list.prefix(10).enumerated() {
                let reason = row.reasons.first ?? "no single warning sign stands out (average risk on a large MRR)"
                let position = String(rank + 1)
                let padded = String(repeating: " ", count: max(0, 3 - position.count)) + position
                let who = row.name.isEmpty ? row.accountID : row.name
                say("\(padded). \(who)  p=\(String(format: "%.2f", row.churnProbability))  MRR at risk \(Format.money(row.revenueAtRisk))  \(reason)")
            }
            if list.count > 10 { print("     ... \(list.count - 10) more") }
            print("Risk list written to \(out)")
        }
    }
}
