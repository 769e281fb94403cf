import Foundation
import Features
import Ingest
import Modeling
import Scoring
import Simulation
import TestSupport

/// A simulated base scored on three days with one model, and a second model made from the
/// first by moving its coefficients: built once per test process.
struct StoreFixture: Sendable {
    let model: ChurnModel
    let modelBytes: Data
    /// `model` with every coefficient and the intercept moved, so that scores differ.
    let otherModel: ChurnModel
    let otherModelBytes: Data
    /// The base's signals and accounts on each day.
    let snapshots: [Snapshot]
    let accounts: AccountTable
    let thresholds = TierThresholds()
    /// Scored with `model`, parallel to `snapshots`.
    let scored: [ScoredSnapshot]
    /// Scored with `otherModel`.
    let scoredByOther: [ScoredSnapshot]

    /// Eight weeks apart, so that accounts churn (gone) and sign (new) in between.
    static let days = ["2026-03-01", "2026-04-26", "2026-06-21"].map { CalendarDay($0)! }

    static let shared: StoreFixture = try! StoreFixture()

    private init() throws {
        let folder = TemporaryFolder()
        var config = SimulationConfig()
        config.accounts = 600
        config.seed = 23
        _ = try CustomerBaseSimulator.generate(config, into: URL(fileURLWithPath: folder.path + "/data"))
        let dataset = try DatasetFolder(path: folder.path + "/data")
        accounts = dataset.accounts
        model = try ModelTrainer(l2: 1).train(try Snapshot.build(dataset, asOf: CalendarDay("2025-12-31")!),
                                              accounts: dataset.accounts).model
        modelBytes = try model.encoded()
        var other = model
        other.intercept.estimate += 0.3
        for index in other.features.indices {
            other.features[index].coefficient.estimate *= index.isMultiple(of: 2) ? 1.4 : 0.7
        }
        otherModel = other
        otherModelBytes = try other.encoded()
        snapshots = try StoreFixture.days.map { try Snapshot.build(dataset, asOf: $0) }
        let scorer = try Scorer(model: model), otherScorer = try Scorer(model: other)
        scored = snapshots.map { scorer.score($0, accounts: dataset.accounts) }
        scoredByOther = snapshots.map { otherScorer.score($0, accounts: dataset.accounts) }
    }
}
