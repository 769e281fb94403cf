import Foundation
import TestSupport
import XCTest

/// `load` and `--data postgresql://...` through the real binary, against a fresh schema on
/// the test server (see `TestPostgres`).
final class PostgresCommandTests: XCTestCase {
    func testLoadThenEveryCommandReadsTheDatabaseAsTheFolder() throws {
        let folder = TemporaryFolder()
        let data = folder.path + "/data"
        XCTAssertEqual(try healthscore(["generate", "--out", data, "--accounts", "300", "--seed", "11"]).status, 0)
        let url = try TestPostgres.freshStoreURL()

        let loaded = try healthscore(["load", "--data", data, "--into", url])
        XCTAssertEqual(loaded.status, 0, loaded.stderr)
        XCTAssertTrue(loaded.stdout.hasPrefix("Loaded 300 accounts, "), loaded.stdout)

        // The same feature table, the same model and the same scores both ways (accounts
        // come in id order from the database, which for these ids is the file order).
        for source in [data, url] {
            let tag = source == data ? "csv" : "pg"
            let features = try healthscore(["features", "--data", source, "--as-of", "2026-03-31",
                                            "--out", folder.path + "/features-\(tag).csv"])
            XCTAssertEqual(features.status, 0, features.stderr)
            let trained = try healthscore(["train", "--data", source, "--as-of", "2026-03-31",
                                           "--model", folder.path + "/model-\(tag).json"])
            XCTAssertEqual(trained.status, 0, trained.stderr)
            let scored = try healthscore(["score", "--data", source, "--model", folder.path + "/model-\(tag).json",
                                          "--out", folder.path + "/scores-\(tag).csv"])
            XCTAssertEqual(scored.status, 0, scored.stderr)
            XCTAssertTrue(scored.stderr.contains("scoring as of 2026-09-30, the latest date in the data"), scored.stderr)
            let kpis = try healthscore(["kpis", "--data", source, "--out", folder.path + "/kpis-\(tag).json"])
            XCTAssertEqual(kpis.status, 0, kpis.stderr)
            let evaluated = try healthscore(["evaluate", "--data", source, "--folds", "1", "--out", folder.path + "/evaluation-\(tag).json"])
            XCTAssertEqual(evaluated.status, 0, evaluated.stderr)
            let report = try healthscore(["report", "--data", source, "--folds", "1", "--out", folder.path + "/report-\(tag).html"])
            XCTAssertEqual(report.status, 0, report.stderr)
        }
        for file in ["features", "scores", "kpis", "evaluation"] {
            let ext = ["kpis", "evaluation"].contains(file) ? "json" : "csv"
            XCTAssertEqual(contents(folder.path + "/\(file)-pg.\(ext)"), contents(folder.path + "/\(file)-csv.\(ext)"), file)
        }

        // Loading the same accounts again is refused, with what to do.
        let again = try healthscore(["load", "--data", data, "--into", url])
        XCTAssertEqual(again.status, 1)
        XCTAssertTrue(again.stderr.contains("300 accounts are already loaded ('A000001', 'A000002', 'A000003', ...); nothing was loaded (--replace empties the tables first"), again.stderr)
        let replaced = try healthscore(["load", "--data", data, "--into", url, "--replace"])
        XCTAssertEqual(replaced.status, 0, replaced.stderr)
        XCTAssertTrue(replaced.stdout.hasPrefix("Replaced the tables with 300 accounts"), replaced.stdout)
    }

    func testABadFileIsRefusedWithItsLineAndThePasswordIsNeverShown() throws {
        let folder = TemporaryFolder()
        folder.write("accounts.csv", "account_id,started_on\nA1,2025-01-01\n")
        folder.write("nps.csv", "account_id,responded_at,score\nA1,2025-02-01,9\nA1,2025-03-01,eleven\n")
        let url = try TestPostgres.freshStoreURL()
        let refused = try healthscore(["load", "--data", folder.path, "--into", url])
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(refused.stderr.contains("nps.csv line 3, column 'score': 'eleven' is not an NPS score (expected a whole number from 0 to 10)"), refused.stderr)

        let missing = try healthscore(["score", "--data", url, "--out", folder.path + "/scores.csv"])
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.stderr.contains("no accounts table in this schema; load a folder of exports into it first (`healthscore load --data DIR --into URL` creates and fills the tables)"), missing.stderr)

        let secret = try healthscore(["kpis", "--data", "postgresql://cs:hunter2@127.0.0.1:1/health?sslmode=disable"])
        XCTAssertEqual(secret.status, 1)
        XCTAssertTrue(secret.stderr.contains("postgresql://cs:***@127.0.0.1:1/health?sslmode=disable: cannot connect"), secret.stderr)
        XCTAssertFalse(secret.stderr.contains("hunter2"), secret.stderr)
        let environment = try healthscore(["kpis", "--data", "postgresql://cs@127.0.0.1:1/health"], environment: ["PGPASSWORD": "hunter2"])
        XCTAssertFalse(environment.stderr.contains("hunter2"), environment.stderr)
        XCTAssertTrue(environment.stderr.contains("cs:***@"), environment.stderr)
    }
}
