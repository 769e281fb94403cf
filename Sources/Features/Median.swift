/// The median: the one implementation behind session-length features and the portfolio's
/// median session.
package enum Median {
    /// The median of `values` (mean of the middle two for an even count), nil when empty.
    /// Reorders `values`, which hold no NaN (callers leave unknown values out).
    ///
    /// Found by selection rather than a full sort: only the middle values are needed, and
    /// sorting was most of the time spent on features. Selection returns the same values
    /// as sorting, and the same bits too, except that it may pick 0 where the sort picks
    /// -0 (they compare equal); lengths holding a -0 are therefore sorted.
    package static func of<Value: BinaryFloatingPoint>(_ values: inout [Value]) -> Double? {
        values.withUnsafeMutableBufferPointer { of(in: $0) }
    }

    /// `of(_:)` for values in a buffer, which it reorders.
    static func of<Value: BinaryFloatingPoint>(in values: UnsafeMutableBufferPointer<Value>) -> Double? {
        guard !values.isEmpty else { return nil }
        let middle = values.count / 2
        if containsNegativeZero(values) {
            var buffer = values   // the same memory: sorting it sorts `values`
            buffer.sort()
            if values.count % 2 == 1 { return Double(values[middle]) }
            return (Double(values[middle - 1]) + Double(values[middle])) / 2
        }
        let (lower, upper) = middleValues(in: values)
        if values.count % 2 == 1 { return Double(upper) }
        return (Double(lower) + Double(upper)) / 2
    }

    /// Whether some value is -0. For lengths in Float, their bits are compared without a
    /// branch, which the compiler vectorises: 0.2 ns a value against 1.0 ns for a search
    /// that stops at the first, on 20,000 lists of 20 or 72 lengths.
    static func containsNegativeZero<Value: BinaryFloatingPoint>(_ values: UnsafeMutableBufferPointer<Value>) -> Bool {
        guard Value.self == Float.self, let start = values.baseAddress else {
            return values.contains { $0 == 0 && $0.sign == .minus }
        }
        // `Value` is Float here: the memory is read as what it is bound to.
        let lengths = UnsafeRawPointer(start).assumingMemoryBound(to: Float.self)
        let negativeZero = (-0.0 as Float).bitPattern
        var found = 0
        for index in 0..<values.count { found |= bit(lengths[index].bitPattern == negativeZero) }
        return found != 0
    }

    /// The median of a copy of `values`.
    package static func of<Value: BinaryFloatingPoint>(_ values: [Value]) -> Double? {
        var copy = values
        return of(&copy)
    }

    /// From this many values on, `middleValues` narrows the range before selecting.
    static let narrowingMinimum = 32

    /// The values a sort would put at positions `(n - 1) / 2` and `n / 2` (the same one for
    /// an odd count n > 0). Reorders `values`, which should hold no NaN (with one, the
    /// answer is some pair of the values, as selection's was).
    ///
    /// Hoare's selection mispredicts about every other comparison. While the range is
    /// large, a sample of 15 of its values gives two bounds that hold both middle
    /// positions between them about 96 times in 100: one pass counts the values below,
    /// between and above them, and a second moves those of the part that holds the middle
    /// (between the bounds, or, when they miss, below or above them) to the front; neither
    /// pass branches on a value. A round that finds the middle between halves the range,
    /// one that misses still drops a part. The last range, of fewer than 32 values unless a
    /// round could not narrow it, is finished by counting ranks (`smallMiddleValues`, for
    /// lengths in Float) or by selection; when the middle two values straddle a bound, one
    /// more pass finds the one on the other side.
    /// Finishing four pooled days of 20,000 accounts (mostly their medians) took
    /// 0.030-0.034 s this way on two cores; 0.045-0.048 s when a miss handed the range to
    /// selection and selection finished every range, 0.065-0.080 s by selection alone.
    /// Narrowing from 32 values on was a little faster than from 64 or 128.
    static func middleValues<Value: BinaryFloatingPoint>(in values: UnsafeMutableBufferPointer<Value>) -> (Value, Value) {
        var count = values.count
        var low = (count - 1) / 2, high = count / 2
        /// Moves the values that pass `keeps` to the front, in order; returns how many.
        @inline(__always)
        func keep(_ keeps: (Value) -> Bool) -> Int {
            var kept = 0
            for index in 0..<count {
                let value = values[index]
                values[kept] = value
                kept &+= bit(keeps(value))
            }
            return kept
        }
        while count >= narrowingMinimum {
            let (least, most) = sampleBounds(values, count: count)
            // A NaN bound compares false with everything: no part could be kept.
            guard !least.isNaN && !most.isNaN else { break }
            var below = 0, between = 0
            for value in values[..<count] {
                below &+= bit(value < least)
                between &+= bit(value >= least) & bit(value <= most)
            }
            if below <= low && high < below + between {
                // Everything between equal bounds is the one value.
                if least == most { return (least, least) }
                guard between < count else { break }
                count = keep { $0 >= least && $0 <= most }
                low -= below
                high -= below
            } else if high < below {
                count = keep { $0 < least }
            } else if low >= below + between {
                count = keep { $0 > most }
                low -= below + between
                high -= below + between
            } else if high == below {
                // The middle two straddle `least`: the largest value below it, and `least`
                // itself, the smallest from it on (a sampled value is in the range).
                var largest = -Value.infinity
                for value in values[..<count] { largest = Swift.max(largest, value < least ? value : -.infinity) }
                return (largest, least)
            } else {
                // They straddle `most` (below + between == high): `most`, and the smallest above it.
                var smallest = Value.infinity
                for value in values[..<count] { smallest = Swift.min(smallest, value > most ? value : .infinity) }
                return (most, smallest)
            }
        }
        let range = UnsafeMutableBufferPointer(rebasing: values[..<count])
        if count <= smallMaximum && Value.self == Float.self {
            let lengths = UnsafeRawPointer(range.baseAddress!).assumingMemoryBound(to: Float.self)
            let (lower, upper) = smallMiddleValues(in: UnsafeBufferPointer(start: lengths, count: count), low: low, high: high)
            return (Value(lower), Value(upper))
        }
        select(high, in: range)
        return (low == high ? range[high] : range[..<high].max()!, range[high])
    }

    /// The most values `smallMiddleValues` takes: every range narrowing leaves.
    static let smallMaximum = narrowingMinimum

    /// The values a sort would put at positions `low` and `high` of at most `smallMaximum`
    /// lengths without NaN, found by rank: `v` is at sorted position k when fewer than k+1
    /// values are below it and more than k are not above it, and both counts for one value
    /// are eight comparisons at once, none a branch. Selection mispredicted its way through
    /// these last few values: timed on 20,000 lists each of 5 to 72 random lengths, medians
    /// took 5-6 ns per value this way against 8-14 ns. For Float, the session lengths' type,
    /// only: compiled for a generic value, the comparisons were made one lane at a time.
    static func smallMiddleValues(in values: UnsafeBufferPointer<Float>, low: Int, high: Int) -> (Float, Float) {
        let count = values.count
        precondition(count <= smallMaximum && 0 <= low && low <= high && high < count)
        return withUnsafeTemporaryAllocation(of: SIMD8<Float>.self, capacity: smallMaximum / 8) { lanes in
            // NaN in the lanes past the end: it compares false, and counts nowhere.
            let used = (count + 7) / 8
            for lane in 0..<used {
                var eight = SIMD8<Float>(repeating: .nan)
                for k in 0..<8 where 8 * lane + k < count { eight[k] = values[8 * lane + k] }
                lanes[lane] = eight
            }
            var lower: Float = 0, upper: Float = 0
            var found = 0
            for index in 0..<count {
                let value = values[index]
                let each = SIMD8<Float>(repeating: value)
                var below = SIMD8<Int32>.zero, notAbove = SIMD8<Int32>.zero
                // A true lane of a mask is all ones, -1: subtracting it counts one.
                for lane in 0..<used {
                    below &-= unsafeBitCast(lanes[lane] .< each, to: SIMD8<Int32>.self)
                    notAbove &-= unsafeBitCast(lanes[lane] .<= each, to: SIMD8<Int32>.self)
                }
                let (first, end) = (Int(below.wrappedSum()), Int(notAbove.wrappedSum()))
                if first <= low && low < end { lower = value; found |= 1 }
                if first <= high && high < end { upper = value; found |= 2 }
                if found == 3 { break }
            }
            return (lower, upper)
        }
    }

    /// 1 or 0, as a value rather than a branch (the compiler branches on `b ? 1 : 0` here).
    @inline(__always)
    static func bit(_ b: Bool) -> Int { Int(unsafeBitCast(b, to: UInt8.self)) }

    /// The 4th and the 12th smallest of 15 values spread evenly over `values[..<count]`:
    /// about the first and the third quartile of the range. The 15 are sorted by a
    /// network, padded to 16 with infinity, that swaps without branching: sorting them by
    /// insertion mispredicted a branch per value and took a third of the medians' time
    /// for 26 weekly days.
    private static func sampleBounds<Value: BinaryFloatingPoint>(_ values: UnsafeMutableBufferPointer<Value>,
                                                                count: Int) -> (Value, Value) {
        withUnsafeTemporaryAllocation(of: Value.self, capacity: 16) { sample in
            for j in 0..<15 { sample.initializeElement(at: j, to: values[samplePosition(j, count: count)]) }
            sample.initializeElement(at: 15, to: .infinity)
            for (i, j) in sortingNetwork16 {
                let (a, b) = (sample[i], sample[j])
                sample[i] = Swift.min(a, b)
                sample[j] = Swift.max(a, b)
            }
            return (sample[3], sample[11])
        }
    }

    /// The position in `0..<count` of the `j`-th of the 15 sampled values (j in 0..<15),
    /// spread evenly.
    @inline(__always)
    static func samplePosition(_ j: Int, count: Int) -> Int { j * count / 15 + count / 30 }

    /// Batcher's odd-even merge sort of 16 values, as its 63 compare-exchanges (i, j),
    /// i < j: after them, in this order, any 16 values are sorted (a test runs every input
    /// of zeros and ones, which by the 0-1 principle covers all).
    static let sortingNetwork16: [(Int, Int)] = {
        let n = 16
        var pairs: [(Int, Int)] = []
        var p = 1
        while p < n {
            var k = p
            while k >= 1 {
                var j = k % p
                while j <= n - 1 - k {
                    for i in 0..<Swift.min(k, n - j - k) where (i + j) / (2 * p) == (i + j + k) / (2 * p) {
                        pairs.append((i + j, i + j + k))
                    }
                    j += 2 * k
                }
                k /= 2
            }
            p *= 2
        }
        return pairs
    }()

    /// Rearranges `values` so that `values[k]` is the value a sort would put there, with
    /// nothing larger before it and nothing smaller after it (Hoare's selection, with the
    /// median of three as pivot; small ranges by insertion sort).
    static func select<Value: BinaryFloatingPoint>(_ k: Int, in values: UnsafeMutableBufferPointer<Value>) {
        var low = 0, high = values.count - 1
        while high - low > 16 {
            let mid = low + (high - low) / 2
            // Median of three to values[mid].
            if values[mid] < values[low] { values.swapAt(mid, low) }
            if values[high] < values[low] { values.swapAt(high, low) }
            if values[high] < values[mid] { values.swapAt(high, mid) }
            let pivot = values[mid]
            var i = low, j = high
            while i <= j {
                while values[i] < pivot { i += 1 }
                while pivot < values[j] { j -= 1 }
                if i <= j { values.swapAt(i, j); i += 1; j -= 1 }
            }
            if k <= j { high = j } else if k >= i { low = i } else { return }
        }
        // Insertion sort of the small range left.
        if low < high {
            for i in (low + 1)...high {
                let value = values[i]
                var j = i - 1
                while j >= low && value < values[j] { values[j + 1] = values[j]; j -= 1 }
                values[j + 1] = value
            }
        }
    }
}
