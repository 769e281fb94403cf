/// Where the columns a file needs sit in its header: columns may come in any order,
/// unknown ones are ignored, and names compare without case or surrounding spaces.
package struct ColumnLayout: Sendable {
    package let fileName: String
    /// Field count of the header; every record must have the same.
    package let fieldCount: Int
    private let positions: [String: Int]

    /// Reads the header record of `reader` and checks the required columns are there.
    package init(reading reader: CSVReader, required: [String], optional: [String] = []) throws(InputError) {
        fileName = reader.fileName
        guard let header = try reader.nextRecord() else {
            throw InputError(file: reader.fileName, line: 1, problem: "the file is empty",
                             hint: "expected a header row with \(required.joined(separator: ", "))")
        }
        var positions: [String: Int] = [:]
        var names: [String] = []
        for index in 0..<header.count {
            let name = ColumnLayout.normalized(header.string(index))
            names.append(name)
            if positions[name] != nil && (required.contains(name) || optional.contains(name)) {
                throw InputError(file: reader.fileName, line: header.line, column: name,
                                 problem: "the column appears twice in the header", hint: "keep one of them")
            }
            positions[name] = index
        }
        for column in required where positions[column] == nil {
            throw InputError(file: reader.fileName, line: header.line, column: column,
                             problem: "required column is missing from the header",
                             hint: "found: \(names.joined(separator: ", "))")
        }
        self.fieldCount = header.count
        self.positions = positions
    }

    /// Index of a column, nil if the file does not have it.
    package subscript(column: String) -> Int? { positions[column] }

    /// Throws unless the record has as many fields as the header.
    @inlinable
    package func check(_ record: CSVRecord) throws(InputError) {
        if record.count != fieldCount {
            throw InputError(file: fileName, line: record.line,
                             problem: "expected \(fieldCount) fields like the header, found \(record.count)",
                             hint: "a comma inside a value needs the value in double quotes")
        }
    }

    static func normalized(_ name: String) -> String {
        var text = Substring(name)
        while let first = text.first, first == " " || first == "\t" { text.removeFirst() }
        while let last = text.last, last == " " || last == "\t" { text.removeLast() }
        return text.lowercased()
    }
}
