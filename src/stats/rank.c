/* Ranks and orders: average ranks (R's rank(), ties "average"), orders (R's order()) and
 * dense ranks, by counting sort for integer codes and by an LSD radix sort of the doubles'
 * bit patterns otherwise. Both are linear in n, which matters at a million cases. */
#include "qareport/correlation.h"
#include "rank_sort.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Integer codes with at most this many levels (or n, when more) are sorted by counting. */
enum { COUNTING_LEVEL_LIMIT = 1 << 16 };

bool qa_rank_integer_codes(const double *x, size_t n, size_t level_limit, double *min,
                           size_t *levels)
{
    if (n == 0)
        return false;
    double lo = x[0], hi = x[0];
    for (size_t i = 0; i < n; i++) {
        double v = x[i];
        /* NaN fails the first test; the cast is cheaper than floor(). */
        if (!(fabs(v) <= 4e15) || (double)(int64_t)v != v)
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

typedef struct {
    uint64_t key;
    size_t index;
} keyed_value;

/* LSD radix sort of (key, index) pairs, stable. The keys travel with the indices so every
 * pass reads memory in order; all digit histograms come from one read, and a pass whose
 * digit is the same for every key is skipped. Returns the sorted array (one of the two). */
static keyed_value *radix_sort(keyed_value *items, keyed_value *spare, size_t n,
                               size_t (*count)[RADIX_SIZE])
{
    memset(count, 0, RADIX_PASSES * sizeof *count);
    for (size_t i = 0; i < n; i++)
        for (int pass = 0; pass < RADIX_PASSES; pass++)
            count[pass][(items[i].key >> (pass * RADIX_BITS)) & (RADIX_SIZE - 1)]++;
    for (int pass = 0; pass < RADIX_PASSES; pass++) {
        int shift = pass * RADIX_BITS;
        size_t *offset = count[pass];
        if (offset[(items[0].key >> shift) & (RADIX_SIZE - 1)] == n)
            continue;
        size_t total = 0;
        for (size_t d = 0; d < RADIX_SIZE; d++) {
            size_t c = offset[d];
            offset[d] = total;
            total += c;
        }
        for (size_t i = 0; i < n; i++)
            spare[offset[(items[i].key >> shift) & (RADIX_SIZE - 1)]++] = items[i];
        keyed_value *swap = items;
        items = spare;
        spare = swap;
    }
    return items;
}

/* The values of x sorted as (key, index) pairs; *block is the allocation to free.
 * NULL when out of memory. */
static keyed_value *sorted_keys(const double *x, size_t n, keyed_value **block)
{
    *block = malloc(2 * n * sizeof **block);
    size_t(*count)[RADIX_SIZE] = malloc(RADIX_PASSES * sizeof *count);
    if (!*block || !count) {
        free(*block);
        free(count);
        *block = NULL;
        return NULL;
    }
    for (size_t i = 0; i < n; i++)
        (*block)[i] = (keyed_value){sort_key(x[i]), i};
    keyed_value *sorted = radix_sort(*block, *block + n, n, count);
    free(count);
    return sorted;
}

static bool has_nan(const double *x, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (isnan(x[i]))
            return true;
    return false;
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

/* Levels of integer codes that are handled by counting: at least this many, or n. */
static size_t counting_limit(size_t n)
{
    return n < COUNTING_LEVEL_LIMIT ? COUNTING_LEVEL_LIMIT : n;
}

qa_status qa_rank_order(const double *x, size_t n, size_t *order)
{
    if (n == 0)
        return QA_OK;
    double min;
    size_t levels;
    if (qa_rank_integer_codes(x, n, counting_limit(n), &min, &levels))
        return sort_index_counting(x, n, min, levels, order);
    if (has_nan(x, n))
        return QA_ERR_NUMERIC;
    keyed_value *block;
    keyed_value *sorted = sorted_keys(x, n, &block);
    if (!sorted)
        return QA_ERR_MEMORY;
    for (size_t k = 0; k < n; k++)
        order[k] = sorted[k].index;
    free(block);
    return QA_OK;
}

/* Average ranks of integer codes min + level from their counts, in two linear passes. */
static qa_status rank_average_codes(const double *x, size_t n, double min, size_t levels,
                                    double *ranks)
{
    double *level_rank = calloc(levels, sizeof *level_rank);
    if (!level_rank)
        return QA_ERR_MEMORY;
    for (size_t i = 0; i < n; i++)
        level_rank[(size_t)(x[i] - min)] += 1;
    /* A level holding ranks below+1 .. below+count gets below + (count + 1) / 2. */
    double below = 0;
    for (size_t level = 0; level < levels; level++) {
        double count = level_rank[level];
        level_rank[level] = below + (count + 1) / 2;
        below += count;
    }
    for (size_t i = 0; i < n; i++)
        ranks[i] = level_rank[(size_t)(x[i] - min)];
    free(level_rank);
    return QA_OK;
}

qa_status qa_rank_average(const double *x, size_t n, double *ranks)
{
    if (n == 0)
        return QA_OK;
    double min;
    size_t levels;
    if (qa_rank_integer_codes(x, n, counting_limit(n), &min, &levels))
        return rank_average_codes(x, n, min, levels, ranks);
    if (has_nan(x, n))
        return QA_ERR_NUMERIC;
    keyed_value *block;
    keyed_value *sorted = sorted_keys(x, n, &block);
    if (!sorted)
        return QA_ERR_MEMORY;
    /* A run of ties at sorted positions [start, end) gets rank (start + 1 + end) / 2; equal
     * keys are equal values. */
    for (size_t start = 0; start < n;) {
        size_t end = start + 1;
        while (end < n && sorted[end].key == sorted[start].key)
            end++;
        double rank = 0.5 * ((double)start + 1.0 + (double)end);
        for (size_t k = start; k < end; k++)
            ranks[sorted[k].index] = rank;
        start = end;
    }
    free(block);
    return QA_OK;
}

void qa_ranked_free(qa_ranked *ranked)
{
    free(ranked->level);
    free(ranked->order);
    free(ranked->count);
    free(ranked->average_rank);
    memset(ranked, 0, sizeof *ranked);
}

/* Levels of integer codes: value - min, ordered by counting. */
static void ranked_codes(const double *x, double min, qa_ranked *r)
{
    size_t n = r->n;
    for (size_t i = 0; i < n; i++) {
        r->level[i] = (uint32_t)(x[i] - min);
        r->count[r->level[i]]++;
    }
    /* average_rank doubles as the running start position of each level here. */
    double start = 0;
    for (size_t level = 0; level < r->levels; level++) {
        r->average_rank[level] = start;
        start += (double)r->count[level];
    }
    for (size_t i = 0; i < n; i++)
        r->order[(size_t)r->average_rank[r->level[i]]++] = (uint32_t)i;
}

/* Levels from the radix-sorted keys: a new level where the key changes. */
static void ranked_sorted(const keyed_value *sorted, qa_ranked *r)
{
    uint32_t level = 0;
    for (size_t k = 0; k < r->n; k++) {
        if (k > 0 && sorted[k].key != sorted[k - 1].key)
            level++;
        r->level[sorted[k].index] = level;
        r->order[k] = (uint32_t)sorted[k].index;
        r->count[level]++;
    }
    r->levels = (size_t)level + 1;
}

qa_status qa_ranked_build(const double *x, size_t n, bool average_ranks, qa_ranked *ranked)
{
    memset(ranked, 0, sizeof *ranked);
    ranked->n = n;
    if (n == 0 || n > UINT32_MAX)
        return QA_ERR_NUMERIC;
    double min;
    size_t levels;
    bool codes = qa_rank_integer_codes(x, n, counting_limit(n), &min, &levels);
    if (!codes && has_nan(x, n))
        return QA_ERR_NUMERIC;
    ranked->levels = codes ? levels : n; /* an upper bound until the sort has run */
    ranked->level = malloc(n * sizeof *ranked->level);
    ranked->order = malloc(n * sizeof *ranked->order);
    ranked->count = calloc(ranked->levels, sizeof *ranked->count);
    /* average_rank is also the counting sort's scratch for codes */
    if (average_ranks || codes)
        ranked->average_rank = malloc(ranked->levels * sizeof *ranked->average_rank);
    if (!ranked->level || !ranked->order || !ranked->count ||
        ((average_ranks || codes) && !ranked->average_rank)) {
        qa_ranked_free(ranked);
        return QA_ERR_MEMORY;
    }
    if (codes) {
        ranked_codes(x, min, ranked);
    } else {
        keyed_value *block;
        keyed_value *sorted = sorted_keys(x, n, &block);
        if (!sorted) {
            qa_ranked_free(ranked);
            return QA_ERR_MEMORY;
        }
        ranked_sorted(sorted, ranked);
        free(block);
    }
    if (!average_ranks) {
        free(ranked->average_rank);
        ranked->average_rank = NULL;
        return QA_OK;
    }
    /* A level holding ranks below+1 .. below+count gets below + (count + 1) / 2. */
    double below = 0;
    for (size_t level = 0; level < ranked->levels; level++) {
        double count = (double)ranked->count[level];
        ranked->average_rank[level] = below + (count + 1) / 2;
        below += count;
    }
    return QA_OK;
}
