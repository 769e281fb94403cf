/// The predictor matrix of a regression: one row per observation, one named column per
/// coefficient, stored column-major (`values[row + column * rows]`) so that it can be
/// handed to BLAS/LAPACK without copying.
package struct DesignMatrix: Sendable {
    /// The name the fitter treats as the intercept: it is left out of the ridge penalty
    /// unless the caller says otherwise.
    package static let interceptName = "intercept"

    package let rows: Int
    /// Column names, e.g. `["intercept", "gpa", "tuce"]`.
    package let names: [String]
    /// Column-major values, `rows x names.count`.
    package var values: [Double]

    /// The number of columns (coefficients).
    package var columns: Int { names.count }

    /// Builds a design from whole columns. Every column must have the same length and
    /// there must be one name per column.
    package init(columns: [[Double]], names: [String]) {
        precondition(columns.count == names.count, "one name per column")
        let rows = columns.first?.count ?? 0
        precondition(columns.allSatisfy { $0.count == rows }, "columns of unequal length")
        self.rows = rows
        self.names = names
        self.values = Array(columns.joined())
    }

    /// Wraps values that are already column-major, `rows x names.count`.
    package init(rows: Int, names: [String], columnMajor: [Double]) {
        precondition(rows >= 0 && columnMajor.count == rows * names.count,
                     "columnMajor must hold rows x names.count values")
        self.rows = rows
        self.names = names
        self.values = columnMajor
    }

    /// A design whose first column is a column of ones named `intercept`, followed by
    /// the given feature columns.
    package static func withIntercept(features: [[Double]], names: [String]) -> DesignMatrix {
        let rows = features.first?.count ?? 0
        return DesignMatrix(columns: [Array(repeating: 1, count: rows)] + features,
                            names: [interceptName] + names)
    }

    /// The values of one column.
    package func column(_ index: Int) -> ArraySlice<Double> {
        values[(index * rows)..<((index + 1) * rows)]
    }

    /// The first (lowest row, then leftmost column) cell that is NaN or infinite.
    func firstNonFiniteCell() -> (row: Int, column: Int)? {
        guard !allFinite else { return nil }
        var found: (row: Int, column: Int)?
        for column in 0..<columns {
            // Rows at or beyond an earlier find cannot improve on it.
            let limit = found?.row ?? rows
            let base = column * rows
            if let row = (0..<limit).first(where: { !values[base + $0].isFinite }) {
                found = (row, column)
            }
        }
        return found
    }

    /// Whether no cell is NaN or infinite, in one pass the compiler vectorises: a double
    /// is neither when its exponent bits are not all ones. Every fit checks its design,
    /// and the 35 fits of a penalty search took 10 ms on the search for a first cell.
    private var allFinite: Bool {
        values.withUnsafeBufferPointer { cells in
            var exponentAllOnes: UInt64 = 0
            for cell in cells { exponentAllOnes |= ((cell.bitPattern >> 52 & 0x7FF) &+ 1) >> 11 }
            return exponentAllOnes == 0
        }
    }
}
