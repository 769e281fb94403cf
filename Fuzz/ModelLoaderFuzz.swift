// libFuzzer harness: the model loader, fed arbitrary bytes (seeded with real model files
// by scripts/fuzz). Whatever it accepts must score every account to a probability in
// [0, 1]; whatever it refuses must be refused with a ModelFileError. Built and run by
// scripts/fuzz.
import Features
import Foundation
import Ingest
import Modeling
import Scoring

let accounts: [AccountSignals] = {
    var empty = AccountSignals()
    var busy = AccountSignals()
    busy.sessionsRecent = 1_000_000
    busy.sessionsBaseline = 0
    busy.baselineDays = 60
    busy.daysSinceLastSession = 0
    busy.npsAnswers = 3
    busy.npsScoreTotal = 30
    busy.mrr = 1e12
    busy.seats = 1_000_000
    busy.tenureDays = 100_000
    empty.tenureDays = 0
    return [empty, busy]
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ bytes: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let data = Data(bytes: bytes, count: size)
    let model: ChurnModel
    do {
        model = try ChurnModel.decode(data, path: "fuzz.json")
    } catch {
        precondition(!error.description.isEmpty)
        return 0
    }
    guard let scorer = try? Scorer(model: model) else { preconditionFailure("a loaded model cannot be scored") }
    for signals in accounts {
        let score = scorer.score(signals)
        precondition(score.churnProbability.isFinite && (0...1).contains(score.churnProbability), "\(score)")
        precondition((0...100).contains(score.healthScore))
    }
    return 0
}
