import PostgresNIO

/// Rows in the text format of PostgreSQL's `COPY ... FROM STDIN`: fields split by tabs,
/// rows ended by a newline, `\N` for NULL, and backslash, tab, newline and carriage
/// return escaped with a backslash.
package struct PostgresCopyText {
    package var buffer: ByteBuffer
    private var fieldsInRow = 0

    package init(capacity: Int) { buffer = ByteBufferAllocator().buffer(capacity: capacity) }

    package mutating func text(_ value: String) {
        var value = value
        value.withUTF8 { text($0) }
    }

    package mutating func text(_ bytes: UnsafeBufferPointer<UInt8>) {
        separate()
        var start = 0
        for (index, byte) in bytes.enumerated() {
            let escaped: UInt8? = switch byte {
            case UInt8(ascii: "\\"): UInt8(ascii: "\\")
            case 9: UInt8(ascii: "t")
            case 10: UInt8(ascii: "n")
            case 13: UInt8(ascii: "r")
            default: nil
            }
            guard let escaped else { continue }
            buffer.writeBytes(UnsafeBufferPointer(rebasing: bytes[start..<index]))
            buffer.writeBytes([UInt8(ascii: "\\"), escaped])
            start = index + 1
        }
        buffer.writeBytes(UnsafeBufferPointer(rebasing: bytes[start...]))
    }

    /// Shortest text that reads back as the same double.
    package mutating func number(_ value: Double?) {
        separate()
        guard let value else { buffer.writeStaticString("\\N"); return }
        buffer.writeString(value.description)
    }

    package mutating func integer(_ value: Int64?) {
        separate()
        guard let value else { buffer.writeStaticString("\\N"); return }
        buffer.writeString(String(value))
    }

    package mutating func null() {
        separate()
        buffer.writeStaticString("\\N")
    }

    /// A field the caller writes itself: text that needs no escaping (digits, dates).
    package mutating func field(_ write: (inout ByteBuffer) -> Void) {
        separate()
        write(&buffer)
    }

    /// bytea as hex: `\\x0a1b...` (the backslash itself escaped for COPY).
    package mutating func bytes(_ value: [UInt8]) {
        separate()
        buffer.writeStaticString("\\\\x")
        let digits: StaticString = "0123456789abcdef"
        for byte in value {
            buffer.writeInteger(digits.utf8Start[Int(byte >> 4)])
            buffer.writeInteger(digits.utf8Start[Int(byte & 15)])
        }
    }

    package mutating func endRow() {
        buffer.writeInteger(UInt8(10))
        fieldsInRow = 0
    }

    private mutating func separate() {
        if fieldsInRow > 0 { buffer.writeInteger(UInt8(9)) }
        fieldsInRow += 1
    }
}
