/// A plain numeric CSV table, for fitting on features the user built elsewhere.
/// Every cell must be a number: a fit cannot guess what an empty or text cell means.
package struct NumericTable: Sendable {
    package let names: [String]
    /// One array per column, in header order.
    package let columns: [[Double]]

    package var rows: Int { columns.first?.count ?? 0 }

    /// The most columns a fit table may have: the fit forms a matrix of columns x columns,
    /// so a header of a hundred thousand names would ask for terabytes.
    package static let maximumColumns = 1000

    package static func read(path: String) throws(InputError) -> NumericTable {
        let reader = try CSVReader(path: path)
        guard let header = try reader.nextRecord() else {
            throw InputError(file: reader.fileName, line: 1, problem: "the file is empty", hint: "expected a header row")
        }
        guard header.count <= maximumColumns else {
            throw InputError(file: reader.fileName, line: header.line,
                             problem: "\(header.count) columns, more than a fit takes (\(maximumColumns))",
                             hint: "keep the label and the features you want to fit")
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
