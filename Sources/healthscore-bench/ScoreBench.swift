import Exports
import Features
import Foundation
import Ingest
import Modeling
import Scoring

/// Scoring and writing a large customer base: the signals of a measured base repeated
/// (with new account ids) up to `accounts`, scored with its model and written as CSV.
struct ScoreBench {
    let accounts: Int

    func run(_ table: BenchTable, from base: PipelineBench.Outcome, scoresPath: String) throws {
        let group = BenchTable.grouped(accounts) + " acc."
        let (snapshot, accountTable) = ScoreBench.tile(base, to: accounts)
        let scorer = try Scorer(model: base.model)
        let scores = table.measure(group, "score", rows: accounts) {
            scorer.score(snapshot, accounts: accountTable)
        }
        let lap = Lap()
        try ScoreFile.write(scores, to: scoresPath)
        table.record(lap, group, "export scores.csv", rows: accounts, bytes: fileBytes(scoresPath))
    }

    /// `count` accounts whose attributes and signals cycle through those of `base`.
    static func tile(_ base: PipelineBench.Outcome, to count: Int) -> (Snapshot, AccountTable) {
        let source = base.snapshot
        var accounts: [Account] = []
        var signals: [AccountSignals] = []
        accounts.reserveCapacity(count)
        signals.reserveCapacity(count)
        for index in 0..<count {
            let from = index % source.count
            var account = base.accounts.accounts[Int(source.accountPositions[from])]
            account.id = "T" + String(index)
            accounts.append(account)
            signals.append(source.signals[from])
        }
        let snapshot = Snapshot(asOf: source.asOf, accountPositions: (0..<count).map { Int32($0) }, signals: signals,
                                reports: [], missingFiles: [])
        return (snapshot, AccountTable(accounts))
    }
}
