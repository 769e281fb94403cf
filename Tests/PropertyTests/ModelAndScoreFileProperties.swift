import Foundation
import PropertyBased
import Testing
import TestSupport
import Features
import Ingest
import Modeling
@testable import Exports
@testable import Scoring

/// Model files and score files are inputs too: whatever their bytes, loading either
/// succeeds with values that score safely, or fails with a typed error naming the place.
@Suite struct ModelFileProperties {
    static let model: ChurnModel = {
        func coefficient(_ b: Double) -> Coefficient {
            Coefficient(estimate: b, standardError: 0.1, z: b / 0.1, pValue: 0.01, lower95: b - 0.2, upper95: b + 0.2)
        }
        let features = FeatureCatalog.all.prefix(4).enumerated().map { index, definition in
            ModelFeature(name: definition.name, family: definition.family, formula: definition.formula, fill: 1.5,
                         center: 1.5, scale: 0.5 + Double(index), coefficient: coefficient(0.3 - Double(index) * 0.2))
        }
        let summary = TrainingSummary(accounts: 100, churned: 12, logLikelihood: -30, nullLogLikelihood: -36, deviance: 60,
                                      aic: 70, mcFaddenR2: 0.17, iterations: 6, converged: true, inSampleAUC: 0.74)
        return ChurnModel(asOf: CalendarDay("2026-03-31")!, horizonDays: 90, l2: 1, intercept: coefficient(-2),
                          features: Array(features), training: summary, leftOut: [])
    }()
    static let text = String(decoding: try! model.encoded(), as: UTF8.self)

    /// What a loaded model must satisfy: it scores every account to a probability in [0, 1].
    static func scoresSafely(_ model: ChurnModel) -> Bool {
        guard let scorer = try? Scorer(model: model) else { return false }
        for signals in [AccountSignals(), { var s = AccountSignals(); s.sessionsRecent = 1_000_000; return s }()] {
            let score = scorer.score(signals)
            guard score.churnProbability.isFinite, (0...1).contains(score.churnProbability),
                  (0...100).contains(score.healthScore) else { return false }
        }
        return true
    }

    @Test func arbitraryBytesNeverCrashTheLoader() async {
        let bytes = Gen.int(in: 0...255).array(of: 0...200).map { $0.map(UInt8.init) }
        await propertyCheck(count: 300, input: bytes) { input in
            if let model = try? ChurnModel.decode(Data(input), path: "m.json") {
                #expect(ModelFileProperties.scoresSafely(model))
            }
        }
    }

    /// One number of a real model file replaced by a hostile value: refused, or harmless.
    @Test func hostileNumbersAreRefusedOrHarmless() async {
        let values = ["\"nan\"", "\"inf\"", "\"-inf\"", "0", "-0", "-1", "1e308", "-1e308", "5e-324", "4000000000",
                      "-4000000000", "9223372036854775807", "\"x\"", "null", "[]", "1.5", "1e-300", "1e300"]
        // The positions of every number in the file.
        let numbers = try! NSRegularExpression(pattern: ": (-?[0-9][0-9.e+-]*)")
        let matches = numbers.matches(in: Self.text, range: NSRange(Self.text.startIndex..., in: Self.text)).map { $0.range(at: 1) }
        await propertyCheck(count: 400, input: Gen.int(in: 0...(matches.count - 1)), Gen.element(of: values)) { index, value in
            guard let value else { return }
            let edited = (ModelFileProperties.text as NSString).replacingCharacters(in: matches[index], with: value)
            switch Result(catching: { () throws(ModelFileError) in try ChurnModel.decode(Data(edited.utf8), path: "m.json") }) {
            case .success(let model): #expect(ModelFileProperties.scoresSafely(model), "\(edited)")
            case .failure(let error): #expect(!error.description.contains("\n"))
            }
        }
    }
}

@Suite struct ScoreFileProperties {
    static let tiers: [Tier] = Tier.allCases
    static let row = Gen.double(in: 0...1).map { probability -> ScoreRow in
        let mrr = (probability * 10_000).rounded() / 7
        return ScoreRow(accountID: "A\(Int(probability * 1e9))", name: "n", owner: "", segment: "", mrr: mrr,
                        churnProbability: probability, healthScore: Int((100 * (1 - probability)).rounded()),
                        tier: TierThresholds().tier(forProbability: probability), revenueAtRisk: probability * mrr,
                        reasons: [], asOf: CalendarDay("2026-03-31")!, horizonDays: 90)
    }

    /// Rows written by the product read back as they were written.
    @Test func writtenScoresReadBack() async {
        await propertyCheck(count: 100, input: ScoreFileProperties.row.array(of: 1...20)) { rows in
            var unique: [String: ScoreRow] = [:]
            for row in rows { unique[row.accountID] = row }
            let rows = Array(unique.values)
            let folder = TemporaryFolder()
            for name in ["s.csv", "s.json"] {
                let path = folder.path + "/" + name
                try? ScoreFile.write(rows, to: path)
                let back = try? ScoreFile.read(path: path)
                #expect(back?.count == rows.count, "\(name)")
            }
        }
    }

    /// One cell of a valid score file replaced by anything: refused with a line and a
    /// column, or every row read is in range.
    @Test func damagedCellsAreRefusedWithTheirPlace() async {
        let cells = ["", "-1", "2", "200", "nan", "inf", "1e999", "0.5", "at_risk", "x", "2026-02-30", "1970-01-01",
                     "\u{0}", "\"", "'=1+1", "9999999999999999999"]
        let header = "account_id,name,owner,segment,mrr,churn_probability,health_score,tier,revenue_at_risk,reasons,as_of,horizon_days"
        let body = ["A1,Acme,,,1000.00,0.250000,75,watch,250.00,,2026-03-31,90",
                    "A2,Beta,,,500.00,0.600000,40,at_risk,300.00,,2026-03-31,90"]
        await propertyCheck(count: 400, input: Gen.int(in: 0...1), Gen.int(in: 0...11), Gen.element(of: cells)) { line, column, cell in
            guard let cell else { return }
            var rows = body.map { $0.components(separatedBy: ",") }
            rows[line][column] = cell.contains("\"") ? "\"\"\"\"" : cell
            let text = ([header] + rows.map { $0.joined(separator: ",") }).joined(separator: "\n") + "\n"
            let folder = TemporaryFolder()
            let path = folder.write("s.csv", text)
            switch Result(catching: { () throws(InputError) in try ScoreFile.read(path: path) }) {
            case .success(let read):
                for row in read {
                    #expect((0...1).contains(row.churnProbability) && (0...100).contains(row.healthScore))
                    #expect(row.revenueAtRisk.isFinite && row.revenueAtRisk >= 0)
                }
                #expect(Set(read.map(\.asOf)).count <= 1)
            case .failure(let error):
                // The damaged line, or the next one when the damage makes the two disagree.
                #expect(error.line.map { $0 >= line + 2 && $0 <= 3 } ?? false, "\(error)")
                #expect(error.column != nil, "\(error)")
                #expect(!error.description.contains("\n"))
            }
        }
    }
}
