import DataSources
import Ingest
import Jobs
import TestSupport
import XCTest
@testable import Evaluation

/// The period is 2026 Q1: 2026-01-01 to 2026-03-31, 90 days.
final class KPITests: XCTestCase {
    let period = ReportingPeriod(first: CalendarDay("2026-01-01")!, last: CalendarDay("2026-03-31")!)!

    let accountsCSV = """
        account_id,started_on,churned_on,mrr
        A,2025-01-01,,100
        B,2025-06-01,2026-02-15,50
        C,2026-01-10,,200
        D,2026-02-01,2026-03-20,30
        E,2025-03-01,2025-12-31,70
        F,2025-05-01,2026-01-01,80
        G,2025-09-01,,
        H,2026-04-01,,500
        I,2024-01-01,2026-03-31,10

        """
    // S, customers on 2025-12-31: A, B, F (leaves on 01-01), G, I; not E (left on 12-31). S = 5.
    // N, started in Q1: C, D. N = 2.
    // E, customers on 03-31: A, C, G; not I (left that day), not H (starts later). E = 3.
    // C, churned in Q1: B, D, F, I. C = 4; E = S + N - C holds.

    func check(_ kpis: PortfolioKPIs) {
        XCTAssertEqual(kpis.customersAtStart, 5)
        XCTAssertEqual(kpis.newCustomers, 2)
        XCTAssertEqual(kpis.customersAtEnd, 3)
        XCTAssertEqual(kpis.churnedCustomers, 4)
        XCTAssertEqual(kpis.churnRate!, 0.8, accuracy: 1e-12)                 // 4 / 5
        XCTAssertEqual(kpis.customerRetentionRate!, 0.2, accuracy: 1e-12)     // (3 - 2) / 5
        XCTAssertEqual(kpis.mrr, 300, accuracy: 1e-12)                        // A + C; G has no MRR
        XCTAssertEqual(kpis.accountsWithMRR, 2)
        XCTAssertEqual(kpis.arpa!, 150, accuracy: 1e-12)
        XCTAssertEqual(kpis.churnedMRR, 170, accuracy: 1e-12)                 // 50 + 30 + 80 + 10
        // 90 days = 90 / 30.4375 months; monthly churn 0.8 / that; lifetime its inverse.
        let months = 90 / 30.4375
        XCTAssertEqual(kpis.monthlyChurnRate!, 0.8 / months, accuracy: 1e-12)
        XCTAssertEqual(kpis.averageLifetimeMonths!, months / 0.8, accuracy: 1e-12)
        XCTAssertEqual(kpis.averageCustomerLifetimeValue!, 150 * months / 0.8, accuracy: 1e-9)
        XCTAssertEqual(kpis.averageCustomerLifetimeValue!, 554.41, accuracy: 0.01)
        // Answers 10, 9, 8, 7, 6, 0, 10, 10: 4 promoters, 2 passives, 2 detractors.
        XCTAssertEqual(kpis.npsAnswers, 8)
        XCTAssertEqual([kpis.promoters, kpis.passives, kpis.detractors], [4, 2, 2])
        XCTAssertEqual(kpis.netPromoterScore!, 25, accuracy: 1e-12)           // 50% - 25%
        // Sessions of 1, 10, 2 and 60 minutes: median (2 + 10) / 2 = 6 minutes.
        XCTAssertEqual(kpis.sessions, 4)
        XCTAssertEqual(kpis.medianSessionMinutes!, 6, accuracy: 1e-12)
    }

    func testFormulasOnAHandMadePortfolio() throws {
        let folder = TemporaryFolder()
        folder.write("accounts.csv", accountsCSV)
        let accounts = try DatasetFolder(path: folder.path).accounts.accounts
        check(PortfolioKPIs(period: period, accounts: accounts, npsScores: [10, 9, 8, 7, 6, 0, 10, 10],
                            sessionSeconds: [60, 600, 120, 3600]))
    }

    func testFromTheExportsOnlyThePeriodCounts() throws {
        let folder = TemporaryFolder()
        folder.write("accounts.csv", accountsCSV)
        folder.write("nps.csv", """
            account_id,responded_at,score
            A,2026-01-05,10
            A,2026-03-31T23:59:59Z,9
            B,2026-02-01,8
            C,2026-02-01,7
            D,2026-03-01,6
            I,2026-01-01T00:00:00Z,0
            A,2026-02-02,10
            G,2026-03-15,10
            A,2025-12-31T23:59:59Z,0
            A,2026-04-01T00:00:00Z,0

            """)
        folder.write("sessions.csv", """
            account_id,started_at,duration_seconds
            A,2026-01-02T10:00:00Z,60
            C,2026-02-02T10:00:00Z,600
            G,2026-03-02T10:00:00+02:00,120
            I,2026-03-31T10:00:00Z,3600
            A,2025-12-31T10:00:00Z,99999
            A,2026-04-01T00:00:00Z,99999

            """)
        check(try KPIJob.run(SourceLocation.open(folder.path), period: period))
    }

    func testNoChurnLeavesTheLifetimeUnknown() {
        let accounts = [Account(id: "A", mrr: 10, startedOn: CalendarDay("2025-01-01")!)]
        let kpis = PortfolioKPIs(period: period, accounts: accounts, npsScores: [], sessionSeconds: [])
        XCTAssertEqual(kpis.churnRate, 0)
        XCTAssertEqual(kpis.customerRetentionRate, 1)
        XCTAssertNil(kpis.averageLifetimeMonths)
        XCTAssertNil(kpis.averageCustomerLifetimeValue)
        XCTAssertNil(kpis.netPromoterScore)
        XCTAssertNil(kpis.medianSessionMinutes)
    }

    func testDefaultPeriodIsTheLastFullQuarter() {
        let q3 = ReportingPeriod.lastFullQuarter(endingOnOrBefore: CalendarDay("2026-09-30")!)
        XCTAssertEqual(q3.first, CalendarDay("2026-07-01"))
        XCTAssertEqual(q3.last, CalendarDay("2026-09-30"))
        XCTAssertEqual(q3.description, "2026 Q3 (2026-07-01 to 2026-09-30)")
        let q2 = ReportingPeriod.lastFullQuarter(endingOnOrBefore: CalendarDay("2026-09-29")!)
        XCTAssertEqual(q2.first, CalendarDay("2026-04-01"))
        XCTAssertEqual(q2.last, CalendarDay("2026-06-30"))
        XCTAssertEqual(period.days, 90)
        XCTAssertEqual(ReportingPeriod(first: CalendarDay("2026-01-05")!, last: CalendarDay("2026-02-01")!)!.description,
                       "2026-01-05 to 2026-02-01")
    }
}
