/// Writes CSV cells into memory set aside beforehand: the one place that knows how a
/// cell is quoted and made safe to open in a spreadsheet. Score files, risk lists,
/// feature tables and the simulator's datasets are all written through it.
///
/// Text that a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`,
/// tab or carriage return, per OWASP's CSV injection advice) gets a leading `'`, which
/// spreadsheets show as plain text. Numbers are written by `number`, never as text, so
/// they are left alone. Fields with a comma, quote or line break are quoted (RFC 4180).
///
/// A score file is a million rows of a dozen cells. Written through a pointer into room
/// sized up front (`room(forText:)` and the constants below), a cell costs no bounds or
/// uniqueness checks and no allocation. Cells appended to an array one by one, through
/// generic text code, were the largest cost of writing such a file in the profile.
package struct CSVCellWriter {
    // Inlinable across modules: this runs for every cell of a million-row score file.
    package var cursor: UnsafeMutablePointer<UInt8>
    @usableFromInline var rowStarted: Bool

    /// A writer at `start`; `continuingRow` when cells already precede it on the row.
    @inlinable
    package init(at start: UnsafeMutablePointer<UInt8>, continuingRow: Bool = false) {
        cursor = start
        rowStarted = continuingRow
    }

    /// The most a text cell can take: a comma before it, two quotes, an apostrophe, and
    /// every byte doubled (a text of quotes only).
    @inlinable
    package static func room(forText value: String) -> Int { room(forTextOfLength: value.utf8.count) }

    /// The most a text cell of `length` UTF-8 bytes can take.
    @inlinable
    package static func room(forTextOfLength length: Int) -> Int { 2 * length + 4 }

    /// The most a number cell can take, with its comma.
    @inlinable
    package static func room(forNumber value: Double?, decimals: Int) -> Int {
        guard let value, value.isFinite else { return 1 }
        // Below 1e9, 9 decimals still fit 64-bit arithmetic: the fast path applies.
        if value.magnitude < 1e9 && decimals <= 9 { return DecimalText.maximumFastLength + 1 }
        return DecimalText.string(value, decimals: decimals).utf8.count + 1
    }

    /// The most an integer cell can take: a comma, a sign and 19 digits.
    package static let roomForInteger = 21

    @inlinable
    package mutating func text(_ value: String) {
        // Native and small strings are contiguous UTF-8 and read in place; others are
        // copied into that form first.
        if value.utf8.withContiguousStorageIfAvailable({ text(utf8: $0) }) == nil {
            var copy = value
            copy.withUTF8 { text(utf8: $0) }
        }
    }

    @inlinable
    package mutating func text(utf8 value: UnsafeBufferPointer<UInt8>) {
        separate()
        let quoted = CSVCellWriter.needsQuotes(value)
        if quoted { put(34) }
        if CSVCellWriter.needsNeutralising(value) { put(UInt8(ascii: "'")) }
        if quoted && value.contains(34) {
            for byte in value {
                if byte == 34 { put(34) }
                put(byte)
            }
        } else if let base = value.baseAddress {
            cursor.update(from: base, count: value.count)
            cursor += value.count
        }
        if quoted { put(34) }
    }

    /// A number with a fixed count of decimals (as printf's `%.Nf`); nil writes an empty cell.
    @inlinable
    package mutating func number(_ value: Double?, decimals: Int) {
        separate()
        guard let value, value.isFinite else { return }
        if let count = DecimalText.write(value, decimals: decimals, to: cursor) {
            cursor += count
        } else {
            var text = DecimalText.string(value, decimals: decimals)
            text.withUTF8 { bytes in
                cursor.update(from: bytes.baseAddress!, count: bytes.count)
                cursor += bytes.count
            }
        }
    }

    @inlinable
    package mutating func integer(_ value: Int) {
        separate()
        cursor += DecimalText.writeInteger(value, to: cursor)
    }

    @inlinable
    package mutating func endRow() {
        put(10)
        rowStarted = false
    }

    @usableFromInline @inline(__always)
    mutating func separate() {
        if rowStarted { put(44) }
        rowStarted = true
    }

    @usableFromInline @inline(__always)
    mutating func put(_ byte: UInt8) {
        cursor.pointee = byte
        cursor += 1
    }

    /// Whether the text holds a comma, quote or line break. Read eight bytes at a time
    /// (this reads every byte of every text cell of a score file): a word holds byte `b`
    /// when `word ^ b...b` has a zero byte, which the classic bit test below finds exactly.
    @inlinable
    package static func needsQuotes(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = value.baseAddress else { return false }
        func hasZeroByte(_ word: UInt64) -> Bool { (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080 != 0 }
        let ones: UInt64 = 0x0101_0101_0101_0101
        var index = 0
        while index + 8 <= value.count {
            let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
            if hasZeroByte(word ^ (44 &* ones)) || hasZeroByte(word ^ (34 &* ones))
                || hasZeroByte(word ^ (10 &* ones)) || hasZeroByte(word ^ (13 &* ones)) { return true }
            index += 8
        }
        for byte in value[index...] where byte == 44 || byte == 34 || byte == 10 || byte == 13 { return true }
        return false
    }

    /// Whether the text would run as a formula. Leading apostrophes are looked past, so
    /// that a user's own `'` before a formula character survives reading back (see
    /// `CSVLine.restored`).
    @inlinable
    package static func needsNeutralising(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
        for byte in value where byte != UInt8(ascii: "'") { return isFormulaStart(byte) }
        return false
    }

    @inlinable
    package static func isFormulaStart(_ first: UInt8) -> Bool {
        first == UInt8(ascii: "=") || first == UInt8(ascii: "+") || first == UInt8(ascii: "-")
            || first == UInt8(ascii: "@") || first == 9 || first == 13
    }
}
