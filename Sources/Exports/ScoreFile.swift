import Foundation
import Ingest
import Scoring
import Survival

/// The score and risk-list files: CSV for spreadsheets and CRM imports, JSON for scripts,
/// chosen by the file's extension.
package enum ScoreFile {
    package enum Format: Sendable { case csv, json }

    /// The format for an output path, or an error naming the extensions that work.
    package static func format(of path: String) throws(OutputError) -> Format {
        let lower = path.lowercased()
        if lower.hasSuffix(".csv") { return .csv }
        if lower.hasSuffix(".json") { return .json }
        throw .unknownFileType(path: path, known: [".csv", ".json"])
    }

    /// Columns of the CSV, in order. `rank` comes first in risk lists only; scores from a
    /// survival model add `LifetimeColumns.columnNames` at the end.
    package static let columns = ["account_id", "name", "owner", "segment", "mrr", "churn_probability",
                                 "health_score", "tier", "revenue_at_risk", "reasons", "as_of", "horizon_days"]

    /// Reasons share one CSV cell, separated by this.
    static let reasonSeparator = "; "

    /// Rows per formatting task: about 1.5 MB of CSV.
    static let rowsPerBlock = 8192

    /// Writes rows atomically; `ranked` adds a 1-based rank column (risk lists).
    package static func write(_ rows: [ScoreRow], to path: String, ranked: Bool = false) throws(OutputError) {
        let lifetime = rows.contains { $0.lifetime != nil }
        try write(to: path, ranked: ranked, lifetime: lifetime, rowCount: rows.count, json: { json(rows, ranked: ranked) }) { range, block in
            ScoreCells.format(rows, range, ranked: ranked, lifetimeColumns: lifetime, into: block)
        }
    }

    /// Writes a scored snapshot atomically, its names and reasons put in words on the way
    /// to the file.
    package static func write(_ scored: ScoredSnapshot, to path: String) throws(OutputError) {
        try write(to: path, ranked: false, lifetime: scored.lifetimes != nil, rowCount: scored.count,
                  json: { json(scored.rows, ranked: false) }) { range, block in
            ScoreCells.format(scored, range, into: block)
        }
    }

    private static func write(to path: String, ranked: Bool, lifetime: Bool, rowCount: Int, json: () -> [UInt8],
                              csvRows: @Sendable (Range<Int>, ByteBlock) -> Void) throws(OutputError) {
        let format = try format(of: path)
        let file = try AtomicFile(path: path)
        switch format {
        case .csv:
            var header = CSVLine()
            for name in (ranked ? ["rank"] : []) + columns + (lifetime ? LifetimeColumns.columnNames : []) { header.text(name) }
            header.endRow()
            try file.append(header.take())
            try CSVBlockWriter.write(rowCount: rowCount, rowsPerBlock: rowsPerBlock, to: file, format: csvRows)
        case .json:
            try file.append(json())
        }
        try file.commit()
    }

    static func json(_ rows: [ScoreRow], ranked: Bool) -> [UInt8] {
        struct Ranked: Encodable {
            let rank: Int?
            let row: ScoreRow
            func encode(to encoder: Encoder) throws {
                if let rank {
                    var container = encoder.container(keyedBy: RankKey.self)
                    try container.encode(rank, forKey: .rank)
                }
                try row.encode(to: encoder)
            }
            enum RankKey: String, CodingKey { case rank }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        let items = rows.enumerated().map { Ranked(rank: ranked ? $0.offset + 1 : nil, row: $0.element) }
        // Encoding plain values cannot fail.
        return Array((try? encoder.encode(items)) ?? Data("[]".utf8)) + [10]
    }

    /// Reads a file written by `write` (CSV or JSON).
    package static func read(path: String) throws(InputError) -> [ScoreRow] {
        let name = String(path.split(separator: "/").last ?? Substring(path))
        if path.lowercased().hasSuffix(".json") {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw InputError(file: name, problem: "cannot be read", hint: "check the path")
            }
            let decoder = JSONDecoder()
            decoder.keyDecodingStrategy = .convertFromSnakeCase
            do {
                return try decoder.decode([ScoreRow].self, from: data)
            } catch {
                throw InputError(file: name, problem: "is not a score file written by `healthscore score`")
            }
        }
        return try readCSV(path: path)
    }

    static func readCSV(path: String) throws(InputError) -> [ScoreRow] {
        let reader = try CSVReader(path: path)
        let required = ["account_id", "churn_probability", "health_score", "tier", "revenue_at_risk", "as_of", "horizon_days"]
        let layout = try ColumnLayout(reading: reader, required: required,
                                      optional: ["name", "owner", "segment", "mrr", "reasons"] + LifetimeColumns.columnNames)
        let file = reader.fileName
        var rows: [ScoreRow] = []
        while let record = try reader.nextRecord() {
            try layout.check(record)
            func text(_ column: String) -> String { layout[column].map { CSVLine.restored(record.string($0)) } ?? "" }
            func fail(_ column: String) -> InputError {
                InputError(file: file, line: record.line, column: column,
                           problem: "'\(text(column))' is not a valid value", hint: "score files come from `healthscore score`")
            }
            guard let probability = FieldParsing.decimal(record[layout["churn_probability"]!]),
                  (0...1).contains(probability) else { throw fail("churn_probability") }
            guard let health = FieldParsing.integer(record[layout["health_score"]!]) else { throw fail("health_score") }
            guard let tier = Tier(rawValue: text("tier")) else { throw fail("tier") }
            guard let atRisk = FieldParsing.decimal(record[layout["revenue_at_risk"]!]) else { throw fail("revenue_at_risk") }
            guard let asOf = CalendarDay(text("as_of")) else { throw fail("as_of") }
            guard let horizon = FieldParsing.integer(record[layout["horizon_days"]!]) else { throw fail("horizon_days") }
            let mrrText = text("mrr")
            var mrr: Double?
            if !mrrText.isEmpty {
                guard let value = FieldParsing.decimal(record[layout["mrr"]!]) else { throw fail("mrr") }
                mrr = value
            }
            let reasons = text("reasons")
            /// A survival model's number, nil when the column is absent or the cell empty.
            func optional(_ column: String) throws(InputError) -> Double? {
                guard let index = layout[column], !text(column).isEmpty else { return nil }
                guard let value = FieldParsing.decimal(record[index]) else { throw fail(column) }
                return value
            }
            var lifetime: LifetimeColumns?
            if let p30 = try optional("churn_probability_30d") {
                guard let p90 = try optional("churn_probability_90d"), let p180 = try optional("churn_probability_180d"),
                      let p365 = try optional("churn_probability_365d"),
                      let months = try optional("expected_lifetime_months") else { throw fail("expected_lifetime_months") }
                lifetime = LifetimeColumns(
                    churnProbability30d: p30, churnProbability90d: p90, churnProbability180d: p180,
                    churnProbability365d: p365, expectedLifetimeMonths: months, lifetimeValue: try optional("lifetime_value"),
                    margin: try optional("margin") ?? LifetimeTerms.defaultMargin,
                    discountRate: try optional("discount_rate") ?? LifetimeTerms.defaultAnnualDiscountRate)
            }
            rows.append(ScoreRow(
                accountID: text("account_id"), name: text("name"), owner: text("owner"), segment: text("segment"),
                mrr: mrr, churnProbability: probability, healthScore: health, tier: tier, revenueAtRisk: atRisk,
                reasons: reasons.isEmpty ? [] : reasons.components(separatedBy: reasonSeparator),
                asOf: asOf, horizonDays: horizon, lifetime: lifetime))
        }
        return rows
    }
}
