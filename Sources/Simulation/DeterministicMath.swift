/// `exp` and `log` written with plain IEEE 754 arithmetic only.
///
/// The platform `libm` is allowed to differ in the last bit between systems (glibc,
/// Apple, musl), and one differing bit can flip a sampled event. Basic operations and
/// `squareRoot()` are exactly rounded everywhere, so building the two functions the
/// samplers need from them makes a seed produce byte-identical files on every machine.
/// Both are accurate to about 1e-16 relative over the ranges the simulator uses.
enum DeterministicMath {
    private static let ln2High = 6.93147180369123816490e-01
    private static let ln2Low = 1.90821492927058770002e-10
    private static let inverseLn2 = 1.44269504088896338700e+00

    /// e^x; 0 below -708 (the simulator never needs subnormal results), +inf above 709.
    static func exp(_ x: Double) -> Double {
        if x.isNaN { return x }
        if x > 709.0 { return .infinity }
        if x < -708.0 { return 0 }
        // x = k ln2 + r with |r| <= ln2 / 2; ln2 in two parts keeps r exact to ~1e-19.
        let k = (x * inverseLn2).rounded(.toNearestOrEven)
        let r = (x - k * ln2High) - k * ln2Low
        // Taylor series to r^13: the truncation error is below 4e-18 for |r| <= 0.347.
        var sum = 1.0 / 6_227_020_800.0
        sum = sum * r + 1.0 / 479_001_600.0
        sum = sum * r + 1.0 / 39_916_800.0
        sum = sum * r + 1.0 / 3_628_800.0
        sum = sum * r + 1.0 / 362_880.0
        sum = sum * r + 1.0 / 40_320.0
        sum = sum * r + 1.0 / 5_040.0
        sum = sum * r + 1.0 / 720.0
        sum = sum * r + 1.0 / 120.0
        sum = sum * r + 1.0 / 24.0
        sum = sum * r + 1.0 / 6.0
        sum = sum * r + 0.5
        sum = sum * r + 1.0
        sum = sum * r + 1.0
        return sum * powerOfTwo(Int(k))
    }

    /// Natural logarithm; -inf at 0, NaN below 0.
    static func log(_ x: Double) -> Double {
        if x.isNaN || x < 0 { return .nan }
        if x == 0 { return -.infinity }
        if x.isInfinite { return x }
        var value = x
        var exponent = 0
        if value < Double.leastNormalMagnitude {
            value *= 18_014_398_509_481_984.0 // 2^54 lifts subnormals into the normal range
            exponent = -54
        }
        exponent += Int(value.exponent)
        var mantissa = value.significand // in [1, 2)
        if mantissa > 1.4142135623730951 {
            mantissa *= 0.5
            exponent += 1
        }
        // log(m) = 2 atanh(s), s = (m - 1) / (m + 1), |s| <= 0.1716: the series to s^23 is exact to 1e-19.
        let s = (mantissa - 1.0) / (mantissa + 1.0)
        let s2 = s * s
        var series = 1.0 / 23.0
        var denominator = 21.0
        while denominator >= 1.0 {
            series = series * s2 + 1.0 / denominator
            denominator -= 2.0
        }
        let e = Double(exponent)
        return e * ln2High + (2.0 * s * series + e * ln2Low)
    }

    /// 2^k for k in the normal exponent range, built from its bit pattern.
    private static func powerOfTwo(_ k: Int) -> Double {
        Double(bitPattern: UInt64(k + 1023) << 52)
    }
}
