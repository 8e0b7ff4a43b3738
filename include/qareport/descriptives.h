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

#endif
