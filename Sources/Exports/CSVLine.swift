import Foundation
import Ingest

/// Builds CSV rows that are safe to open in a spreadsheet.
///
/// Text that a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`,
/// tab or carriage return, per OWASP's CSV injection advice) gets a leading `'`, which
/// spreadsheets show as plain text. Numbers are written by `number`, never as text, so
/// they are left alone. Fields with a comma, quote or line break are quoted (RFC 4180).
public struct CSVLine {
    public private(set) var bytes: [UInt8] = []
    private var fieldsInRow = 0

    public init() {}

    /// Room for `count` bytes, so a large block of rows is built without regrowing.
    public mutating func reserveCapacity(_ count: Int) { bytes.reserveCapacity(count) }

    public mutating func text(_ value: String) {
        text(joining: CollectionOfOne(value), separator: "")
    }

    /// The parts joined by `separator` as one text cell, as `text(parts.joined(separator:))`
    /// writes it but without building the joined string (every account's reasons are
    /// written this way): a leading `'` when the text would run as a formula, and quotes,
    /// with inner quotes doubled, when it holds a comma, quote or line break.
    public mutating func text<Parts: Collection<String>>(joining parts: Parts, separator: String) {
        separate()
        // Apostrophes are looked past, so that a user's own leading `'` before a formula
        // character survives reading back (see `restored`).
        let neutralised = CSVLine.firstByteAfterApostrophes(parts, separator: separator).map(CSVLine.isFormulaStart) ?? false
        let quoted = parts.contains(where: CSVLine.needsQuotes) || (parts.count > 1 && CSVLine.needsQuotes(separator))
        if quoted { bytes.append(34) }
        if neutralised { bytes.append(UInt8(ascii: "'")) }
        for (index, part) in parts.enumerated() {
            if index > 0 { appendEscaped(separator, quoted: quoted) }
            appendEscaped(part, quoted: quoted)
        }
        if quoted { bytes.append(34) }
    }

    private mutating func appendEscaped(_ value: String, quoted: Bool) {
        // Only inner quotes need doubling; most quoted cells (reasons with a comma) have
        // none and are copied in one piece rather than byte by byte.
        guard quoted, value.utf8.contains(34) else { bytes.append(contentsOf: value.utf8); return }
        for byte in value.utf8 {
            if byte == 34 { bytes.append(34) }
            bytes.append(byte)
        }
    }

    /// A number with a fixed count of decimals (as printf's `%.Nf`); nil writes an empty field.
    public mutating func number(_ value: Double?, decimals: Int) {
        separate()
        guard let value, value.isFinite else { return }
        DecimalText.append(value, decimals: decimals, to: &bytes)
    }

    public mutating func integer(_ value: Int) {
        separate()
        bytes.append(contentsOf: String(value).utf8)
    }

    public mutating func endRow() {
        bytes.append(10)
        fieldsInRow = 0
    }

    /// Hands out the bytes built so far and starts empty.
    public mutating func take() -> [UInt8] {
        defer { bytes.removeAll(keepingCapacity: true) }
        return bytes
    }

    private mutating func separate() {
        if fieldsInRow > 0 { bytes.append(44) }
        fieldsInRow += 1
    }

    /// Whether the text holds a comma, quote or line break. A plain loop over its
    /// contiguous bytes: this runs for every text cell of a score file.
    static func needsQuotes(_ value: String) -> Bool {
        var value = value
        return value.withUTF8 { bytes in
            for byte in bytes where byte == 44 || byte == 34 || byte == 10 || byte == 13 { return true }
            return false
        }
    }

    static func isFormulaLike(_ value: String) -> Bool {
        value.utf8.first.map(isFormulaStart) ?? false
    }

    static func isFormulaStart(_ first: UInt8) -> Bool {
        first == UInt8(ascii: "=") || first == UInt8(ascii: "+") || first == UInt8(ascii: "-")
            || first == UInt8(ascii: "@") || first == 9 || first == 13
    }

    /// The first byte of the joined parts that is not an apostrophe, nil when none is.
    static func firstByteAfterApostrophes<Parts: Collection<String>>(_ parts: Parts, separator: String) -> UInt8? {
        for (index, part) in parts.enumerated() {
            if index > 0 { for byte in separator.utf8 where byte != UInt8(ascii: "'") { return byte } }
            for byte in part.utf8 where byte != UInt8(ascii: "'") { return byte }
        }
        return nil
    }

    /// Formula-like text, and text that already starts with apostrophes before a
    /// formula character (so that reading back can tell our `'` from the user's own).
    static func needsNeutralising(_ value: String) -> Bool {
        isFormulaLike(String(value.drop { $0 == "'" }))
    }

    /// Undoes the neutralising `'` when reading our own export back.
    static func restored(_ value: String) -> String {
        guard value.hasPrefix("'"), needsNeutralising(value) else { return value }
        return String(value.dropFirst())
    }
}
