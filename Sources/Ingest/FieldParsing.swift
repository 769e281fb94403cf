#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Number parsing straight from a field's bytes, with surrounding spaces allowed.
package enum FieldParsing {
    /// Drops leading and trailing spaces and tabs.
    @inlinable
    package static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var lower = 0
        var upper = bytes.count
        while lower < upper && (bytes[lower] == 32 || bytes[lower] == 9) { lower += 1 }
        while upper > lower && (bytes[upper - 1] == 32 || bytes[upper - 1] == 9) { upper -= 1 }
        return UnsafeBufferPointer(rebasing: bytes[lower..<upper])
    }

    /// A whole number with an optional sign; nil for anything else (including "3.0").
    @inlinable
    package static func integer(_ raw: UnsafeBufferPointer<UInt8>) -> Int? {
        let bytes = trimmed(raw)
        guard !bytes.isEmpty, bytes.count <= 18 else { return nil }
        var index = 0
        var negative = false
        if bytes[0] == UInt8(ascii: "-") || bytes[0] == UInt8(ascii: "+") {
            negative = bytes[0] == UInt8(ascii: "-")
            index = 1
            guard bytes.count > 1 else { return nil }
        }
        var value = 0
        while index < bytes.count {
            let digit = Int(bytes[index]) &- 48
            guard digit >= 0 && digit <= 9 else { return nil }
            value = value * 10 + digit
            index += 1
        }
        return negative ? -value : value
    }

    /// A finite decimal number ("12", "-0.5", "1e3"); nil for anything else.
    ///
    /// Plain decimals of up to 15 significant digits take an exact fast path (the digits
    /// fit a Double exactly and one division by an exact power of ten rounds correctly);
    /// everything else goes to `strtod`.
    @inlinable
    package static func decimal(_ raw: UnsafeBufferPointer<UInt8>) -> Double? {
        let bytes = trimmed(raw)
        guard !bytes.isEmpty else { return nil }
        var index = 0
        var negative = false
        if bytes[0] == UInt8(ascii: "-") || bytes[0] == UInt8(ascii: "+") {
            negative = bytes[0] == UInt8(ascii: "-")
            index = 1
        }
        var mantissa: Int64 = 0
        var digits = 0
        var fractionDigits = 0
        var seenPoint = false
        var simple = index < bytes.count
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: ".") && !seenPoint {
                seenPoint = true
            } else if byte >= 48 && byte <= 57 {
                mantissa = mantissa &* 10 &+ Int64(byte - 48)
                digits += 1
                if seenPoint { fractionDigits += 1 }
            } else {
                simple = false
                break
            }
            index += 1
        }
        if simple && digits > 0 && digits <= 15 {
            let value = Double(mantissa) / powersOfTen[fractionDigits]
            return negative ? -value : value
        }
        return slowDecimal(bytes)
    }

    @usableFromInline
    static let powersOfTen: [Double] = (0...22).map { pow(10.0, Double($0)) }

    @usableFromInline
    static func slowDecimal(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        guard bytes.count < 64 else { return nil }
        var text = [CChar](repeating: 0, count: bytes.count + 1)
        for i in 0..<bytes.count { text[i] = CChar(bitPattern: bytes[i]) }
        return text.withUnsafeBufferPointer { pointer -> Double? in
            var end: UnsafeMutablePointer<CChar>?
            let value = strtod(pointer.baseAddress!, &end)
            guard let end, end - UnsafeMutablePointer(mutating: pointer.baseAddress!) == bytes.count,
                  value.isFinite else { return nil }
            return value
        }
    }
}
