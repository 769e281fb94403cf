import Foundation
import TestSupport
import XCTest

/// The two worked examples of docs/mappings.md, built from a simulated base: the same
/// data exported the way a product-analytics tool and a CRM write it, read through a
/// mapping file, scores exactly as the data in the input format does.
final class MappingCommandTests: XCTestCase {
    /// Fields of one CSV line (RFC 4180 quoting, no line breaks inside fields).
    static func fields(_ line: Substring) -> [String] {
        var fields: [String] = [], field = "", quoted = false, previous: Character? = nil
        for character in line {
            if quoted {
                if character == "\"" { quoted = false } else { field.append(character) }
            } else if character == "\"" {
                if previous == "\"" { field.append("\"") }
                quoted = true
            } else if character == "," {
                fields.append(field); field = ""
            } else {
                field.append(character)
            }
            previous = character
        }
        fields.append(field)
        return fields
    }

    static func cell(_ text: String) -> String {
        text.contains(",") || text.contains("\"") ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }

    /// `2026-03-04` or `2026-03-04T...` as `03/04/2026`.
    static func usDate(_ iso: String) -> String {
        guard iso.count >= 10 else { return iso }
        let parts = iso.prefix(10).split(separator: "-")
        return "\(parts[1])/\(parts[2])/\(parts[0])"
    }

    static func rewrite(_ path: String, to target: String, header: String, _ row: ([String]) -> [String]) throws {
        let lines = String(decoding: contents(path)!, as: UTF8.self).split(separator: "\n").dropFirst()
        let body = lines.map { row(fields($0)).map(cell).joined(separator: ",") }
        try Data(([header] + body).joined(separator: "\n").appending("\n").utf8).write(to: URL(fileURLWithPath: target))
        if path != target { try FileManager.default.removeItem(atPath: path) }
    }

    func testBothWorkedExamplesScoreLikeTheInputFormat() throws {
        let folder = TemporaryFolder()
        let data = folder.path + "/data"
        XCTAssertEqual(try healthscore(["generate", "--out", data, "--accounts", "300", "--seed", "12"]).status, 0)
        let model = folder.path + "/model.json"
        XCTAssertEqual(try healthscore(["train", "--data", data, "--as-of", "2026-03-31", "--model", model, "--l2", "1"]).status, 0)
        let plain = folder.path + "/plain.csv"
        XCTAssertEqual(try healthscore(["score", "--data", data, "--model", model, "--as-of", "2026-06-30", "--out", plain]).status, 0)

        // The same data as the exports of docs/mappings.md.
        let exports = folder.path + "/exports"
        try FileManager.default.copyItem(atPath: data, toPath: exports)
        // Example 1: sessions from product analytics (ms since 1970, minutes).
        let iso = ISO8601DateFormatter()
        try Self.rewrite(exports + "/sessions.csv", to: exports + "/product_sessions.csv",
                         header: "user_id,account,timestamp_ms,session_length_min") { f in
            let ms = Int64(iso.date(from: f[1])!.timeIntervalSince1970) * 1000
            return [f[3], f[0], String(ms), String(format: "%.10f", Double(f[2])! / 60)]
        }
        // Example 2: accounts and NPS from a CRM and a survey tool, US dates, own column names.
        // accounts.csv: account_id,name,owner,segment,mrr,seats,started_on,churned_on
        try Self.rewrite(exports + "/accounts.csv", to: exports + "/crm_accounts.csv",
                         header: "Account ID,Company,Account Owner,Segment,Plan MRR,Seats,Signup Date,Cancel Date") { f in
            [f[0], f[1], f[2], f[3], f[4], f[5], Self.usDate(f[6]), f[7].isEmpty ? "" : Self.usDate(f[7])]
        }
        // nps.csv: account_id,responded_at,score,user_id
        try Self.rewrite(exports + "/nps.csv", to: exports + "/nps_survey.csv",
                         header: "Company ID,Survey Date,How likely are you to recommend us?") { f in
            [f[0], Self.usDate(f[1]), f[2]]
        }
        let names = ["email_sent": "Email Delivered", "email_open": "Email Opened", "email_click": "Email Clicked"]
        try Self.rewrite(exports + "/marketing.csv", to: exports + "/marketing.csv", header: "account_id,occurred_at,event") { f in
            [f[0], f[1], names[f[2]] ?? f[2]]
        }
        let mapping = folder.write("mapping.yaml", """
            sessions:
              file: product_sessions.csv
              columns:
                account_id: account
                started_at: timestamp_ms
                duration_seconds: session_length_min
              date_format: unix_ms
              duration_unit: minutes
            accounts:
              file: crm_accounts.csv
              columns:
                account_id: Account ID
                name: Company
                owner: Account Owner
                mrr: Plan MRR
                started_on: Signup Date
                churned_on: Cancel Date
              date_format: MM/DD/YYYY
            nps:
              file: nps_survey.csv
              columns:
                account_id: Company ID
                responded_at: Survey Date
                score: How likely are you to recommend us?
              date_format: MM/DD/YYYY
            marketing:
              events:
                Email Delivered: email_sent
                Email Opened: email_open
                Email Clicked: email_click

            """)
        // Without the mapping the folder is not a dataset.
        let unmapped = try healthscore(["score", "--data", exports, "--model", model, "--as-of", "2026-06-30",
                                        "--out", folder.path + "/x.csv"])
        XCTAssertEqual(unmapped.status, 1)
        XCTAssertTrue(unmapped.stderr.contains("accounts.csv: not found"), unmapped.stderr)

        let mapped = folder.path + "/mapped.csv"
        let result = try healthscore(["score", "--data", exports, "--mapping", mapping, "--model", model,
                                      "--as-of", "2026-06-30", "--out", mapped])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(contents(mapped), contents(plain), "the mapped exports score as the input format does")

        // A mistake in a mapped file names the export's file and column.
        var sessions = String(decoding: contents(exports + "/product_sessions.csv")!, as: UTF8.self)
        sessions += "u,A000001,1774915200000,-3\n"
        try Data(sessions.utf8).write(to: URL(fileURLWithPath: exports + "/product_sessions.csv"))
        let bad = try healthscore(["score", "--data", exports, "--mapping", mapping, "--model", model, "--out", mapped])
        XCTAssertEqual(bad.status, 1)
        XCTAssertTrue(bad.stderr.contains("product_sessions.csv line"), bad.stderr)
        XCTAssertTrue(bad.stderr.contains("column 'session_length_min': '-3' is not a session duration (minutes as a number >= 0"), bad.stderr)

        // A mistake in the mapping file names its line.
        let typo = folder.write("typo.yaml", "sessions:\n  colums:\n    account_id: account\n")
        let refused = try healthscore(["score", "--data", exports, "--mapping", typo, "--model", model, "--out", mapped])
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(refused.stderr.contains("typo.yaml line 2: unknown key 'colums'"), refused.stderr)
    }

    /// At a low churn rate the absolute tiers leave at_risk empty; tiers by share fill it
    /// with the riskiest tenth of the book.
    func testShareTiersFillTheTiersAtAnyBaseRate() throws {
        let folder = TemporaryFolder()
        let data = folder.path + "/data"
        XCTAssertEqual(try healthscore(["generate", "--out", data, "--accounts", "300", "--seed", "13"]).status, 0)
        let model = folder.path + "/model.json"
        XCTAssertEqual(try healthscore(["train", "--data", data, "--as-of", "2026-03-31", "--model", model, "--l2", "1"]).status, 0)
        let scores = folder.path + "/s.csv"
        let result = try healthscore(["score", "--data", data, "--model", model, "--out", scores, "--tiers", "share",
                                      "--at-risk-share", "10", "--watch-share", "30"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let rows = String(decoding: contents(scores)!, as: UTF8.self).split(separator: "\n").dropFirst()
        let atRisk = rows.filter { $0.contains(",at_risk,") }.count
        let watch = rows.filter { $0.contains(",watch,") }.count
        XCTAssertEqual(Double(atRisk), Double(rows.count) * 0.1, accuracy: 2)
        XCTAssertEqual(Double(atRisk + watch), Double(rows.count) * 0.3, accuracy: 2)
        XCTAssertTrue(result.stdout.contains("\(atRisk) at_risk, \(watch) watch"), result.stdout)
    }
}
