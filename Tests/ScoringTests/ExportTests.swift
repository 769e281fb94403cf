import Foundation
import TestSupport
import XCTest
import Ingest
@testable import Exports
@testable import Scoring

final class ExportTests: XCTestCase {
    func row(_ id: String, p: Double, mrr: Double?, name: String = "Acme") -> ScoreRow {
        ScoreRow(accountID: id, name: name, owner: "Dana", segment: "smb", mrr: mrr, churnProbability: p,
                 healthScore: Int((100 * (1 - p)).rounded()), tier: TierThresholds().tier(forProbability: p),
                 revenueAtRisk: p * (mrr ?? 0), reasons: ["logins down 50% vs the previous 60 days (3 in the last 30 days)", "no NPS answer in the last 180 days"],
                 asOf: CalendarDay("2026-03-31")!, horizonDays: 90)
    }

    func testRiskListOrdersFiltersAndCuts() {
        let rows = [row("A", p: 0.9, mrr: 100), row("B", p: 0.5, mrr: 1000), row("C", p: 0.2, mrr: 5000),
                    row("D", p: 0.5, mrr: 1000), row("E", p: 0.05, mrr: nil)]
        XCTAssertEqual(RiskList(order: .risk).apply(to: rows).map(\.accountID), ["A", "B", "D", "C", "E"])
        XCTAssertEqual(RiskList(order: .revenue).apply(to: rows).map(\.accountID), ["C", "B", "D", "A", "E"])
        XCTAssertEqual(RiskList(order: .risk, minimumProbability: 0.5).apply(to: rows).map(\.accountID), ["A", "B", "D"])
        XCTAssertEqual(RiskList(order: .revenue, top: 2).apply(to: rows).map(\.accountID), ["C", "B"])
    }

    func testCSVNeutralisesFormulasButNotNumbers() {
        var line = CSVLine()
        for text in ["=1+2", "+49 30 1234", "-x", "@cmd", "\tTab", "\rCR", "Plain, with comma", "say \"hi\""] { line.text(text) }
        line.number(-1.5, decimals: 2)
        line.number(nil, decimals: 2)
        line.endRow()
        XCTAssertEqual(String(decoding: line.bytes, as: UTF8.self),
                       "'=1+2,'+49 30 1234,'-x,'@cmd,'\tTab,\"'\rCR\",\"Plain, with comma\",\"say \"\"hi\"\"\",-1.50,\n")
        XCTAssertEqual(CSVLine.restored("'=1+2"), "=1+2")
        XCTAssertEqual(CSVLine.restored("'quoted'"), "'quoted'")
        // The user's own apostrophe before a formula character survives the round trip.
        var own = CSVLine()
        own.text("'=A1")
        XCTAssertEqual(String(decoding: own.bytes, as: UTF8.self), "''=A1")
        XCTAssertEqual(CSVLine.restored("''=A1"), "'=A1")
    }

    func testScoreFilesRoundTripInBothFormats() throws {
        let folder = TemporaryFolder()
        let rows = [row("A1", p: 0.123456, mrr: 99.5, name: "=Evil, Inc"), row("A2", p: 0.9, mrr: nil, name: "Ünïcode \"Co\"")]
        for name in ["s.csv", "s.json"] {
            let path = folder.path + "/" + name
            try ScoreFile.write(rows, to: path)
            let back = try ScoreFile.read(path: path)
            XCTAssertEqual(back.map(\.accountID), ["A1", "A2"])
            XCTAssertEqual(back.map(\.name), ["=Evil, Inc", "Ünïcode \"Co\""], "names come back as they were")
            XCTAssertEqual(back[0].churnProbability, 0.123456, accuracy: 1e-12)
            XCTAssertEqual(back[0].reasons, rows[0].reasons)
            XCTAssertNil(back[1].mrr)
            XCTAssertEqual(back[1].tier, .atRisk)
        }
    }

    func testAtomicWriteLeavesTheOldFileOnFailure() throws {
        let folder = TemporaryFolder()
        let path = folder.write("scores.csv", "old content\n")
        do {
            let file = try AtomicFile(path: path)
            try file.append("half of the new")
            // Dropped without commit, as when a run fails midway.
        }
        XCTAssertEqual(String(decoding: FileManager.default.contents(atPath: path)!, as: UTF8.self), "old content\n")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), ["scores.csv"])
        try AtomicFile.write(Array("new\n".utf8), to: path)
        XCTAssertEqual(String(decoding: FileManager.default.contents(atPath: path)!, as: UTF8.self), "new\n")
        XCTAssertThrowsError(try AtomicFile(path: folder.path + "/no/such/folder/x.csv"))
    }
}
