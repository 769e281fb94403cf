import Foundation

/// The problems of one file, collected instead of stopping at the first: the first
/// `limit` are kept (one line each in the error) and the rest counted, so a user fixes a
/// whole export in one go rather than one row per run.
package struct ProblemLog: Sendable {
    /// Problems shown per file.
    package static let limit = 20

    package private(set) var kept: [InputError] = []
    package private(set) var count = 0

    package init() {}

    package var isEmpty: Bool { count == 0 }

    package mutating func add(_ error: InputError) {
        // A problem may carry others (an error that already summarises several).
        for problem in [error.alone] + error.others {
            if kept.count < ProblemLog.limit { kept.append(problem) }
            count += 1
        }
        count += error.notShown
    }

    /// Counts `more` problems, none of them shown (after all those shown).
    package mutating func countMore(_ more: Int) {
        count += more
    }

    /// Appends the log of the part of a file read after this one.
    package mutating func append(_ later: ProblemLog) {
        for problem in later.kept where kept.count < ProblemLog.limit { kept.append(problem) }
        count += later.count
    }

    /// Every line number moved by `offset` (a part counting lines from 0).
    package mutating func shiftLines(by offset: Int) {
        guard offset != 0 else { return }
        for index in kept.indices { kept[index].line = kept[index].line.map { $0 + offset } }
    }

    /// One error standing for every problem, nil when there were none.
    package var error: InputError? {
        guard var first = kept.first else { return nil }
        first.others = Array(kept.dropFirst())
        first.notShown = count - kept.count
        return first
    }
}

/// One row set aside instead of stopping the run: where it was, why, and its fields.
package struct RejectedRow: Sendable, Equatable {
    package var file: String
    package var line: Int
    package var column: String?
    package var reason: String
    /// The row's fields as read (quotes removed).
    package var fields: [String]

    package init(file: String, line: Int, column: String?, reason: String, fields: [String]) {
        self.file = file; self.line = line; self.column = column; self.reason = reason; self.fields = fields
    }
}

/// Where rows that break a rule go when the user asked to quarantine them: each row once
/// (a file may be read more than once in a run), in file and line order. Shared by every
/// reading thread.
package final class RejectedRows: @unchecked Sendable {
    private let lock = NSLock()
    private var rows: [String: [Int: RejectedRow]] = [:]
    private var fileOrder: [String] = []

    package init() {}

    package func add(_ batch: [RejectedRow]) {
        guard !batch.isEmpty else { return }
        lock.withLock {
            for row in batch {
                if rows[row.file] == nil { fileOrder.append(row.file); rows[row.file] = [:] }
                if rows[row.file]![row.line] == nil { rows[row.file]![row.line] = row }
            }
        }
    }

    /// Every row set aside, files in the order first met, lines in order.
    package var all: [RejectedRow] {
        lock.withLock { fileOrder.flatMap { file in rows[file]!.keys.sorted().map { rows[file]![$0]! } } }
    }

    /// Rows set aside per file, files in the order first met.
    package var counts: [(file: String, rows: Int)] {
        lock.withLock { fileOrder.map { ($0, rows[$0]!.count) } }
    }

    package var count: Int { lock.withLock { rows.values.reduce(0) { $0 + $1.count } } }
}

extension CSVRecord {
    /// Every field as text, for a rejects file.
    package var fields: [String] { (0..<count).map(string) }
}
