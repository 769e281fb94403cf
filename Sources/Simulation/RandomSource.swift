/// A seeded, fast, platform-independent pseudo-random source: xoshiro256** seeded by SplitMix64.
///
/// Every sampler is built from the raw 64-bit stream and `DeterministicMath`, never from the
/// standard library's `random(in:)` (whose algorithm may change between releases), so a seed
/// reproduces the same numbers on every run, machine and toolchain.
struct RandomSource {
    private var s0: UInt64
    private var s1: UInt64
    private var s2: UInt64
    private var s3: UInt64
    /// The second value of the last polar-method pair, used by the next `normal()` call.
    private var spareNormal: Double?

    init(seed: UInt64) {
        var mixer = SplitMix64(state: seed)
        s0 = mixer.next()
        s1 = mixer.next()
        s2 = mixer.next()
        s3 = mixer.next()
        spareNormal = nil
    }

    /// An independent stream for one (seed, account, purpose) triple.
    ///
    /// Each account and each generated file get their own stream, so accounts can be simulated in
    /// parallel in any order, and changing a knob of one file (say the session rate) leaves the
    /// accounts, churn dates and the other files exactly as they were.
    init(seed: UInt64, account: Int, purpose: UInt64) {
        var mixer = SplitMix64(state: seed)
        let key = mixer.next()
            ^ (UInt64(truncatingIfNeeded: account) &* 0x9E37_79B9_7F4A_7C15)
            ^ (purpose &* 0xD1B5_4A32_D192_ED03)
        var keyMixer = SplitMix64(state: key)
        self.init(seed: keyMixer.next())
    }

    @inline(__always)
    mutating func next() -> UInt64 {
        let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = s3 << 45 | s3 >> 19
        return result
    }

    /// Uniform in [0, 1) with 53 random bits.
    @inline(__always)
    mutating func uniform() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// Uniform in (0, 1], safe to take the logarithm of.
    @inline(__always)
    mutating func uniformPositive() -> Double {
        Double((next() >> 11) + 1) * 0x1.0p-53
    }

    /// Uniform integer in 0..<bound (Lemire's nearly-divisionless method, unbiased).
    mutating func integer(below bound: Int) -> Int {
        precondition(bound > 0, "bound must be positive")
        let range = UInt64(bound)
        var product = next().multipliedFullWidth(by: range)
        if product.low < range {
            let threshold = (0 &- range) % range
            while product.low < threshold { product = next().multipliedFullWidth(by: range) }
        }
        return Int(product.high)
    }

    /// Uniform in [lower, upper).
    mutating func uniform(_ lower: Double, _ upper: Double) -> Double {
        lower + (upper - lower) * uniform()
    }

    @inline(__always)
    mutating func bernoulli(_ probability: Double) -> Bool {
        uniform() < probability
    }

    /// Standard normal by Marsaglia's polar method (needs only `log` and `squareRoot`).
    mutating func normal() -> Double {
        if let spare = spareNormal {
            spareNormal = nil
            return spare
        }
        while true {
            let u = 2.0 * uniform() - 1.0
            let v = 2.0 * uniform() - 1.0
            let s = u * u + v * v
            if s > 0 && s < 1 {
                let factor = (-2.0 * DeterministicMath.log(s) / s).squareRoot()
                spareNormal = v * factor
                return u * factor
            }
        }
    }

    mutating func normal(mean: Double, standardDeviation: Double) -> Double {
        mean + standardDeviation * normal()
    }

    /// Log-normal with the given median and log-scale spread: median * e^(sigma * Z).
    mutating func logNormal(median: Double, sigma: Double) -> Double {
        median * DeterministicMath.exp(sigma * normal())
    }

    mutating func exponential(mean: Double) -> Double {
        -mean * DeterministicMath.log(uniformPositive())
    }

    /// Poisson count with the given mean.
    ///
    /// Knuth's product-of-uniforms method costs one uniform per event, which is what a session
    /// generator spends anyway; means above 30 are split into chunks (a sum of independent
    /// Poisson counts is Poisson) so e^-mean never loses precision.
    mutating func poisson(_ mean: Double) -> Int {
        guard mean > 0 else { return 0 }
        var remaining = mean
        var count = 0
        while remaining > 30 {
            count += knuthPoisson(limit: RandomSource.expMinus30)
            remaining -= 30
        }
        return count + knuthPoisson(limit: DeterministicMath.exp(-remaining))
    }

    private static let expMinus30 = DeterministicMath.exp(-30)

    private mutating func knuthPoisson(limit: Double) -> Int {
        var product = uniformPositive()
        var count = 0
        while product > limit {
            product *= uniformPositive()
            count += 1
        }
        return count
    }
}

/// SplitMix64 (Steele, Lea and Flood): turns any 64-bit seed, even 0, into well-mixed
/// words. Small and reproducible, so the benchmark and tests draw their data from it too.
package struct SplitMix64: RandomNumberGenerator, Sendable {
    var state: UInt64

    init(state: UInt64) { self.state = state }

    package init(seed: UInt64) { state = seed }

    package mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    package mutating func uniform() -> Double { Double(next() >> 11) * 0x1p-53 }

    /// Standard normal, by Marsaglia's polar method, on the module's own logarithm so
    /// the draws are the same on every platform.
    package mutating func normal() -> Double {
        while true {
            let u = 2 * uniform() - 1, v = 2 * uniform() - 1
            let s = u * u + v * v
            if s > 0 && s < 1 { return u * (-2 * DeterministicMath.log(s) / s).squareRoot() }
        }
    }

    /// Uniform in 0..<bound.
    package mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
}
