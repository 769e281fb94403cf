/// Finds columns that add nothing to the columns before them.
///
/// Works on a Gram matrix `G = X'DX` (any positive diagonal weighting D; the fitter passes
/// the information at b = 0, where D = I/4) scaled to unit diagonal, so the test does not
/// depend on the units of the predictors. A left-looking Cholesky factorisation of the
/// scaled matrix, one column at a time, yields for each column the squared pivot
/// `1 - R^2`: the share of the column's (uncentred) length that the earlier accepted
/// columns do not explain.
enum Collinearity {
    /// A column whose unexplained share `1 - R^2` is below this is treated as a linear
    /// combination of the earlier columns. Exactly dependent columns leave only rounding
    /// residue (about 1e-16 to 1e-13 after forming X'X in double precision), while a
    /// column this close to its predecessors makes the information matrix's condition
    /// number exceed 1e10, so estimates and standard errors would keep fewer than six
    /// trustworthy digits (2.2e-16 x 1e10).
    static let tolerance = 1e-10

    /// An earlier column is reported as part of the dependency when its coefficient in
    /// the (unit-scaled) linear combination exceeds this share of the largest one;
    /// smaller coefficients are rounding noise.
    static let contributionShare = 1e-6

    /// The first column among `candidates` (in order) that is numerically a linear
    /// combination of the candidates before it, with those it depends on, or nil.
    ///
    /// - Parameters:
    ///   - gram: `order x order`, column-major, lower triangle read.
    ///   - candidates: column indices to examine, in increasing order.
    static func firstDependentColumn(
        gram: [Double], order: Int, among candidates: [Int]
    ) -> (column: Int, dependsOn: [Int])? {
        let size = candidates.count
        // Cholesky factor of the accepted columns' scaled Gram matrix, leading dimension `size`.
        var factor = [Double](repeating: 0, count: size * size)
        var accepted: [Int] = []
        for candidate in candidates {
            let diagonal = gram[candidate * (order + 1)]
            guard diagonal > 0 else { return (candidate, []) }
            // Scaled cross products with the accepted columns, then L^-1 of them.
            var projection = accepted.map { earlier in
                entry(gram, order, candidate, earlier)
                    / (diagonal * gram[earlier * (order + 1)]).squareRoot()
            }
            LAPACK.triangularSolve(factor, order: accepted.count, leadingDimension: size,
                                   transposed: false, &projection)
            let explained = projection.reduce(0) { $0 + $1 * $1 }
            let unexplained = 1 - explained
            if unexplained < tolerance {
                // Coefficients of the unit-scaled combination: L'^-1 L^-1 g.
                LAPACK.triangularSolve(factor, order: accepted.count, leadingDimension: size,
                                       transposed: true, &projection)
                let largest = projection.map(abs).max() ?? 0
                let dependsOn = zip(accepted, projection)
                    .filter { abs($0.1) > contributionShare * largest }
                    .map(\.0)
                return (candidate, dependsOn)
            }
            let row = accepted.count
            for (k, value) in projection.enumerated() { factor[row + k * size] = value }
            factor[row * (size + 1)] = unexplained.squareRoot()
            accepted.append(candidate)
        }
        return nil
    }

    /// `G[i, j]` read from the lower triangle.
    private static func entry(_ gram: [Double], _ order: Int, _ i: Int, _ j: Int) -> Double {
        i >= j ? gram[i + j * order] : gram[j + i * order]
    }
}
