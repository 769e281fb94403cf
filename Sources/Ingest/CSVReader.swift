#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A streaming RFC 4180 reader over raw bytes.
///
/// Hand-written rather than built on a general CSV package because this is the hot path:
/// event files run to gigabytes, and the reader hands out fields as byte slices of its
/// own buffer, so a numeric or date column is parsed without ever becoming a `String`.
/// Memory stays at one buffer of 1 MiB: a single record longer than that
/// (`maximumRecordBytes`) is an error, so an endless line (a device, a file of zeros)
/// ends the read instead of growing the buffer without bound.
///
/// Accepts a UTF-8 BOM, LF or CRLF line ends, quoted fields with `""` escapes and
/// embedded separators or line breaks, and skips blank lines.
///
/// A reader can also cover one byte range of a file (`init(path:range:)`), so that
/// several threads read parts of one file; see `PartitionedRead`.
///
/// Profiling a 1 GB sessions file showed the first version of this reader spending
/// three quarters of its time on bookkeeping rather than parsing: dynamic exclusivity
/// checks on the reader's stored properties and reference counting of the per-record
/// field arrays. The parse loop therefore works on local copies of the reader's state,
/// and field bounds live in a buffer the reader owns, which records point into.
package final class CSVReader {
    /// The name errors use (the file's last path component).
    package let fileName: String
    private let descriptor: Int32
    private var buffer: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private var filled = 0          // bytes of `buffer` holding data
    private var position = 0        // next unread byte
    private var bufferOffset = 0    // file offset of buffer[0]
    private var atEndOfFile = false
    private var line = 1            // physical line of `position`
    /// Records starting at or after this file offset belong to the next range.
    private var stopOffset: Int
    /// Field bounds of the current record: start and end of field i at 2i and 2i + 1.
    /// An end stored negated (-end - 1) marks a quoted field holding `""` escapes.
    private var bounds: UnsafeMutablePointer<Int>
    private var boundsCapacity = 64
    private var fieldCount = 0

    /// Bytes read per system call: large enough that syscalls do not show in a profile.
    package static let chunkSize = 1 << 20
    /// The longest record read: 1 MiB, thousands of times any real row of an export.
    package static let maximumRecordBytes = 1 << 20

    /// Reads the whole file.
    package convenience init(path: String, displayName: String? = nil) throws(InputError) {
        try self.init(path: path, displayName: displayName, range: nil, startsAtRecord: true, firstLine: 1)
    }

    /// Reads the records that start inside `range` of the file, up to the last record
    /// starting before `range.upperBound`, which is read to its end. `firstLine` is the
    /// line number given to the first line read.
    ///
    /// When `startsAtRecord` is false, reading starts at the first line start at or after
    /// `range.lowerBound` (the byte after the first line break at or after
    /// `range.lowerBound - 1`). A line break inside a quoted field looks like a line start
    /// too, so such a start is a guess, which `PartitionedRead` checks against where the
    /// previous range's reader actually stopped (`offset`).
    init(path: String, displayName: String? = nil, range: Range<Int>?, startsAtRecord: Bool,
         firstLine: Int) throws(InputError) {
        let name = displayName ?? String(path.split(separator: "/").last ?? Substring(path))
        fileName = name
        // Only regular files: a device or a pipe may never end, and a dangling link is an
        // error of its own rather than a file that cannot be opened.
        switch InputFiles.status(path) {
        case .regular: break
        case .missing: throw InputError(file: name, problem: "cannot be opened: \(String(cString: strerror(ENOENT)))")
        case .danglingLink: throw InputFiles.danglingLink(path, name: name)
        case .notRegular: throw InputFiles.notRegular(name: name)
        }
        descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            throw InputError(file: name, problem: "cannot be opened: \(String(cString: strerror(errno)))")
        }
        capacity = CSVReader.chunkSize
        buffer = .allocate(capacity: capacity)
        bounds = .allocate(capacity: 2 * boundsCapacity)
        line = firstLine
        stopOffset = range?.upperBound ?? Int.max
        let start = range?.lowerBound ?? 0
        if start > 0 {
            // A guessed start begins one byte early: a range starting right after a line
            // break keeps that line.
            let first = startsAtRecord ? start : start - 1
            guard lseek(descriptor, off_t(first), SEEK_SET) >= 0 else {
                throw InputError(file: name, problem: "cannot be read: \(String(cString: strerror(errno)))")
            }
            bufferOffset = first
            try fill()
            if !startsAtRecord { try skipPastLineBreak() }
        } else {
            try fill()
            // A UTF-8 byte order mark is accepted and skipped.
            if filled >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { position = 3 }
        }
    }

    /// Ends this reader's range at `offset`: records starting there or later belong to the
    /// next range. The reader of a header reads on as the first range's, so the bytes it
    /// has are not read again.
    func endRange(at offset: Int) {
        stopOffset = offset
    }

    deinit {
        close(descriptor)
        buffer.deallocate()
        bounds.deallocate()
    }

    /// File offset of the next unread byte: after `nextRecord` returned nil, where this
    /// reader's records end.
    var offset: Int { bufferOffset + position }

    /// The physical line of the next unread byte.
    var currentLine: Int { line }

    /// Reads the next record; nil at the end of the file (or of the range).
    /// The record's slices stay valid until the next call.
    package func nextRecord() throws(InputError) -> CSVRecord? {
        while true {
            if bufferOffset + position >= stopOffset { return nil }
            let startLine = line
            switch parseRecord() {
            case .record(let hadQuotes):
                // A blank line is one empty unquoted field: skip it.
                if fieldCount == 1 && bounds[1] == bounds[0] && !hadQuotes { continue }
                return CSVRecord(base: UnsafePointer(buffer), bounds: UnsafePointer(bounds), count: fieldCount,
                                 line: startLine)
            case .endOfFile:
                return nil
            case .needMoreData:
                if atEndOfFile {
                    throw InputError(file: fileName, line: startLine,
                                     problem: "a quoted field is never closed",
                                     hint: "every opening \" needs a closing \"; a quote inside a field is written \"\"")
                }
                try refill(recordLine: startLine)
            case .badQuote(let badLine):
                throw InputError(file: fileName, line: badLine,
                                 problem: "unexpected character after a closing quote",
                                 hint: "a field that starts with \" must end with \" before the next comma")
            }
        }
    }

    /// The unread bytes in the buffer, from the next record on, and how many of them may
    /// start a record of this reader's range (records starting later belong to the next
    /// range); nil at the end of the range or when the buffer holds nothing more yet.
    /// Nothing is consumed: a caller that takes whole plain lines there
    /// (`RowLoopState.takePlainRows`) moves past them with `skipLines`, and otherwise
    /// `nextRecord` reads the record.
    @inline(__always)
    func peekBlock() -> (bytes: UnsafeBufferPointer<UInt8>, recordsStartBefore: Int)? {
        let offset = bufferOffset + position
        guard offset < stopOffset, position < filled else { return nil }
        return (UnsafeBufferPointer(start: buffer + position, count: filled - position), stopOffset - offset)
    }

    /// Moves past `lines` whole lines of `bytes` bytes in all, their line feeds included.
    @inline(__always)
    func skipLines(_ lines: Int, bytes: Int) {
        position += bytes
        line += lines
    }

    private enum Outcome { case record(hadQuotes: Bool), endOfFile, needMoreData, badQuote(Int) }

    /// Parses one record starting at `position`. On `.needMoreData` nothing is consumed.
    private func parseRecord() -> Outcome {
        // Local copies: the loop below touches no stored property (see the type's comment).
        let buffer = self.buffer
        let filled = self.filled
        let atEndOfFile = self.atEndOfFile
        let start = position
        if start >= filled {
            return atEndOfFile ? .endOfFile : .needMoreData
        }
        var bounds = self.bounds
        var boundsCapacity = self.boundsCapacity
        var fields = 0
        var hadQuotes = false
        var escapes = false
        var lines = 0
        var i = start

        /// Records one field's bounds, growing the bounds buffer when a record has
        /// more fields than any before it.
        func addField(_ fieldStart: Int, _ fieldEnd: Int) {
            if fields == boundsCapacity {
                let bigger = UnsafeMutablePointer<Int>.allocate(capacity: 4 * boundsCapacity)
                bigger.update(from: bounds, count: 2 * boundsCapacity)
                bounds.deallocate()
                bounds = bigger
                boundsCapacity *= 2
                self.bounds = bigger
                self.boundsCapacity = boundsCapacity
            }
            bounds[2 * fields] = fieldStart
            bounds[2 * fields + 1] = fieldEnd
            fields += 1
        }

        while true {
            if i < filled && buffer[i] == UInt8(ascii: "\"") {
                // A quoted field.
                hadQuotes = true
                var read = i + 1
                var closed = false
                var escaped = false
                while read < filled {
                    let byte = buffer[read]
                    if byte == UInt8(ascii: "\"") {
                        if read + 1 >= filled {
                            if !atEndOfFile { break }   // cannot tell "" from " yet
                            read += 1; closed = true; break
                        }
                        if buffer[read + 1] == UInt8(ascii: "\"") { escaped = true; read += 2; continue }
                        read += 1; closed = true; break
                    }
                    if byte == UInt8(ascii: "\n") { lines += 1 }
                    read += 1
                }
                if !closed { return .needMoreData }
                // Unescaping rewrites the buffer, so it waits until the record is complete:
                // a record cut by the buffer's end is parsed again from its first byte.
                addField(i + 1, escaped ? -(read - 1) - 1 : read - 1)
                escapes = escapes || escaped
                i = read
                if i >= filled {
                    if !atEndOfFile { return .needMoreData }
                    return finishRecord(at: i, lines: lines, fields: fields, escapes: escapes, hadQuotes: hadQuotes)
                }
                let next = buffer[i]
                if next != UInt8(ascii: ",") && next != UInt8(ascii: "\n") && next != UInt8(ascii: "\r") {
                    return .badQuote(line + lines)
                }
            } else {
                let fieldStart = i
                i = CSVReader.endOfUnquotedField(buffer, from: i, filled: filled)
                if i >= filled && !atEndOfFile { return .needMoreData }
                addField(fieldStart, i)
                if i >= filled {
                    return finishRecord(at: i, lines: lines, fields: fields, escapes: escapes, hadQuotes: hadQuotes)
                }
            }
            // Separator or record end.
            let byte = buffer[i]
            if byte == UInt8(ascii: ",") { i += 1; continue }
            if byte == UInt8(ascii: "\r") {
                if i + 1 >= filled && !atEndOfFile { return .needMoreData }
                i += (i + 1 < filled && buffer[i + 1] == UInt8(ascii: "\n")) ? 2 : 1
            } else {
                i += 1
            }
            return finishRecord(at: i, lines: lines + 1, fields: fields, escapes: escapes, hadQuotes: hadQuotes)
        }
    }

    /// The index of the first `,`, line feed or carriage return at or after `start`, or
    /// `filled`.
    ///
    /// Scanning byte by byte was half of the parse time, so eight bytes are tested at once
    /// while there are eight to read: all three bytes sort below `-` (0x2D), and the bit
    /// trick below flags a byte below 0x2D without a branch per byte (its lowest flag is
    /// always a true one). Dates, numbers, ids and most text are at or above 0x2D, so
    /// a flagged byte is usually the end of the field; when it is not (a space, say),
    /// scanning goes on after it.
    @inline(__always)
    private static func endOfUnquotedField(_ buffer: UnsafeMutablePointer<UInt8>, from start: Int,
                                           filled: Int) -> Int {
        var i = start
        while true {
            if i + 8 <= filled {
                let word = UInt64(littleEndian: UnsafeRawPointer(buffer + i).loadUnaligned(as: UInt64.self))
                let below = (word &- 0x2D2D_2D2D_2D2D_2D2D) & ~word & 0x8080_8080_8080_8080
                if below == 0 { i += 8; continue }
                i += below.trailingZeroBitCount >> 3
            } else if i >= filled {
                return filled
            }
            let byte = buffer[i]
            if byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") { return i }
            i += 1
        }
    }

    /// Commits a parsed record: moves past it and unescapes its quoted fields.
    private func finishRecord(at end: Int, lines: Int, fields: Int, escapes: Bool, hadQuotes: Bool) -> Outcome {
        position = end
        line += lines
        fieldCount = fields
        if escapes { unescapeFields() }
        return .record(hadQuotes: hadQuotes)
    }

    /// Turns `""` into `"` inside the quoted fields of the record just parsed.
    private func unescapeFields() {
        for field in 0..<fieldCount where bounds[2 * field + 1] < 0 {
            var write = bounds[2 * field]
            var read = write
            let end = -bounds[2 * field + 1] - 1
            while read < end {
                buffer[write] = buffer[read]
                read += buffer[read] == UInt8(ascii: "\"") ? 2 : 1
                write += 1
            }
            bounds[2 * field + 1] = write
        }
    }

    /// Moves to the byte after the next line break (or to the end of the file).
    private func skipPastLineBreak() throws(InputError) {
        while true {
            let rest = UnsafeRawPointer(buffer + position)
            if let found = memchr(rest, Int32(UInt8(ascii: "\n")), filled - position) {
                position = found.assumingMemoryBound(to: UInt8.self) - buffer + 1
                return
            }
            position = filled
            if atEndOfFile { return }
            try refill(recordLine: line)
        }
    }

    /// Moves the unread tail to the front and reads more; a record that fills the whole
    /// buffer is longer than `maximumRecordBytes`: an error at the line it starts on.
    private func refill(recordLine: Int) throws(InputError) {
        let tail = filled - position
        if position == 0 && tail == capacity {
            guard capacity < CSVReader.maximumRecordBytes else {
                throw InputError(file: fileName, line: recordLine,
                                 problem: "a record longer than \(CSVReader.maximumRecordBytes >> 20) MiB (no line end, or a quote never closed)",
                                 hint: "rows of an export are far shorter; check that this is a CSV file")
            }
            let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
            bigger.update(from: buffer, count: tail)
            buffer.deallocate()
            buffer = bigger
            capacity *= 2
        } else if tail > 0 {
            buffer.update(from: buffer + position, count: tail)
        }
        bufferOffset += position
        filled = tail
        position = 0
        try fill()
    }

    private func fill() throws(InputError) {
        while filled < capacity {
            let count = read(descriptor, buffer + filled, capacity - filled)
            if count < 0 {
                if errno == EINTR { continue }
                throw InputError(file: fileName, problem: "read failed: \(String(cString: strerror(errno)))")
            }
            if count == 0 { atEndOfFile = true; return }
            filled += count
        }
    }
}

/// One record of a `CSVReader`: byte slices into the reader's buffer, valid until the
/// reader moves on.
package struct CSVRecord {
    private let base: UnsafePointer<UInt8>
    private let bounds: UnsafePointer<Int>
    /// The number of fields.
    package let count: Int
    /// 1-based physical line where this record starts.
    package let line: Int

    init(base: UnsafePointer<UInt8>, bounds: UnsafePointer<Int>, count: Int, line: Int) {
        self.base = base
        self.bounds = bounds
        self.count = count
        self.line = line
    }

    /// The raw bytes of field `index`, quotes removed and `""` unescaped.
    package subscript(index: Int) -> UnsafeBufferPointer<UInt8> {
        precondition(index >= 0 && index < count, "field index out of range")
        let start = bounds[2 * index]
        return UnsafeBufferPointer(start: base + start, count: bounds[2 * index + 1] - start)
    }

    /// Field `index` as text.
    package func string(_ index: Int) -> String {
        String(decoding: self[index], as: UTF8.self)
    }
}
