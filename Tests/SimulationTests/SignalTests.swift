import Foundation
import Ingest
import XCTest

/// The hidden health must leave the traces a churn model is meant to find.
final class SignalTests: XCTestCase {
    private var base: DefaultBase { DefaultBase.shared }

    /// Snapshot dates spread over the history, each with 90 days of past and 90 of future.
    private var snapshotDays: [CalendarDay] {
        stride(from: 180, through: base.config.end.days(since: base.config.start) - 90, by: 60)
            .map { base.config.start.adding(days: $0) }
    }

    private struct Observation {
        let churnsWithin90Days: Bool
        let loginTrend: Double
        let ratings: [Int]
    }

    /// Accounts live at each snapshot day D with 90 days of history: whether they churn in
    /// (D, D + 90], logins in (D - 30, D] against half those in (D - 90, D - 30], and the
    /// interaction ratings of (D - 60, D].
    private func observations() -> [Observation] {
        let logins = eventDays(in: "sessions.csv", timeColumn: "started_at")
        let ratings = ratedDays()
        var result: [Observation] = []
        for day in snapshotDays {
            for (id, account) in base.accounts where base.isCustomer(account, on: day)
                && account.startedOn <= day.adding(days: -90) {
                let days = logins[id] ?? []
                let recent = days.filter { $0 > day.adding(days: -30) && $0 <= day }.count
                let previous = days.filter { $0 > day.adding(days: -90) && $0 <= day.adding(days: -30) }.count
                let recentRatings = (ratings[id] ?? []).filter { $0.day > day.adding(days: -60) && $0.day <= day }
                let churns = account.churnedOn.map { $0 > day && $0 <= day.adding(days: 90) } ?? false
                result.append(Observation(churnsWithin90Days: churns,
                                          loginTrend: Double(recent + 1) / (Double(previous) / 2 + 1),
                                          ratings: recentRatings.map(\.rating)))
            }
        }
        return result
    }

    func testChurnersLogInLessThanTheyUsedTo() {
        let all = observations()
        let churners = all.filter(\.churnsWithin90Days).map(\.loginTrend)
        let others = all.filter { !$0.churnsWithin90Days }.map(\.loginTrend)
        XCTAssertGreaterThan(churners.count, 100, "too few churners to judge")
        let churnerMedian = median(churners)
        let otherMedian = median(others)
        XCTAssertLessThan(churnerMedian, 0.85 * otherMedian,
                          "login trend: churners \(churnerMedian), others \(otherMedian)")
        XCTAssertLessThan(mean(churners), mean(others) - 0.15)
    }

    func testChurnersRateRecentInteractionsLower() {
        let all = observations()
        let churnerRatings = all.filter(\.churnsWithin90Days).flatMap(\.ratings).map(Double.init)
        let otherRatings = all.filter { !$0.churnsWithin90Days }.flatMap(\.ratings).map(Double.init)
        XCTAssertGreaterThan(churnerRatings.count, 200)
        XCTAssertLessThan(mean(churnerRatings), mean(otherRatings) - 0.4,
                          "ratings: churners \(mean(churnerRatings)), others \(mean(otherRatings))")
    }

    func testChurnPerQuarterIsRealisticForB2B() {
        var shares: [Double] = []
        var day = base.config.start
        while day.adding(days: 90) <= base.config.end {
            let live = base.accounts.values.filter { base.isCustomer($0, on: day) }
            let churned = live.filter { $0.churnedOn.map { $0 <= day.adding(days: 90) } ?? false }
            let share = Double(churned.count) / Double(live.count)
            XCTAssertTrue((0.04...0.20).contains(share), "churn in the 90 days after \(day): \(share)")
            shares.append(share)
            day = day.adding(days: 90)
        }
        XCTAssertTrue((0.08...0.15).contains(mean(shares)), "mean churn per 90 days \(mean(shares))")
    }

    func testMarketingIsOnlyAWeakSignal() {
        // Open rates of churners and of the rest differ by little: silence is not unhappiness.
        let table = base.tables["marketing.csv"]!
        var sent: [String: Int] = [:]
        var opened: [String: Int] = [:]
        for row in table.rows {
            if row[2] == "email_sent" { sent[row[0], default: 0] += 1 }
            if row[2] == "email_open" { opened[row[0], default: 0] += 1 }
        }
        func openRate(churned: Bool) -> Double {
            let ids = base.accounts.filter { ($0.value.churnedOn != nil) == churned }.map(\.key)
            return Double(ids.map { opened[$0] ?? 0 }.reduce(0, +)) / Double(ids.map { sent[$0] ?? 0 }.reduce(0, +))
        }
        let overall = Double(opened.values.reduce(0, +)) / Double(sent.values.reduce(0, +))
        XCTAssertTrue((0.15...0.40).contains(overall), "open rate \(overall)")
        let quietAccounts = base.accounts.keys.filter { (sent[$0] ?? 0) >= 20 && (opened[$0] ?? 0) == 0 }.count
        XCTAssertGreaterThan(quietAccounts, 10, "some accounts should never open marketing email")
        XCTAssertLessThan(abs(openRate(churned: true) - openRate(churned: false)), 0.1)
    }

    // MARK: Helpers

    private func eventDays(in file: String, timeColumn: String) -> [String: [CalendarDay]] {
        let table = base.tables[file]!
        let time = table.column(timeColumn)
        var days: [String: [CalendarDay]] = [:]
        for row in table.rows { days[row[0], default: []].append(utcDay(ofTimestamp: row[time])!) }
        return days
    }

    private func ratedDays() -> [String: [(day: CalendarDay, rating: Int)]] {
        let table = base.tables["interactions.csv"]!
        let time = table.column("occurred_at")
        let rating = table.column("rating")
        var result: [String: [(day: CalendarDay, rating: Int)]] = [:]
        for row in table.rows { result[row[0], default: []].append((utcDay(ofTimestamp: row[time])!, Int(row[rating])!)) }
        return result
    }

    private func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return .nan }
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }

    private func mean(_ values: [Double]) -> Double { values.isEmpty ? .nan : values.reduce(0, +) / Double(values.count) }
}
