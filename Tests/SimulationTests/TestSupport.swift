import Foundation
import Ingest
@testable import Simulation

/// A fresh temporary folder, removed by the caller.
func makeTemporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("healthscore-simulation-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

let simulatedFileNames = ["accounts.csv", "sessions.csv", "nps.csv", "marketing.csv", "interactions.csv"]

/// Parses a `YYYY-MM-DDTHH:MM:SSZ` timestamp into its UTC day; nil when malformed.
func utcDay(ofTimestamp text: String) -> CalendarDay? {
    let bytes = Array(text.utf8)
    guard bytes.count == 20, bytes[10] == UInt8(ascii: "T"), bytes[13] == UInt8(ascii: ":"),
          bytes[16] == UInt8(ascii: ":"), bytes[19] == UInt8(ascii: "Z"),
          let hour = Int(String(decoding: bytes[11..<13], as: UTF8.self)), (0..<24).contains(hour),
          let minute = Int(String(decoding: bytes[14..<16], as: UTF8.self)), (0..<60).contains(minute),
          let second = Int(String(decoding: bytes[17..<19], as: UTF8.self)), (0..<60).contains(second)
    else { return nil }
    return CalendarDay(String(decoding: bytes[0..<10], as: UTF8.self))
}

/// The default customer base, generated and parsed once for all tests that read it.
struct DefaultBase: Sendable {
    struct Account: Sendable {
        let startedOn: CalendarDay
        let churnedOn: CalendarDay?
    }

    let config: SimulationConfig
    let summary: SimulationSummary
    let tables: [String: TestCSV.Table]
    let rawBytes: [String: Data]
    let accounts: [String: Account]

    static let shared: DefaultBase = {
        do { return try DefaultBase() } catch { fatalError("could not generate the default base: \(error)") }
    }()

    private init() throws {
        config = SimulationConfig()
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        summary = try CustomerBaseSimulator.generate(config, into: directory)
        var tables: [String: TestCSV.Table] = [:]
        var rawBytes: [String: Data] = [:]
        for name in simulatedFileNames {
            let url = directory.appendingPathComponent(name)
            rawBytes[name] = try Data(contentsOf: url)
            tables[name] = try TestCSV.read(url)
        }
        self.tables = tables
        self.rawBytes = rawBytes
        let accountTable = tables["accounts.csv"]!
        let id = accountTable.column("account_id")
        let started = accountTable.column("started_on")
        let churned = accountTable.column("churned_on")
        var accounts: [String: Account] = [:]
        for row in accountTable.rows {
            accounts[row[id]] = Account(startedOn: CalendarDay(row[started])!,
                                        churnedOn: row[churned].isEmpty ? nil : CalendarDay(row[churned])!)
        }
        self.accounts = accounts
    }

    /// Whether the account is a customer at the end of `day` (the contract's point-in-time rule).
    func isCustomer(_ account: Account, on day: CalendarDay) -> Bool {
        account.startedOn <= day && (account.churnedOn.map { $0 > day } ?? true)
    }
}
