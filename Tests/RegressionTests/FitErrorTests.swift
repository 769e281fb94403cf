import Regression
import XCTest

/// Every way a fit can be refused, and the penalty that rescues separated data.
final class FitErrorTests: XCTestCase {
    private let spector = ReferenceData.spector
    private let grade = ReferenceData.spectorGrade

    /// Spector's predictors plus one extra column.
    private func spector(adding column: [Double], named name: String) -> DesignMatrix {
        .withIntercept(features: [ReferenceData.spectorGPA, ReferenceData.spectorTUCE,
                                  ReferenceData.spectorPSI, column],
                       names: ["GPA", "TUCE", "PSI", name])
    }

    private func assertThrows(
        _ expected: FitError, _ regression: LogisticRegression = LogisticRegression(),
        _ design: DesignMatrix, _ labels: [Double], penalized: [Bool]? = nil,
        file: StaticString = #filePath, line: UInt = #line
    ) {
        XCTAssertThrowsError(try regression.fit(design, labels: labels, penalized: penalized),
                             file: file, line: line) { error in
            XCTAssertEqual(error as? FitError, expected, file: file, line: line)
        }
    }

    func testNoObservations() {
        let empty = DesignMatrix(rows: 0, names: ["intercept", "x"], columnMajor: [])
        assertThrows(.noObservations, LogisticRegression(), empty, [])
    }

    func testOneClass() {
        assertThrows(.oneClass(label: 0, count: 32), LogisticRegression(), spector,
                     Array(repeating: 0, count: 32))
        assertThrows(.oneClass(label: 1, count: 32), LogisticRegression(), spector,
                     Array(repeating: 1, count: 32))
    }

    func testNonBinaryLabel() {
        var labels = grade
        labels[3] = 0.5
        assertThrows(.labelsNotBinary(row: 3, value: 0.5), LogisticRegression(), spector, labels)
        XCTAssertTrue(FitError.labelsNotBinary(row: 3, value: 2).description
            .contains("row 4 is 2,"))
    }

    func testNaNLabelIsNotBinary() {
        var labels = grade
        labels[5] = .nan
        XCTAssertThrowsError(try LogisticRegression().fit(spector, labels: labels)) { error in
            guard case let .labelsNotBinary(row, value)? = error as? FitError else {
                return XCTFail("unexpected \(error)")
            }
            XCTAssertEqual(row, 5)
            XCTAssertTrue(value.isNaN)
        }
    }

    func testNonFinitePredictor() {
        var gpa = ReferenceData.spectorGPA
        gpa[9] = .infinity
        gpa[7] = .nan
        var tuce = ReferenceData.spectorTUCE
        tuce[7] = .nan
        tuce[2] = -.infinity
        let design = DesignMatrix.withIntercept(features: [gpa, ReferenceData.spectorTUCE],
                                                names: ["GPA", "TUCE"])
        assertThrows(.nonFinite(row: 7, column: "GPA"), LogisticRegression(), design, grade)
        let both = DesignMatrix.withIntercept(features: [gpa, tuce], names: ["GPA", "TUCE"])
        assertThrows(.nonFinite(row: 2, column: "TUCE"), LogisticRegression(), both, grade)
    }

    func testConstantColumnIsCollinearWithIntercept() {
        let design = spector(adding: Array(repeating: 5, count: 32), named: "campus")
        assertThrows(.collinear(column: "campus", dependsOn: ["intercept"]),
                     LogisticRegression(), design, grade)
    }

    func testAllZeroColumn() {
        let design = spector(adding: Array(repeating: 0, count: 32), named: "unused")
        assertThrows(.collinear(column: "unused", dependsOn: []), LogisticRegression(),
                     design, grade)
    }

    /// x3 = x1 + 2 * x2 is named, with exactly the columns it is built from.
    func testExactLinearCombinationIsNamed() {
        let combination = zip(ReferenceData.spectorGPA, ReferenceData.spectorTUCE)
            .map { $0 + 2 * $1 }
        let design = spector(adding: combination, named: "x3")
        assertThrows(.collinear(column: "x3", dependsOn: ["GPA", "TUCE"]),
                     LogisticRegression(), design, grade)
    }

    /// Collinear penalised columns are identifiable under a ridge penalty; the fit
    /// splits the effect between them.
    func testPenaltyAcceptsCollinearPenalisedColumns() throws {
        let combination = zip(ReferenceData.spectorGPA, ReferenceData.spectorTUCE)
            .map { $0 + 2 * $1 }
        let fit = try LogisticRegression(l2: 1).fit(spector(adding: combination, named: "x3"),
                                                    labels: grade)
        XCTAssertTrue(fit.converged)
        XCTAssertTrue(fit.standardErrors.allSatisfy(\.isFinite))
    }

    /// Under a penalty, two unpenalised columns that duplicate each other still fail.
    func testPenaltyRejectsCollinearUnpenalisedColumns() {
        let design = spector(adding: Array(repeating: 1, count: 32), named: "always")
        assertThrows(.collinear(column: "always", dependsOn: ["intercept"]),
                     LogisticRegression(l2: 1), design, grade,
                     penalized: [false, true, true, true, false])
    }

    /// x > 5 predicts every label: no finite maximum, found as soon as Newton's
    /// method classifies every row correctly.
    func testCompleteSeparation() {
        let x = (1...10).map(Double.init)
        let design = DesignMatrix.withIntercept(features: [x], names: ["x"])
        assertThrows(.separation(column: "x", observations: 10), LogisticRegression(),
                     design, x.map { $0 > 5 ? 1 : 0 })
    }

    /// Every customer with a downgrade churned, customers without one are mixed: the
    /// downgrade coefficient diverges while the others stay finite.
    func testQuasiCompleteSeparation() {
        let downgrade: [Double] = [1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]
        let logins: [Double] = [3, 8, 1, 5, 9, 2, 7, 4, 6, 8, 3, 5, 1, 9, 6, 2]
        let churned: [Double] = [1, 1, 1, 1, 1, 0, 1, 0, 0, 1, 1, 0, 0, 0, 1, 0]
        let design = DesignMatrix.withIntercept(features: [downgrade, logins],
                                                names: ["downgrade", "logins"])
        assertThrows(.separation(column: "downgrade", observations: 5), LogisticRegression(),
                     design, churned)
    }

    /// A ridge penalty gives separated data a finite, converged fit.
    func testPenaltyRescuesSeparatedData() throws {
        let x = (1...10).map(Double.init)
        let complete = DesignMatrix.withIntercept(features: [x], names: ["x"])
        let fit = try LogisticRegression(l2: 1).fit(complete, labels: x.map { $0 > 5 ? 1 : 0 })
        XCTAssertTrue(fit.converged)
        XCTAssertTrue((fit.coefficients + fit.standardErrors + fit.pValues).allSatisfy(\.isFinite))
        XCTAssertGreaterThan(fit.coefficients[1], 0)

        let downgrade: [Double] = [1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]
        let logins: [Double] = [3, 8, 1, 5, 9, 2, 7, 4, 6, 8, 3, 5, 1, 9, 6, 2]
        let churned: [Double] = [1, 1, 1, 1, 1, 0, 1, 0, 0, 1, 1, 0, 0, 0, 1, 0]
        let quasi = DesignMatrix.withIntercept(features: [downgrade, logins],
                                               names: ["downgrade", "logins"])
        let rescued = try LogisticRegression(l2: 1).fit(quasi, labels: churned)
        XCTAssertTrue(rescued.converged)
        XCTAssertTrue((rescued.coefficients + rescued.standardErrors).allSatisfy(\.isFinite))
        XCTAssertGreaterThan(rescued.coefficients[1], 0)
    }

    func testIterationBudgetExhausted() {
        assertThrows(.didNotConverge(iterations: 2), LogisticRegression(maxIterations: 2),
                     spector, grade)
    }

    /// Each message is one line that ends by saying what to do.
    func testDescriptionsAreSingleLinesWithAnAction() {
        let errors: [FitError] = [
            .noObservations, .labelsNotBinary(row: 0, value: 2), .oneClass(label: 0, count: 9),
            .nonFinite(row: 1, column: "mrr"), .collinear(column: "a", dependsOn: []),
            .collinear(column: "a", dependsOn: ["intercept"]),
            .collinear(column: "a", dependsOn: ["b", "c"]),
            .separation(column: "a", observations: 3), .separation(column: nil, observations: 3),
            .didNotConverge(iterations: 50),
        ]
        for error in errors {
            let text = error.description
            XCTAssertFalse(text.contains("\n"), text)
            XCTAssertTrue(text.hasSuffix("."), text)
            XCTAssertTrue(text.contains(";"), text)
            // The library names no command-line flag: the command line adds its own hint.
            XCTAssertFalse(text.contains("--"), text)
        }
        XCTAssertTrue(FitError.separation(column: "a", observations: 3).description.contains("ridge penalty"))
    }
}
