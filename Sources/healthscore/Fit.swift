import ArgumentParser
import Foundation
import Ingest
import Regression

extension Healthscore {
    struct Fit: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Fit a logistic regression on your own numeric table.",
            discussion: """
                Bring your own features: every column of --table except --label is a feature, \
                and an intercept is added. The label column holds 0 and 1. Prints the same \
                coefficient table as `train`, or with --json one JSON object:
                  {"converged": true, "iterations": 6, "log_likelihood": -12.889,
                   "coefficients": [{"name": "intercept", "estimate": ..., "std_error": ...,
                                     "z": ..., "p_value": ...}, ...]}
                With no penalty the estimates agree with statsmodels Logit and R's glm(family \
                = binomial).
                """
        )

        @Option(help: ArgumentHelp("A CSV table of numbers with a header row.", valueName: "file"))
        var table: String

        @Option(help: ArgumentHelp("The 0/1 outcome column.", valueName: "column"))
        var label: String

        @Flag(help: "Print one JSON object instead of the table.")
        var json = false

        @Option(help: ArgumentHelp("Ridge penalty on every coefficient but the intercept (0 = none).", valueName: "lambda"))
        var l2 = 0.0

        func validate() throws {
            guard l2 >= 0, l2 <= OptionLimits.maximumL2 else {
                throw ValidationError("--l2 must be 0 to \(Int(OptionLimits.maximumL2)), e.g. --l2 1")
            }
        }

        func run() throws {
            let data = try attempt { try NumericTable.read(path: table) }
            guard let labelIndex = data.names.firstIndex(of: label) else {
                throw CommandFailure("\((table as NSString).lastPathComponent): no column '\(label)' (columns: \(data.names.joined(separator: ", "))); pass the outcome column with --label")
            }
            let featureIndices = data.names.indices.filter { $0 != labelIndex }
            let design = DesignMatrix(columns: [[Double](repeating: 1, count: data.rows)] + featureIndices.map { data.columns[$0] },
                                      names: ["intercept"] + featureIndices.map { data.names[$0] })
            let fit = try attempt { try LogisticRegression(l2: l2).fit(design, labels: data.columns[labelIndex]) }
            if json {
                print(FitReport(fit).jsonText())
            } else {
                say(fit.coefficientTable())
            }
        }
    }
}

/// The `fit --json` object: the keys of the product contract, plus intervals and
/// diagnostics, which scripts may ignore.
struct FitReport: Encodable {
    struct Row: Encodable {
        let name: String
        /// The 95% confidence interval.
        let estimate, stdError, z, pValue, confidenceLow, confidenceHigh: Double
    }
    let converged: Bool
    let iterations: Int
    let logLikelihood: Double
    let coefficients: [Row]
    let nullLogLikelihood: Double
    let deviance: Double
    let observations: Int
    let l2: Double

    init(_ fit: LogisticFit) {
        converged = fit.converged
        iterations = fit.iterations
        logLikelihood = fit.logLikelihood
        coefficients = fit.names.indices.map { j in
            Row(name: fit.names[j], estimate: fit.coefficients[j], stdError: fit.standardErrors[j], z: fit.zValues[j],
                pValue: fit.pValues[j], confidenceLow: fit.lower95[j], confidenceHigh: fit.upper95[j])
        }
        nullLogLikelihood = fit.nullLogLikelihood
        deviance = fit.deviance
        observations = fit.observations
        l2 = fit.l2
    }

    func jsonText() -> String {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys]
        // Plain numbers and strings always encode; doubles print in shortest round-trip form.
        return String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self)
    }
}
