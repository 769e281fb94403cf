import CLapack

/// Thin, bounds-checked wrappers over the system BLAS/LAPACK (Fortran interface).
///
/// Matrices are column-major with the row count as leading dimension. Symmetric and
/// triangular matrices live in their lower triangle. Sizes are checked against the
/// arrays before any pointer reaches Fortran, so a wrong size traps instead of
/// corrupting memory.
enum LAPACK {
    /// `y := alpha * A * x + beta * y`, or with `transposed`, `y := alpha * A' * x + beta * y`,
    /// for the `rows x columns` matrix `A`.
    static func multiply(
        _ a: [Double], rows: Int, columns: Int, transposed: Bool = false,
        by x: [Double], into y: inout [Double], alpha: Double = 1, beta: Double = 0
    ) {
        let (xCount, yCount) = transposed ? (rows, columns) : (columns, rows)
        precondition(a.count >= rows * columns && x.count >= xCount && y.count >= yCount)
        guard rows > 0, columns > 0 else {
            for i in 0..<yCount { y[i] = beta == 0 ? 0 : beta * y[i] }
            return
        }
        var m = Int32(rows), n = Int32(columns), lda = Int32(rows), one: Int32 = 1
        var alpha = alpha, beta = beta
        dgemv_(transposed ? "T" : "N", &m, &n, &alpha, a, &lda, x, &one, &beta, &y, &one, 1)
    }

    /// `C := A' * A + (accumulate ? C : 0)` in the lower triangle of the `columns x columns`
    /// matrix `C`, where `A` is the leading `rows x columns` block of `a` (leading dimension
    /// `rows`). The upper triangle of `C` is left untouched.
    static func addGram(
        of a: [Double], rows: Int, columns: Int, into c: inout [Double], accumulate: Bool
    ) {
        precondition(a.count >= rows * columns && c.count >= columns * columns)
        guard rows > 0, columns > 0 else { return }
        var n = Int32(columns), k = Int32(rows), lda = Int32(rows), ldc = Int32(columns)
        var alpha = 1.0, beta = accumulate ? 1.0 : 0.0
        dsyrk_("L", "T", &n, &k, &alpha, a, &lda, &beta, &c, &ldc, 1, 1)
    }

    /// Overwrites the lower triangle of the symmetric `order x order` matrix with its
    /// Cholesky factor `L` (`A = L L'`). Returns false when the matrix is not numerically
    /// positive definite (LAPACK `info > 0`); the contents are then unspecified.
    static func choleskyFactor(_ a: inout [Double], order: Int) -> Bool {
        precondition(a.count >= order * order)
        guard order > 0 else { return true }
        var n = Int32(order), lda = Int32(order), info: Int32 = 0
        dpotrf_("L", &n, &a, &lda, &info, 1)
        precondition(info >= 0, "dpotrf rejected argument \(-info)")
        return info == 0
    }

    /// Solves `A x = b` in place of `b`, given the Cholesky factor from `choleskyFactor`.
    static func choleskySolve(factor: [Double], order: Int, _ b: inout [Double]) {
        precondition(factor.count >= order * order && b.count >= order)
        guard order > 0 else { return }
        var n = Int32(order), nrhs: Int32 = 1, lda = Int32(order), ldb = Int32(order)
        var info: Int32 = 0
        dpotrs_("L", &n, &nrhs, factor, &lda, &b, &ldb, &info, 1)
        precondition(info == 0, "dpotrs rejected argument \(-info)")
    }

    /// Replaces the Cholesky factor from `choleskyFactor` with the full symmetric inverse
    /// of the original matrix (both triangles filled). Returns false when the factor has
    /// a zero on its diagonal.
    static func choleskyInverse(_ factor: inout [Double], order: Int) -> Bool {
        precondition(factor.count >= order * order)
        guard order > 0 else { return true }
        var n = Int32(order), lda = Int32(order), info: Int32 = 0
        dpotri_("L", &n, &factor, &lda, &info, 1)
        precondition(info >= 0, "dpotri rejected argument \(-info)")
        guard info == 0 else { return false }
        // dpotri writes the lower triangle only.
        for column in 0..<order {
            for row in (column + 1)..<order {
                factor[column + row * order] = factor[row + column * order]
            }
        }
        return true
    }

    /// Solves `L x = b` (or `L' x = b` with `transposed`) in place of the first `order`
    /// entries of `b`, where `L` is the leading `order x order` lower triangle of a matrix
    /// stored with leading dimension `leadingDimension`.
    static func triangularSolve(
        _ l: [Double], order: Int, leadingDimension: Int, transposed: Bool, _ b: inout [Double]
    ) {
        precondition(order <= leadingDimension && b.count >= order)
        precondition(order == 0 || l.count >= (order - 1) * leadingDimension + order)
        guard order > 0 else { return }
        var n = Int32(order), lda = Int32(leadingDimension), one: Int32 = 1
        dtrsv_("L", transposed ? "T" : "N", "N", &n, l, &lda, &b, &one, 1, 1, 1)
    }
}
