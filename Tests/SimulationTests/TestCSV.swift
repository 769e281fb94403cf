import Foundation

/// A minimal RFC 4180 reader for checking the generated files: quoted fields may hold commas,
/// doubled quotes and line breaks; rows end with LF (a CR is kept, so a stray one is visible).
enum TestCSV {
    struct Table {
        let header: [String]
        let rows: [[String]]

        func column(_ name: String) -> Int {
            guard let index = header.firstIndex(of: name) else { fatalError("no column \(name) in \(header)") }
            return index
        }
    }

    static func read(_ url: URL) throws -> Table {
        let rows = split(try Data(contentsOf: url))
        return Table(header: rows.first ?? [], rows: Array(rows.dropFirst()))
    }

    static func split(_ data: Data) -> [[String]] {
        let bytes = [UInt8](data)
        var rows: [[String]] = []
        var row: [String] = []
        var field: [UInt8] = []
        var inQuotes = false
        var index = 0
        func endField() {
            row.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
        }
        while index < bytes.count {
            let byte = bytes[index]
            if inQuotes {
                if byte == UInt8(ascii: "\"") {
                    if index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "\"") {
                        field.append(byte)
                        index += 1
                    } else {
                        inQuotes = false
                    }
                } else {
                    field.append(byte)
                }
            } else if byte == UInt8(ascii: "\"") && field.isEmpty {
                inQuotes = true
            } else if byte == UInt8(ascii: ",") {
                endField()
            } else if byte == UInt8(ascii: "\n") {
                endField()
                rows.append(row)
                row.removeAll(keepingCapacity: true)
            } else {
                field.append(byte)
            }
            index += 1
        }
        if !field.isEmpty || !row.isEmpty {
            endField()
            rows.append(row)
        }
        return rows
    }
}
