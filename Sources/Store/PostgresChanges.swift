import Foundation
import Logging
import PostgresNIO
import Scoring

/// The accounts that changed between two runs of a PostgreSQL store: the two runs joined
/// inside the database and filtered there by the rule of `AccountPair.qualifies`, so that
/// only the changed accounts cross the network.
enum PostgresChanges {
    static func changedAccounts(from: RunSummary, to: RunSummary, minimumDrop: Int, client: PostgresClient,
                                logger: Logger) async throws -> [AccountPair] {
        // Two halves of the accounts, split at the later run's middle id, compared at once
        // on two connections, so that the server works on both cores (between two runs of
        // a million, 134,000 changed: 1.6-1.9 s for `changes` against 2.0-2.2 s in one
        // query). Both halves read one snapshot of the store, exported by the first
        // transaction and imported by the second, as if they were one query: a run
        // replaced meanwhile is seen whole or not at all.
        try await client.withTransaction(logger: logger) { first in
            try await first.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ", logger: logger)
            var exported = ""
            for try await id in try await first.query("SELECT pg_export_snapshot()", logger: logger).decode(String.self) {
                exported = id
            }
            // A snapshot id is hexadecimal digits and dashes; it is spliced into SQL (SET
            // TRANSACTION SNAPSHOT takes no parameter), so anything else is refused.
            guard !exported.isEmpty, exported.allSatisfy({ $0 == "-" || $0.isHexDigit }) else {
                throw UnexpectedResult(description: "the server exported the snapshot '\(exported)'")
            }
            let snapshot = exported
            var middle: String?
            for try await id in try await first.query("""
                SELECT account_id FROM run_accounts WHERE run_id = \(to.id) ORDER BY account_id OFFSET \(to.accountCount / 2) LIMIT 1
                """, logger: logger).decode(String.self) { middle = id }
            let half = Half(from: from, to: to, minimumDrop: minimumDrop, logger: logger)
            guard let middle else { return try await half.pairs(below: nil, on: first) }
            async let upper = client.withTransaction(logger: logger) { second in
                try await second.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ", logger: logger)
                try await second.query(PostgresQuery(unsafeSQL: "SET TRANSACTION SNAPSHOT '\(snapshot)'"), logger: logger)
                return try await half.pairs(from: middle, on: second)
            }
            let lower = try await half.pairs(below: middle, on: first)
            // In account id order by bytes, as the "C" collation and the SQLite store sort:
            // every id of the lower half comes before every id of the upper.
            return lower + (try await upper)
        }
    }

    /// One half of a comparison: the accounts whose ids fall in a range, compared on one
    /// connection.
    private struct Half: Sendable {
        let from: RunSummary
        let to: RunSummary
        let minimumDrop: Int
        let logger: Logger

        func pairs(below end: String?, on connection: PostgresConnection) async throws -> [AccountPair] {
            try await pairs(range: end.map { ("<", $0) }, on: connection)
        }

        func pairs(from start: String, on connection: PostgresConnection) async throws -> [AccountPair] {
            try await pairs(range: (">=", start), on: connection)
        }

        private func pairs(range: (operator: String, id: String)?, on connection: PostgresConnection) async throws -> [AccountPair] {
            // The earlier run's feature values only when the models differ: the model term
            // is all that reads them (`ChangeSplit`), and they are a quarter of a row's bytes.
            let withFeatures = from.modelFingerprint != to.modelFingerprint
            let select = (side("o") + side("n") + (withFeatures ? ["o.feature_values"] : [])).joined(separator: ", ")
            var binds = PostgresBindings()
            binds.append(from.id)
            binds.append(to.id)
            binds.append(minimumDrop)
            var within = ""
            if let range {
                binds.append(range.id)
                within = "AND account_id \(range.operator) $4"
            }
            // Each run's rows come in account order from the primary key, and the two are
            // merged as they stream: no hash of a million wide rows to build first
            // (`changes` between two runs of a million: 2.3-2.9 s hashed, 2.0-2.3 s
            // merged). The ORDER BY inside each side keeps the planner from flattening the
            // subqueries, which would hide that order from it; hashing is turned off
            // because a run written moments ago has no statistics yet, and with none the
            // planner may still choose to hash. The server's JIT compiler would spend
            // 0.2 s optimising a plan this simple for a cost estimate this large.
            let query = PostgresQuery(unsafeSQL: """
                SELECT \(select)
                FROM (SELECT * FROM run_accounts WHERE run_id = $1 \(within) ORDER BY account_id) o
                FULL JOIN (SELECT * FROM run_accounts WHERE run_id = $2 \(within) ORDER BY account_id) n
                  ON n.account_id = o.account_id
                WHERE o.account_id IS NULL OR n.account_id IS NULL
                   OR \(StoreSchema.rankSQL("n.tier")) > \(StoreSchema.rankSQL("o.tier"))
                   OR o.health_score - n.health_score >= $3
                """, binds: binds)
            try await connection.query("SET LOCAL enable_hashjoin = off", logger: logger)
            try await connection.query("SET LOCAL jit = off", logger: logger)
            var pairs: [AccountPair] = []
            for try await row in try await connection.query(query, logger: logger) {
                var cells = CellReader(row)
                var old = try account(&cells)
                let new = try account(&cells)
                if withFeatures, let packed = try cells.next(ByteBuffer?.self) {
                    old?.features = packed.withUnsafeReadableBytes { FeatureValues.unpack($0) }
                }
                pairs.append(AccountPair(old: old, new: new))
            }
            // In account id order by bytes. The merge already yields that order, but SQL
            // promises none without an outer ORDER BY, which would make the server sort
            // before sending the first row; a sort of sorted pairs here is one pass.
            return pairs.sorted { $0.accountID.utf8.lexicographicallyPrecedes($1.accountID.utf8) }
        }
    }

    /// One run's side of a joined row: id, name, tier, and its numbers as one array.
    /// Decoding a cell costs far more than the value in it, and a change list has hundreds
    /// of thousands of rows.
    fileprivate static func side(_ run: String) -> [String] {
        let numbers = ["churn_probability", "health_score", "revenue_at_risk", "contribution_intercept"] + StoreSchema.familyColumns
        return ["\(run).account_id", "\(run).name", "\(run).tier",
                "ARRAY[\(numbers.map { "\(run).\($0)" }.joined(separator: ", "))]::float8[]"]
    }

    /// One side of a joined row, in `side` order; nil when that run lacks the account.
    fileprivate static func account(_ cells: inout CellReader) throws -> StoredAccount? {
        guard let id = try cells.next(String?.self) else {
            try cells.skip(3)
            return nil
        }
        let name = try cells.next(String.self)
        let tier = try cells.next(String.self)
        let numbers = try ArrayOfDoubles(try cells.next(ByteBuffer.self), count: 4 + StoreSchema.familyColumns.count)
        var contributions = FamilyContributions()
        for family in 0..<StoreSchema.familyColumns.count {
            contributions[family] = numbers[4 + family]
        }
        return StoredAccount(
            accountID: id, name: name, churnProbability: numbers[0], healthScore: Int(numbers[1]),
            tier: StoreRows.tier(tier), revenueAtRisk: numbers[2], features: [], intercept: numbers[3],
            contributions: contributions)
    }
}

/// A row's cells one after another, without the copy of every cell into an array of its
/// own that PostgresNIO's random-access row makes first.
private struct CellReader {
    private var cells: PostgresRow.Iterator

    init(_ row: PostgresRow) { cells = row.makeIterator() }

    mutating func next<Value: PostgresDecodable>(_ type: Value.Type) throws -> Value {
        guard let cell = cells.next() else { throw UnexpectedResult(description: "a row of the comparison is short of columns") }
        return try cell.decode(Value.self)
    }

    mutating func skip(_ count: Int) throws {
        for _ in 0..<count {
            guard cells.next() != nil else { throw UnexpectedResult(description: "a row of the comparison is short of columns") }
        }
    }
}

/// A reply of the server that the comparison cannot read; shown as the store's error.
private struct UnexpectedResult: Error, CustomStringConvertible {
    let description: String
}

/// A one-dimensional `float8[]` without NULLs in PostgreSQL's binary format, read in
/// place. PostgresNIO's `[Double]` decoding looks up generic metadata per element, which
/// made it slower than fifteen separate cells.
private struct ArrayOfDoubles {
    private let buffer: ByteBuffer
    private let count: Int

    /// The binary format: dimensions, a has-NULLs flag, the element type, then per
    /// dimension its length and lower bound; then per element its length and its bytes.
    private static let header = 20

    init(_ buffer: ByteBuffer, count: Int) throws {
        guard buffer.readableBytes == Self.header + count * 12,
              buffer.getInteger(at: buffer.readerIndex, as: Int32.self) == 1,
              buffer.getInteger(at: buffer.readerIndex + 4, as: Int32.self) == 0,
              buffer.getInteger(at: buffer.readerIndex + 12, as: Int32.self) == Int32(count)
        else { throw UnexpectedResult(description: "a run's numbers did not come back as \(count) values without NULLs") }
        self.buffer = buffer
        self.count = count
    }

    subscript(index: Int) -> Double {
        precondition(index >= 0 && index < count, "array index out of range")
        let bits = buffer.getInteger(at: buffer.readerIndex + Self.header + index * 12 + 4, as: UInt64.self)!
        return Double(bitPattern: bits)
    }
}
