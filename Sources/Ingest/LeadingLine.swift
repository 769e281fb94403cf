/// A plain line whose first three columns are the account id, the timestamp and the
/// event's value, in that order: the order of healthscore's own files and of most exports.
///
/// `PlainLine` looks at every separator of a line to find three columns anywhere in it.
/// Knowing where they are lets this look at far less: an export lists an account's rows
/// together, so the id is nearly always the last line's (one 16-byte compare and its comma),
/// the timestamp of the usual form is 20 bytes long (its comma is checked, not searched
/// for), and only the value and the columns after it are scanned, for their separators and
/// the line's end. Reading sessions.csv this way, with the row loop going over a whole
/// buffer at a time, took 0.36-0.37 s instead of 0.47 s for the gigabyte of the
/// benchmark's 20,000-account base on two cores. Every line this takes whose timestamp
/// `EventDayParser.plainDay` then accepts (its 20 bytes are not searched for separators
/// here, that parser checks each one), `PlainLine` takes with the same fields; anything
/// else answers nil.
struct LeadingLine {
    /// The id is the line's first `idEnd` bytes; the timestamp the 20 bytes after its comma.
    var idEnd: Int
    /// The value runs from `valueStart` to `valueEnd`.
    var valueEnd: Int
    /// Bytes of the line, its line feed included.
    var length: Int
    /// Whether the id is `lastId`, found without looking for its comma.
    var sameId: Bool

    var timeStart: Int { idEnd + 1 }
    var valueStart: Int { idEnd + 22 }

    /// The same line as `PlainLine` gives it.
    var plain: PlainLine {
        PlainLine(id: 0..<idEnd, time: timeStart..<timeStart + 20, value: valueStart..<valueEnd, length: length)
    }

    /// The first line of `bytes` (`count` of them at `base`) when it is plain, has exactly
    /// `fields` fields (at least three), and its second field has the 20 bytes of
    /// `YYYY-MM-DDTHH:MM:SSZ` (checked by the caller's day parser). `lastId` is the id of
    /// the last line this took, when it had at most 16 bytes (count 0 otherwise): such an
    /// id has no byte below '-', so no quote or space. nil when the line is
    /// not such a line or does not end inside `bytes`; a CR just before the LF ends it.
    @inline(__always)
    static func scan(_ base: UnsafePointer<UInt8>, count: Int, fields: Int, lastId: AccountIndex.Key) -> LeadingLine? {
        var idEnd = lastId.count
        let sameId = idEnd > 0 && idEnd + 16 <= count && base[idEnd] == UInt8(ascii: ",")
            && AccountIndex.Key(loading: base, count: idEnd) == lastId
        if !sameId {
            // The id ends at its comma; any other separator, a quote or a space first is not plain.
            guard let comma = firstBelowDash(base, from: 0, count: count), comma > 0,
                  base[comma] == UInt8(ascii: ",") else { return nil }
            idEnd = comma
        }
        let valueStart = idEnd + 22
        guard valueStart < count, base[valueStart - 1] == UInt8(ascii: ",") else { return nil }
        // The value ends at the first separator after it: a comma or the line's end. (A
        // space or a quote inside it is not plain.)
        guard let valueEnd = firstBelowDash(base, from: valueStart, count: count),
              base[valueEnd] == UInt8(ascii: ",") || base[valueEnd] == UInt8(ascii: "\n")
                || base[valueEnd] == UInt8(ascii: "\r") else { return nil }
        // The line ends at the first line feed after the value, with `fields - 3` commas
        // and no quote or carriage return (but one just before the line feed) on the way.
        // The bytes are counted rather than branched on: a branch per kind of byte was
        // mispredicted at every line and took a quarter of this function's time.
        var commas = 0
        var quotes = 0
        var returns = 0
        var at = valueEnd
        while base[at] != UInt8(ascii: "\n") {
            let byte = base[at]
            commas &+= byte == UInt8(ascii: ",") ? 1 : 0
            quotes &+= byte == UInt8(ascii: "\"") ? 1 : 0
            returns &+= byte == UInt8(ascii: "\r") ? 1 : 0
            // Anything else below '-' (a space, say) is part of a later column's text.
            guard let next = firstBelowDash(base, from: at + 1, count: count) else { return nil }
            at = next
        }
        guard commas == fields - 3, quotes == 0, returns == 0 || returns == 1 && base[at - 1] == UInt8(ascii: "\r")
        else { return nil }
        return LeadingLine(idEnd: idEnd, valueEnd: valueEnd, length: at + 1, sameId: sameId)
    }

    /// The first byte at or after `start` that sorts below `-` (0x2D): commas, line ends,
    /// quotes and spaces all do; digits, letters, dates' dashes and colons do not. Eight
    /// bytes are tested at once; the lowest flagged byte of a word is always a true one.
    @inline(__always)
    static func firstBelowDash(_ base: UnsafePointer<UInt8>, from start: Int, count: Int) -> Int? {
        var at = start
        while at + 8 <= count {
            let word = UInt64(littleEndian: UnsafeRawPointer(base + at).loadUnaligned(as: UInt64.self))
            let flagged = (word &- 0x2D2D_2D2D_2D2D_2D2D) & ~word & 0x8080_8080_8080_8080
            if flagged != 0 { return at + flagged.trailingZeroBitCount >> 3 }
            at += 8
        }
        while at < count {
            if base[at] < 0x2D { return at }
            at += 1
        }
        return nil
    }
}
