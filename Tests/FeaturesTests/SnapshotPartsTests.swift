import Foundation
import TestSupport
import XCTest
@testable import Features
@testable import Ingest

/// A snapshot must not depend on how many threads read the files: every count, median and
/// weighted sum the same to the last bit (AccountSignals compares its Doubles exactly).
final class SnapshotPartsTests: XCTestCase {
    let asOf = CalendarDay("2026-03-31")!

    /// About 5 MB of events for 200 accounts, rows of different accounts interleaved so
    /// that most accounts have rows in every part and the parts' tallies really merge.
    func makeDataset() -> TemporaryFolder {
        let folder = TemporaryFolder()
        var random = Generator(seed: 17)
        var accounts = "account_id,started_on,churned_on,mrr,seats\n"
        for index in 0..<200 {
            let churned = index % 9 == 0 ? "2026-0\(1 + index % 6)-15" : ""
            accounts += "C\(index),2025-0\(1 + index % 9)-0\(1 + index % 9),\(churned),\(100 + index),\(1 + index % 40)\n"
        }
        folder.write("accounts.csv", accounts)
        func timestamp() -> String {
            let day = CalendarDay("2025-10-01")!.adding(days: random.below(200))
            return "\(day)T\(10 + random.below(10)):0\(random.below(10)):00Z"
        }
        var sessions = "account_id,started_at,duration_seconds,user_id\n"
        for row in 0..<100_000 {
            let seconds = row % 3 == 0 ? "\(random.below(4000)).25" : "\(random.below(4000))"
            sessions += "C\(random.below(210)),\(timestamp()),\(seconds),U\(random.below(50))\n"
        }
        folder.write("sessions.csv", sessions)
        var nps = "account_id,responded_at,score\n"
        for _ in 0..<5_000 { nps += "C\(random.below(200)),\(timestamp()),\(random.below(11))\n" }
        folder.write("nps.csv", nps)
        let kinds = MarketingEventKind.allCases.map(\.rawValue)
        var marketing = "account_id,occurred_at,event\n"
        for _ in 0..<20_000 { marketing += "C\(random.below(200)),\(timestamp()),\(kinds[random.below(kinds.count)])\n" }
        folder.write("marketing.csv", marketing)
        var interactions = "account_id,occurred_at,rating,channel\n"
        for _ in 0..<20_000 { interactions += "C\(random.below(200)),\(timestamp()),\(1 + random.below(5)),call\n" }
        folder.write("interactions.csv", interactions)
        return folder
    }

    private func snapshot(_ folder: TemporaryFolder, workers: Int) throws -> Snapshot {
        var data = try DatasetFolder(path: folder.path)
        data.workers = workers
        data.minimumPartBytes = 10_000
        return try Snapshot.build(data, asOf: asOf)
    }

    func testSignalsAreTheSameForAnyNumberOfThreads() throws {
        let folder = makeDataset()
        let one = try snapshot(folder, workers: 1)
        XCTAssertGreaterThan(one.count, 100)
        XCTAssertTrue(one.signals.contains { $0.medianMinutesRecent != nil && $0.interactions > 3 })
        for workers in [2, 3, 5] {
            let many = try snapshot(folder, workers: workers)
            XCTAssertEqual(many.accountPositions, one.accountPositions)
            XCTAssertEqual(many.signals, one.signals, "\(workers) workers")
            XCTAssertEqual(many.reports, one.reports)
            // The same bits, not merely equal values (0.0 and -0.0 compare equal).
            XCTAssertEqual(many.signals.map { $0.ratingWeightedTotal.bitPattern }, one.signals.map { $0.ratingWeightedTotal.bitPattern })
            XCTAssertEqual(many.signals.map { $0.medianMinutesBaseline?.bitPattern }, one.signals.map { $0.medianMinutesBaseline?.bitPattern })
        }
    }

    /// The event-at-a-time path (an aggregator fed one event at a time, as before files
    /// were read in parts) gives the same signals.
    func testPartsMatchEventAtATimeAggregation() throws {
        let folder = makeDataset()
        let data = try DatasetFolder(path: folder.path)
        XCTAssertEqual(try snapshot(folder, workers: 4).signals, try eventAtATime(data, asOf: asOf))
    }

    /// The signals of `day` from an aggregator fed every event, one at a time.
    func eventAtATime(_ data: DatasetFolder, asOf day: CalendarDay) throws -> [AccountSignals] {
        var live = [Int32](repeating: -1, count: data.accounts.count)
        var signals: [AccountSignals] = []
        for (position, account) in data.accounts.accounts.enumerated() where account.isCustomer(on: day) {
            live[position] = Int32(signals.count)
            signals.append(AccountSignals(account, asOf: day))
        }
        var aggregator = SignalAggregator(asOf: day, signals: signals)
        func slot(_ account: Int32) -> Int? { live[Int(account)] >= 0 ? Int(live[Int(account)]) : nil }
        _ = try data.forEach(SessionEvent.self) { if let s = slot($0.account) { aggregator.addSession(slot: s, $0) } }
        _ = try data.forEach(NPSResponse.self) { if let s = slot($0.account) { aggregator.addNPS(slot: s, $0) } }
        _ = try data.forEach(MarketingEvent.self) { if let s = slot($0.account) { aggregator.addMarketing(slot: s, $0) } }
        _ = try data.forEach(InteractionRating.self) { if let s = slot($0.account) { aggregator.addInteraction(slot: s, $0) } }
        return aggregator.finish()
    }

    /// Each event is looked up once for all days (`FoldPlan`): days whose windows overlap
    /// (a week apart), days far apart, a day listed twice, a day before every event and
    /// one long after the last, where the latest session lies outside every window; each
    /// day's signals must be those of the event-at-a-time aggregator, which hands every
    /// event to every day.
    func testOneLookupPerEventMatchesEveryEventToEveryDay() throws {
        let folder = makeDataset()
        var data = try DatasetFolder(path: folder.path)
        data.minimumPartBytes = 10_000
        data.workers = 3
        let days = ["2026-03-03", "2026-03-10", "2026-03-17", "2025-11-15", "2026-09-30", "2026-03-10", "2025-06-30"]
            .map { CalendarDay($0)! }
        let together = try Snapshot.build(data, asOf: days).snapshots
        for (snapshot, day) in zip(together, days) {
            XCTAssertEqual(snapshot.signals, try eventAtATime(data, asOf: day), "\(day)")
        }
        // Long after the last event, every account's last session is older than any window.
        let late = together[4].signals.compactMap(\.daysSinceLastSession)
        XCTAssertFalse(late.isEmpty)
        XCTAssertTrue(late.allSatisfy { $0 > Windows.recentDays + Windows.baselineDays })
        XCTAssertTrue(together[4].signals.allSatisfy { $0.sessionsRecent == 0 && $0.sessionsBaseline == 0 })
    }
}

extension SnapshotPartsTests {
    /// Several days from one read: each day's snapshot is the one a build for that day alone
    /// gives, for any number of threads, and the earliest event day is the earliest day of a
    /// counted row.
    func testSeveralDaysFromOneRead() throws {
        let folder = makeDataset()
        let days = ["2026-03-31", "2025-12-31", "2026-01-15", "2026-03-31"].map { CalendarDay($0)! }
        var data = try DatasetFolder(path: folder.path)
        data.minimumPartBytes = 10_000
        let alone = try days.map { try Snapshot.build(data, asOf: $0) }
        var earliest = Int32.max
        _ = try data.forEach(SessionEvent.self) { earliest = min(earliest, $0.day.daysSinceEpoch) }
        _ = try data.forEach(NPSResponse.self) { earliest = min(earliest, $0.day.daysSinceEpoch) }
        _ = try data.forEach(MarketingEvent.self) { earliest = min(earliest, $0.day.daysSinceEpoch) }
        _ = try data.forEach(InteractionRating.self) { earliest = min(earliest, $0.day.daysSinceEpoch) }
        for workers in [1, 3] {
            data.workers = workers
            var builder = SnapshotBuilder(data, asOf: days)
            for file in EventFile.allCases { try builder.read(file) }
            XCTAssertEqual(builder.firstEventDay, CalendarDay(daysSinceEpoch: earliest))
            let together = builder.finishAll()
            XCTAssertEqual(together.map(\.asOf), days)
            for (one, other) in zip(together, alone) {
                XCTAssertEqual(one.accountPositions, other.accountPositions)
                XCTAssertEqual(one.signals, other.signals, "\(one.asOf), \(workers) workers")
                XCTAssertEqual(one.reports, other.reports)
                XCTAssertEqual(one.missingFiles, other.missingFiles)
            }
        }
    }
}

private struct Generator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func below(_ bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((z ^ (z >> 31)) % UInt64(bound))
    }
}

extension SnapshotPartsTests {
    /// Days whose session windows overlap read sessions.csv into one `SessionLog` and cut
    /// each day's windows from it; days apart keep a tally per day. Both must give the
    /// event-at-a-time signals, to the bit: sessions out of time order, lengths unknown
    /// (counted as logins, left out of the medians), medians of zeros written 0 and -0,
    /// accounts whose last session is older than every window, sessions after the last day.
    func testSessionLogForCloseDaysMatchesEveryEventToEveryDay() throws {
        let folder = TemporaryFolder()
        var random = Generator(seed: 29)
        var accounts = "account_id,started_on,churned_on\n"
        for index in 0..<40 {
            accounts += "S\(index),2025-0\(1 + index % 6)-01,\(index % 7 == 0 ? "2026-05-20" : "")\n"
        }
        folder.write("accounts.csv", accounts)
        var sessions = "account_id,started_at,duration_seconds\n"
        for row in 0..<20_000 {
            let account = random.below(40)
            // Accounts 30-39 stop early: only their latest day reaches the later windows.
            let span = account >= 30 ? 120 : 420
            let day = CalendarDay("2025-07-01")!.adding(days: random.below(span))
            // Accounts 20-29 log mostly zero lengths, written "0" or "-0": their medians are
            // zeros, which must come out with one sign whatever the order of the rows.
            let seconds = row % 5 == 0 ? "" : (20..<30).contains(account) && row % 4 != 1
                ? (random.below(2) == 0 ? "0" : "-0") : row % 97 == 0 ? "-0" : "\(random.below(3000))"
            sessions += "S\(account),\(day)T0\(random.below(10)):00:00Z,\(seconds)\n"
        }
        folder.write("sessions.csv", sessions)
        var data = try DatasetFolder(path: folder.path)
        data.minimumPartBytes = 10_000
        let weekly = (0..<10).map { CalendarDay("2026-03-02")!.adding(days: 7 * $0) } + [CalendarDay("2026-03-16")!]
        let quarterEnds = ["2025-09-30", "2025-12-31", "2026-03-31", "2026-06-30"].map { CalendarDay($0)! }
        XCTAssertTrue(FoldPlan(days: weekly, windowDays: SessionTally.windowDays).overlaps)
        XCTAssertFalse(FoldPlan(days: quarterEnds, windowDays: SessionTally.windowDays).overlaps)
        for workers in [1, 3] {
            data.workers = workers
            for days in [weekly, quarterEnds] {
                let together = try Snapshot.build(data, asOf: days).snapshots
                for (snapshot, day) in zip(together, days) {
                    let reference = try eventAtATime(data, asOf: day)
                    XCTAssertEqual(snapshot.signals, reference, "\(day), \(workers) workers")
                    XCTAssertEqual(snapshot.signals.map { $0.medianMinutesRecent?.bitPattern },
                                   reference.map { $0.medianMinutesRecent?.bitPattern }, "\(day)")
                    XCTAssertEqual(snapshot.signals.map { $0.medianMinutesBaseline?.bitPattern },
                                   reference.map { $0.medianMinutesBaseline?.bitPattern }, "\(day)")
                }
            }
        }
        // The cases are there: medians, logins without a length, old last sessions.
        let signals = try Snapshot.build(data, asOf: weekly).snapshots[3].signals
        XCTAssertTrue(signals.contains { $0.medianMinutesRecent != nil && $0.medianMinutesRecent != 0 })
        XCTAssertTrue(signals.contains { $0.medianMinutesRecent == 0 }, "medians of zeros")
        XCTAssertFalse(signals.contains { $0.medianMinutesRecent?.sign == .minus || $0.medianMinutesBaseline?.sign == .minus },
                       "-0 is read as 0")
        XCTAssertTrue(signals.contains { $0.sessionsRecent == 0 && ($0.daysSinceLastSession ?? 0) > 90 })
    }

    /// The logs' signals (sessions: `SessionLog`; interactions: `EventLog`) are made account
    /// by account in tasks of `LiveDays.accountsPerTask` accounts, each finding where its
    /// accounts sit among each day's customers: with more accounts than two tasks hold,
    /// customers joining and leaving between the days, and the days out of order, every day
    /// still gets the event-at-a-time signals of every file (NPS and marketing folded per day).
    func testLogsAcrossTasksMatchEveryEventToEveryDay() throws {
        let folder = TemporaryFolder()
        var random = Generator(seed: 31)
        let count = 2 * LiveDays.accountsPerTask + 700
        var accounts = "account_id,started_on,churned_on\n"
        for index in 0..<count {
            let start = CalendarDay("2026-01-01")!.adding(days: random.below(120))
            let churn = index % 5 == 0 ? start.adding(days: 20 + random.below(100)).description : ""
            accounts += "T\(index),\(start),\(churn)\n"
        }
        folder.write("accounts.csv", accounts)
        var sessions = "account_id,started_at,duration_seconds\n"
        for _ in 0..<30_000 {
            let day = CalendarDay("2026-01-01")!.adding(days: random.below(200))
            sessions += "T\(random.below(count)),\(day)T10:00:00Z,\(random.below(4) == 0 ? "" : "\(random.below(3000))")\n"
        }
        folder.write("sessions.csv", sessions)
        func rows(_ header: String, _ rowCount: Int, _ value: () -> String) -> String {
            (0..<rowCount).reduce(into: header + "\n") { text, _ in
                let day = CalendarDay("2025-11-01")!.adding(days: random.below(280))
                text += "T\(random.below(count)),\(day)T10:00:00Z,\(value())\n"
            }
        }
        folder.write("nps.csv", rows("account_id,responded_at,score", count) { "\(random.below(11))" })
        let kinds = MarketingEventKind.allCases.map(\.rawValue)
        folder.write("marketing.csv", rows("account_id,occurred_at,event", 3 * count) { kinds[random.below(kinds.count)] })
        folder.write("interactions.csv", rows("account_id,occurred_at,rating", 2 * count) { "\(1 + random.below(5))" })
        var data = try DatasetFolder(path: folder.path)
        data.minimumPartBytes = 100_000
        data.workers = 2
        let days = [CalendarDay("2026-05-04")!] + (0..<8).map { CalendarDay("2026-03-02")!.adding(days: 7 * $0) }
        let together = try Snapshot.build(data, asOf: days).snapshots
        XCTAssertGreaterThan(together[0].accountPositions.count, 2 * LiveDays.accountsPerTask)
        XCTAssertNotEqual(together[1].accountPositions, together[8].accountPositions)
        for (snapshot, day) in zip(together, days) {
            XCTAssertEqual(snapshot.signals, try eventAtATime(data, asOf: day), "\(day)")
        }
        XCTAssertTrue(together[0].signals.contains { $0.npsAnswers > 0 && $0.emailsSent > 0 && $0.interactions > 1 })
    }
}
