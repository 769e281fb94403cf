import Foundation
import PostgresAccess
import XCTest
@testable import Store

final class StoreURLTests: XCTestCase {
    func testSQLiteForms() throws {
        XCTAssertEqual(try StoreURL("sqlite:scores/runs.store"), .sqlite(path: "scores/runs.store"))
        XCTAssertEqual(try StoreURL("sqlite:///var/lib/hs.sqlite"), .sqlite(path: "/var/lib/hs.sqlite"))
        XCTAssertEqual(try StoreURL("history.sqlite"), .sqlite(path: "history.sqlite"))
        XCTAssertEqual(try StoreURL("/tmp/History.DB"), .sqlite(path: "/tmp/History.DB"))
    }

    func testPostgresURLAndItsPasswordHidden() throws {
        let url = try StoreURL("postgresql://cs:s3cr%40t@db.example:6543/health?sslmode=require&schema=weekly", environment: [:])
        guard case .postgres(let location) = url else { return XCTFail("\(url)") }
        XCTAssertEqual(location, PostgresLocation(user: "cs", password: "s3cr@t", host: "db.example", port: 6543,
                                                  database: "health", tls: .require, schema: "weekly"))
        XCTAssertEqual(url.description, "postgresql://cs:***@db.example:6543/health?sslmode=require&schema=weekly")
        XCTAssertFalse("\(url)".contains("s3cr"))
    }

    func testPasswordFromTheEnvironmentAndDefaults() throws {
        let url = try StoreURL("postgres://cs@localhost/health", environment: ["PGPASSWORD": "pw"])
        XCTAssertEqual(url, .postgres(PostgresLocation(user: "cs", password: "pw", host: "localhost", database: "health")))
        XCTAssertEqual(url.description, "postgresql://cs:***@localhost:5432/health")
    }

    func testBadURLsSayWhatIsWrongWithoutThePassword() {
        let cases = [
            ("scores.csv", "not a store URL"),
            ("postgresql://db.example/health", "no user name"),
            ("postgresql://cs:hunter2@db.example", "no database name"),
            ("postgresql://cs:hunter2@db.example/health?sslmode=always", "sslmode must be"),
            ("postgresql://cs@db.example/health?schema=a;drop", "schema must be a plain name"),
            ("postgresql://cs@db.example/health?user=x", "unknown option 'user'"),
            ("sqlite:", "no file path"),
        ]
        for (text, problem) in cases {
            XCTAssertThrowsError(try StoreURL(text, environment: [:]), text) { error in
                let message = "\(error)"
                XCTAssertTrue(message.contains(problem), message)
                XCTAssertFalse(message.contains("hunter2"), message)
                XCTAssertFalse(message.contains("--store"), "library messages name no command-line option")
            }
        }
    }

    /// FIPS 180-2, appendix B.1: SHA-256("abc").
    func testFingerprintIsTheSHA256OfTheFile() {
        XCTAssertEqual(ModelFingerprint.of(Data("abc".utf8)),
                       "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }
}
