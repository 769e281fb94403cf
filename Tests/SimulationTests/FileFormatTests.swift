import Foundation
import Ingest
import XCTest
@testable import Simulation

final class FileFormatTests: XCTestCase {
    private var base: DefaultBase { DefaultBase.shared }

    func testHeadersMatchTheDatasetContract() {
        XCTAssertEqual(base.tables["accounts.csv"]?.header,
                       ["account_id", "name", "owner", "segment", "mrr", "seats", "started_on", "churned_on"])
        XCTAssertEqual(base.tables["sessions.csv"]?.header, ["account_id", "started_at", "duration_seconds", "user_id"])
        XCTAssertEqual(base.tables["nps.csv"]?.header, ["account_id", "responded_at", "score", "user_id"])
        XCTAssertEqual(base.tables["marketing.csv"]?.header, ["account_id", "occurred_at", "event"])
        XCTAssertEqual(base.tables["interactions.csv"]?.header, ["account_id", "occurred_at", "rating", "channel"])
    }

    func testEveryRowHasItsColumnsAndTheSummaryCountsThem() {
        for name in simulatedFileNames {
            let table = base.tables[name]!
            XCTAssertEqual(table.rows.count, base.summary.rows[name], "row count of \(name)")
            XCTAssertEqual(base.rawBytes[name]?.count, base.summary.bytes[name], "byte count of \(name)")
            let wrong = table.rows.filter { $0.count != table.header.count }
            XCTAssertTrue(wrong.isEmpty, "\(name): \(wrong.count) rows with a wrong field count, e.g. \(wrong.first ?? [])")
            let bytes = base.rawBytes[name]!
            XCTAssertFalse(bytes.contains(13), "\(name) has a CR: line ends must be LF")
            XCTAssertEqual(bytes.last, 10, "\(name) must end with a line end")
            XCTAssertNotNil(String(data: bytes, encoding: .utf8), "\(name) is not valid UTF-8")
        }
    }

    func testAccountsAreUniqueAndPlausible() {
        let table = base.tables["accounts.csv"]!
        let ids = table.rows.map { $0[table.column("account_id")] }
        XCTAssertEqual(ids.count, base.config.accounts)
        XCTAssertEqual(Set(ids).count, ids.count, "duplicate account ids")
        XCTAssertEqual(base.summary.churned, base.accounts.values.filter { $0.churnedOn != nil }.count)
        let live = base.accounts.values.filter { $0.startedOn <= base.config.start }.count
        XCTAssertTrue((300...500).contains(live), "\(live) accounts live at the start, expected about 400")
        for row in table.rows {
            let id = row[table.column("account_id")]
            XCTAssertNotNil(id.wholeMatch(of: /A\d{6}/), id)
            XCTAssertTrue(["smb", "mid_market", "enterprise"].contains(row[table.column("segment")]))
            XCTAssertNotNil(row[table.column("mrr")].wholeMatch(of: /\d+\.\d\d/), "mrr \(row[table.column("mrr")])")
            XCTAssertGreaterThan(Double(row[table.column("mrr")]) ?? 0, 0)
            XCTAssertGreaterThanOrEqual(Int(row[table.column("seats")]) ?? 0, 1)
            XCTAssertFalse(row[table.column("owner")].isEmpty)
            let account = base.accounts[id]!
            XCTAssertLessThanOrEqual(account.startedOn, base.config.end)
            if let churnedOn = account.churnedOn {
                XCTAssertGreaterThan(churnedOn, account.startedOn)
                XCTAssertGreaterThan(churnedOn, base.config.start)
                XCTAssertLessThanOrEqual(churnedOn, base.config.end)
            }
        }
    }

    func testQuotedNamesRoundTrip() {
        let table = base.tables["accounts.csv"]!
        let names = table.rows.map { $0[table.column("name")] }
        XCTAssertTrue(names.contains { $0.contains(", ") }, "no name with a comma to exercise quoting")
        XCTAssertTrue(names.contains { $0.contains("\"") }, "no name with a quote to exercise quoting")
        XCTAssertTrue(names.contains { $0.unicodeScalars.contains { !$0.isASCII } }, "no non-ASCII name")
        let rawLines = String(decoding: base.rawBytes["accounts.csv"]!, as: UTF8.self).split(separator: "\n")
        for (row, line) in zip(table.rows, rawLines.dropFirst()) {
            let name = row[table.column("name")]
            var buffer = CSVRowBuffer(capacity: 64)
            buffer.append(text: name)
            let encoded = buffer.withBytes { String(decoding: $0, as: UTF8.self) }
            XCTAssertTrue(line.hasPrefix(row[0] + "," + encoded + ","), "\(name) did not round-trip in \(line)")
        }
    }

    func testValuesAreInRange() {
        checkColumn("sessions.csv", "duration_seconds") { Int($0).map { $0 >= 0 } ?? false }
        checkColumn("nps.csv", "score") { Int($0).map { (0...10).contains($0) } ?? false }
        checkColumn("interactions.csv", "rating") { Int($0).map { (1...5).contains($0) } ?? false }
        checkColumn("interactions.csv", "channel") { ["call", "ticket", "meeting", "qbr"].contains($0) }
        let events: Set = ["email_sent", "email_open", "email_click", "webinar", "case_study", "social"]
        checkColumn("marketing.csv", "event") { events.contains($0) }
        checkColumn("sessions.csv", "user_id") { $0.wholeMatch(of: /U\d{6}-\d{3,}/) != nil }
        let seen = Set(base.tables["marketing.csv"]!.rows.map { $0[2] })
        XCTAssertEqual(seen, events, "every marketing event should occur")
    }

    func testEventsFallWithinEachAccountsCustomerLife() {
        let timeColumns = ["sessions.csv": "started_at", "nps.csv": "responded_at",
                           "marketing.csv": "occurred_at", "interactions.csv": "occurred_at"]
        for (name, timeColumn) in timeColumns {
            let table = base.tables[name]!
            let idColumn = table.column("account_id")
            let time = table.column(timeColumn)
            var failures: [String] = []
            for row in table.rows {
                guard let account = base.accounts[row[idColumn]] else {
                    failures.append("unknown account \(row[idColumn])")
                    continue
                }
                guard let day = utcDay(ofTimestamp: row[time]) else {
                    failures.append("bad timestamp \(row[time])")
                    continue
                }
                let first = max(account.startedOn, base.config.start)
                let afterLast = account.churnedOn ?? base.config.end.adding(days: 1)
                if day < first || day >= afterLast { failures.append("\(row[idColumn]) at \(row[time])") }
            }
            XCTAssertTrue(failures.isEmpty, "\(name): \(failures.count) rows outside the customer life, e.g. \(failures.prefix(3))")
        }
    }

    func testDefaultBaseSizeIsModest() {
        let total = base.summary.bytes.values.reduce(0, +)
        XCTAssertTrue((10_000_000...16_000_000).contains(total), "default base is \(total) bytes")
        XCTAssertEqual(base.summary.bytes.values.max(), base.summary.bytes["sessions.csv"])
    }

    private func checkColumn(_ file: String, _ column: String, _ isValid: (String) -> Bool) {
        let table = base.tables[file]!
        let index = table.column(column)
        let invalid = table.rows.map { $0[index] }.filter { !isValid($0) }
        XCTAssertTrue(invalid.isEmpty, "\(file).\(column) has invalid values, e.g. \(Array(invalid.prefix(3)))")
    }
}
