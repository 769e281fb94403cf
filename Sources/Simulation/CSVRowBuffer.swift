import Ingest

/// CSV rows under construction, as UTF-8 bytes in a growable array.
///
/// Numbers, dates and timestamps are formatted digit by digit straight into the bytes:
/// Foundation's formatters allocate per call and would dominate the cost of writing a
/// hundred million session rows. Text fields follow RFC 4180.
struct CSVRowBuffer: Sendable {
    private var storage: [UInt8]
    /// Bytes in use; `storage` beyond it is spare capacity.
    private(set) var count = 0

    init(capacity: Int = 4_096) {
        storage = [UInt8](repeating: 0, count: Swift.max(capacity, 64))
    }

    /// Forgets the contents and keeps the capacity.
    mutating func removeAll() { count = 0 }

    /// Gives `body` room for at most `maxBytes` at the end; it returns how many it wrote.
    @inline(__always)
    mutating func write(maxBytes: Int, _ body: (UnsafeMutablePointer<UInt8>) -> Int) {
        if count + maxBytes > storage.count { grow(toAtLeast: count + maxBytes) }
        let start = count
        count += storage.withUnsafeMutableBufferPointer { body($0.baseAddress! + start) }
    }

    private mutating func grow(toAtLeast needed: Int) {
        let target = Swift.max(needed, storage.count * 2)
        storage.append(contentsOf: repeatElement(0, count: target - storage.count))
    }

    /// The bytes in use.
    func withBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try storage.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
    }

    // MARK: Fields

    @inline(__always)
    mutating func append(byte: UInt8) {
        write(maxBytes: 1) { $0[0] = byte; return 1 }
    }

    /// Bytes already encoded, such as a precomputed `A000123,` prefix.
    @inline(__always)
    mutating func append(bytes: [UInt8]) {
        write(maxBytes: bytes.count) { target in
            bytes.withUnsafeBufferPointer { target.update(from: $0.baseAddress!, count: $0.count) }
            return bytes.count
        }
    }

    @inline(__always) mutating func comma() { append(byte: UInt8(ascii: ",")) }
    @inline(__always) mutating func endRow() { append(byte: UInt8(ascii: "\n")) }

    /// A text field, written by `CSVCellWriter` as every CSV file of healthscore is: quoted
    /// per RFC 4180 when it holds a comma, quote, CR or LF; commas are the caller's.
    mutating func append(text: String) {
        write(maxBytes: CSVCellWriter.room(forText: text)) { target in
            var cell = CSVCellWriter(at: target)
            cell.text(text)
            return target.distance(to: cell.cursor)
        }
    }

    @inline(__always)
    mutating func append(integer value: Int) {
        write(maxBytes: 20) { DecimalText.writeInteger(value, to: $0) }
    }

    /// `scaled / 10^fractionDigits` in fixed point, e.g. (123456, 2) -> `1234.56`, (-5, 2) -> `-0.05`.
    mutating func append(scaled value: Int, fractionDigits: Int) {
        precondition((0...18).contains(fractionDigits), "fractionDigits must be within 0...18")
        var divisor = 1
        for _ in 0..<fractionDigits { divisor *= 10 }
        let whole = value.magnitude / UInt(divisor)
        var fraction = value.magnitude % UInt(divisor)
        if value < 0 { append(byte: UInt8(ascii: "-")) }
        write(maxBytes: 20) { DecimalText.writeInteger(Int(whole), to: $0) }
        guard fractionDigits > 0 else { return }
        write(maxBytes: fractionDigits + 1) { target in
            target[0] = UInt8(ascii: ".")
            for position in stride(from: fractionDigits, through: 1, by: -1) {
                target[position] = 48 + UInt8(fraction % 10)
                fraction /= 10
            }
            return fractionDigits + 1
        }
    }

    /// `YYYY-MM-DD`.
    mutating func append(day: CalendarDay) {
        write(maxBytes: 10) { CSVRowBuffer.writeDate(day, to: $0) }
    }

    /// UTC timestamp `YYYY-MM-DDTHH:MM:SSZ`.
    @inline(__always)
    mutating func append(timestamp unixSeconds: Int64) {
        write(maxBytes: 20) { target in
            let day = CalendarDay(unixSeconds: unixSeconds)
            let secondOfDay = Int(unixSeconds - day.unixSeconds)
            _ = CSVRowBuffer.writeDate(day, to: target)
            target[10] = UInt8(ascii: "T")
            CSVRowBuffer.writeTwoDigits(secondOfDay / 3_600, to: target + 11)
            target[13] = UInt8(ascii: ":")
            CSVRowBuffer.writeTwoDigits(secondOfDay / 60 % 60, to: target + 14)
            target[16] = UInt8(ascii: ":")
            CSVRowBuffer.writeTwoDigits(secondOfDay % 60, to: target + 17)
            target[19] = UInt8(ascii: "Z")
            return 20
        }
    }

    // MARK: Encoding helpers

    /// Years outside 0...9999 are not representable in `YYYY-MM-DD` and are clamped.
    @inline(__always)
    static func writeDate(_ day: CalendarDay, to target: UnsafeMutablePointer<UInt8>) -> Int {
        let (year, month, dayOfMonth) = day.civil
        let clampedYear = Swift.min(Swift.max(year, 0), 9_999)
        writeTwoDigits(clampedYear / 100, to: target)
        writeTwoDigits(clampedYear % 100, to: target + 2)
        target[4] = UInt8(ascii: "-")
        writeTwoDigits(month, to: target + 5)
        target[7] = UInt8(ascii: "-")
        writeTwoDigits(dayOfMonth, to: target + 8)
        return 10
    }

    @inline(__always)
    static func writeTwoDigits(_ value: Int, to target: UnsafeMutablePointer<UInt8>) {
        target[0] = 48 + UInt8(value / 10)
        target[1] = 48 + UInt8(value % 10)
    }
}
