/* correlation_table.h (private to src/stats): the contingency table of two integer-code
 * variables (the 0–4 scales, 0/1 outcomes). Counted in one pass, it gives Pearson,
 * Spearman and Kendall in O(kx ky) more, which at a million cases is far cheaper than
 * ranking and sorting. */
#ifndef QAREPORT_STATS_CORRELATION_TABLE_H
#define QAREPORT_STATS_CORRELATION_TABLE_H

#include <stddef.h>
#include <stdint.h>

#include "qareport/correlation.h"

/* A table is used when both variables have at most this many levels and it has no more
 * cells than max(n, QA_CODE_TABLE_CELLS_MIN). */
enum { QA_CODE_TABLE_LEVEL_LIMIT = 1024, QA_CODE_TABLE_CELLS_MIN = 4096 };

typedef struct {
    size_t n, kx, ky;
    double min_x, min_y; /* level a of x is the value min_x + a */
    int64_t *cell;       /* kx * ky counts, cell[a * ky + b] */
} qa_code_table;

/* QA_OK with the table counted when x and y are such codes; QA_ERR_NUMERIC (and no table)
 * when they are not, or the table would be too large; QA_ERR_MEMORY. */
qa_status qa_code_table_build(const double *x, const double *y, size_t n, qa_code_table *table);

/* The table of level indices rx[i] < kx, ry[i] < ky (no size limit). */
qa_status qa_code_table_from_levels(const uint32_t *rx, size_t kx, const uint32_t *ry,
                                    size_t ky, size_t n, qa_code_table *table);

void qa_code_table_free(qa_code_table *table);

/* Kendall tau-b and its test from the table (kendall.c); errors as qa_kendall. */
qa_status qa_kendall_from_table(const qa_code_table *table, qa_correlation *out,
                                qa_error *error);

#endif
