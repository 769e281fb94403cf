import DataSources
import Features
import Foundation
import Ingest
import Modeling
import Scoring
import Simulation
import Store
import TestSupport

/// A simulated base scored on three days with one model and a fourth with a second model,
/// two of its accounts renamed to hostile HTML: built once per test process, and
/// recorded into any store asked for.
final class ServerFixture: @unchecked Sendable {
    static let hostileName = "<script>alert(1)</script> & \"quotes\" 'apostrophes'"
    static let hostileOwner = "O'Brien & \"Sons\" <b>bold</b>"

    let folder = TemporaryFolder()
    let model: ChurnModel
    let modelBytes: Data
    let otherModel: ChurnModel
    let otherModelBytes: Data
    let thresholds = TierThresholds()
    /// Scored days in recording order: the last one by `otherModel`.
    let scored: [ScoredSnapshot]
    /// The account renamed to `hostileName`.
    let hostileID: String
    /// A path to an SQLite store holding every run.
    let sqlitePath: String

    static let days = ["2026-03-01", "2026-04-26", "2026-06-21", "2026-08-16"].map { CalendarDay($0)! }

    nonisolated(unsafe) private static var built: ServerFixture?
    private static let lock = NSLock()

    /// The one fixture of the test process.
    static func shared() async throws -> ServerFixture {
        if let built = lock.withLock({ built }) { return built }
        let fixture = try await ServerFixture()
        lock.withLock { if built == nil { built = fixture } }
        return lock.withLock { built! }
    }

    private init() async throws {
        var config = SimulationConfig()
        config.accounts = 500
        config.seed = 41
        let data = folder.path + "/data"
        _ = try CustomerBaseSimulator.generate(config, into: URL(fileURLWithPath: data))
        hostileID = try ServerFixture.renameFirstAccounts(in: data)
        let dataset = try DatasetFolder(path: data)
        model = try ModelTrainer(l2: 1).train(try Snapshot.build(dataset, asOf: CalendarDay("2025-12-31")!),
                                              accounts: dataset.accounts).model
        modelBytes = try model.encoded()
        var other = model
        other.intercept.estimate += 0.2
        for index in other.features.indices { other.features[index].coefficient.estimate *= index.isMultiple(of: 2) ? 1.3 : 0.8 }
        otherModel = other
        otherModelBytes = try other.encoded()
        let scorer = try Scorer(model: model), otherScorer = try Scorer(model: other)
        scored = try ServerFixture.days.enumerated().map { index, day in
            let snapshot = try Snapshot.build(dataset, asOf: day)
            return (index == ServerFixture.days.count - 1 ? otherScorer : scorer).score(snapshot, accounts: dataset.accounts)
        }
        sqlitePath = folder.path + "/store.sqlite"
        let store = try await ScoreStore.open(.sqlite(path: sqlitePath))
        try await record(into: store)
        await store.close()
    }

    /// Records every run, oldest first.
    func record(into store: ScoreStore) async throws {
        for (index, snapshot) in scored.enumerated() {
            let last = index == scored.count - 1
            _ = try await store.record(snapshot, model: last ? otherModel : model, modelFileBytes: last ? otherModelBytes : modelBytes,
                                       thresholds: thresholds)
        }
    }

    /// Gives the first account that is a customer on every day the hostile name, and it and
    /// the next two such accounts the hostile owner; returns its id.
    static func renameFirstAccounts(in folder: String) throws -> String {
        let table = try AccountTable.read(path: folder + "/accounts.csv")
        let steady = table.accounts.indices.filter { index in days.allSatisfy { table.accounts[index].isCustomer(on: $0) } }
        let named = steady[0], owned = Set(steady.prefix(3))
        func quoted(_ text: String) -> String { "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        var csv = "account_id,name,owner,segment,mrr,seats,started_on,churned_on\n"
        for (index, a) in table.accounts.enumerated() {
            let fields = [a.id, quoted(index == named ? hostileName : a.name), quoted(owned.contains(index) ? hostileOwner : a.owner), a.segment,
                          a.mrr.map { String($0) } ?? "", a.seats.map(String.init) ?? "", a.startedOn.description,
                          a.churnedOn?.description ?? ""]
            csv += fields.joined(separator: ",") + "\n"
        }
        try Data(csv.utf8).write(to: URL(fileURLWithPath: folder + "/accounts.csv"))
        return table.accounts[named].id
    }
}
