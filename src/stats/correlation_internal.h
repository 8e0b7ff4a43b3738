/* correlation_internal.h (private to src/stats): what correlation.c, kendall.c and
 * kendall_count.c share. The contingency table of two integer-code variables (the 0–4
 * scales, 0/1 outcomes): counted in one pass, it gives Pearson, Spearman and Kendall in
 * O(kx ky) more, far cheaper than ranking and sorting a million cases. And the counts
 * behind Kendall's tau-b, from a table or from variables ranked once (qa_ranked). */
#ifndef QAREPORT_STATS_CORRELATION_INTERNAL_H
#define QAREPORT_STATS_CORRELATION_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "qareport/correlation.h"
#include "rank_sort.h"

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

typedef struct {
    int64_t s;        /* concordant - discordant pairs */
    int64_t x_tied;   /* pairs tied in x: n1 = sum t(t - 1)/2 over tie groups */
    int64_t y_tied;   /* pairs tied in y: n2 */
    double x_ties[3]; /* over tie groups of x: sum t(t-1), t(t-1)(t-2), t(t-1)(2t+5) */
    double y_ties[3];
} qa_kendall_counts;

/* kendall_count.c: the counts from a table, or from ranked variables by the algorithm
 * asked for (QA_ERR_USAGE: the table with more than QA_CODE_TABLE_LEVEL_LIMIT levels). */
qa_status qa_kendall_count_table(const qa_code_table *table, qa_kendall_counts *out);
qa_status qa_kendall_count_ranked(const qa_ranked *x, const qa_ranked *y,
                                  qa_kendall_algorithm algorithm, qa_kendall_counts *out);

/* kendall.c: tau-b and its test from a table or ranked variables; errors as qa_kendall. */
qa_status qa_kendall_from_table(const qa_code_table *table, qa_correlation *out,
                                qa_error *error);
qa_status qa_kendall_from_ranked(const qa_ranked *x, const qa_ranked *y, qa_correlation *out,
                                 qa_error *error);

#endif
