/* Small dense linear algebra for the logistic fits: p is the number of terms (a handful), so
 * plain loops over p*p row-major arrays are fast and keep failures as return values (GSL's
 * linalg routines report a non-positive-definite matrix through its aborting error handler). */
#include "logit_internal.h"

#include <math.h>

/* Cholesky–Banachiewicz; the upper triangle is zeroed so that a holds L alone. */
bool qa_logit_cholesky(double *a, size_t p)
{
    for (size_t j = 0; j < p; j++) {
        double diagonal = a[j * p + j];
        for (size_t k = 0; k < j; k++)
            diagonal -= a[j * p + k] * a[j * p + k];
        /* Relative test: a pivot lost to rounding means the matrix is singular. */
        if (!(diagonal > 1e-14 * fabs(a[j * p + j])) || !isfinite(diagonal))
            return false;
        double root = sqrt(diagonal);
        a[j * p + j] = root;
        for (size_t i = j + 1; i < p; i++) {
            double sum = a[i * p + j];
            for (size_t k = 0; k < j; k++)
                sum -= a[i * p + k] * a[j * p + k];
            a[i * p + j] = sum / root;
        }
        for (size_t k = j + 1; k < p; k++)
            a[j * p + k] = 0;
    }
    return true;
}

void qa_logit_cholesky_solve(const double *l, size_t p, double *rhs)
{
    for (size_t i = 0; i < p; i++) {
        double sum = rhs[i];
        for (size_t k = 0; k < i; k++)
            sum -= l[i * p + k] * rhs[k];
        rhs[i] = sum / l[i * p + i];
    }
    for (size_t i = p; i-- > 0;) {
        double sum = rhs[i];
        for (size_t k = i + 1; k < p; k++)
            sum -= l[k * p + i] * rhs[k];
        rhs[i] = sum / l[i * p + i];
    }
}

void qa_logit_cholesky_invert(const double *l, size_t p, double *inverse)
{
    /* The inverse is symmetric, so row j (contiguous) can hold the solution for column j. */
    for (size_t j = 0; j < p; j++) {
        double *row = inverse + j * p;
        for (size_t i = 0; i < p; i++)
            row[i] = i == j ? 1.0 : 0.0;
        qa_logit_cholesky_solve(l, p, row);
    }
}

double qa_logit_cholesky_log_determinant(const double *l, size_t p)
{
    double sum = 0;
    for (size_t j = 0; j < p; j++)
        sum += log(l[j * p + j]);
    return 2 * sum;
}
