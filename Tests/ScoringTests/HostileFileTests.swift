import Foundation
import TestSupport
import XCTest
import Features
import Ingest
import Modeling
@testable import Exports
@testable import Scoring

/// Model files and score files edited by hand, damaged or made up: each is refused with a
/// case that names the field, or the file, line and column.
final class HostileFileTests: XCTestCase {
    /// The two-feature model of `ScorerTests`.
    let model: ChurnModel = {
        func coefficient(_ b: Double) -> Coefficient {
            Coefficient(estimate: b, standardError: 0.1, z: b / 0.1, pValue: 0.01, lower95: b - 0.2, upper95: b + 0.2)
        }
        func feature(_ name: String, _ family: SignalFamily, fill: Double, scale: Double, b: Double) -> ModelFeature {
            ModelFeature(name: name, family: family, formula: "", fill: fill, center: fill, scale: scale,
                         coefficient: coefficient(b))
        }
        let summary = TrainingSummary(accounts: 10, churned: 2, logLikelihood: -4, nullLogLikelihood: -5, deviance: 8,
                                      aic: 14, mcFaddenR2: 0.2, iterations: 5, converged: true, inSampleAUC: 0.8)
        return ChurnModel(asOf: CalendarDay("2026-01-31")!, horizonDays: 90, l2: 0, intercept: coefficient(-2),
                          features: [feature("logins_30d", .sessionFrequency, fill: 2.4, scale: 1, b: -1.5),
                                     feature("nps_mean_180d", .nps, fill: 7, scale: 2, b: -0.8)],
                          training: summary, leftOut: [])
    }()

    /// The model's JSON with one text replacement.
    func load(_ replace: (String) -> String) -> Result<ChurnModel, ModelFileError> {
        let text = replace(String(decoding: try! model.encoded(), as: UTF8.self))
        return Result { () throws(ModelFileError) in try ChurnModel.decode(Data(text.utf8), path: "m.json") }
    }

    func assertRefused(_ replace: (String) -> String, _ expected: ModelFileError,
                       file: StaticString = #filePath, line: UInt = #line) {
        switch load(replace) {
        case .success: XCTFail("accepted", file: file, line: line)
        case .failure(let error): XCTAssertEqual(error, expected, file: file, line: line)
        }
    }

    func testModelNumbersMustBeFinite() {
        // The encoder writes non-finite numbers as strings, which the decoder reads back.
        assertRefused({ $0.replacingOccurrences(of: "\"estimate\" : -1.5", with: "\"estimate\" : \"nan\"") },
                      .notFinite(path: "m.json", field: "features[0].coefficient.estimate"))
        assertRefused({ $0.replacingOccurrences(of: "\"estimate\" : -2", with: "\"estimate\" : \"inf\"") },
                      .notFinite(path: "m.json", field: "intercept.estimate"))
        assertRefused({ $0.replacingOccurrences(of: "\"fill\" : 7", with: "\"fill\" : \"-inf\"") },
                      .notFinite(path: "m.json", field: "features[1].fill"))
        assertRefused({ $0.replacingOccurrences(of: "\"l2\" : 0", with: "\"l2\" : \"nan\"") },
                      .notFinite(path: "m.json", field: "l2"))
        // A number too large for a double is not valid JSON for the decoder either way.
        if case .success = load({ $0.replacingOccurrences(of: "\"fill\" : 7", with: "\"fill\" : 1e999") }) {
            XCTFail("1e999 accepted")
        }
    }

    func testScaleHorizonFeaturesAndVersionAreChecked() {
        assertRefused({ $0.replacingOccurrences(of: "\"scale\" : 2", with: "\"scale\" : 0") },
                      .badScale(path: "m.json", feature: "nps_mean_180d", scale: 0))
        assertRefused({ $0.replacingOccurrences(of: "\"scale\" : 2", with: "\"scale\" : -2") },
                      .badScale(path: "m.json", feature: "nps_mean_180d", scale: -2))
        assertRefused({ $0.replacingOccurrences(of: "\"horizon_days\" : 90", with: "\"horizon_days\" : -90") },
                      .badHorizon(path: "m.json", days: -90))
        assertRefused({ $0.replacingOccurrences(of: "\"horizon_days\" : 90", with: "\"horizon_days\" : 4000000000") },
                      .badHorizon(path: "m.json", days: 4_000_000_000))
        assertRefused({ $0.replacingOccurrences(of: "\"nps_mean_180d\"", with: "\"logins_30d\"") },
                      .duplicateFeature(path: "m.json", name: "logins_30d"))
        assertRefused({ $0.replacingOccurrences(of: "\"version\" : 1", with: "\"version\" : 2") },
                      .otherVersion(path: "m.json", found: 2))
        assertRefused({ $0.replacingOccurrences(of: "\"family\" : \"nps\"", with: "\"family\" : \"marketing\"") },
                      .wrongFamily(path: "m.json", feature: "nps_mean_180d", found: .marketing, expected: .nps))
        assertRefused({ $0.replacingOccurrences(of: "\"churned\" : 2", with: "\"churned\" : 20") },
                      .outOfRange(path: "m.json", field: "training", reason: "counts 20 churned of 10 accounts"))
        if case .failure(let error) = load({ $0 }) { XCTFail("the model itself refused: \(error)") }
    }

    func testModelFilesThatAreNotFilesAreRefused() {
        XCTAssertThrowsError(try ChurnModel.load(path: "/dev/zero")) { error in
            XCTAssertEqual(error as? ModelFileError, .notARegularFile(path: "/dev/zero"))
        }
        let folder = TemporaryFolder()
        let big = folder.write("big.json", bytes: [UInt8](repeating: 32, count: ChurnModel.maximumFileBytes + 1))
        XCTAssertThrowsError(try ChurnModel.load(path: big)) { error in
            XCTAssertEqual(error as? ModelFileError, .tooLarge(path: big, bytes: ChurnModel.maximumFileBytes + 1))
        }
    }

    // MARK: - Score files

    let header = "account_id,name,owner,segment,mrr,churn_probability,health_score,tier,revenue_at_risk,reasons,as_of,horizon_days\n"

    func readScores(_ body: String) -> Result<[ScoreRow], InputError> {
        let folder = TemporaryFolder()
        let path = folder.write("s.csv", header + body)
        return Result { () throws(InputError) in try ScoreFile.read(path: path) }
    }

    func assertScoreError(_ body: String, line: Int?, column: String, _ fragment: String,
                          file: StaticString = #filePath, line testLine: UInt = #line) {
        switch readScores(body) {
        case .success: XCTFail("accepted", file: file, line: testLine)
        case .failure(let error):
            XCTAssertEqual(error.file, "s.csv", file: file, line: testLine)
            XCTAssertEqual(error.line, line, file: file, line: testLine)
            XCTAssertEqual(error.column, column, file: file, line: testLine)
            XCTAssertTrue(error.problem.contains(fragment), error.description, file: file, line: testLine)
        }
    }

    func testScoreFilesAreCheckedRowByRow() {
        let good = "A1,Acme,,,1000.00,0.250000,75,watch,250.00,,2026-03-31,90\n"
        if case .failure(let error) = readScores(good) { XCTFail("\(error)") }
        assertScoreError(good + "A2,B,,,1000.00,0.250000,200,watch,250.00,,2026-03-31,90\n",
                         line: 3, column: "health_score", "200 is not a health score")
        assertScoreError(good + "A2,B,,,1000.00,1.500000,75,watch,250.00,,2026-03-31,90\n",
                         line: 3, column: "churn_probability", "1.5 is not a probability")
        assertScoreError(good + "A2,B,,,1000.00,nan,75,watch,250.00,,2026-03-31,90\n",
                         line: 3, column: "churn_probability", "is not a probability")
        assertScoreError(good + "A2,B,,,1000.00,0.250000,10,watch,250.00,,2026-03-31,90\n",
                         line: 3, column: "health_score", "does not match churn_probability")
        assertScoreError(good + "A2,B,,,1000.00,0.250000,75,watch,900.00,,2026-03-31,90\n",
                         line: 3, column: "revenue_at_risk", "is not churn_probability x mrr")
        assertScoreError(good + "A2,B,,,1000.00,0.250000,75,watch,250.00,,2026-06-30,90\n",
                         line: 3, column: "as_of", "differs from 2026-03-31 (on line 2)")
        assertScoreError(good + "A2,B,,,1000.00,0.250000,75,watch,250.00,,2026-03-31,30\n",
                         line: 3, column: "horizon_days", "differs from 90")
        assertScoreError(good + good, line: 3, column: "account_id", "appears twice (first on line 2)")
        assertScoreError(good + "A2,B,,,-5,0.250000,75,watch,250.00,,2026-03-31,90\n",
                         line: 3, column: "mrr", "is not an amount")
        assertScoreError(good + "A2,B,,,1000.00,0.250000,75,doomed,250.00,,2026-03-31,90\n",
                         line: 3, column: "tier", "is not a tier")
        assertScoreError("A\u{1B}1,B,,,1000.00,0.250000,75,watch,250.00,,2026-03-31,90\n",
                         line: 2, column: "account_id", "control character")
    }

    func testJSONScoreFilesAreCheckedToo() throws {
        let folder = TemporaryFolder()
        var row = ScoreRow(accountID: "A1", name: "", owner: "", segment: "", mrr: 100, churnProbability: 0.5,
                           healthScore: 50, tier: .atRisk, revenueAtRisk: 50, reasons: [],
                           asOf: CalendarDay("2026-03-31")!, horizonDays: 90)
        let good = folder.path + "/good.json"
        try ScoreFile.write([row], to: good)
        XCTAssertEqual(try ScoreFile.read(path: good), [row])
        row.healthScore = 200
        let bad = folder.write("bad.json", bytes: ScoreFile.json([row], ranked: false))
        XCTAssertThrowsError(try ScoreFile.read(path: bad)) { error in
            let error = error as! InputError
            XCTAssertEqual(error.column, "health_score")
            XCTAssertTrue(error.problem.hasPrefix("row 1: 200 is not a health score"), error.description)
        }
    }

    // MARK: - Tiers by share

    func testShareTiersCutTheBookAtItsShares() {
        let probabilities = (1...100).map { Double($0) / 1000 }   // 0.001 ... 0.100: nobody near 0.5
        let absolute = TierThresholds()
        XCTAssertTrue(probabilities.allSatisfy { absolute.tier(forProbability: $0) == .healthy })
        let shares = TierThresholds(shares: TierShares(atRisk: 0.1, watch: 0.25))
        let (atRisk, watch) = shares.cutoffs(for: probabilities)
        XCTAssertEqual(atRisk, 0.091)
        XCTAssertEqual(watch, 0.076)
        let scores = probabilities.map { AccountScore(churnProbability: $0, healthScore: 0, tier: .healthy, reasons: ReasonFamilies()) }
        let tiered = Scorer.tieredByShare(scores, thresholds: shares)
        XCTAssertEqual(tiered.filter { $0.tier == .atRisk }.count, 10)
        XCTAssertEqual(tiered.filter { $0.tier == .watch }.count, 15)
        // Ties at a cut all take the riskier tier; a share of 0 puts nobody in the tier.
        XCTAssertEqual(TierShares(atRisk: 0.1, watch: 0.2).cutoffs(for: [0.2, 0.2, 0.2, 0.1]).atRisk, 0.2)
        XCTAssertEqual(TierShares(atRisk: 0, watch: 0).cutoffs(for: [0.2]).atRisk, .infinity)
        XCTAssertEqual(TierShares(atRisk: 0.5, watch: 1).cutoffs(for: []).atRisk, .infinity)
    }
}

extension HostileFileTests {
    /// Found by the model fuzzer: a seats center of 1e6 passed the checks, and the typical
    /// seat count quoted in reasons, e^center - 1, overflowed to infinity and trapped.
    func testLargeButValidCentersDoNotTrapTheReasons() throws {
        var large = model
        large.features.append(ModelFeature(name: "seats", family: .accountSize, formula: "", fill: 1e6, center: 1e6,
                                           scale: 1, coefficient: model.features[0].coefficient))
        try large.validate(path: "m.json")
        let scorer = try Scorer(model: large)
        var signals = AccountSignals()
        signals.seats = 5
        signals.medianMinutesRecent = 1e300
        let row = scorer.score(signals, account: Account(id: "A1", startedOn: CalendarDay("2025-01-01")!),
                               asOf: CalendarDay("2026-01-31")!)
        XCTAssertTrue((0...1).contains(row.churnProbability))
        XCTAssertEqual(ReasonText.whole(1e300), "1e+300")
        XCTAssertEqual(ReasonText.whole(.infinity), "unknown")
    }
}
