// Fortran LAPACK/BLAS entry points used by the Regression module.
// Every argument is passed by reference; INTEGER is 32-bit (int). gfortran appends one
// hidden size_t length argument per CHARACTER argument, declared last and passed as 1.
#ifndef HEALTHSCORE_CLAPACK_SHIM_H
#define HEALTHSCORE_CLAPACK_SHIM_H

#include <stddef.h>

// BLAS level 2: y := alpha*op(A)*x + beta*y
void dgemv_(const char *trans, const int *m, const int *n, const double *alpha,
            const double *a, const int *lda, const double *x, const int *incx,
            const double *beta, double *y, const int *incy, size_t trans_len);

// BLAS level 2: x := inv(op(A))*x for triangular A
void dtrsv_(const char *uplo, const char *trans, const char *diag, const int *n,
            const double *a, const int *lda, double *x, const int *incx,
            size_t uplo_len, size_t trans_len, size_t diag_len);

// BLAS level 3: C := alpha*op(A)*op(A)' + beta*C, one triangle of symmetric C
void dsyrk_(const char *uplo, const char *trans, const int *n, const int *k,
            const double *alpha, const double *a, const int *lda, const double *beta,
            double *c, const int *ldc, size_t uplo_len, size_t trans_len);

// LAPACK: Cholesky factorisation, solve with the factor, inverse from the factor
void dpotrf_(const char *uplo, const int *n, double *a, const int *lda, int *info,
             size_t uplo_len);
void dpotrs_(const char *uplo, const int *n, const int *nrhs, const double *a,
             const int *lda, double *b, const int *ldb, int *info, size_t uplo_len);
void dpotri_(const char *uplo, const int *n, double *a, const int *lda, int *info,
             size_t uplo_len);

#endif
