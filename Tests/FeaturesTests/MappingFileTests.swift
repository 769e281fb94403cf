import DataSources
import Features
import Ingest
import TestSupport
import XCTest

/// The YAML mapping file: the schema of docs/mappings.md, and a line number for every
/// mistake in it.
final class MappingFileTests: XCTestCase {
    func parse(_ text: String) throws -> DatasetMapping { try MappingFile.parse(text, path: "map.yaml") }

    func testTheWorkedExamplesParse() throws {
        let mapping = try parse("""
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
              columns: {account_id: Account ID, started_on: Signup Date, churned_on: Cancel Date, mrr: Plan MRR}
              date_format: MM/DD/YYYY
            nps:
              columns:
                score: How likely are you to recommend us?
            marketing:
              events:
                Email Opened: email_open
            """)
        XCTAssertEqual(mapping.fileName(.sessions), "product_sessions.csv")
        XCTAssertEqual(mapping.file(.sessions).durationUnit, .minutes)
        XCTAssertEqual(mapping.file(.sessions).dateFormat, .unixMilliseconds)
        XCTAssertEqual(mapping.accounts.columns["started_on"], "Signup Date")
        XCTAssertEqual(mapping.accounts.dateFormat, DateFormat("MM/DD/YYYY"))
        XCTAssertEqual(mapping.accountsFileName, "crm_accounts.csv")
        XCTAssertEqual(mapping.file(.nps).columns["score"], "How likely are you to recommend us?")
        XCTAssertEqual(mapping.fileName(.nps), "nps.csv")
        XCTAssertEqual(mapping.file(.marketing).eventNames, ["Email Opened": .emailOpen])
        XCTAssertTrue(try parse("").isIdentity)
    }

    func testMistakesNameTheirLine() {
        func refused(_ text: String, _ expected: String, line: UInt = #line) {
            XCTAssertThrowsError(try parse(text), line: line) { error in
                XCTAssertEqual(String(describing: error), expected, line: line)
            }
        }
        refused("sessions:\n  colums: {}\n",
                "map.yaml line 2: unknown key 'colums' (known here: file, columns, date_format, duration_unit)")
        refused("session:\n  file: x.csv\n",
                "map.yaml line 1: unknown key 'session' (known here: accounts, sessions, nps, marketing, interactions)")
        refused("nps:\n  columns:\n    rating: Score\n",
                "map.yaml line 3: unknown key 'rating' (known here: account_id, responded_at, user_id, score)")
        refused("accounts:\n  date_format: MM/YYYY\n",
                "map.yaml line 2: 'MM/YYYY' is not a valid date_format (a pattern of YYYY or YY, MM or M, DD or D and separators, such as MM/DD/YYYY; or unix_seconds or unix_ms)")
        refused("sessions:\n  duration_unit: fortnights\n",
                "map.yaml line 2: 'fortnights' is not a valid duration_unit (seconds, milliseconds, minutes, hours)")
        refused("nps:\n  duration_unit: minutes\n",
                "map.yaml line 2: unknown key 'duration_unit' (known here: file, columns, date_format)")
        refused("accounts:\n  file: ../../etc/passwd\n",
                "map.yaml line 2: '../../etc/passwd' is not a valid file name (a file name inside the dataset folder, without a path)")
        refused("marketing:\n  events:\n    Opened: opened\n",
                "map.yaml line 3: 'opened' is not a valid marketing event (email_sent, email_open, email_click, webinar, case_study, social)")
        refused("- just\n- a list\n", "map.yaml line 1: not a YAML mapping file (the top level must be keys such as accounts: and sessions:)")
        XCTAssertThrowsError(try parse("accounts: [unclosed\n")) { error in
            guard case .notYAML(_, let line?, _) = error as? MappingError else { return XCTFail("\(error)") }
            XCTAssertGreaterThanOrEqual(line, 1)
        }
    }

    func testMappingFilesThatAreNotFilesAreRefused() {
        XCTAssertThrowsError(try MappingFile.load(path: "/dev/zero")) { error in
            XCTAssertEqual(error as? MappingError, .unreadable(path: "/dev/zero", reason: "not a regular file"))
        }
        XCTAssertThrowsError(try MappingFile.load(path: "/nonexistent/map.yaml"))
    }
}
