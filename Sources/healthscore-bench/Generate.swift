import ArgumentParser
import Foundation
import Simulation

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write one simulated customer base with a chosen number of sessions per account."
    )

    @Option(help: ArgumentHelp("Folder to write the five CSV files into.", valueName: "dir"))
    var out: String

    @Option(help: "Number of accounts.")
    var accounts = 20_000

    @Option(name: .customLong("sessions-per-account"),
            help: "Session rows per account over the whole history, roughly.")
    var sessionsPerAccount = 1_000.0

    @Option(help: "Random seed.")
    var seed: UInt64 = 42

    func run() throws {
        let stopwatch = Stopwatch()
        let summary = try BaseSize(accounts: accounts, sessionsPerAccount: sessionsPerAccount)
            .generate(into: out, seed: seed)
        let seconds = stopwatch.seconds
        let total = summary.bytes.values.reduce(0, +)
        print("Simulated \(summary.accounts) accounts in \(String(format: "%.1f", seconds)) s: \(summary.rows["sessions.csv"] ?? 0) sessions, \(String(format: "%.0f", Double(total) / 1e6)) MB in \(out)")
    }
}

/// One size of simulated base: accounts, and sessions per account over the history.
struct BaseSize: Sendable, CustomStringConvertible {
    var accounts: Int
    var sessionsPerAccount: Double

    /// The simulator's defaults give about 950 session rows per account per unit of
    /// `sessionsPerActiveUserPerWeek` over the default 27-month history.
    static let sessionsPerAccountPerUnit = 950.0

    var description: String { "\(accounts) accounts" }

    func config(seed: UInt64) -> SimulationConfig {
        var config = SimulationConfig()
        config.accounts = accounts
        config.seed = seed
        config.sessionsPerActiveUserPerWeek = sessionsPerAccount / BaseSize.sessionsPerAccountPerUnit
        return config
    }

    func generate(into folder: String, seed: UInt64) throws -> SimulationSummary {
        try CustomerBaseSimulator.generate(config(seed: seed), into: URL(fileURLWithPath: folder, isDirectory: true))
    }

    /// The folder of this base under `work`, generated unless an earlier run left it complete.
    func prepare(under work: String, seed: UInt64 = 42) throws -> String {
        let folder = work + "/base-\(accounts)-\(Int(sessionsPerAccount))-\(seed)"
        let stamp = folder + "/.complete"
        if FileManager.default.fileExists(atPath: stamp) { return folder }
        let stopwatch = Stopwatch()
        let summary = try generate(into: folder, seed: seed)
        _ = FileManager.default.createFile(atPath: stamp, contents: nil)
        // Flush the new files to disk now: otherwise the kernel writes them back while the
        // stages run, and a 5 GB base then reads at half speed.
        sync()
        let megabytes = Double(summary.bytes.values.reduce(0, +)) / 1e6
        FileHandle.standardError.write(Data("generated \(BenchTable.grouped(accounts)) accounts, \(BenchTable.grouped(summary.rows["sessions.csv"] ?? 0)) sessions, \(String(format: "%.0f", megabytes)) MB in \(String(format: "%.1f", stopwatch.seconds)) s\n".utf8))
        return folder
    }
}
