/* Hosmer–Lemeshow and ROC AUC from fitted probabilities. Both depend only on the distinct
 * fitted values in order, with how many rows (and how many events) share each, so the
 * fitted values are reduced to such runs first: by hashing when there are few distinct
 * values (coded data: a handful of levels, ~5 ms at n = 1e6), else by a radix sort. */
#include "logit_internal.h"
#include "stats_internal.h"

#include <gsl/gsl_cdf.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    double score;
    double y;
    double weight;
} scored;

/* Order-preserving map of a double's bits to an unsigned integer: negative values reversed,
 * non-negative ones shifted above them. */
static uint64_t order_key(double value)
{
    uint64_t bits;
    memcpy(&bits, &value, sizeof bits);
    return bits & 0x8000000000000000u ? ~bits : bits | 0x8000000000000000u;
}

enum { RADIX_BITS = 8, RADIX_BUCKETS = 1 << RADIX_BITS, RADIX_DIGITS = 64 / RADIX_BITS };

/* Sorts by score, ascending: LSD radix sort on order_key, 8-bit digits (n = 1e6 in ~40 ms,
 * qsort took ~100 ms), skipping digits all items share. Returns false when out of memory. */
static bool sort_scored(scored *items, size_t n)
{
    size_t *count = calloc((size_t)RADIX_DIGITS * RADIX_BUCKETS, sizeof *count);
    scored *other = malloc(n * sizeof *other);
    if (!count || !other) {
        free(count);
        free(other);
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        uint64_t key = order_key(items[i].score);
        for (int d = 0; d < RADIX_DIGITS; d++)
            count[(size_t)d * RADIX_BUCKETS + ((key >> (d * RADIX_BITS)) & (RADIX_BUCKETS - 1))]++;
    }
    scored *from = items, *to = other;
    for (int d = 0; d < RADIX_DIGITS; d++) {
        size_t *c = count + (size_t)d * RADIX_BUCKETS;
        uint64_t first = (order_key(from[0].score) >> (d * RADIX_BITS)) & (RADIX_BUCKETS - 1);
        if (c[first] == n)
            continue;
        size_t offset = 0;
        for (size_t b = 0; b < RADIX_BUCKETS; b++) {
            size_t k = c[b];
            c[b] = offset;
            offset += k;
        }
        for (size_t i = 0; i < n; i++) {
            uint64_t digit = (order_key(from[i].score) >> (d * RADIX_BITS)) & (RADIX_BUCKETS - 1);
            to[c[digit]++] = from[i];
        }
        scored *swap = from;
        from = to;
        to = swap;
    }
    if (from != items)
        memcpy(items, from, n * sizeof *items);
    free(count);
    free(other);
    return true;
}

static int compare_runs(const void *a, const void *b)
{
    uint64_t x = order_key(((const qa_score_run *)a)->score);
    uint64_t z = order_key(((const qa_score_run *)b)->score);
    return (x > z) - (x < z);
}

enum { DISTINCT_LIMIT = 1 << 15 };

/* Counts rows per distinct score in an open-addressing table. Returns the number of runs
 * (unsorted), or 0 when there are more than DISTINCT_LIMIT distinct scores. */
static size_t hash_runs(const double *y, const double *score, const double *weights, size_t n,
                        qa_score_run *runs, uint32_t *table, size_t table_size, size_t limit)
{
    size_t count = 0;
    for (size_t i = 0; i < n; i++) {
        double weight = weights ? weights[i] : 1.0;
        if (weight == 0)
            continue;
        double value = score[i] + 0.0; /* -0 and +0 are one value */
        uint64_t bits;
        memcpy(&bits, &value, sizeof bits);
        size_t slot = (size_t)qa_logit_mix64(bits) & (table_size - 1);
        while (table[slot] != 0 && memcmp(&runs[table[slot] - 1].score, &value, sizeof value))
            slot = (slot + 1) & (table_size - 1);
        if (table[slot] == 0) {
            if (count == limit)
                return 0;
            runs[count] = (qa_score_run){value, 0, 0};
            table[slot] = (uint32_t)++count;
        }
        runs[table[slot] - 1].count += weight;
        runs[table[slot] - 1].positives += y[i] == 1.0 ? weight : 0;
    }
    return count;
}

/* Many distinct scores: radix-sort (score, y) pairs, then collapse equal scores. */
static qa_score_run *sorted_runs(const double *y, const double *score, const double *weights,
                                 size_t rows, size_t *count)
{
    *count = 0;
    scored *items = malloc((rows > 0 ? rows : 1) * sizeof *items);
    if (!items)
        return NULL;
    size_t n = 0;
    for (size_t i = 0; i < rows; i++)
        if (!weights || weights[i] != 0)
            items[n++] = (scored){score[i] + 0.0, y[i], weights ? weights[i] : 1.0};
    if (n == 0) {
        free(items);
        return calloc(1, sizeof(qa_score_run));
    }
    qa_score_run *runs = sort_scored(items, n) ? malloc(n * sizeof *runs) : NULL;
    size_t k = 0;
    for (size_t i = 0; runs && i < n; i++) {
        if (k == 0 || items[i].score != runs[k - 1].score)
            runs[k++] = (qa_score_run){items[i].score, 0, 0};
        runs[k - 1].count += items[i].weight;
        runs[k - 1].positives += items[i].y == 1.0 ? items[i].weight : 0;
    }
    free(items);
    *count = k;
    /* Give back the unused tail (many rows share values in most data). */
    qa_score_run *shrunk = runs && k > 0 ? realloc(runs, k * sizeof *runs) : NULL;
    return shrunk ? shrunk : runs;
}

qa_score_run *qa_score_runs(const double *y, const double *score, const double *weights, size_t n,
                            size_t *count)
{
    *count = 0;
    /* n rows have at most n distinct scores: small samples (influence reruns fit thousands of
     * them) get small buffers, the table kept at most half full */
    size_t limit = n < DISTINCT_LIMIT ? (n > 0 ? n : 1) : DISTINCT_LIMIT;
    size_t table_size = 16;
    while (table_size < 2 * limit)
        table_size *= 2;
    qa_score_run *runs = malloc(limit * sizeof *runs);
    uint32_t *table = calloc(table_size, sizeof *table);
    size_t distinct =
        runs && table ? hash_runs(y, score, weights, n, runs, table, table_size, limit) : 0;
    free(table);
    if (!runs || !table) {
        free(runs);
        return NULL;
    }
    if (distinct == 0 && n > 0) {
        free(runs);
        return sorted_runs(y, score, weights, n, count);
    }
    qsort(runs, distinct, sizeof *runs, compare_runs);
    *count = distinct;
    return runs;
}

/* The 11 decile cut points, type-7 quantiles computed as R's quantile.default does it:
 * probabilities k * 0.1 as seq(0, 1, 0.1) makes them (0.30000000000000004, not k / 10),
 * index = 1 + (n - 1) p, interpolation only when the two order statistics differ. The order
 * statistics are found by one forward walk over the runs, since the positions only grow. */
static void decile_cuts(const qa_score_run *runs, size_t count, double total, double *cuts)
{
    size_t run = 0;
    double before = 0; /* rows in runs before `run` */
    for (int k = 0; k <= 10; k++) {
        double index = 1 + (total - 1) * (k * 0.1);
        double low = floor(index), high = ceil(index);
        /* 0-based positions low - 1 and high - 1 */
        while (run + 1 < count && before + runs[run].count <= low - 1) {
            before += runs[run].count;
            run++;
        }
        double value = runs[run].score, upper = value;
        if (high > low) {
            size_t later = run;
            if (run + 1 < count && before + runs[run].count <= high - 1)
                later = run + 1;
            upper = runs[later].score;
        }
        if (index > low && upper != value) {
            double h = index - low;
            value = (1 - h) * value + h * upper;
        }
        cuts[k] = value;
    }
}

void qa_hosmer_lemeshow_runs(const qa_score_run *runs, size_t count, double *chi2, int *df,
                             double *p)
{
    *chi2 = NAN;
    *df = 0;
    *p = NAN;
    double total = 0;
    for (size_t r = 0; r < count; r++)
        total += runs[r].count;
    if (total == 0)
        return;
    double quantiles[11], cuts[11];
    decile_cuts(runs, count, total, quantiles);
    int ncuts = 0;
    for (int k = 0; k <= 10; k++) /* duplicates merged, as cut(..., unique(quantile(...))) */
        if (ncuts == 0 || quantiles[k] > cuts[ncuts - 1])
            cuts[ncuts++] = quantiles[k];
    int groups = ncuts - 1;
    if (groups < 1)
        return;
    double observed[10] = {0}, expected[10] = {0}, size[10] = {0};
    int g = 0;
    for (size_t r = 0; r < count; r++) {
        /* Intervals (c[k-1], c[k]], the lowest closed on the left too. */
        while (g < groups - 1 && runs[r].score > cuts[g + 1])
            g++;
        observed[g] += runs[r].positives;
        expected[g] += runs[r].score * runs[r].count;
        size[g] += runs[r].count;
    }
    double statistic = 0;
    int occupied = 0;
    for (int k = 0; k < groups; k++) {
        if (size[k] == 0)
            continue;
        occupied++;
        double mean = expected[k] / size[k], variance = size[k] * mean * (1 - mean);
        if (variance > 0)
            statistic += (observed[k] - expected[k]) * (observed[k] - expected[k]) / variance;
    }
    if (occupied - 2 < 1)
        return;
    *chi2 = statistic;
    *df = occupied - 2;
    *p = gsl_cdf_chisq_Q(statistic, *df);
}

double qa_auc_runs(const qa_score_run *runs, size_t count)
{
    double positives = 0, total = 0, rank_sum = 0;
    for (size_t r = 0; r < count; r++) {
        /* Mann–Whitney: the positives of a run of ties share its midrank. */
        rank_sum += runs[r].positives * (total + (runs[r].count + 1) / 2);
        positives += runs[r].positives;
        total += runs[r].count;
    }
    double negatives = total - positives;
    if (positives == 0 || negatives == 0)
        return NAN;
    return (rank_sum - positives * (positives + 1) / 2) / (positives * negatives);
}

void qa_hosmer_lemeshow(const double *y, const double *fitted, size_t n, double *chi2, int *df,
                        double *p)
{
    *chi2 = NAN;
    *df = 0;
    *p = NAN;
    size_t count = 0;
    qa_score_run *runs = qa_score_runs(y, fitted, NULL, n, &count);
    if (!runs)
        return;
    qa_hosmer_lemeshow_runs(runs, count, chi2, df, p);
    free(runs);
}

double qa_auc(const double *y, const double *score, size_t n)
{
    size_t count = 0;
    qa_score_run *runs = qa_score_runs(y, score, NULL, n, &count);
    if (!runs)
        return NAN;
    double auc = qa_auc_runs(runs, count);
    free(runs);
    return auc;
}
