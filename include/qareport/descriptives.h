/* descriptives.h: summary statistics of one variable (count, missing, mean, SD, min,
 * quartiles as R's quantile(type = 7), max) and counts of category codes. Pure functions
 * over arrays: NaN marks a missing value. Linear time for small integer codes (the 0–4
 * scales), expected linear time (selection, no full sort) otherwise. */
#ifndef QAREPORT_DESCRIPTIVES_H
#define QAREPORT_DESCRIPTIVES_H

#include <stddef.h>
#include <stdint.h>

#include "qareport/error.h"

typedef struct {
    size_t n;       /* present (non-NaN) values */
    size_t missing; /* NaN values */
    double mean;
    double sd;      /* n - 1 denominator, as R's sd(); NaN when n < 2 */
    double min, q1, median, q3, max; /* type-7 quantiles; all NaN when n == 0 */
} qa_descriptives;

/* Summary of x[0..n-1], NaN = missing. When n (present) is 0 every statistic is NaN, and
 * when it is 1 the SD is NaN, as in R; `out->n` tells the caller why.
 * Returns QA_OK, or QA_ERR_MEMORY (out then holds NaNs) when a work copy cannot be made.
 *
 *     qa_descriptives d;
 *     qa_descriptives_compute(security, case_count, &d);
 */
qa_status qa_descriptives_compute(const double *x, size_t n, qa_descriptives *out);

/* The same summary from counts of integer codes: count[level] values equal min + level
 * (levels >= 1; count[0] and count[levels - 1] > 0 unless every count is 0), `sum` their sum
 * and `missing` the NaNs beside them. Equal to qa_descriptives_compute on those values,
 * bit for bit, when `sum` is the sum it would form (exact for whole numbers whose sums stay
 * below 2^53), and linear in `levels`: for a caller that counts several groups of one
 * column in a single pass. */
void qa_descriptives_from_counts(const size_t *count, size_t levels, double min, double sum,
                                 size_t missing, qa_descriptives *out);

#endif
