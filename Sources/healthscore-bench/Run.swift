import ArgumentParser
import Foundation

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Generate bases of several sizes and time every stage of the train and score jobs.",
        discussion: """
            For each size, a simulated base is written under --work (reused when it is already \
            there), then timed stage by stage: reading accounts.csv, reading and aggregating \
            each event file, features, fit, scoring and writing the scores; then the whole \
            train job with its defaults, the features of 26 weekly days from one read (a \
            back-fill's), and the floor (`cat` and `wc -l` of sessions.csv). Then the fit alone \
            on a synthetic --fit-rows x --fit-features design (the system BLAS shows here), \
            and scoring and writing --score-accounts accounts. Files are read from the page \
            cache, as they are right after an export. Bases are deleted afterwards unless --keep.
            """
    )

    @Option(help: ArgumentHelp("Account counts of the simulated bases, comma separated.", valueName: "list"))
    var sizes = "2000,20000,200000"

    @Option(name: .customLong("sessions-per-account"),
            help: "Session rows per account over the 27-month history (500 gives 100 million rows at 200,000 accounts).")
    var sessionsPerAccount = 500.0

    @Option(name: .customLong("fit-rows"), help: "Rows of the synthetic fit.")
    var fitRows = 1_000_000

    @Option(name: .customLong("fit-features"), help: "Features of the synthetic fit (an intercept is added).")
    var fitFeatures = 20

    @Option(name: .customLong("score-accounts"), help: "Accounts scored and written in the scoring benchmark.")
    var scoreAccounts = 1_000_000

    @Option(help: "Reading threads per file (default: one per core).")
    var workers: Int?

    @Option(help: "Runs of every stage; the table shows each stage's fastest run (on a shared machine the others are disturbed).")
    var `repeat` = 1

    @Option(help: ArgumentHelp("Folder for the simulated bases and outputs.", valueName: "dir"))
    var work = "/tmp/healthscore-bench"

    @Flag(help: "Small sizes, for a check in under a minute: 1,000 and 10,000 accounts, a 200,000-row fit, 100,000 accounts scored.")
    var quick = false

    @Flag(name: .customLong("single-thread"), help: "Also time sessions.csv read on one thread.")
    var singleThread = false

    @Flag(help: "Keep the simulated bases under --work.")
    var keep = false

    func run() throws {
        var sizes = try parsedSizes()
        var fitRows = self.fitRows, scoreAccounts = self.scoreAccounts
        if quick { sizes = [1_000, 10_000]; fitRows = 200_000; scoreAccounts = 100_000 }
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        print(Machine.description)
        print()
        let table = BenchTable()
        table.printHeader()
        var largest: PipelineBench.Outcome?
        for accounts in sizes {
            largest = nil   // released, so it does not count in this size's memory
            let size = BaseSize(accounts: accounts, sessionsPerAccount: sessionsPerAccount)
            let folder = try size.prepare(under: work)
            let outcome = try table.best(of: self.repeat) { runTable in
                try PipelineBench(size: size, folder: folder, workers: workers, singleThreadToo: singleThread)
                    .run(runTable, scoresPath: work + "/scores.csv")
            }
            largest = outcome
            if !keep { try? FileManager.default.removeItem(atPath: folder) }
        }
        try table.best(of: self.repeat) { try FitBench(rows: fitRows, features: fitFeatures).run($0) }
        if let largest, scoreAccounts > 0 {
            try table.best(of: self.repeat) {
                try ScoreBench(accounts: scoreAccounts).run($0, from: largest, scoresPath: work + "/scores.csv")
            }
        }
        try? FileManager.default.removeItem(atPath: work + "/scores.csv")
        print()
        print("Whole run: peak resident memory \(String(format: "%.0f", Double(ResidentMemory.peakBytes) / 1e6)) MB since the last stage began.")
    }

    private func parsedSizes() throws -> [Int] {
        let values = sizes.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !values.isEmpty, values.allSatisfy({ ($0 ?? 0) > 0 }) else {
            throw ValidationError("--sizes takes account counts separated by commas, e.g. --sizes 2000,20000")
        }
        return values.map { $0! }
    }
}

/// The machine the numbers come from, for the top of the table.
enum Machine {
    static var description: String {
        let cpu = procFile("/proc/cpuinfo")
            .split(separator: "\n").first { $0.hasPrefix("model name") }?
            .split(separator: ":").last?.trimmingCharacters(in: .whitespaces) ?? "unknown processor"
        let memory = Double(ProcessInfo.processInfo.physicalMemory) / Double(1 << 30)
        return "Machine: \(cpu), \(ProcessInfo.processInfo.activeProcessorCount) cores, \(String(format: "%.0f", memory)) GiB; BLAS: \(SystemBLAS.name)"
    }
}
