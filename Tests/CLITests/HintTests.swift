import Foundation
import TestSupport
import XCTest

/// The library says what is wrong; the command line adds, once, which flag changes it.
final class HintTests: XCTestCase {
    func makeData(_ folder: TemporaryFolder) -> String {
        folder.write("accounts.csv", """
            account_id,started_on,churned_on
            A1,2025-01-01,
            A2,2025-01-01,2026-05-01

            """)
        folder.write("sessions.csv", """
            account_id,started_at,duration_seconds
            A1,2026-01-02T10:00:00Z,600
            A9,2026-01-03T10:00:00Z,600

            """)
        return folder.path
    }

    func testSkippedRowsNameTheStrictFlagOnce() throws {
        let folder = TemporaryFolder()
        let data = makeData(folder)
        let lenient = try healthscore(["features", "--data", data, "--as-of", "2026-03-31", "--out", folder.path + "/f.csv"])
        XCTAssertEqual(lenient.status, 0, lenient.stderr)
        XCTAssertTrue(lenient.stderr.contains("note: sessions.csv: skipped 1 rows for accounts not in accounts.csv (--strict makes this an error)"),
                      lenient.stderr)

        let strict = try healthscore(["features", "--data", data, "--strict", "--as-of", "2026-03-31", "--out", folder.path + "/g.csv"])
        XCTAssertEqual(strict.status, 1)
        XCTAssertEqual(strict.stderr.components(separatedBy: "--strict").count - 1, 1, strict.stderr)
        XCTAssertTrue(strict.stderr.hasPrefix("Error: sessions.csv line 3, column 'account_id': 'A9' is not in accounts.csv (remove the row"),
                      strict.stderr)
    }

    func testOneClassTrainingNamesTheFlagsToChange() throws {
        let folder = TemporaryFolder()
        let data = makeData(folder)
        let result = try healthscore(["train", "--data", data, "--as-of", "2025-06-30", "--pool", "1",
                                      "--model", folder.path + "/m.json"])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("no account churned in the 90 days after 2025-06-30 (2 accounts)"), result.stderr)
        XCTAssertTrue(result.stderr.contains("(pick an earlier --as-of or a longer --horizon)"), result.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.path + "/m.json"))
    }
}
