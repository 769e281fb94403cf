import ArgumentParser
import Foundation
import Ingest
import Simulation

extension Healthscore {
    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a simulated customer base to try healthscore on.",
            discussion: """
                A hidden health state per account drives its logins, session length, NPS \
                answers, email opens, interaction ratings and churn, so a model has real \
                signal to find. The same --seed always writes the same files.
                """
        )

        @Option(help: ArgumentHelp("Folder to write the five CSV files into (created if missing).", valueName: "dir"))
        var out: String

        @Option(help: ArgumentHelp("Number of accounts.", valueName: "n"))
        var accounts = SimulationConfig().accounts

        @Option(help: ArgumentHelp("Random seed.", valueName: "n"))
        var seed: UInt64 = SimulationConfig().seed

        @Option(help: ArgumentHelp("First day of history (default: \(SimulationConfig().start)).", valueName: "yyyy-mm-dd"), transform: parseDay)
        var start = SimulationConfig().start

        @Option(help: ArgumentHelp("Last day of history (default: \(SimulationConfig().end)).", valueName: "yyyy-mm-dd"), transform: parseDay)
        var end = SimulationConfig().end

        func validate() throws {
            try OptionLimits.check(accounts, in: OptionLimits.simulatedAccounts, option: "accounts", unit: "accounts", example: "1000")
            guard start < end else { throw ValidationError("--start must be before --end") }
            guard start >= DateBounds.earliest, end <= DateBounds.latest else {
                throw ValidationError("--start and --end must lie from \(DateBounds.earliest) to \(DateBounds.latest), the dates healthscore reads")
            }
            guard end.days(since: start) <= 366 * OptionLimits.simulatedYears else {
                throw ValidationError("--start and --end may be at most \(OptionLimits.simulatedYears) years apart")
            }
        }

        func run() throws {
            var config = SimulationConfig()
            config.accounts = accounts
            config.seed = seed
            config.start = start
            config.end = end
            let summary = try attempt {
                try CustomerBaseSimulator.generate(config, into: URL(fileURLWithPath: out, isDirectory: true))
            }
            print("Simulated \(summary.accounts) accounts from \(start) to \(end); \(summary.churned) churned.")
            for name in summary.rows.keys.sorted() {
                let megabytes = Double(summary.bytes[name] ?? 0) / 1_000_000
                print("  \(name): \(summary.rows[name]!) rows, \(String(format: "%.1f", megabytes)) MB")
            }
            print("Dataset written to \(out)")
        }
    }
}
