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
/// Memory stays at one buffer (1 MiB, grown only for a single record larger than that).
///
/// Accepts a UTF-8 BOM, LF or CRLF line ends, quoted fields with `""` escapes and
/// embedded separators or line breaks, and skips blank lines.
public final class CSVReader {
    /// The name errors use (the file's last path component).
    public let fileName: String
    private let descriptor: Int32
    private var buffer: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private var filled = 0          // bytes of `buffer` holding data
    private var position = 0        // next unread byte
    private var atEndOfFile = false
    private var line = 1            // physical line of `position`
    private var fieldStarts: [Int] = []
    private var fieldEnds: [Int] = []
    private var escapedFields: [Int] = []

    /// Bytes read per system call: large enough that syscalls do not show in a profile.
    public static let chunkSize = 1 << 20

    public init(path: String, displayName: String? = nil) throws(InputError) {
        let name = displayName ?? String(path.split(separator: "/").last ?? Substring(path))
        fileName = name
        descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            throw InputError(file: name, problem: "cannot be opened: \(String(cString: strerror(errno)))")
        }
        capacity = CSVReader.chunkSize
        buffer = .allocate(capacity: capacity)
        try fill()
        // A UTF-8 byte order mark is accepted and skipped.
        if filled >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { position = 3 }
    }

    deinit {
        close(descriptor)
        buffer.deallocate()
    }

    /// Reads the next record; nil at the end of the file.
    /// The record's slices stay valid until the next call.
    public func nextRecord() throws(InputError) -> CSVRecord? {
        while true {
            let startLine = line
            switch parseRecord() {
            case .record:
                // A blank line is one empty unquoted field: skip it.
                if fieldStarts.count == 1 && fieldEnds[0] == fieldStarts[0] && !lastRecordHadQuotes { continue }
                return CSVRecord(base: UnsafePointer(buffer), starts: fieldStarts, ends: fieldEnds, line: startLine)
            case .endOfFile:
                return nil
            case .needMoreData:
                line = startLine
                if atEndOfFile {
                    throw InputError(file: fileName, line: startLine,
                                     problem: "a quoted field is never closed",
                                     hint: "every opening \" needs a closing \"; a quote inside a field is written \"\"")
                }
                try refill()
            case .badQuote(let badLine):
                throw InputError(file: fileName, line: badLine,
                                 problem: "unexpected character after a closing quote",
                                 hint: "a field that starts with \" must end with \" before the next comma")
            }
        }
    }

    private var lastRecordHadQuotes = false

    private enum Outcome { case record, endOfFile, needMoreData, badQuote(Int) }

    /// Parses one record starting at `position`. On `.needMoreData` nothing is consumed.
    private func parseRecord() -> Outcome {
        let start = position
        let startLine = line
        fieldStarts.removeAll(keepingCapacity: true)
        fieldEnds.removeAll(keepingCapacity: true)
        escapedFields.removeAll(keepingCapacity: true)
        lastRecordHadQuotes = false
        if position >= filled {
            return atEndOfFile ? .endOfFile : .needMoreData
        }
        var i = position
        var lines = 0
        while true {
            // One field.
            if i < filled && buffer[i] == UInt8(ascii: "\"") {
                lastRecordHadQuotes = true
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
                if !closed { position = start; line = startLine; return .needMoreData }
                fieldStarts.append(i + 1)
                fieldEnds.append(read - 1)
                // Unescaping rewrites the buffer, so it waits until the record is complete:
                // a record cut by the buffer's end is parsed again from its first byte.
                if escaped { escapedFields.append(fieldStarts.count - 1) }
                i = read
                if i >= filled {
                    if !atEndOfFile { position = start; line = startLine; return .needMoreData }
                    position = i; line = startLine + lines
                    unescapeFields()
                    return .record
                }
                let next = buffer[i]
                if next != UInt8(ascii: ",") && next != UInt8(ascii: "\n") && next != UInt8(ascii: "\r") {
                    return .badQuote(startLine + lines)
                }
            } else {
                let fieldStart = i
                while i < filled {
                    let byte = buffer[i]
                    if byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") { break }
                    i += 1
                }
                if i >= filled && !atEndOfFile { position = start; line = startLine; return .needMoreData }
                fieldStarts.append(fieldStart)
                fieldEnds.append(i)
                if i >= filled {
                    position = i; line = startLine + lines
                    unescapeFields()
                    return .record
                }
            }
            // Separator or record end.
            let byte = buffer[i]
            if byte == UInt8(ascii: ",") { i += 1; continue }
            if byte == UInt8(ascii: "\r") {
                if i + 1 >= filled && !atEndOfFile { position = start; line = startLine; return .needMoreData }
                i += (i + 1 < filled && buffer[i + 1] == UInt8(ascii: "\n")) ? 2 : 1
            } else {
                i += 1
            }
            position = i
            line = startLine + lines + 1
            unescapeFields()
            return .record
        }
    }

    /// Turns `""` into `"` inside the quoted fields of the record just parsed.
    private func unescapeFields() {
        for field in escapedFields {
            var write = fieldStarts[field]
            var read = write
            let end = fieldEnds[field]
            while read < end {
                buffer[write] = buffer[read]
                read += buffer[read] == UInt8(ascii: "\"") ? 2 : 1
                write += 1
            }
            fieldEnds[field] = write
        }
    }

    /// Moves the unread tail to the front and reads more; grows the buffer when one
    /// record fills it.
    private func refill() throws(InputError) {
        let tail = filled - position
        if position == 0 && tail == capacity {
            let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
            bigger.update(from: buffer, count: tail)
            buffer.deallocate()
            buffer = bigger
            capacity *= 2
        } else if tail > 0 {
            buffer.update(from: buffer + position, count: tail)
        }
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
public struct CSVRecord {
    private let base: UnsafePointer<UInt8>
    private let starts: [Int]
    private let ends: [Int]
    /// 1-based physical line where this record starts.
    public let line: Int

    init(base: UnsafePointer<UInt8>, starts: [Int], ends: [Int], line: Int) {
        self.base = base
        self.starts = starts
        self.ends = ends
        self.line = line
    }

    public var count: Int { starts.count }

    /// The raw bytes of field `index`, quotes removed and `""` unescaped.
    public subscript(index: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: base + starts[index], count: ends[index] - starts[index])
    }

    /// Field `index` as text.
    public func string(_ index: Int) -> String {
        String(decoding: self[index], as: UTF8.self)
    }
}
