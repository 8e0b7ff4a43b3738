/* Cholesky factorisation, solve and inverse for the small information matrices of the Cox
 * model (p is the number of covariates, or 2p for the proportional-hazards test). */
#include "survival_internal.h"

#include <math.h>

bool qa_survival_cholesky(double *a, size_t p)
{
    for (size_t j = 0; j < p; j++) {
        double original = a[j * p + j];
        double pivot = original;
        for (size_t k = 0; k < j; k++)
            pivot -= a[j * p + k] * a[j * p + k];
        if (!(pivot > 1e-10 * fabs(original)) || !(pivot > 0.0))
            return false;
        double root = sqrt(pivot);
        a[j * p + j] = root;
        for (size_t i = j + 1; i < p; i++) {
            double value = a[i * p + j];
            for (size_t k = 0; k < j; k++)
                value -= a[i * p + k] * a[j * p + k];
            a[i * p + j] = value / root;
        }
    }
    return true;
}

void qa_survival_cholesky_solve(const double *l, size_t p, double *b)
{
    for (size_t i = 0; i < p; i++) { /* L y = b */
        double value = b[i];
        for (size_t k = 0; k < i; k++)
            value -= l[i * p + k] * b[k];
        b[i] = value / l[i * p + i];
    }
    for (size_t i = p; i-- > 0;) { /* L' x = y */
        double value = b[i];
        for (size_t k = i + 1; k < p; k++)
            value -= l[k * p + i] * b[k];
        b[i] = value / l[i * p + i];
    }
}

void qa_survival_cholesky_invert(const double *l, size_t p, double *inverse)
{
    for (size_t column = 0; column < p; column++) {
        double *e = inverse + column * p; /* row `column` of a symmetric inverse */
        for (size_t i = 0; i < p; i++)
            e[i] = i == column ? 1.0 : 0.0;
        qa_survival_cholesky_solve(l, p, e);
    }
}
