import Foundation
import Modeling
import Scoring

/// Splits each account's change in log-odds between two runs into family and model
/// terms (see `ChangeTerms` for the rule).
struct ChangeSplit {
    /// The later run's model, applied to the earlier run's features; nil when both runs
    /// used the same model.
    private let newScorer: Scorer?
    /// For each feature of the later model, its position among the earlier run's values.
    private let oldPositions: [Int]

    /// Two runs of the same model: each family's term is the difference of its contributions.
    init() {
        newScorer = nil
        oldPositions = []
    }

    init(from: RunSummary, to: RunSummary, newModel: ChurnModel) throws(StoreError) {
        guard from.modelFingerprint != to.modelFingerprint else {
            newScorer = nil
            oldPositions = []
            return
        }
        let scorer: Scorer
        do {
            scorer = try Scorer(model: newModel)
        } catch {
            throw .unusableModel(fingerprint: to.modelFingerprint, reason: error.description)
        }
        var positions: [Int] = []
        for name in scorer.featureNames {
            guard let position = from.featureNames.firstIndex(of: name) else {
                throw .unusableModel(fingerprint: to.modelFingerprint,
                                     reason: "uses feature '\(name)', which the run of \(from.asOf) did not keep")
            }
            positions.append(position)
        }
        newScorer = scorer
        oldPositions = positions
    }

    func terms(old: StoredAccount, new: StoredAccount) -> ChangeTerms {
        let families = 0..<StoreSchema.familyColumns.count
        guard let newScorer else {
            return ChangeTerms(families: families.map { new.contributions[$0] - old.contributions[$0] }, model: 0)
        }
        precondition(!old.features.isEmpty, "a comparison across models reads the earlier run's features")
        let newOnOld = newScorer.contributions { old.features[oldPositions[$0]] }
        let newModelOnOld = families.reduce(new.intercept) { $0 + newOnOld[$1] }
        return ChangeTerms(families: families.map { new.contributions[$0] - newOnOld[$0] },
                           model: newModelOnOld - old.logOdds)
    }
}
