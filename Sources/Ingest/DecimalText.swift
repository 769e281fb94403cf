#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Numbers written with a fixed count of decimals, exactly as C's `printf("%.Nf")` writes
/// them: the exact binary value rounded to the nearest, ties to even, and a minus sign
/// whenever the sign bit is set ("-0.00").
///
/// Score files carry three such numbers per account and reasons up to two more; through
/// `String(format:)` they took most of the time of scoring and writing a million accounts.
/// Here the rounding is done in integer arithmetic on the double's own bits, so the text
/// is the same, byte for byte, at a fraction of the cost (values too large for 64-bit
/// arithmetic, and up to 9 decimals only, still go to `snprintf`).
public enum DecimalText {
    /// Appends `value` with `decimals` digits after the point; nothing for NaN or infinity.
    public static func append(_ value: Double, decimals: Int, to bytes: inout [UInt8]) {
        guard value.isFinite else { return }
        guard decimals >= 0, decimals <= 9, let scaled = scaledMagnitude(value, decimals: decimals) else {
            bytes.append(contentsOf: slowFormat(value, decimals: decimals).utf8)
            return
        }
        if value.sign == .minus { bytes.append(UInt8(ascii: "-")) }
        let scale = powersOfTen[decimals]
        appendDigits(scaled / scale, minimumCount: 1, to: &bytes)
        if decimals > 0 {
            bytes.append(UInt8(ascii: "."))
            appendDigits(scaled % scale, minimumCount: decimals, to: &bytes)
        }
    }

    /// `value` as `String(format: "%.<decimals>f", value)` writes it.
    public static func string(_ value: Double, decimals: Int) -> String {
        guard value.isFinite, decimals >= 0, decimals <= 9,
              let scaled = scaledMagnitude(value, decimals: decimals) else { return slowFormat(value, decimals: decimals) }
        // Written into a stack buffer (a sign, 20 digits, a point, 9 decimals fit 32 bytes):
        // a short result then becomes a small string, with no allocation at all.
        var storage: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        return withUnsafeMutableBytes(of: &storage) { buffer in
            var count = 0
            func put(_ byte: UInt8) { buffer[count] = byte; count += 1 }
            if value.sign == .minus { put(UInt8(ascii: "-")) }
            let scale = powersOfTen[decimals]
            var integer = scaled / scale, digits = 0
            repeat { digits += 1; integer /= 10 } while integer > 0
            integer = scaled / scale
            for position in stride(from: digits - 1, through: 0, by: -1) {
                buffer[count + position] = UInt8(ascii: "0") + UInt8(integer % 10)
                integer /= 10
            }
            count += digits
            if decimals > 0 {
                put(UInt8(ascii: "."))
                var fraction = scaled % scale
                for position in stride(from: decimals - 1, through: 0, by: -1) {
                    buffer[count + position] = UInt8(ascii: "0") + UInt8(fraction % 10)
                    fraction /= 10
                }
                count += decimals
            }
            return String(decoding: UnsafeRawBufferPointer(rebasing: buffer[0..<count]), as: UTF8.self)
        }
    }

    /// |value| x 10^decimals rounded to the nearest integer, ties to even; nil when it
    /// does not fit 64 bits.
    static func scaledMagnitude(_ value: Double, decimals: Int) -> UInt64? {
        let magnitude = value.magnitude
        if magnitude == 0 { return 0 }
        // magnitude = significand x 2^exponent exactly.
        let bits = magnitude.exponentBitPattern
        let significand = bits == 0 ? magnitude.significandBitPattern
                                    : magnitude.significandBitPattern | (1 << 52)
        let exponent = bits == 0 ? -1074 : Int(bits) - 1075
        // significand < 2^53 and 10^9 < 2^30: the product fits 83 bits.
        let (high, low) = significand.multipliedFullWidth(by: powersOfTen[decimals])
        if exponent >= 0 {
            guard high == 0, exponent < 64, low.leadingZeroBitCount >= exponent else { return nil }
            return low << exponent
        }
        let shift = -exponent
        if shift >= 128 { return 0 }   // the product is below 2^83, so below half of 2^shift
        var result: UInt64
        // The remainder (remainderHigh, remainderLow) and half of 2^shift, as 128-bit pairs.
        let remainderHigh: UInt64, remainderLow: UInt64, halfHigh: UInt64, halfLow: UInt64
        if shift < 64 {
            guard high >> shift == 0 else { return nil }
            result = (high << (64 - shift)) | (low >> shift)
            remainderHigh = 0
            remainderLow = low & ((1 << shift) - 1)
            halfHigh = 0
            halfLow = 1 << (shift - 1)
        } else {
            let highShift = shift - 64
            result = high >> highShift
            remainderHigh = highShift == 0 ? 0 : high & ((1 << highShift) - 1)
            remainderLow = low
            halfHigh = highShift == 0 ? 0 : 1 << (highShift - 1)
            halfLow = highShift == 0 ? 1 << 63 : 0
        }
        let above = remainderHigh > halfHigh || (remainderHigh == halfHigh && remainderLow > halfLow)
        let tie = remainderHigh == halfHigh && remainderLow == halfLow
        if above || (tie && result & 1 == 1) {
            guard result < UInt64.max else { return nil }
            result += 1
        }
        return result
    }

    private static func appendDigits(_ value: UInt64, minimumCount: Int, to bytes: inout [UInt8]) {
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)   // room for 20 digits, written from the end
        var count = 0
        var rest = value
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[23 - count] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
                count += 1
            } while rest > 0 || count < minimumCount
            bytes.append(contentsOf: buffer[(24 - count)...])
        }
    }

    private static let powersOfTen: [UInt64] = (0...9).map { power in (0..<power).reduce(1) { value, _ in value * 10 } }

    /// The C library's own formatting, for what the fast path does not cover.
    static func slowFormat(_ value: Double, decimals: Int) -> String {
        var buffer = [CChar](repeating: 0, count: 512)
        let format = "%.\(decimals)f"
        let written = withVaList([value]) { vsnprintf(&buffer, buffer.count, format, $0) }
        if written >= 0 && Int(written) < buffer.count {
            return String(decoding: buffer[0..<Int(written)].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
        var larger = [CChar](repeating: 0, count: Int(written) + 1)
        _ = withVaList([value]) { vsnprintf(&larger, larger.count, format, $0) }
        return String(decoding: larger.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
