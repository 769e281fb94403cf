/// Where the columns a file needs sit in its header: columns may come in any order,
/// unknown ones are ignored, and names compare without case or surrounding spaces.
package struct ColumnLayout: Sendable {
    package let fileName: String
    /// Field count of the header; every record must have the same.
    package let fieldCount: Int
    private let positions: [String: Int]

    /// Reads the header record of `reader` and checks the required columns are there.
    /// `renames` maps a column name of the input format to the export's header name (a
    /// mapping file's `columns`); errors then name the export's column.
    package init(reading reader: CSVReader, required: [String], optional: [String] = [],
                 renames: [String: String] = [:]) throws(InputError) {
        fileName = reader.fileName
        guard let header = try reader.nextRecord() else {
            throw InputError(file: reader.fileName, line: 1, problem: "the file is empty",
                             hint: "expected a header row with \(required.map { renames[$0] ?? $0 }.joined(separator: ", "))")
        }
        var positions: [String: Int] = [:]
        var names: [String] = []
        let exportNames = Dictionary(renames.map { (ColumnLayout.normalized($0.value), $0.key) }) { first, _ in first }
        for index in 0..<header.count {
            if let problem = InputHygiene.problem(inBytes: header[index]) {
                throw InputError(file: reader.fileName, line: header.line, column: "#\(index + 1)",
                                 problem: "the header name \(problem)", hint: "header names are plain text")
            }
            let exported = ColumnLayout.normalized(header.string(index))
            // A renamed column answers to its input-format name; the original name of a
            // column that was renamed away no longer counts.
            let name = exportNames[exported] ?? (renames[exported] != nil ? "(renamed) " + exported : exported)
            names.append(exported)
            if positions[name] != nil && (required.contains(name) || optional.contains(name)) {
                throw InputError(file: reader.fileName, line: header.line, column: renames[name] ?? name,
                                 problem: "the column appears twice in the header", hint: "keep one of them")
            }
            positions[name] = index
        }
        for column in required where positions[column] == nil {
            let mapped = renames[column].map { _ in " (the mapping's name for \(column))" } ?? ""
            throw InputError(file: reader.fileName, line: header.line, column: renames[column] ?? column,
                             problem: "required column is missing from the header\(mapped)",
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
