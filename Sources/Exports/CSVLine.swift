import Ingest

/// Builds CSV rows that are safe to open in a spreadsheet, a cell at a time, into a
/// growing byte array: for files of modest size (feature tables, tests). Cells are
/// written, quoted and neutralised by `CSVCellWriter`; score files use it directly.
package struct CSVLine {
    package private(set) var bytes: [UInt8] = []
    private var fieldsInRow = 0

    package init() {}

    package mutating func text(_ value: String) {
        write(room: CSVCellWriter.room(forText: value)) { $0.text(value) }
    }

    /// A number with a fixed count of decimals (as printf's `%.Nf`); nil writes an empty field.
    package mutating func number(_ value: Double?, decimals: Int) {
        write(room: CSVCellWriter.room(forNumber: value, decimals: decimals)) { $0.number(value, decimals: decimals) }
    }

    package mutating func integer(_ value: Int) {
        write(room: CSVCellWriter.roomForInteger) { $0.integer(value) }
    }

    package mutating func endRow() {
        bytes.append(10)
        fieldsInRow = 0
    }

    /// Hands out the bytes built so far and starts empty.
    package mutating func take() -> [UInt8] {
        defer { bytes.removeAll(keepingCapacity: true) }
        return bytes
    }

    /// Adds `room` bytes, lets `cell` write into them and drops what it left unused.
    private mutating func write(room: Int, _ cell: (inout CSVCellWriter) -> Void) {
        let start = bytes.count
        bytes.append(contentsOf: repeatElement(0, count: room))
        let end = bytes.withUnsafeMutableBufferPointer { buffer in
            var writer = CSVCellWriter(at: buffer.baseAddress! + start, continuingRow: fieldsInRow > 0)
            cell(&writer)
            return writer.cursor - buffer.baseAddress!
        }
        bytes.removeSubrange(end...)
        fieldsInRow += 1
    }

    /// Formula-like text, and text that already starts with apostrophes before a
    /// formula character (so that reading back can tell our `'` from the user's own).
    static func needsNeutralising(_ value: String) -> Bool {
        var value = value
        return value.withUTF8(CSVCellWriter.needsNeutralising)
    }

    /// Undoes the neutralising `'` when reading our own export back.
    static func restored(_ value: String) -> String {
        guard value.hasPrefix("'"), needsNeutralising(value) else { return value }
        return String(value.dropFirst())
    }
}
