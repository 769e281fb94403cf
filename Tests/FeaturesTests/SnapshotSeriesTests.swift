import Foundation
import TestSupport
import XCTest
import Ingest
import Features

/// Several as-of days from one read must equal one read per day.
final class SnapshotSeriesTests: XCTestCase {
    func testOneReadGivesTheSameSnapshotsAsOneReadPerDay() throws {
        let folder = TemporaryFolder()
        folder.write("accounts.csv", """
            account_id,started_on,churned_on,mrr,seats
            A1,2025-06-01,,100,3
            A2,2025-11-15,2026-02-10,40,1
            A3,2026-01-20,,,
            A4,2025-01-01,2025-12-31,10,1

            """)
        var sessions = "account_id,started_at,duration_seconds\n"
        var nps = "account_id,responded_at,score\n"
        var marketing = "account_id,occurred_at,event\n"
        // Events spread over the months around the as-of days, for every account.
        for (index, account) in ["A1", "A2", "A3", "A4"].enumerated() {
            for step in 0..<40 {
                let day = CalendarDay("2025-09-01")!.adding(days: step * 5 + index)
                sessions += "\(account),\(day)T10:00:00Z,\(60 * (step % 7 + 1))\n"
                if step % 6 == 0 { nps += "\(account),\(day),\((step + index) % 11)\n" }
                marketing += "\(account),\(day),\(step % 3 == 0 ? "email_open" : "email_sent")\n"
            }
        }
        sessions += "A9,2026-01-01T10:00:00Z,60\n"   // unknown account: skipped and counted
        folder.write("sessions.csv", sessions)
        folder.write("nps.csv", nps)
        folder.write("marketing.csv", marketing)
        // No interactions.csv: missing for every day.

        let dataset = try DatasetFolder(path: folder.path)
        let days = ["2025-12-31", "2026-01-31", "2026-02-28", "2025-12-31"].map { CalendarDay($0)! }
        let built = try Snapshot.build(dataset, asOf: days)
        let series = built.snapshots
        XCTAssertEqual(series.map(\.asOf), days)
        for (day, snapshot) in zip(days, series) {
            let single = try Snapshot.build(dataset, asOf: day)
            XCTAssertEqual(snapshot.accountPositions, single.accountPositions, "\(day)")
            XCTAssertEqual(snapshot.signals, single.signals, "\(day)")
            XCTAssertEqual(snapshot.reports, single.reports, "\(day)")
            XCTAssertEqual(snapshot.missingFiles, [.interactions])
        }
        // The populations do differ by day, so the comparison above is not vacuous.
        XCTAssertEqual(series[0].accountPositions, [0, 1])
        XCTAssertEqual(series[1].accountPositions, [0, 1, 2])
        XCTAssertEqual(series[2].accountPositions, [0, 2])
        XCTAssertGreaterThan(series[1].signals[0].sessionsRecent, 0)
        XCTAssertEqual(series[0].reports.first { $0.file == .sessions }?.unknownAccountRows, 1)
        // The first event is A1's session of 2025-09-01; 180-day windows fit from 2026-02-27 on.
        XCTAssertEqual(built.firstEventDay, CalendarDay("2025-09-01"))
        XCTAssertFalse(built.hasFullHistory(CalendarDay("2026-02-26")!))
        XCTAssertTrue(built.hasFullHistory(CalendarDay("2026-02-27")!))
    }
}
