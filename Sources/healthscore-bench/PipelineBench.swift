import Exports
import Features
import Foundation
import Ingest
import Jobs
import Modeling
import Scoring

/// The train and score jobs on one simulated base, stage by stage, as `healthscore train`
/// and `healthscore score` run them.
struct PipelineBench {
    let size: BaseSize
    let folder: String
    /// Reading threads per file; nil leaves the default (one per core).
    let workers: Int?
    /// Also time sessions.csv read on one thread, to show what the second core brings.
    let singleThreadToo: Bool

    /// The training day: the simulated history runs from 2024-07-01 to 2026-09-30, so a
    /// 90-day horizon after it is fully observed (as in ./demo).
    static let trainingDay = CalendarDay(year: 2026, month: 3, day: 31)!
    static let horizonDays = 90

    /// What later benchmarks reuse: the snapshot, its accounts and the trained model.
    struct Outcome {
        let snapshot: Snapshot
        let accounts: AccountTable
        let model: ChurnModel
    }

    func run(_ table: BenchTable, scoresPath: String) throws -> Outcome {
        let group = BenchTable.grouped(size.accounts) + " acc."
        let first = table.results.count
        var dataset = try table.measure(group, "read accounts.csv", rows: size.accounts,
                                        bytes: fileBytes(folder + "/accounts.csv")) {
            try DatasetFolder(path: folder)
        }
        if let workers { dataset.workers = workers }
        var builder = SnapshotBuilder(dataset, asOf: PipelineBench.trainingDay)
        for file in EventFile.allCases {
            let lap = Lap()
            let rows = try builder.read(file)?.rows ?? 0
            table.record(lap, group, "read + aggregate \(file.fileName)", rows: rows,
                         bytes: fileBytes(folder + "/" + file.fileName))
        }
        let snapshot = table.measure(group, "features (medians, feature table)", rows: builder.count) {
            let snapshot = builder.finish()
            _ = FeatureTable(snapshot)
            return snapshot
        }
        let trainer = ModelTrainer(horizonDays: PipelineBench.horizonDays)
        let result = try table.measure(group, "fit (standardise, IRLS)", rows: snapshot.count) {
            try trainer.train(snapshot, accounts: dataset.accounts)
        }
        table.add(StageResult(
            group: group, stage: "= train job", rows: 0,
            bytes: table.results[first...].reduce(0) { $0 + $1.bytes },
            seconds: table.results[first...].reduce(0) { $0 + $1.seconds },
            peakBytes: table.results[first...].map(\.peakBytes).max() ?? 0))

        let scorer = try Scorer(model: result.model)
        let scores = table.measure(group, "score", rows: snapshot.count) {
            scorer.score(snapshot, accounts: dataset.accounts)
        }
        let lap = Lap()
        try ScoreFile.write(scores, to: scoresPath)
        table.record(lap, group, "export scores.csv", rows: scores.count, bytes: fileBytes(scoresPath))

        if singleThreadToo {
            var single = dataset
            single.workers = 1
            var oneThread = SnapshotBuilder(single, asOf: PipelineBench.trainingDay)
            let lap = Lap()
            let rows = try oneThread.read(.sessions)?.rows ?? 0
            table.record(lap, group, "read + aggregate sessions.csv, 1 thread", rows: rows,
                         bytes: fileBytes(folder + "/sessions.csv"))
        }
        // The whole of `healthscore train` with its defaults, from reading accounts.csv to
        // the fitted model: four pooled days, the penalty chosen by cross-validation.
        let allBytes = (["accounts.csv"] + EventFile.allCases.map(\.fileName)).reduce(0) { $0 + fileBytes(folder + "/" + $1) }
        _ = try table.measure(group, "= train, its defaults", bytes: allBytes) {
            var source = try DatasetFolder(path: folder)
            if let workers { source.workers = workers }
            return try TrainJob(asOf: PipelineBench.trainingDay, trainer: trainer).run(source)
        }
        // A back-fill's features: 26 weekly days ending on the training day, from one read
        // of the files (each session kept once for all of them: `SessionLog`).
        let weeks = (0..<26).map { PipelineBench.trainingDay.adding(days: -7 * (25 - $0)) }
        _ = try table.measure(group, "features of 26 weekly days, one read", rows: weeks.count * snapshot.count,
                              bytes: allBytes) {
            var source = try DatasetFolder(path: folder)
            if let workers { source.workers = workers }
            return try Snapshot.build(source, asOf: weeks)
        }
        // The floor: sessions.csv read by `cat` and counted by `wc -l`, from the page cache too.
        let sessions = folder + "/sessions.csv"
        for tool in [["cat"], ["wc", "-l"]] {
            let lap = Lap()
            try PipelineBench.runTool(tool + [sessions])
            table.record(lap, group, "floor: \(tool.joined(separator: " ")) sessions.csv", bytes: fileBytes(sessions))
        }
        return Outcome(snapshot: snapshot, accounts: dataset.accounts, model: result.model)
    }

    /// Runs a system tool (found on the PATH) with its output thrown away.
    static func runTool(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
    }
}
