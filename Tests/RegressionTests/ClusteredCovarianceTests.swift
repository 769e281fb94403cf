@testable import Regression
import XCTest

/// Cluster-robust standard errors against statsmodels 0.15.0
/// `sm.Logit(y, X).fit(method="newton", tol=1e-12, cov_type="cluster", cov_kwds={"groups": g})`,
/// which multiplies the sandwich by G/(G-1) (N-1)/(N-K) (`use_correction=True`, its
/// default); printed with repr() by scripts/honest_numbers_reference.py, which also prints
/// the uncorrected values quoted below. Tolerance 1e-8 relative.
final class ClusteredCovarianceTests: XCTestCase {
    /// Spector, 32 rows in 11 clusters of three (the last of two): row // 3.
    func testSpectorInClustersOfThree() throws {
        let fit = try LogisticRegression().fit(ReferenceData.spector, labels: ReferenceData.spectorGrade)
        let clustered = try fit.clustered(by: (0..<32).map { $0 / 3 }, design: ReferenceData.spector,
                                          labels: ReferenceData.spectorGrade)
        XCTAssertEqual(clustered.clusters, 11)
        XCTAssertEqual(clustered.smallSampleFactor, 11.0 / 10 * 31 / 28, accuracy: 1e-15)
        assertRelative(clustered.standardErrors, [
            5.092314995811561, 1.4261397211269882, 0.06071537388298387, 0.8996753435891276,
        ], 1e-8, "bse")
        assertRelative(clustered.pValues, [
            0.010556149233702058, 0.0475182057367878, 0.1170505274647483, 0.008194717353499642,
        ], 1e-8, "pvalues")
        assertRelative(clustered.lower95, [
            -23.002100847839582, 0.030930104558427818, -0.023842284800623018, 0.6153563838799654,
        ], 1e-8, "lower")
        assertRelative(clustered.upper95, [
            -3.0405928683917907, 5.621295085220215, 0.21415760743644136, 4.142018926306743,
        ], 1e-8, "upper")
        // Without the factor (use_correction=False): 4.6144196295961715, ... for the intercept.
        assertRelative(clustered.standardErrors[0] / clustered.smallSampleFactor.squareRoot(),
                       4.6144196295961715, 1e-8, "uncorrected bse")
    }

    /// Fair (1978), 6,366 rows in 36 clusters of occupation x husband's occupation.
    func testFairByOccupations() throws {
        let (design, labels) = try ReferenceData.fair()
        let occupation = Array(design.column(7)), husband = Array(design.column(8))
        XCTAssertEqual(design.names[7...8], ["occupation", "occupation_husb"])
        let groups = zip(occupation, husband).map { Int(10 * $0 + $1) }
        let fit = try LogisticRegression().fit(design, labels: labels)
        let clustered = try fit.clustered(by: groups, design: design, labels: labels)
        XCTAssertEqual(clustered.clusters, 36)
        assertRelative(clustered.standardErrors, [
            0.3364689742742997, 0.023309116794682918, 0.008848367096421877, 0.00862564803587831,
            0.025900020006927548, 0.039456037179904764, 0.016245130859402813, 0.0383513860837232,
            0.029967856976014954,
        ], 1e-8, "bse")
        assertRelative(clustered.pValues, [
            1.6963131575596507e-28, 2.877191841252338e-207, 8.141932748232935e-12, 2.9333314573139463e-37,
            0.8701681526826878, 1.9390687619460517e-21, 0.015769246229076796, 2.9402494078248547e-05,
            0.6790176587603052,
        ], 1e-7, "pvalues")
    }

    /// Fair in 1,592 clusters of four consecutive rows: many small clusters, as pooled days
    /// of one account are.
    func testFairInClustersOfFour() throws {
        let (design, labels) = try ReferenceData.fair()
        let fit = try LogisticRegression().fit(design, labels: labels)
        let clustered = try fit.clustered(by: (0..<design.rows).map { $0 / 4 }, design: design, labels: labels)
        XCTAssertEqual(clustered.clusters, 1592)
        assertRelative(clustered.standardErrors, [
            0.3059561222014292, 0.03272571346452647, 0.010739698721088601, 0.011285461106746551,
            0.0329099886889043, 0.03531547445768197, 0.015315952393757484, 0.03515216535691394,
            0.02337149576409648,
        ], 1e-8, "bse")
        assertRelative(clustered.lower95, [
            3.1260568861988607, -0.7802483248390704, -0.08153710339482745, 0.08789884366436412,
            -0.06873561875478443, -0.4443747107179415, -0.06923791914563254, 0.09133685511267292,
            -0.03340647105619789,
        ], 1e-8, "lower")
    }

    /// The fit with clustered standard errors keeps its estimates and reports the clustered
    /// figures everywhere, the printed table included.
    func testFitWithClusteredStandardErrors() throws {
        let fit = try LogisticRegression().fit(ReferenceData.spector, labels: ReferenceData.spectorGrade)
        XCTAssertNil(fit.clusters)
        let groups = (0..<32).map { $0 / 3 }
        let clustered = try fit.withClusteredStandardErrors(by: groups, design: ReferenceData.spector,
                                                            labels: ReferenceData.spectorGrade)
        let inference = try fit.clustered(by: groups, design: ReferenceData.spector, labels: ReferenceData.spectorGrade)
        XCTAssertEqual(clustered.coefficients, fit.coefficients)
        XCTAssertEqual(clustered.logLikelihood, fit.logLikelihood)
        XCTAssertEqual(clustered.clusters, 11)
        XCTAssertEqual(clustered.standardErrors, inference.standardErrors)
        XCTAssertEqual(clustered.pValues, inference.pValues)
        XCTAssertEqual(clustered.lower95, inference.lower95)
        XCTAssertTrue(clustered.coefficientTable().contains("std err         clustered by 11 groups"),
                      clustered.coefficientTable())
        XCTAssertFalse(fit.coefficientTable().contains("clustered"))
    }

    func testRefusals() throws {
        let design = ReferenceData.spector, labels = ReferenceData.spectorGrade
        let ridge = try LogisticRegression(l2: 1).fit(design, labels: labels)
        XCTAssertThrowsError(try ridge.clustered(by: Array(0..<32), design: design, labels: labels)) {
            XCTAssertEqual($0 as? ClusteringError, .penalised(l2: 1))
        }
        let fit = try LogisticRegression().fit(design, labels: labels)
        XCTAssertThrowsError(try fit.clustered(by: Array(repeating: "one", count: 32), design: design, labels: labels)) {
            XCTAssertEqual($0 as? ClusteringError, .tooFewClusters(count: 1))
        }
    }
}
