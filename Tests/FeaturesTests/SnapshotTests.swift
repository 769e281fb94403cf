import Foundation
import TestSupport
import XCTest
import Ingest
@testable import Features

/// A tiny dataset whose every feature value is worked out by hand below.
/// T = 2026-03-31: recent window 2026-03-02...03-31, baseline 2026-01-01...03-01.
final class SnapshotTests: XCTestCase {
    let asOf = CalendarDay("2026-03-31")!

    func makeDataset() -> TemporaryFolder {
        let folder = TemporaryFolder()
        folder.write("accounts.csv", """
            account_id,name,started_on,churned_on,mrr,seats
            A1,One,2025-12-01,,1000,10
            A2,Two,2026-02-15,,,
            A3,Three,2026-03-20,,50,1
            A4,Gone before T,2025-01-01,2026-03-15,10,1
            A5,Starts after T,2026-04-05,,10,1
            A6,Churns on T,2025-01-01,2026-03-31,10,1
            A7,Churns after T,2025-01-01,2026-04-10,10,1

            """)
        folder.write("sessions.csv", """
            account_id,started_at,duration_seconds
            A1,2026-03-31T23:59:59Z,600
            A1,2026-03-02T00:00:00Z,300
            A1,2026-03-15T12:00:00Z,1200
            A1,2026-04-01T00:00:00Z,99999
            A1,2026-03-01T10:00:00Z,60
            A1,2026-02-01T10:00:00Z,120
            A1,2026-01-15T10:00:00Z,180
            A1,2026-01-01T00:00:00Z,240
            A1,2026-01-05T10:00:00Z,3600
            A1,2026-02-20T10:00:00Z,100
            A1,2026-02-10T10:00:00Z,30
            A1,2026-02-11T10:00:00Z,30
            A1,2025-12-31T23:59:59Z,5
            A2,2026-02-20T08:00:00+02:00,500
            A4,2026-03-01T08:00:00Z,500

            """)
        folder.write("nps.csv", """
            account_id,responded_at,score
            A1,2026-03-01,9
            A1,2026-01-10T10:00:00Z,6
            A1,2025-10-02,0
            A1,2026-04-02,0

            """)
        folder.write("marketing.csv", """
            account_id,occurred_at,event
            A1,2026-01-01,email_sent
            A1,2026-02-01,email_sent
            A1,2026-03-01,email_sent
            A1,2026-03-31,email_sent
            A1,2026-03-02,email_open
            A1,2026-03-02,email_click
            A1,2026-02-12,webinar
            A1,2025-12-31,email_sent
            A1,2026-04-01,email_open

            """)
        folder.write("interactions.csv", """
            account_id,occurred_at,rating,channel
            A1,2026-03-31T09:00:00Z,2,call
            A1,2026-03-01T09:00:00Z,4,ticket
            A1,2026-04-01T09:00:00Z,5,meeting

            """)
        return folder
    }

    func testPopulationIsTheCustomersOnT() throws {
        let folder = makeDataset()
        let snapshot = try Snapshot.build(try DatasetFolder(path: folder.path), asOf: asOf)
        // A4 churned before T, A5 starts after T, A6 churned on T: none is a customer on T.
        XCTAssertEqual(snapshot.accountPositions, [0, 1, 2, 6])
        XCTAssertEqual(snapshot.missingFiles, [])
    }

    func testSignalsAndFeaturesWorkedOutByHand() throws {
        let folder = makeDataset()
        let snapshot = try Snapshot.build(try DatasetFolder(path: folder.path), asOf: asOf)
        let a1 = snapshot.signals[0]
        // Recent: 03-31, 03-02, 03-15 (the 04-01 session is after T). Baseline: 8 sessions
        // from 01-01 to 03-01; 2025-12-31 is 90 days old, outside both windows.
        XCTAssertEqual(a1.sessionsRecent, 3)
        XCTAssertEqual(a1.sessionsBaseline, 8)
        XCTAssertEqual(a1.baselineDays, 60)
        XCTAssertEqual(a1.daysSinceLastSession, 0)
        XCTAssertEqual(a1.baselineSessionsPer30Days, 4)
        // Medians: recent 300, 600, 1200 -> 600 s = 10 min; baseline
        // 30, 30, 60, 100, 120, 180, 240, 3600 -> (100 + 120) / 2 = 110 s.
        XCTAssertEqual(a1.medianMinutesRecent, 10)
        XCTAssertEqual(a1.medianMinutesBaseline!, 110.0 / 60, accuracy: 1e-12)
        // NPS in 180 days (from 2025-10-03): 9 and 6; the 2025-10-02 answer is 180 days old.
        XCTAssertEqual(a1.npsAnswers, 2)
        XCTAssertEqual(a1.npsMean, 7.5)
        XCTAssertEqual(a1.netPromoterScore, 0)
        // Marketing in 90 days (from 2026-01-01): 4 sent, 1 open, 1 click, 1 webinar.
        XCTAssertEqual(a1.emailsSent, 4)
        XCTAssertEqual(a1.emailOpens, 1)
        XCTAssertEqual(a1.emailClicks, 1)
        XCTAssertEqual(a1.otherMarketingActions, 1)
        // Ratings: 2 today (weight 1) and 4 thirty days ago (weight 0.5): (2 + 2) / 1.5.
        XCTAssertEqual(a1.weightedRating!, 4.0 / 1.5, accuracy: 1e-12)
        XCTAssertEqual(a1.poorRatings, 1)
        XCTAssertEqual(a1.tenureDays, 120)

        let table = FeatureTable(snapshot)
        func value(_ name: String, _ row: Int) -> Double {
            table.columns[table.features.firstIndex { $0.name == name }!][row]
        }
        XCTAssertEqual(value("logins_30d", 0), log(4), accuracy: 1e-12)
        XCTAssertEqual(value("login_trend", 0), log(4.0 / 5.0), accuracy: 1e-12)
        XCTAssertEqual(value("days_since_last_session", 0), 0)
        XCTAssertEqual(value("session_minutes_median_30d", 0), log(11), accuracy: 1e-12)
        XCTAssertEqual(value("session_length_trend", 0), log(11 / (1 + 110.0 / 60)), accuracy: 1e-12)
        XCTAssertEqual(value("nps_mean_180d", 0), 7.5)
        XCTAssertEqual(value("nps_no_answer", 0), 0)
        XCTAssertEqual(value("email_open_rate_90d", 0), 0.25)
        XCTAssertEqual(value("marketing_actions_90d", 0), log(3), accuracy: 1e-12)
        XCTAssertEqual(value("interaction_rating_180d", 0), 4.0 / 1.5, accuracy: 1e-12)
        XCTAssertEqual(value("tenure_months", 0), log1p(120 / 30.4375), accuracy: 1e-12)
        XCTAssertEqual(value("mrr", 0), log(1001), accuracy: 1e-12)
        XCTAssertEqual(value("seats", 0), log(11), accuracy: 1e-12)

        // A2 started 2026-02-15: 15 baseline days (02-15...03-01), one session there (its
        // +02:00 timestamp is 06:00 UTC on 02-20) and none since: 1 x 30/15 = 2 per 30 days.
        let a2 = snapshot.signals[1]
        XCTAssertEqual(a2.baselineDays, 15)
        XCTAssertEqual(a2.daysSinceLastSession, 39)
        XCTAssertEqual(value("logins_30d", 1), 0)
        XCTAssertEqual(value("login_trend", 1), log(1.0 / 3.0), accuracy: 1e-12)
        XCTAssertEqual(value("days_since_last_session", 1), log(40), accuracy: 1e-12)
        // Missing is not zero: no sessions, no NPS answer, no email, no interaction.
        XCTAssertTrue(value("session_minutes_median_30d", 1).isNaN)
        XCTAssertTrue(value("nps_mean_180d", 1).isNaN)
        XCTAssertEqual(value("nps_no_answer", 1), 1)
        XCTAssertTrue(value("email_open_rate_90d", 1).isNaN)
        XCTAssertEqual(value("marketing_actions_90d", 1), 0)
        XCTAssertTrue(value("interaction_rating_180d", 1).isNaN)
        XCTAssertTrue(value("mrr", 1).isNaN)

        // A3 started 11 days before T: no baseline, so no trend rather than a fake one.
        XCTAssertEqual(snapshot.signals[2].baselineDays, 0)
        XCTAssertTrue(value("login_trend", 2).isNaN)
        // A3 never logged in: silent for all of its 11 days.
        XCTAssertEqual(value("days_since_last_session", 2), log(12), accuracy: 1e-12)
    }

    /// No look-ahead: deleting every row dated after T changes nothing.
    func testEventsAfterTChangeNothing() throws {
        let folder = makeDataset()
        let full = try Snapshot.build(try DatasetFolder(path: folder.path), asOf: asOf)
        for name in ["sessions.csv", "nps.csv", "marketing.csv", "interactions.csv"] {
            let path = folder.path + "/" + name
            let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
            let kept = lines.filter { line in
                let date = line.split(separator: ",")[1].prefix(10)
                return CalendarDay(String(date)).map { $0 <= asOf } ?? true   // header stays
            }
            XCTAssertLessThan(kept.count, lines.count, "\(name) should have rows after T")
            try (kept.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        }
        let truncated = try Snapshot.build(try DatasetFolder(path: folder.path), asOf: asOf)
        XCTAssertEqual(truncated.signals, full.signals)
        XCTAssertEqual(truncated.accountPositions, full.accountPositions)
    }

    func testMissingEventFilesAreMissingSignals() throws {
        let folder = makeDataset()
        for name in ["nps.csv", "marketing.csv"] { try FileManager.default.removeItem(atPath: folder.path + "/" + name) }
        let snapshot = try Snapshot.build(try DatasetFolder(path: folder.path), asOf: asOf)
        XCTAssertEqual(snapshot.missingFiles, [.nps, .marketing])
        XCTAssertTrue(snapshot.signals.allSatisfy { $0.npsAnswers == 0 && $0.emailsSent == 0 })
    }
}
