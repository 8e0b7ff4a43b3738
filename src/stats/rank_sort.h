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

/* dense[i] = 0-based rank of x[i] among the distinct values of x (equal values share it);
 * *levels = number of distinct values; and, when order is not NULL, order[0..n-1] = the
 * case indices in ascending order of x (stable). n must fit in 32 bits. QA_ERR_NUMERIC for
 * NaN, QA_ERR_MEMORY. */
qa_status qa_rank_dense_order(const double *x, size_t n, uint32_t *dense, uint32_t *order,
                              size_t *levels);

#endif
