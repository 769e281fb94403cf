/// A plain numeric CSV table, for fitting on features the user built elsewhere.
/// Every cell must be a number: a fit cannot guess what an empty or text cell means.
package struct NumericTable: Sendable {
    package let names: [String]
    /// One array per column, in header order.
    package let columns: [[Double]]

    package var rows: Int { columns.first?.count ?? 0 }

    package static func read(path: String) throws(InputError) -> NumericTable {
        let reader = try CSVReader(path: path)
        guard let header = try reader.nextRecord() else {
            throw InputError(file: reader.fileName, line: 1, problem: "the file is empty", hint: "expected a header row")
        }
        let names = (0..<header.count).map { header.string($0).trimmingSpaces }
        var columns = [[Double]](repeating: [], count: names.count)
        while let record = try reader.nextRecord() {
            guard record.count == names.count else {
                throw InputError(file: reader.fileName, line: record.line,
                                 problem: "expected \(names.count) fields like the header, found \(record.count)")
            }
            for index in 0..<names.count {
                guard let value = FieldParsing.decimal(record[index]) else {
                    let text = record.string(index)
                    throw InputError(file: reader.fileName, line: record.line, column: names[index],
                                     problem: text.isEmpty ? "the cell is empty" : "'\(text)' is not a number",
                                     hint: "every cell of a fit table must be a number")
                }
                columns[index].append(value)
            }
        }
        return NumericTable(names: names, columns: columns)
    }
}
