import Foundation
import PostgresNIO

/// The dashboard's reads of a PostgreSQL store, each on the primary key (run_id, account_id).
extension PostgresStore {
    func listing(run: RunSummary) async throws -> (rows: [AccountRow], features: [[Double]]) {
        let query = PostgresQuery(unsafeSQL: """
            SELECT \(StoreReads.listingColumns.joined(separator: ", ")) FROM run_accounts
            WHERE run_id = $1 ORDER BY account_id
            """, binds: { var binds = PostgresBindings(); binds.append(run.id); return binds }())
        var rows: [AccountRow] = []
        rows.reserveCapacity(run.accountCount)
        var features = StoreReads.FeatureColumns(count: run.featureNames.count, capacity: run.accountCount)
        for try await (id, name, owner, segment, mrr, probability, health, tier, atRisk, reasons, packed)
            in try await client.query(query, logger: logger)
            .decode((String, String, String, String, Double?, Double, Int, String, Double, String, ByteBuffer).self) {
            rows.append(AccountRow(accountID: id, name: name, owner: owner, segment: segment, mrr: mrr,
                                   churnProbability: probability, healthScore: health, tier: StoreRows.tier(tier),
                                   revenueAtRisk: atRisk, topReason: StoreReads.topReason(reasons)))
            packed.withUnsafeReadableBytes { features.append($0) }
        }
        return (rows, features.columns)
    }

    func runsVersion() async throws -> RunsVersion {
        for try await (count, largest) in try await client.query(
            "SELECT count(*)::BIGINT, coalesce(max(id), 0)::BIGINT FROM runs", logger: logger).decode((Int, Int64).self) {
            return RunsVersion(count: count, largestID: largest)
        }
        return RunsVersion(count: 0, largestID: 0)
    }

    func account(run: Int64, accountID: String) async throws -> RunAccountRecord? {
        let query = PostgresQuery(unsafeSQL: """
            SELECT \(StoreSchema.runAccountColumns.joined(separator: ", ")) FROM run_accounts
            WHERE run_id = $1 AND account_id = $2
            """, binds: { var binds = PostgresBindings(); binds.append(run); binds.append(accountID); return binds }())
        for try await row in try await client.query(query, logger: logger) {
            let cells = row.makeRandomAccess()
            var family: [Double] = []
            for index in 0..<StoreSchema.familyColumns.count { family.append(try cells[13 + index].decode(Double.self)) }
            let packed = try cells[11].decode(ByteBuffer.self)
            return RunAccountRecord(
                runId: try cells[0].decode(Int64.self), accountId: try cells[1].decode(String.self),
                name: try cells[2].decode(String.self), owner: try cells[3].decode(String.self),
                segment: try cells[4].decode(String.self), mrr: try cells[5].decode(Double?.self),
                churnProbability: try cells[6].decode(Double.self), healthScore: try cells[7].decode(Int.self),
                tier: try cells[8].decode(String.self), revenueAtRisk: try cells[9].decode(Double.self),
                reasons: try cells[10].decode(String.self), featureValues: Data(packed.readableBytesView),
                contributionIntercept: try cells[12].decode(Double.self),
                contributionSessionFrequency: family[0], contributionSessionDuration: family[1], contributionNps: family[2],
                contributionMarketing: family[3], contributionInteractions: family[4], contributionTenure: family[5],
                contributionAccountSize: family[6])
        }
        return nil
    }

    func totals(runs: [Int64]) async throws -> [RunTotals] {
        var rows: [(Int64, String, Int, Double, Double)] = []
        for try await row in try await client.query("""
            SELECT run_id, tier, count(*)::BIGINT, coalesce(sum(mrr), 0)::DOUBLE PRECISION, sum(revenue_at_risk)::DOUBLE PRECISION
            FROM run_accounts WHERE run_id = ANY(\(runs)) GROUP BY run_id, tier
            """, logger: logger).decode((Int64, String, Int, Double, Double).self) {
            rows.append(row)
        }
        return StoreReads.totals(runs: runs, rows: rows)
    }
}
