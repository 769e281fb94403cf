#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Checks on text that names things: account ids and header names must be valid UTF-8
/// without control characters. An id with a stray byte or a NUL never matches the
/// account it was meant for, so it is named as an error with its place rather than
/// counted among "unknown accounts".
package enum InputHygiene {
    /// The error for an event row's account id that is not an unknown account but a
    /// damaged one (invalid UTF-8, a NUL or another control character): named whatever
    /// the row rules say; nil for a clean id.
    static func damagedAccountID(_ id: UnsafeBufferPointer<UInt8>, file: String, line: Int) -> InputError? {
        problem(inBytes: id).map {
            InputError(file: file, line: line, column: "account_id", problem: "the account id \($0)",
                       hint: "ids are plain text; fix the export")
        }
    }

    /// What is wrong with the bytes of an id or a header name, nil when nothing is.
    package static func problem(inBytes bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte < 0x80 {
                if byte < 0x20 || byte == 0x7F { return controlProblem(UInt32(byte), at: index) }
                index += 1
                continue
            }
            guard let (scalar, length) = decode(bytes, at: index) else {
                return "byte \(index + 1) is not valid UTF-8 (0x\(String(byte, radix: 16, uppercase: true))); save the export as UTF-8"
            }
            if (0x80...0x9F).contains(scalar) { return controlProblem(scalar, at: index) }
            index += length
        }
        return nil
    }

    /// `problem(inBytes:)` for text already decoded (invalid bytes show as U+FFFD there).
    package static func problem(inText text: String) -> String? {
        var copy = text
        return copy.withUTF8 { problem(inBytes: $0) }
    }

    /// Whether the bytes are valid UTF-8 (control characters allowed): names, owners,
    /// segments and reasons.
    package static func isValidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = asciiPrefixCount(bytes)
        while index < bytes.count {
            if bytes[index] < 0x80 { index += 1; continue }
            guard let (_, length) = decode(bytes, at: index) else { return false }
            index += length
        }
        return true
    }

    private static func controlProblem(_ scalar: UInt32, at index: Int) -> String {
        let name = scalar == 0 ? "a NUL byte" : "a control character"
        return "holds \(name) (U+\(String(format: "%04X", scalar))) at byte \(index + 1)"
    }

    /// One UTF-8 sequence starting at `index`: its scalar and length, nil when invalid
    /// (overlong forms, surrogates and values past U+10FFFF included).
    private static func decode(_ b: UnsafeBufferPointer<UInt8>, at index: Int) -> (UInt32, Int)? {
        let lead = b[index]
        let length: Int, minimum: UInt32
        var scalar: UInt32
        switch lead {
        case 0xC2...0xDF: length = 2; minimum = 0x80; scalar = UInt32(lead & 0x1F)
        case 0xE0...0xEF: length = 3; minimum = 0x800; scalar = UInt32(lead & 0x0F)
        case 0xF0...0xF4: length = 4; minimum = 0x10000; scalar = UInt32(lead & 0x07)
        default: return nil
        }
        guard index + length <= b.count else { return nil }
        for offset in 1..<length {
            let next = b[index + offset]
            guard next & 0xC0 == 0x80 else { return nil }
            scalar = scalar << 6 | UInt32(next & 0x3F)
        }
        guard scalar >= minimum, scalar <= 0x10FFFF, !(0xD800...0xDFFF).contains(scalar) else { return nil }
        return (scalar, length)
    }
}

/// The kinds of path an input may be: only regular files (or links to one) are read, so a
/// device such as /dev/zero, a pipe or a folder is an error, and so is a link that points
/// nowhere (rather than a missing file).
package enum InputFiles {
    package enum Status: Equatable {
        case regular(bytes: Int)
        case missing
        case danglingLink
        case notRegular
    }

    package static func status(_ path: String) -> Status {
        var info = stat()
        if stat(path, &info) == 0 {
            return (info.st_mode & S_IFMT) == S_IFREG ? .regular(bytes: Int(info.st_size)) : .notRegular
        }
        var link = stat()
        return lstat(path, &link) == 0 ? .danglingLink : .missing
    }

    /// Throws unless `path` is a regular file or a link to one; `name` is the file's name
    /// in messages.
    package static func requireRegularFile(_ path: String, name: String) throws(InputError) {
        switch status(path) {
        case .regular: return
        case .missing: throw InputError(file: name, problem: "not found", hint: "check the path")
        case .danglingLink: throw danglingLink(path, name: name)
        case .notRegular: throw notRegular(name: name)
        }
    }

    static func danglingLink(_ path: String, name: String) -> InputError {
        var target = [CChar](repeating: 0, count: 4097)
        let count = readlink(path, &target, 4096)
        let to = count > 0 ? String(decoding: target[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self) : "?"
        return InputError(file: name, problem: "is a link to '\(to)', which does not exist",
                          hint: "fix or remove the link; a file that is not there at all means no such events")
    }

    static func notRegular(name: String) -> InputError {
        InputError(file: name, problem: "is not a regular file (a folder, a device or a pipe)",
                   hint: "inputs are CSV files, or links to CSV files")
    }
}

/// The dates healthscore takes from the data: from 1970-01-01 to one year after the day
/// it runs (by the machine's clock). A date outside is a typo or a placeholder (2099-01-01
/// for "never", 1900-01-01 for "unknown") and would otherwise become the default scoring
/// day or stretch every window, so it is an error naming the row.
package enum DateBounds {
    package static let earliest = CalendarDay(daysSinceEpoch: 0)
    /// Today (UTC) plus 366 days.
    package static let latest: CalendarDay = {
        CalendarDay(unixSeconds: Int64(time(nil))).adding(days: 366)
    }()

    package static var range: ClosedRange<Int32> { earliest.daysSinceEpoch...latest.daysSinceEpoch }

    /// The problem with a day outside the bounds, nil inside.
    package static func problem(_ day: CalendarDay) -> String? {
        if day < earliest { return "\(day) is before 1970-01-01" }
        if day > latest { return "\(day) is more than a year after today (\(latest.adding(days: -366)))" }
        return nil
    }

    package static let hint = "dates run from 1970-01-01 to a year after today; fix the date or leave the row out"

    /// The error for a row's day outside the bounds, naming its cell; nil inside.
    static func error(_ day: CalendarDay, file: String, line: Int, column: String) -> InputError? {
        problem(day).map { InputError(file: file, line: line, column: column, problem: $0, hint: hint) }
    }
}

/// Whether every byte of `id` is ASCII, where equal bytes and equal strings are the same thing.
func isASCII(_ id: String) -> Bool {
    var id = id
    return id.withUTF8 { isASCII($0) }
}

/// Whether every byte is ASCII.
func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    asciiPrefixCount(bytes) == bytes.count
}

/// How many bytes at the start are ASCII, found eight at a time: ids, names and event
/// names are nearly always ASCII (a byte at a time, checking names took a twentieth of
/// reading accounts.csv).
func asciiPrefixCount(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
    guard let base = bytes.baseAddress else { return 0 }
    let raw = UnsafeRawPointer(base)
    var index = 0
    while index + 8 <= bytes.count && raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
        index += 8
    }
    while index < bytes.count && base[index] < 0x80 { index += 1 }
    return index
}
