/// The median: the one implementation behind session-length features and the portfolio's
/// median session.
package enum Median {
    /// The median of `values` (mean of the middle two for an even count), nil when empty.
    /// Reorders `values`.
    ///
    /// Found by selection rather than a full sort: only the middle values are needed, and
    /// sorting was most of the time spent on features. Selection returns the same values
    /// as sorting, and the same bits too, except that it may pick 0 where the sort picks
    /// -0 (they compare equal); lengths holding a -0 are therefore sorted.
    package static func of<Value: BinaryFloatingPoint>(_ values: inout [Value]) -> Double? {
        guard !values.isEmpty else { return nil }
        let middle = values.count / 2
        if values.contains(where: { $0 == 0 && $0.sign == .minus }) {
            values.sort()
        } else {
            values.withUnsafeMutableBufferPointer { select(middle, in: $0) }
            if values.count % 2 == 0 {
                // After selection everything before `middle` is at most values[middle]: the
                // largest of them is the lower middle value.
                let lower = values[..<middle].max()!
                return (Double(lower) + Double(values[middle])) / 2
            }
        }
        if values.count % 2 == 1 { return Double(values[middle]) }
        return (Double(values[middle - 1]) + Double(values[middle])) / 2
    }

    /// The median of a copy of `values`.
    package static func of<Value: BinaryFloatingPoint>(_ values: [Value]) -> Double? {
        var copy = values
        return of(&copy)
    }

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
