import DataSources
import Features
import Foundation
import Ingest
import Modeling
import TestSupport
import XCTest
@testable import Survival

/// The account-month table on a base small enough to work out by hand.
final class AccountMonthTableTests: XCTestCase {
    /// A1 from 2024-01-15 to 2025-03-10; A2 from 2024-11-20, still a customer; A3 for one
    /// month end only (2025-01-31 to 2025-02-28); A4 starts and churns between two month
    /// ends. Sessions only: the history starts with A1's first one, 2024-01-16.
    func makeBase() -> TemporaryFolder {
        let folder = TemporaryFolder()
        folder.write("accounts.csv", """
            account_id,started_on,churned_on
            A1,2024-01-15,2025-03-10
            A2,2024-11-20,
            A3,2025-01-31,2025-02-28
            A4,2025-02-05,2025-02-20

            """)
        folder.write("sessions.csv", """
            account_id,started_at,duration_seconds
            A1,2024-01-16T10:00:00Z,600
            A1,2024-07-20T10:00:00Z,600
            A1,2024-08-05T10:00:00Z,600
            A2,2025-03-31T23:00:00Z,600

            """)
        return folder
    }

    func table(_ folder: TemporaryFolder, monthsPerRead: Int = 12) throws -> (AccountMonthTable, DatasetFolder) {
        let data = try DatasetFolder(path: folder.path)
        let features = ["logins_30d", "login_trend"].compactMap(FeatureCatalog.definition(named:))
        return (try AccountMonthTable.build(data, through: CalendarDay("2025-03-31")!, features: features,
                                            monthsPerRead: monthsPerRead), data)
    }

    func testOneRowPerAccountAndMonthItWasACustomerAtTheStartOf() throws {
        let folder = makeBase()
        let (table, data) = try table(folder)
        // 2024-07-31 is the first month end whose 180-day windows start after 2024-01-16.
        XCTAssertEqual(table.months.first, CalendarDay("2024-07-31"))
        XCTAssertEqual(table.months.last, CalendarDay("2025-03-31"))
        XCTAssertEqual(table.months.count, 9)
        // A1: 2024-07-31 ... 2025-02-28 (8 rows); A2: 2024-11-30 ... 2025-03-31 (5); A3: 2025-01-31 (1); A4: none.
        let ids = table.accountPositions.map { data.accounts.accounts[Int($0)].id }
        XCTAssertEqual(ids.filter { $0 == "A1" }.count, 8)
        XCTAssertEqual(ids.filter { $0 == "A2" }.count, 5)
        XCTAssertEqual(ids.filter { $0 == "A3" }.count, 1)
        XCTAssertFalse(ids.contains("A4"))
        XCTAssertEqual(table.rows, 14)
        // Labels: A1 churned in March 2025 (its 2025-02-28 row), A3 on 2025-02-28, which
        // falls in (2025-01-31, 2025-02-28].
        let churned = table.labels.indices.filter { table.labels[$0] == 1 }.map { ids[$0] }
        XCTAssertEqual(churned.sorted(), ["A1", "A3"])
        let lastA1 = try XCTUnwrap(ids.lastIndex(of: "A1"))
        XCTAssertEqual(table.labels[lastA1], 1)
        // Tenure in whole months at the month's start: A1 on 2024-07-31 is 198 days in (6.5 months).
        let firstA1 = try XCTUnwrap(ids.firstIndex(of: "A1"))
        XCTAssertEqual(table.tenureMonths[firstA1], 6)
        XCTAssertEqual(table.tenureMonths[ids.firstIndex(of: "A2")!], 0)
        // Features as of each month's start, nothing later: one login in the 30 days to
        // 2024-07-31 (the one on 2024-08-05 counts for August), one to 2024-08-31, none after.
        let logins = table.columns[0]
        let a1 = ids.indices.filter { ids[$0] == "A1" }
        XCTAssertEqual(logins[a1[0]], log(2), accuracy: 1e-12)
        XCTAssertEqual(logins[a1[1]], log(2), accuracy: 1e-12)
        XCTAssertEqual(logins[a1[2]], 0)
        // A2's session late on 2025-03-31 counts for the month that starts after it.
        XCTAssertEqual(logins[ids.lastIndex(of: "A2")!], log(2), accuracy: 1e-12)
        // The months up to a day are a prefix of the rows.
        XCTAssertEqual(table.rows(through: CalendarDay("2024-12-31")!), 8)
        XCTAssertEqual(table.rows(through: CalendarDay("2024-06-30")!), 0)
    }

    func testReadingAMonthAtATimeBuildsTheSameTable() throws {
        let folder = makeBase()
        let (whole, _) = try table(folder)
        let (monthly, _) = try table(folder, monthsPerRead: 1)
        XCTAssertEqual(monthly.months, whole.months)
        XCTAssertEqual(monthly.monthStarts, whole.monthStarts)
        XCTAssertEqual(monthly.accountPositions, whole.accountPositions)
        XCTAssertEqual(monthly.labels, whole.labels)
        XCTAssertEqual(monthly.tenureMonths, whole.tenureMonths)
        for (a, b) in zip(monthly.columns, whole.columns) {
            XCTAssertEqual(a.map(\.bitPattern), b.map(\.bitPattern))
        }
    }

    func testAHistoryTooShortForAnyMonthIsRefused() throws {
        let folder = makeBase()
        let data = try DatasetFolder(path: folder.path)
        XCTAssertThrowsError(try AccountMonthTable.build(data, through: CalendarDay("2024-05-31")!,
                                                         features: SurvivalTrainer.defaultFeatures)) { error in
            XCTAssertEqual(error as? SurvivalError,
                           .noUsableMonth(through: CalendarDay("2024-05-31")!, historyStarts: CalendarDay("2024-01-16")))
        }
        let (table, _) = try table(folder)
        XCTAssertThrowsError(try SurvivalTrainer().train(table, through: CalendarDay("2024-09-30")!, accounts: data.accounts)) { error in
            XCTAssertEqual(error as? SurvivalError, .oneClass(churned: false, rows: 3, months: 3))
        }
    }
}
