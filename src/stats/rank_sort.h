/* rank_sort.h (private to src/stats): the sorting behind ranks, Spearman, Kendall and the
 * descriptives. Doubles are sorted by an LSD radix sort on their bit patterns, and small
 * integer codes (the 0–4 scales, 0/1 outcomes) by counting, both in linear time. */
#ifndef QAREPORT_STATS_RANK_SORT_H
#define QAREPORT_STATS_RANK_SORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "qareport/error.h"

/* True when every x[i] is an integer and max - min < level_limit; *min and *levels
 * (= max - min + 1) are then set. NaN or an empty array gives false. */
bool qa_rank_integer_codes(const double *x, size_t n, size_t level_limit, double *min,
                           size_t *levels);

/* A variable ranked once for Spearman and Kendall together. */
typedef struct {
    size_t n, levels;
    uint32_t *level;      /* level of case i: its dense rank, 0-based (for integer codes the
                           * value minus the minimum, so some levels may be empty) */
    uint32_t *order;      /* the cases in ascending order, ties by case index (stable) */
    int64_t *count;       /* cases at each level */
    double *average_rank; /* R's rank() of the cases at each level; NULL unless asked for */
} qa_ranked;

/* Counting for integer codes, radix sort otherwise. QA_ERR_NUMERIC for NaN, n == 0 or
 * n > 2^32 - 1; QA_ERR_MEMORY. On error nothing needs freeing. */
qa_status qa_ranked_build(const double *x, size_t n, bool average_ranks, qa_ranked *ranked);
void qa_ranked_free(qa_ranked *ranked);

#endif
