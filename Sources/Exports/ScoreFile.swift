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

    /// Reads a file written by `write` (CSV or JSON) and checks it (`ScoreFileCheck`):
    /// probabilities 0-1, health scores 0-100 that agree with them, revenue at risk that is
    /// probability x MRR, one as-of day and one horizon, each account once.
    package static func read(path: String) throws(InputError) -> [ScoreRow] {
        let name = String(path.split(separator: "/").last ?? Substring(path))
        try InputFiles.requireRegularFile(path, name: name)
        if path.lowercased().hasSuffix(".json") {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw InputError(file: name, problem: "cannot be read", hint: "check the path")
            }
            let decoder = JSONDecoder()
            decoder.keyDecodingStrategy = .convertFromSnakeCase
            let rows: [ScoreRow]
            do {
                rows = try decoder.decode([ScoreRow].self, from: data)
            } catch {
                throw InputError(file: name, problem: "is not a score file written by `healthscore score`")
            }
            var check = ScoreFileCheck(file: name)
            for (index, row) in rows.enumerated() {
                try check.check(row, place: .jsonRow(index + 1))
            }
            return rows
        }
        return try readCSV(path: path)
    }

    static func readCSV(path: String) throws(InputError) -> [ScoreRow] {
        let reader = try CSVReader(path: path)
        let required = ["account_id", "churn_probability", "health_score", "tier", "revenue_at_risk", "as_of", "horizon_days"]
        let layout = try ColumnLayout(reading: reader, required: required,
                                      optional: ["rank", "name", "owner", "segment", "mrr", "reasons"] + LifetimeColumns.columnNames)
        let file = reader.fileName
        var rows: [ScoreRow] = []
        var check = ScoreFileCheck(file: file)
        while let record = try reader.nextRecord() {
            try layout.check(record)
            func text(_ column: String) -> String { layout[column].map { CSVLine.restored(record.string($0)) } ?? "" }
            func fail(_ column: String, _ expected: String) -> InputError {
                InputError(file: file, line: record.line, column: column,
                           problem: "'\(text(column))' is not \(expected)", hint: "score files come from `healthscore score`")
            }
            guard let probability = FieldParsing.decimal(record[layout["churn_probability"]!])
            else { throw fail("churn_probability", "a probability (0 to 1)") }
            guard let health = FieldParsing.integer(record[layout["health_score"]!])
            else { throw fail("health_score", "a health score (a whole number 0 to 100)") }
            guard let tier = Tier(rawValue: text("tier"))
            else { throw fail("tier", "a tier (" + Tier.allCases.map(\.rawValue).joined(separator: ", ") + ")") }
            guard let atRisk = FieldParsing.decimal(record[layout["revenue_at_risk"]!])
            else { throw fail("revenue_at_risk", "an amount") }
            guard let asOf = CalendarDay(text("as_of")) else { throw fail("as_of", "a date YYYY-MM-DD") }
            guard let horizon = FieldParsing.integer(record[layout["horizon_days"]!])
            else { throw fail("horizon_days", "a number of days") }
            let mrrText = text("mrr")
            var mrr: Double?
            if !mrrText.isEmpty {
                guard let value = FieldParsing.decimal(record[layout["mrr"]!]) else { throw fail("mrr", "an amount") }
                mrr = value
            }
            let reasons = text("reasons")
            /// A survival model's number, nil when the column is absent or the cell empty.
            func optional(_ column: String) throws(InputError) -> Double? {
                guard let index = layout[column], !text(column).isEmpty else { return nil }
                guard let value = FieldParsing.decimal(record[index]) else { throw fail(column, "a number") }
                return value
            }
            var lifetime: LifetimeColumns?
            if let p30 = try optional("churn_probability_30d") {
                guard let p90 = try optional("churn_probability_90d"), let p180 = try optional("churn_probability_180d"),
                      let p365 = try optional("churn_probability_365d"),
                      let months = try optional("expected_lifetime_months") else { throw fail("expected_lifetime_months", "a number (every survival column is given, or none)") }
                lifetime = LifetimeColumns(
                    churnProbability30d: p30, churnProbability90d: p90, churnProbability180d: p180,
                    churnProbability365d: p365, expectedLifetimeMonths: months, lifetimeValue: try optional("lifetime_value"),
                    margin: try optional("margin") ?? LifetimeTerms.defaultMargin,
                    discountRate: try optional("discount_rate") ?? LifetimeTerms.defaultAnnualDiscountRate)
            }
            let row = ScoreRow(
                accountID: text("account_id"), name: text("name"), owner: text("owner"), segment: text("segment"),
                mrr: mrr, churnProbability: probability, healthScore: health, tier: tier, revenueAtRisk: atRisk,
                reasons: reasons.isEmpty ? [] : reasons.components(separatedBy: reasonSeparator),
                asOf: asOf, horizonDays: horizon, lifetime: lifetime)
            try check.check(row, place: .csvLine(record.line))
            rows.append(row)
        }
        return rows
    }
}

/// The checks every score file read back passes, row by row: values in range, columns
/// that agree with each other, one as-of day and horizon for the whole file, each account
/// once. A file edited by hand or put together from two runs is refused with the place.
struct ScoreFileCheck {
    enum Place {
        case csvLine(Int)
        /// 1-based position in the JSON array.
        case jsonRow(Int)
    }

    let file: String
    private var asOf: (CalendarDay, Place)?
    private var horizon: Int?
    private var lines: [String: Place] = [:]

    init(file: String) { self.file = file }

    mutating func check(_ row: ScoreRow, place: Place) throws(InputError) {
        func fail(_ column: String, _ problem: String) -> InputError {
            switch place {
            case .csvLine(let line):
                return InputError(file: file, line: line, column: column, problem: problem,
                                  hint: "score files come from `healthscore score`")
            case .jsonRow(let index):
                return InputError(file: file, column: column, problem: "row \(index): " + problem,
                                  hint: "score files come from `healthscore score`")
            }
        }
        guard !row.accountID.isEmpty else { throw fail("account_id", "the account id is empty") }
        if let problem = InputHygiene.problem(inText: row.accountID) {
            throw fail("account_id", problem)
        }
        if let earlier = lines[row.accountID] {
            throw fail("account_id", "account '\(row.accountID)' appears twice (first \(ScoreFileCheck.describe(earlier)))")
        }
        lines[row.accountID] = place
        let p = row.churnProbability
        guard p.isFinite, (0...1).contains(p) else {
            throw fail("churn_probability", "\(p) is not a probability (0 to 1)")
        }
        guard (0...100).contains(row.healthScore) else {
            throw fail("health_score", "\(row.healthScore) is not a health score (0 to 100)")
        }
        // The probability is written with 6 decimals; the health score was rounded from the
        // unrounded one, so the two may differ by one point at a rounding boundary.
        let expected = (100 * (1 - p)).rounded()
        guard abs(Double(row.healthScore) - expected) <= 1 else {
            throw fail("health_score", "\(row.healthScore) does not match churn_probability \(p) (expected about \(Int(expected)))")
        }
        if let mrr = row.mrr {
            guard mrr.isFinite, mrr >= 0 else { throw fail("mrr", "\(mrr) is not an amount (a number >= 0)") }
        }
        let atRisk = row.revenueAtRisk
        guard atRisk.isFinite, atRisk >= 0 else {
            throw fail("revenue_at_risk", "\(atRisk) is not an amount (a number >= 0)")
        }
        let product = p * (row.mrr ?? 0)
        guard abs(atRisk - product) <= 0.01 + 1e-6 * product else {
            throw fail("revenue_at_risk", "\(atRisk) is not churn_probability x mrr (\(String(format: "%.2f", product)))")
        }
        guard (1...3660).contains(row.horizonDays) else {
            throw fail("horizon_days", "\(row.horizonDays) is not a horizon (1 to 3660 days)")
        }
        if let (day, first) = asOf {
            guard row.asOf == day else {
                throw fail("as_of", "\(row.asOf) differs from \(day) (\(ScoreFileCheck.describe(first))): a score file holds one scoring day")
            }
        } else {
            asOf = (row.asOf, place)
        }
        if let horizon, row.horizonDays != horizon {
            throw fail("horizon_days", "\(row.horizonDays) differs from \(horizon) on the rows before: a score file holds one model's scores")
        }
        horizon = row.horizonDays
    }

    static func describe(_ place: Place) -> String {
        switch place {
        case .csvLine(let line): "on line \(line)"
        case .jsonRow(let index): "in row \(index)"
        }
    }
}
