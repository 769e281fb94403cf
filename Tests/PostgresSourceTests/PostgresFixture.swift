import Foundation
import Ingest
import PostgresAccess
import TestSupport
import XCTest
@testable import DataSources

/// A fresh schema on the test server (see `TestPostgres`) per test, with helpers to load a
/// folder into it and to run SQL around the code under test.
struct PostgresFixture {
    let url: String
    let location: PostgresLocation

    init() throws {
        url = try TestPostgres.freshStoreURL()
        location = try SourceLocation.database(url, environment: [:])
    }

    /// Loads `folder` (lenient unless `strict`) into the schema.
    @discardableResult
    func load(_ folder: String, replace: Bool = false, strict: Bool = false) async throws -> PostgresLoader.Summary {
        try await PostgresLoader.load(try DatasetFolder(path: folder, strict: strict), into: location, replace: replace)
    }

    func open(strict: Bool = false) throws -> PostgresSource {
        try PostgresSource.open(location, strict: strict)
    }

    /// Runs `sql` in the schema.
    func execute(_ sql: String) throws {
        try BlockingConnection.with(location) { try $0.execute(sql) }
    }

    /// The first column of each row of `sql`, as text.
    func strings(_ sql: String) throws -> [String?] {
        try BlockingConnection.with(location) { try $0.rows(sql) { try $0.decode(String?.self) } }
    }

    /// Rows in each of the five tables.
    func rowCounts() throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for table in ["accounts", "sessions", "nps", "marketing", "interactions"] {
            counts[table] = Int(try strings("SELECT count(*)::text FROM \(table)")[0]!)!
        }
        return counts
    }
}
