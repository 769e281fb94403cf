import Foundation
import Features
import Modeling
import Scoring
import XCTest
@testable import Store

final class ChangeTermsTests: StoreTestCase {
    /// Same model: the terms are the differences of the families' contributions, and they
    /// add up to the change in log-odds.
    func testTermsAddUpWithTheSameModel() async throws {
        try await eachKind {
            let f = fixture
            let pairs = try await everyPair(old: (0, false), new: (1, false))
            let scorer = try Scorer(model: f.model)
            for (old, new, terms) in pairs {
                XCTAssertEqual(terms.model, 0)
                checkSum(terms, old: old, new: new)
                // Reference: the contributions recomputed from the snapshots' signals.
                let before = scorer.contributions(signals(old.accountID, day: 0))
                let after = scorer.contributions(signals(new.accountID, day: 1))
                for (index, family) in SignalFamily.allCases.enumerated() {
                    XCTAssertEqual(terms[family], after[index] - before[index], accuracy: 1e-12)
                }
            }
        }
    }

    /// Different models: the model term is the new model on the old features minus the old
    /// model on the old features; the family terms are the rest; all add up.
    func testTermsAddUpWhenTheModelChanged() async throws {
        try await eachKind {
            let f = fixture
            let pairs = try await everyPair(old: (0, false), new: (1, true))
            let oldDefinitions = try f.model.definitions(), newDefinitions = try f.otherModel.definitions()
            for (old, new, terms) in pairs {
                checkSum(terms, old: old, new: new)
                // Reference: ChurnModel.logOdds, straight from the snapshots' signals.
                let oldSignals = signals(old.accountID, day: 0)
                let modelTerm = f.otherModel.logOdds(oldSignals, definitions: newDefinitions)
                    - f.model.logOdds(oldSignals, definitions: oldDefinitions)
                XCTAssertEqual(terms.model, modelTerm, accuracy: 1e-9)
            }
            XCTAssertTrue(pairs.contains { abs($0.terms.model) > 0.01 }, "the models differ")
        }
    }

    private func checkSum(_ terms: ChangeTerms, old: StoredAccount, new: StoredAccount) {
        XCTAssertEqual(terms.total, new.logOdds - old.logOdds, accuracy: 1e-9)
        let p0 = old.churnProbability, p1 = new.churnProbability
        // logit(p) is exact to about 1e-16 / (p (1 - p)): checked where that is below 1e-10.
        if min(p0, 1 - p0) > 1e-6, min(p1, 1 - p1) > 1e-6 {
            XCTAssertEqual(terms.total, (log(p1) - log1p(-p1)) - (log(p0) - log1p(-p0)), accuracy: 1e-9)
        }
    }

    /// Every account in both runs, with its terms as `changes` computes them.
    private func everyPair(old: (day: Int, other: Bool), new: (day: Int, other: Bool))
        async throws -> [(old: StoredAccount, new: StoredAccount, terms: ChangeTerms)] {
        let store = try await openStore()
        let from = try await record(old.day, other: old.other, in: store).run
        let to = try await record(new.day, other: new.other, in: store).run
        let newModel = try await store.model(fingerprint: to.modelFingerprint)
        let split = try ChangeSplit(from: from, to: to, newModel: newModel)
        let pairs = try await store.backend.changedAccounts(from: from, to: to, minimumDrop: -1000)
        await store.close()
        let both = pairs.compactMap { pair in pair.old.flatMap { old in pair.new.map { (old, $0) } } }
        XCTAssertGreaterThan(both.count, 100)
        return both.map { ($0.0, $0.1, split.terms(old: $0.0, new: $0.1)) }
    }

    private func signals(_ id: String, day: Int) -> AccountSignals {
        let scored = fixture.scored[day]
        return scored.snapshot.signals[positions[day][id]!]
    }

    /// Each day's account positions by id.
    private lazy var positions: [[String: Int]] = fixture.scored.map { scored in
        Dictionary(uniqueKeysWithValues: (0..<scored.count).map { (scored.account(at: $0).id, $0) })
    }
}
