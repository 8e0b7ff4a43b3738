/* column_scale.h (internal to src/stats): exact power-of-two scaling of design columns, so
 * that the fits work at any finite scale of the data (issue 15). A column whose largest
 * magnitude lies outside [2^-32, 2^32) is multiplied by 2^e_j, bringing that magnitude into
 * [1, 2); the fit runs on the scaled copy and its coefficients, standard errors and limits are
 * multiplied by 2^e_j after. Multiplying by a power of two is exact (no rounding) while the
 * results stay normal numbers, so the fit on the scaled copy is the fit on the data, only
 * without cross-products that overflow (x ~ 1e155) or underflow to subnormal numbers or zero
 * (x ~ 1e-160, 1e-200); columns of ordinary magnitude are not touched at all, so results for
 * ordinary data are bit for bit those without scaling. */
#ifndef QAREPORT_COLUMN_SCALE_H
#define QAREPORT_COLUMN_SCALE_H

#include <stdbool.h>
#include <stddef.h>

typedef struct {
    size_t p;
    int *exponent; /* e_j of each column (0: not scaled) */
    double *x;     /* the scaled copy (row-major n×p), NULL when no column is scaled */
} qa_column_scale;

/* The exponents of the columns of x (n rows, p columns, row-major) and, when a column needs
 * scaling, the scaled copy. Non-finite values are left as they are (the fits refuse them).
 * Returns false when out of memory (scale then holds nothing). */
bool qa_column_scale_make(const double *x, size_t n, size_t p, qa_column_scale *scale);
void qa_column_scale_free(qa_column_scale *scale);

/* A value on the data's scale from the scaled fit's: for a coefficient, standard error or
 * limit of column j, value * 2^e_j. */
double qa_column_scale_back(const qa_column_scale *scale, size_t j, double value);

/* The exponent of one vector (a single column): 0 for ordinary magnitudes. */
int qa_column_scale_exponent(const double *x, size_t n, size_t stride);

#endif
