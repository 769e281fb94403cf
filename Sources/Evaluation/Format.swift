import Foundation

/// Number formats shared by the terminal tables and the HTML report, independent of the
/// machine's locale so that the same data always prints the same way.
package enum Format {
    /// "0.812", or "-" for nil.
    package static func decimal(_ value: Double?, _ decimals: Int = 3) -> String {
        guard let value, value.isFinite else { return "-" }
        return String(format: "%.\(decimals)f", value)
    }

    /// A fraction as a percentage: 0.1234 -> "12.3%"; "-" for nil.
    package static func percent(_ value: Double?, _ decimals: Int = 1) -> String {
        guard let value, value.isFinite else { return "-" }
        return String(format: "%.\(decimals)f%%", 100 * value)
    }

    /// Whole currency units with thousands separators: 41234.5 -> "41,235"; "-" for nil.
    package static func money(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "-" }
        // Beyond 10^15 no amount is real, and Int would overflow: scientific notation.
        guard abs(value) < 1e15 else { return String(format: "%.3g", value) }
        let rounded = Int(value.rounded())
        let digits = String(abs(rounded))
        var grouped = ""
        for (index, character) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { grouped.append(",") }
            grouped.append(character)
        }
        return (rounded < 0 ? "-" : "") + grouped
    }

    /// A count with thousands separators.
    package static func count(_ value: Int) -> String { money(Double(value)) }
}

/// A plain-text table with aligned columns, for the terminal.
package struct TextTable {
    package var header: [String]
    package var rows: [[String]] = []
    /// Columns aligned left (the others align right, as numbers do).
    package var leftAligned: Set<Int> = [0]

    package init(header: [String]) { self.header = header }

    package mutating func add(_ row: [String]) { rows.append(row) }

    package var text: String {
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { $0.indices.contains(column) ? $0[column].count : 0 }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { column, cell in
                let pad = String(repeating: " ", count: max(0, widths[column] - cell.count))
                return leftAligned.contains(column) ? cell + pad : pad + cell
            }.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
        let rule = String(repeating: "-", count: widths.reduce(0, +) + 2 * max(0, widths.count - 1))
        return ([line(header), rule] + rows.map(line)).joined(separator: "\n")
    }
}
