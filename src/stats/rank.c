/* Ranks: average ranks (R's rank(), ties "average") and dense ranks, by counting sort for
 * small integer codes and by an LSD radix sort of the doubles' bit patterns otherwise.
 * Both are linear in n, which matters at a million cases. */
#include "qareport/correlation.h"
#include "rank_sort.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Codes with at most this many levels are ranked by counting. */
enum { COUNTING_LEVEL_LIMIT = 1 << 16 };

bool qa_rank_integer_codes(const double *x, size_t n, size_t level_limit, double *min,
                           size_t *levels)
{
    if (n == 0)
        return false;
    double lo = x[0], hi = x[0];
    for (size_t i = 0; i < n; i++) {
        double v = x[i];
        /* NaN fails the comparison and so the test. */
        if (!(v == floor(v)) || fabs(v) > 4e15)
            return false;
        if (v < lo)
            lo = v;
        if (v > hi)
            hi = v;
    }
    if (hi - lo >= (double)level_limit)
        return false;
    *min = lo;
    *levels = (size_t)(hi - lo) + 1;
    return true;
}

/* A 64-bit key whose unsigned order is the numeric order of the double (-0 equals 0). */
static uint64_t sort_key(double v)
{
    uint64_t bits;
    if (v == 0)
        v = 0.0;
    memcpy(&bits, &v, sizeof bits);
    return (bits & UINT64_C(0x8000000000000000)) ? ~bits : bits | UINT64_C(0x8000000000000000);
}

enum { RADIX_BITS = 11, RADIX_SIZE = 1 << RADIX_BITS, RADIX_PASSES = 6 };

/* One stable counting pass on digit `pass`; false when every key has the same digit (the
 * pass would change nothing). */
static bool radix_pass(const uint64_t *keys, const size_t *from, size_t *to, size_t n, int pass,
                       size_t *count)
{
    int shift = pass * RADIX_BITS;
    memset(count, 0, RADIX_SIZE * sizeof *count);
    for (size_t i = 0; i < n; i++)
        count[(keys[from[i]] >> shift) & (RADIX_SIZE - 1)]++;
    if (count[(keys[from[0]] >> shift) & (RADIX_SIZE - 1)] == n)
        return false;
    size_t total = 0;
    for (size_t d = 0; d < RADIX_SIZE; d++) {
        size_t c = count[d];
        count[d] = total;
        total += c;
    }
    for (size_t i = 0; i < n; i++)
        to[count[(keys[from[i]] >> shift) & (RADIX_SIZE - 1)]++] = from[i];
    return true;
}

static qa_status sort_index_counting(const double *x, size_t n, double min, size_t levels,
                                     size_t *order)
{
    size_t *start = calloc(levels + 1, sizeof *start);
    if (!start)
        return QA_ERR_MEMORY;
    for (size_t i = 0; i < n; i++)
        start[(size_t)(x[i] - min) + 1]++;
    for (size_t level = 0; level < levels; level++)
        start[level + 1] += start[level];
    for (size_t i = 0; i < n; i++)
        order[start[(size_t)(x[i] - min)]++] = i;
    free(start);
    return QA_OK;
}

qa_status qa_rank_sort_index(const double *x, size_t n, size_t *order)
{
    if (n == 0)
        return QA_OK;
    double min;
    size_t levels;
    if (n > 1 && qa_rank_integer_codes(x, n, n < COUNTING_LEVEL_LIMIT ? COUNTING_LEVEL_LIMIT : n,
                                        &min, &levels))
        return sort_index_counting(x, n, min, levels, order);
    uint64_t *keys = malloc(n * sizeof *keys);
    size_t *other = malloc(n * sizeof *other);
    size_t *count = malloc(RADIX_SIZE * sizeof *count);
    if (!keys || !other || !count) {
        free(keys);
        free(other);
        free(count);
        return QA_ERR_MEMORY;
    }
    for (size_t i = 0; i < n; i++) {
        keys[i] = sort_key(x[i]);
        order[i] = i;
    }
    size_t *from = order, *to = other;
    for (int pass = 0; pass < RADIX_PASSES; pass++) {
        if (radix_pass(keys, from, to, n, pass, count)) {
            size_t *swap = from;
            from = to;
            to = swap;
        }
    }
    if (from != order)
        memcpy(order, from, n * sizeof *order);
    free(keys);
    free(other);
    free(count);
    return QA_OK;
}

static bool has_nan(const double *x, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (isnan(x[i]))
            return true;
    return false;
}

qa_status qa_rank_average(const double *x, size_t n, double *ranks)
{
    if (has_nan(x, n))
        return QA_ERR_NUMERIC;
    size_t *order = malloc((n ? n : 1) * sizeof *order);
    if (!order)
        return QA_ERR_MEMORY;
    qa_status status = qa_rank_sort_index(x, n, order);
    if (status != QA_OK) {
        free(order);
        return status;
    }
    /* A run of ties at sorted positions [start, end) gets rank (start + 1 + end) / 2. */
    for (size_t start = 0; start < n;) {
        size_t end = start + 1;
        while (end < n && x[order[end]] == x[order[start]])
            end++;
        double rank = 0.5 * ((double)start + 1.0 + (double)end);
        for (size_t k = start; k < end; k++)
            ranks[order[k]] = rank;
        start = end;
    }
    free(order);
    return QA_OK;
}

qa_status qa_rank_dense(const double *x, size_t n, uint32_t *dense, size_t *levels)
{
    *levels = 0;
    if (has_nan(x, n))
        return QA_ERR_NUMERIC;
    size_t *order = malloc((n ? n : 1) * sizeof *order);
    if (!order)
        return QA_ERR_MEMORY;
    qa_status status = qa_rank_sort_index(x, n, order);
    if (status != QA_OK) {
        free(order);
        return status;
    }
    uint32_t level = 0;
    for (size_t k = 0; k < n; k++) {
        if (k > 0 && x[order[k]] != x[order[k - 1]])
            level++;
        dense[order[k]] = level;
    }
    *levels = n ? (size_t)level + 1 : 0;
    free(order);
    return QA_OK;
}
