import Foundation
import Regression
import XCTest

/// Public data sets used as references, with the designs the tests fit.
enum ReferenceData {
    /// Spector & Mazzeo (1980), "Probit analysis and economic education", Journal of
    /// Economic Education 11: 37-44. 32 students; GRADE = 1 when the grade improved,
    /// PSI = 1 for the new teaching method. As printed in statsmodels'
    /// `statsmodels/datasets/spector/spector.csv`.
    static let spectorGPA: [Double] = [
        2.66, 2.89, 3.28, 2.92, 4.00, 2.86, 2.76, 2.87, 3.03, 3.92, 2.63, 3.32, 3.57, 3.26,
        3.53, 2.74, 2.75, 2.83, 3.12, 3.16, 2.06, 3.62, 2.89, 3.51, 3.54, 2.83, 3.39, 2.67,
        3.65, 4.00, 3.10, 2.39,
    ]
    static let spectorTUCE: [Double] = [
        20, 22, 24, 12, 21, 17, 17, 21, 25, 29, 20, 23, 23, 25, 26, 19, 25, 19, 23, 25, 22,
        28, 14, 26, 24, 27, 17, 24, 21, 23, 21, 19,
    ]
    static let spectorPSI: [Double] = [
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
        1, 1, 1, 1,
    ]
    static let spectorGrade: [Double] = [
        0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 1, 0, 0, 1, 1, 1, 0,
        1, 1, 0, 1,
    ]
    /// GRADE ~ intercept + GPA + TUCE + PSI.
    static var spector: DesignMatrix {
        .withIntercept(features: [spectorGPA, spectorTUCE, spectorPSI],
                       names: ["GPA", "TUCE", "PSI"])
    }

    /// R's `mtcars` (Henderson & Velleman 1981, from Motor Trend 1974): 32 cars;
    /// am = 1 for a manual transmission, hp = gross horsepower, wt = weight in 1000 lb.
    static let mtcarsHorsepower: [Double] = [
        110, 110, 93, 110, 175, 105, 245, 62, 95, 123, 123, 180, 180, 180, 205, 215, 230, 66,
        52, 65, 97, 150, 150, 245, 175, 66, 91, 113, 264, 175, 335, 109,
    ]
    static let mtcarsWeight: [Double] = [
        2.62, 2.875, 2.32, 3.215, 3.44, 3.46, 3.57, 3.19, 3.15, 3.44, 3.44, 4.07, 3.73, 3.78,
        5.25, 5.424, 5.345, 2.2, 1.615, 1.835, 2.465, 3.52, 3.435, 3.84, 3.845, 1.935, 2.14,
        1.513, 3.17, 2.77, 3.57, 2.78,
    ]
    static let mtcarsManual: [Double] = [
        1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 1, 1, 1,
        1, 1, 1, 1,
    ]
    /// am ~ intercept + hp + wt.
    static var mtcars: DesignMatrix {
        .withIntercept(features: [mtcarsHorsepower, mtcarsWeight], names: ["hp", "wt"])
    }

    /// Fair (1978), "A theory of extramarital affairs", Journal of Political Economy 86:
    /// 45-61: 6366 women surveyed by Redbook in 1974, as shipped in statsmodels
    /// (`statsmodels.api.datasets.fair`); label affair = 1 when affairs > 0. The fixture
    /// was written by scripts/reference_values.py.
    static func fair() throws -> (design: DesignMatrix, labels: [Double]) {
        let url = try XCTUnwrap(Bundle.module.url(forResource: "fair", withExtension: "csv",
                                                  subdirectory: "Fixtures"))
        let lines = try String(contentsOf: url, encoding: .utf8)
            .split(separator: "\n").map { $0.split(separator: ",").map(String.init) }
        let header = try XCTUnwrap(lines.first)
        let rows = try lines.dropFirst().map { fields in
            try fields.map { try XCTUnwrap(Double($0), "unparseable fixture value \($0)") }
        }
        let labels = rows.map { $0[0] }
        let features = (1..<header.count).map { column in rows.map { $0[column] } }
        let design = DesignMatrix.withIntercept(features: features,
                                                names: Array(header.dropFirst()))
        return (design, labels)
    }
}

/// Asserts `|actual - expected| <= tolerance * |expected|` element by element.
func assertRelative(
    _ actual: [Double], _ expected: [Double], _ tolerance: Double, _ what: String,
    file: StaticString = #filePath, line: UInt = #line
) {
    XCTAssertEqual(actual.count, expected.count, what, file: file, line: line)
    for (index, (a, e)) in zip(actual, expected).enumerated() {
        XCTAssertLessThanOrEqual(abs(a - e), tolerance * abs(e),
                                 "\(what)[\(index)]: \(a) vs \(e)", file: file, line: line)
    }
}

func assertRelative(
    _ actual: Double, _ expected: Double, _ tolerance: Double, _ what: String,
    file: StaticString = #filePath, line: UInt = #line
) {
    assertRelative([actual], [expected], tolerance, what, file: file, line: line)
}
