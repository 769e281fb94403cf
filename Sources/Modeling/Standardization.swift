import Foundation

/// How one training column is filled and scaled; `nil` when the column cannot enter the
/// fit, with the reason.
enum Standardization {
    case usable(fill: Double, center: Double, scale: Double)
    case unusable(String)

    /// A column whose spread is below this share of its size is constant in practice:
    /// rounding noise at 1e-12 must not pass for information.
    static let constantTolerance = 1e-12

    init(column: [Double]) {
        var observed = 0
        var total = 0.0
        for value in column where !value.isNaN {
            observed += 1
            total += value
        }
        guard observed > 0 else {
            self = .unusable("no account has a value")
            return
        }
        let fill = total / Double(observed)
        // Filling with the mean leaves the mean unchanged, so it is also the center.
        var squares = 0.0
        for value in column where !value.isNaN { squares += (value - fill) * (value - fill) }
        let scale = column.count > 1 ? (squares / Double(column.count - 1)).squareRoot() : 0
        guard scale > Standardization.constantTolerance * max(1, abs(fill)) else {
            self = .unusable("every account has the same value")
            return
        }
        self = .usable(fill: fill, center: fill, scale: scale)
    }
}
