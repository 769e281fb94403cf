import Foundation
import Regression
import XCTest

final class PredictionTests: XCTestCase {
    /// predictProbabilities reproduces the fitted values 1 / (1 + exp(-X b)); with an
    /// unpenalised intercept they also average to the event rate (its score equation).
    func testPredictedProbabilitiesAreTheFittedValues() throws {
        let design = ReferenceData.spector
        let fit = try LogisticRegression().fit(design, labels: ReferenceData.spectorGrade)
        let predicted = fit.predictProbabilities(design)
        XCTAssertEqual(predicted.count, 32)
        for row in 0..<design.rows {
            let eta = (0..<design.columns).reduce(0) {
                $0 + design.values[row + $1 * design.rows] * fit.coefficients[$1]
            }
            XCTAssertEqual(predicted[row], 1 / (1 + exp(-eta)), accuracy: 1e-15, "row \(row)")
        }
        XCTAssertEqual(predicted.reduce(0, +), Double(fit.events), accuracy: 1e-9)
        // First student (GPA 2.66, TUCE 20, PSI 0): statsmodels 0.15.0 `res.predict()[0]`.
        XCTAssertEqual(predicted[0], 0.02657799387035459, accuracy: 1e-12)
    }

    /// Scoring new rows uses the same column order as the fit.
    func testPredictsNewRows() throws {
        let fit = try LogisticRegression().fit(ReferenceData.mtcars,
                                               labels: ReferenceData.mtcarsManual)
        let cars = DesignMatrix.withIntercept(features: [[120, 300], [2.5, 4.0]],
                                              names: ["hp", "wt"])
        let predicted = fit.predictProbabilities(cars)
        for (row, (hp, wt)) in [(120.0, 2.5), (300.0, 4.0)].enumerated() {
            let eta = fit.coefficients[0] + fit.coefficients[1] * hp + fit.coefficients[2] * wt
            XCTAssertEqual(predicted[row], 1 / (1 + exp(-eta)), accuracy: 1e-15)
        }
        XCTAssertGreaterThan(predicted[0], 0.5)
        XCTAssertLessThan(predicted[1], 0.5)
    }

    func testFitRoundTripsThroughJSON() throws {
        let fit = try LogisticRegression(l2: 1).fit(ReferenceData.spector,
                                                    labels: ReferenceData.spectorGrade)
        let decoded = try JSONDecoder().decode(LogisticFit.self,
                                               from: JSONEncoder().encode(fit))
        XCTAssertEqual(decoded.coefficients, fit.coefficients)
        XCTAssertEqual(decoded.covariance, fit.covariance)
        XCTAssertEqual(decoded.names, fit.names)
        XCTAssertEqual(decoded.penalized, fit.penalized)
    }

    func testCoefficientTableShowsEveryCoefficientAndTheDiagnostics() throws {
        let fit = try LogisticRegression().fit(ReferenceData.spector,
                                               labels: ReferenceData.spectorGrade)
        let table = fit.coefficientTable()
        let lines = table.split(separator: "\n").map(String.init)
        XCTAssertTrue(lines[0].contains("coef") && lines[0].contains("P>|z|")
            && lines[0].contains("[0.025") && lines[0].contains("0.975]"))
        let gpa = try XCTUnwrap(lines.first { $0.hasPrefix("GPA ") })
        XCTAssertEqual(gpa.split(separator: " "),
                       ["GPA", "2.8261", "1.263", "2.238", "0.025", "0.351", "5.301"])
        let intercept = try XCTUnwrap(lines.first { $0.hasPrefix("intercept ") })
        XCTAssertEqual(intercept.split(separator: " "),
                       ["intercept", "-13.0213", "4.931", "-2.641", "0.008", "-22.687", "-3.356"])
        for label in ["observations", "events", "log-likelihood", "LL-null", "deviance",
                      "McFadden R2", "iterations", "converged", "l2"] {
            XCTAssertTrue(lines.contains { $0.hasPrefix(label + " ") }, label)
        }
        XCTAssertTrue(table.contains("-12.890"))
        XCTAssertTrue(table.contains("0.3740"))
    }
}
