import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a simulated SaaS customer base in the dataset-folder format of healthscore.
///
/// A hidden health process per account (see `HealthProcess`) drives logins, session length,
/// NPS answers, marketing engagement, interaction ratings and churn, so a churn model trained
/// on the files has real, realistically noisy signal to find.
package enum CustomerBaseSimulator {
    /// Writes accounts.csv, sessions.csv, nps.csv, marketing.csv and interactions.csv into
    /// `directory` (created if needed), replacing files of those names.
    ///
    /// Each file is written as `<name>.tmp` and renamed when all five are complete, so a failed
    /// run leaves no partial file. Accounts are simulated in parallel batches and written in
    /// account order; every account has its own random streams, so the bytes depend only on
    /// the configuration, never on the number of cores or on scheduling.
    ///
    /// Throws `SimulationError` for an invalid configuration or a failed write, or the
    /// file-system error when `directory` cannot be created.
    package static func generate(_ config: SimulationConfig, into directory: URL) throws -> SimulationSummary {
        try config.validate()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let files = OutputFile.allCases
        let finalPaths = files.map { directory.appendingPathComponent($0.fileName).path }
        let temporaryPaths = finalPaths.map { $0 + ".tmp" }
        var committed = false
        defer {
            if !committed { for path in temporaryPaths { _ = unlink(path) } }
        }

        var writers: [CSVRowWriter] = []
        for file in files {
            writers.append(try CSVRowWriter(path: temporaryPaths[file.rawValue], header: file.header))
        }
        var churned = 0
        var nextAccount = 0
        while nextAccount < config.accounts {
            let batchEnd = Swift.min(config.accounts, nextAccount + config.accountsPerBatch)
            for account in simulate(nextAccount..<batchEnd, config: config) {
                for file in files {
                    try writers[file.rawValue].append(account.buffers[file.rawValue],
                                                      rowCount: account.rowCounts[file.rawValue])
                }
                if account.churned { churned += 1 }
            }
            nextAccount = batchEnd
        }
        for writer in writers { try writer.finish() }
        for file in files where rename(temporaryPaths[file.rawValue], finalPaths[file.rawValue]) != 0 {
            throw SimulationError.io(path: finalPaths[file.rawValue], operation: "rename", errno: errno)
        }
        committed = true

        var rows: [String: Int] = [:]
        var bytes: [String: Int] = [:]
        for file in files {
            rows[file.fileName] = writers[file.rawValue].dataRows
            bytes[file.fileName] = writers[file.rawValue].byteCount
        }
        return SimulationSummary(accounts: config.accounts, churned: churned, rows: rows, bytes: bytes)
    }

    /// Simulates a batch of accounts on all cores; the result is in account order.
    private static func simulate(_ accounts: Range<Int>, config: SimulationConfig) -> [AccountRows] {
        let slots = ResultSlots(count: accounts.count)
        DispatchQueue.concurrentPerform(iterations: accounts.count) { offset in
            slots.store(AccountRows(index: accounts.lowerBound + offset, config: config), at: offset)
        }
        return slots.takeAll()
    }
}

/// Fixed slots that concurrent workers fill, each worker writing only its own slot.
///
/// Unchecked Sendable because each slot is initialised by exactly one iteration of
/// `concurrentPerform`, and read only after it returns.
private final class ResultSlots: @unchecked Sendable {
    private let base: UnsafeMutablePointer<AccountRows>
    private let count: Int

    init(count: Int) {
        self.count = count
        base = UnsafeMutablePointer<AccountRows>.allocate(capacity: count)
    }

    func store(_ rows: AccountRows, at offset: Int) {
        (base + offset).initialize(to: rows)
    }

    /// Moves every slot out; call once, after all slots were stored.
    func takeAll() -> [AccountRows] {
        (0..<count).map { (base + $0).move() }
    }

    deinit { base.deallocate() }
}
