import Logging
import PostgresAccess
import PostgresNIO

/// Writes one run into PostgreSQL in one transaction: the header with plain statements,
/// the accounts streamed through `COPY run_accounts FROM STDIN`, the fastest way in.
enum PostgresRunWriter {
    /// Bytes gathered before each send: few round trips, bounded memory.
    static let chunkSize = 1 << 20

    static func write(_ run: PendingRun, interruptAfter: Int?, client: PostgresClient, logger: Logger) async throws -> RecordedRun {
        let header = run.runRecord
        let model = run.model
        let (runID, replaced) = try await client.withTransaction(logger: logger) { connection -> (Int64, Int64?) in
            try await PostgresStore.lock(connection, logger: logger)
            try await connection.query("""
                INSERT INTO models (fingerprint, model_json, horizon_days, as_of, created_at)
                VALUES (\(model.fingerprint), \(model.modelJson), \(model.horizonDays), \(model.asOf), \(model.createdAt))
                ON CONFLICT (fingerprint) DO NOTHING
                """, logger: logger)
            var replaced: Int64?
            for try await id in try await connection.query("""
                SELECT id FROM runs WHERE as_of = \(header.asOf) AND model_fingerprint = \(header.modelFingerprint)
                """, logger: logger).decode(Int64.self) { replaced = id }
            if let replaced {
                try await connection.query("DELETE FROM run_accounts WHERE run_id = \(replaced)", logger: logger)
                try await connection.query("DELETE FROM runs WHERE id = \(replaced)", logger: logger)
            }
            var runID: Int64 = 0
            for try await id in try await connection.query("""
                INSERT INTO runs (as_of, created_at, model_fingerprint, at_risk_below, watch_below, account_count, feature_names)
                VALUES (\(header.asOf), \(header.createdAt), \(header.modelFingerprint), \(header.atRiskBelow),
                        \(header.watchBelow), \(header.accountCount), \(header.featureNames))
                RETURNING id
                """, logger: logger).decode(Int64.self) { runID = id }
            try await connection.copyFrom(table: "run_accounts", columns: StoreSchema.runAccountColumns, logger: logger) { writer in
                try await copyAccounts(run, runID: runID, interruptAfter: interruptAfter, to: writer)
            }
            return (runID, replaced)
        }
        let trained = run.scorer.model
        let summary = RunSummary(id: runID, asOf: run.asOf, createdAt: run.createdAt, modelFingerprint: model.fingerprint,
                                 modelAsOf: trained.asOf, horizonDays: trained.horizonDays, thresholds: run.thresholds,
                                 accountCount: run.count, featureNames: StoreSchema.featureNames)
        return RecordedRun(run: summary, replacedRunID: replaced)
    }

    private static func copyAccounts(_ run: PendingRun, runID: Int64, interruptAfter: Int?,
                                     to writer: PostgresCopyFromWriter) async throws {
        var rows = PostgresCopyText(capacity: chunkSize + 4096)
        var account = PendingAccount()
        let intercept = run.scorer.model.intercept.estimate
        for rank in 0..<run.count {
            if rank == interruptAfter { throw InterruptedWrite() }
            account.load(run, rank: rank)
            let info = run.scored.account(at: account.position)
            let score = run.scored.scores[account.position]
            rows.integer(runID)
            rows.text(info.id)
            rows.text(info.name)
            rows.text(info.owner)
            rows.text(info.segment)
            rows.number(info.mrr)
            rows.number(score.churnProbability)
            rows.integer(Int64(score.healthScore))
            rows.text(score.tier.rawValue)
            rows.number(score.revenueAtRisk(mrr: info.mrr))
            account.reasons.withUnsafeBufferPointer { rows.text($0) }
            rows.bytes(account.features)
            rows.number(intercept)
            for family in 0..<StoreSchema.familyColumns.count { rows.number(account.contributions[family]) }
            rows.endRow()
            if rows.buffer.readableBytes >= chunkSize {
                try await writer.write(rows.buffer)
                rows.buffer.clear()
            }
        }
        if rows.buffer.readableBytes > 0 { try await writer.write(rows.buffer) }
    }
}
