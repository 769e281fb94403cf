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
/// arithmetic, and more than 9 decimals, still go to `snprintf`).
package enum DecimalText {
    /// The longest text `write` produces: a sign, 20 digits, a point and 9 decimals.
    package static let maximumFastLength = 31

    /// Writes `value` with `decimals` digits after the point at `destination` and returns
    /// the count of bytes, or nil (writing nothing) for what the fast path does not cover:
    /// NaN, infinity, more than 9 decimals, or a scaled value beyond 64 bits. Then
    /// `string` gives the text. `destination` needs room for the text, at most
    /// `maximumFastLength` bytes.
    package static func write(_ value: Double, decimals: Int, to destination: UnsafeMutablePointer<UInt8>) -> Int? {
        guard value.isFinite, decimals >= 0, decimals <= 9,
              let scaled = scaledMagnitude(value, decimals: decimals) else { return nil }
        var count = 0
        if value.sign == .minus { destination[0] = UInt8(ascii: "-"); count = 1 }
        let scale = powersOfTen[decimals]
        count += writeDigits(scaled / scale, minimumCount: 1, to: destination + count)
        if decimals > 0 {
            destination[count] = UInt8(ascii: ".")
            count += 1 + writeDigits(scaled % scale, minimumCount: decimals, to: destination + count + 1)
        }
        return count
    }

    /// Appends `value` with `decimals` digits after the point; nothing for NaN or infinity.
    package static func append(_ value: Double, decimals: Int, to bytes: inout [UInt8]) {
        guard value.isFinite else { return }
        withFastText(value, decimals: decimals) { text in
            if let text { bytes.append(contentsOf: text) } else { bytes.append(contentsOf: slowFormat(value, decimals: decimals).utf8) }
        }
    }

    /// `value` as `String(format: "%.<decimals>f", value)` writes it.
    package static func string(_ value: Double, decimals: Int) -> String {
        // A short result becomes a small string, with no allocation at all.
        withFastText(value, decimals: decimals) { text in
            text.map { String(decoding: $0, as: UTF8.self) } ?? slowFormat(value, decimals: decimals)
        }
    }

    /// The fast text of `value` in a stack buffer, nil when the fast path does not cover it.
    private static func withFastText<Result>(_ value: Double, decimals: Int,
                                             _ body: (UnsafeBufferPointer<UInt8>?) -> Result) -> Result {
        var storage: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)   // 32 bytes >= maximumFastLength
        return withUnsafeMutableBytes(of: &storage) { raw in
            let buffer = raw.bindMemory(to: UInt8.self)
            guard let count = write(value, decimals: decimals, to: buffer.baseAddress!) else { return body(nil) }
            return body(UnsafeBufferPointer(rebasing: buffer[0..<count]))
        }
    }

    /// Writes `value` in decimal, with a minus sign when negative, and returns the count
    /// of bytes (at most 20).
    package static func writeInteger(_ value: Int, to destination: UnsafeMutablePointer<UInt8>) -> Int {
        var count = 0
        if value < 0 { destination[0] = UInt8(ascii: "-"); count = 1 }
        return count + writeDigits(UInt64(value.magnitude), to: destination + count)
    }

    /// Writes the decimal digits of `value`, zero-padded on the left to `minimumCount`,
    /// and returns their count.
    package static func writeDigits(_ value: UInt64, minimumCount: Int = 1, to destination: UnsafeMutablePointer<UInt8>) -> Int {
        var count = 0, rest = value
        repeat { count += 1; rest /= 10 } while rest > 0
        count = max(count, minimumCount)
        rest = value
        for position in stride(from: count - 1, through: 0, by: -1) {
            destination[position] = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
        }
        return count
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
