/* Descriptive statistics. Quartiles are R's type 7 (Hyndman & Fan 1996):
 * q(p) = x(k) + h (x(k+1) - x(k)) with k = floor((n-1) p), h = (n-1) p - k, 0-based order
 * statistics. Integer codes with few levels are counted; other data go through selection
 * (Hoare 1961), so neither path sorts a million values. */
#include "qareport/descriptives.h"
#include "stats_internal.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

enum { COUNTING_LEVEL_LIMIT = 4096 };

/* The order statistics at 0-based positions k and k+1 (k+1 clipped to n-1). */
typedef struct {
    size_t k;
    double h;
} quantile_position;

static quantile_position type7_position(size_t n, double prob)
{
    double index = (double)(n - 1) * prob;
    quantile_position position = {(size_t)floor(index), 0};
    position.h = index - (double)position.k;
    if (position.k >= n - 1) {
        position.k = n - 1;
        position.h = 0;
    }
    return position;
}

static void swap_values(double *a, double *b)
{
    double t = *a;
    *a = *b;
    *b = t;
}

/* Rearranges a[0..n-1] so that a[k] is the k-th smallest, a[0..k-1] <= a[k] <= a[k+1..].
 * Median-of-three quickselect; falls back to a full sort after too many rounds, so the worst
 * case stays O(n log n). */
static int compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static void select_kth(double *a, size_t n, size_t k)
{
    size_t lo = 0, hi = n - 1;
    int rounds = 0;
    while (hi > lo) {
        if (++rounds > 64) {
            qsort(a + lo, hi - lo + 1, sizeof *a, compare_doubles);
            return;
        }
        size_t mid = lo + (hi - lo) / 2;
        if (a[mid] < a[lo])
            swap_values(&a[mid], &a[lo]);
        if (a[hi] < a[lo])
            swap_values(&a[hi], &a[lo]);
        if (a[hi] < a[mid])
            swap_values(&a[hi], &a[mid]);
        double pivot = a[mid];
        size_t i = lo, j = hi;
        while (i <= j) { /* Hoare partition */
            while (a[i] < pivot)
                i++;
            while (pivot < a[j])
                j--;
            if (i <= j) {
                swap_values(&a[i], &a[j]);
                i++;
                if (j == 0)
                    break;
                j--;
            }
        }
        /* Now a[lo..j] <= pivot <= a[i..hi], and a[j+1..i-1] == pivot. */
        if (k <= j)
            hi = j;
        else if (k >= i)
            lo = i;
        else
            return;
    }
}

static double min_of(const double *a, size_t n)
{
    double m = a[0];
    for (size_t i = 1; i < n; i++)
        if (a[i] < m)
            m = a[i];
    return m;
}

/* Type-7 quartiles of the n values in work (n >= 1; rearranged). */
static void quartiles_by_selection(double *work, size_t n, double q[3])
{
    quantile_position pos[3] = {type7_position(n, 0.25), type7_position(n, 0.5),
                                type7_position(n, 0.75)};
    double at[3], next[3];
    select_kth(work, n, pos[1].k);
    at[1] = work[pos[1].k];
    select_kth(work, pos[1].k + 1, pos[0].k);
    at[0] = work[pos[0].k];
    size_t upper = pos[1].k + 1; /* work[upper..] >= at[1] */
    if (pos[2].k >= upper) {
        select_kth(work + upper, n - upper, pos[2].k - upper);
        at[2] = work[pos[2].k];
    } else {
        at[2] = at[1];
    }
    /* The (k+1)-th value is the least of those placed after the k-th. */
    for (int j = 0; j < 3; j++) {
        size_t from = pos[j].k + 1;
        size_t to = j < 2 && pos[j + 1].k >= from ? pos[j + 1].k + 1 : n;
        next[j] = pos[j].h > 0 && from < to ? min_of(work + from, to - from) : at[j];
        q[j] = at[j] + pos[j].h * (next[j] - at[j]);
    }
}

/* Type-7 quartiles from counts of integer codes min + level. */
static void quartiles_by_counting(const size_t *count, size_t levels, double min, size_t n,
                                  double q[3])
{
    double probs[3] = {0.25, 0.5, 0.75};
    for (int j = 0; j < 3; j++) {
        quantile_position pos = type7_position(n, probs[j]);
        double values[2] = {NAN, NAN};
        size_t seen = 0;
        for (size_t level = 0, found = 0; level < levels && found < 2; level++) {
            seen += count[level];
            while (found < 2 && pos.k + found < seen)
                values[found++] = min + (double)level;
        }
        if (pos.k + 1 >= n)
            values[1] = values[0];
        q[j] = values[0] + pos.h * (values[1] - values[0]);
    }
}

typedef struct {
    size_t n, missing;
    double min, max, sum;
    bool integers; /* every present value an integer of moderate size */
} first_pass;

static first_pass scan(const double *x, size_t n)
{
    first_pass f = {0, 0, INFINITY, -INFINITY, 0, true};
    for (size_t i = 0; i < n; i++) {
        double v = x[i];
        if (isnan(v)) {
            f.missing++;
            continue;
        }
        f.n++;
        f.sum += v;
        if (v < f.min)
            f.min = v;
        if (v > f.max)
            f.max = v;
        if (f.integers && (!(fabs(v) <= 4e15) || (double)(int64_t)v != v))
            f.integers = false;
    }
    return f;
}

static void set_missing_result(qa_descriptives *out)
{
    out->mean = out->sd = NAN;
    out->min = out->q1 = out->median = out->q3 = out->max = NAN;
}

/* Mean and SD from counts of codes (exact sums, no cancellation). */
void qa_descriptives_from_counts(const size_t *count, size_t levels, double min, double sum,
                                 size_t missing, qa_descriptives *out)
{
    size_t n = 0;
    for (size_t level = 0; level < levels; level++)
        n += count[level];
    out->n = n;
    out->missing = missing;
    set_missing_result(out);
    if (n == 0)
        return;
    double mean = sum / (double)n, squares = 0;
    for (size_t level = 0; level < levels; level++) {
        double d = min + (double)level - mean;
        squares += (double)count[level] * d * d;
    }
    out->mean = mean;
    out->sd = n > 1 ? sqrt(squares / (double)(n - 1)) : NAN;
    double q[3];
    quartiles_by_counting(count, levels, min, n, q);
    out->q1 = q[0];
    out->median = q[1];
    out->q3 = q[2];
    out->min = min;
    out->max = min + (double)(levels - 1);
}

static bool describe_codes(const double *x, size_t n, const first_pass *f, qa_descriptives *out)
{
    size_t levels = (size_t)(f->max - f->min) + 1;
    size_t *count = calloc(levels, sizeof *count);
    if (!count)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!isnan(x[i]))
            count[(size_t)(x[i] - f->min)]++;
    qa_descriptives_from_counts(count, levels, f->min, f->sum, f->missing, out);
    free(count);
    return true;
}

/* Two-pass mean and SD with the correction term of Chan, Golub & LeVeque (1983). */
static bool describe_values(const double *x, size_t n, const first_pass *f, qa_descriptives *out)
{
    double *work = malloc(f->n * sizeof *work);
    if (!work)
        return false;
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (!isnan(x[i]))
            work[m++] = x[i];
    double mean = f->sum / (double)m, squares = 0, deviations = 0;
    for (size_t i = 0; i < m; i++) {
        double d = work[i] - mean;
        squares += d * d;
        deviations += d;
    }
    squares -= deviations * deviations / (double)m;
    out->mean = mean + deviations / (double)m;
    out->sd = m > 1 ? sqrt(squares / (double)(m - 1)) : NAN;
    double q[3];
    quartiles_by_selection(work, m, q);
    out->q1 = q[0];
    out->median = q[1];
    out->q3 = q[2];
    free(work);
    return true;
}

qa_status qa_descriptives_compute(const double *x, size_t n, qa_descriptives *out)
{
    first_pass f = scan(x, n);
    out->n = f.n;
    out->missing = f.missing;
    set_missing_result(out);
    if (f.n == 0)
        return QA_OK;
    bool done;
    if (f.integers && f.max - f.min < COUNTING_LEVEL_LIMIT)
        done = describe_codes(x, n, &f, out);
    else
        done = describe_values(x, n, &f, out);
    if (!done) {
        set_missing_result(out);
        return QA_ERR_MEMORY;
    }
    out->min = f.min;
    out->max = f.max;
    return QA_OK;
}

void qa_category_counts(const int32_t *codes, size_t n, size_t level_count, size_t *counts,
                        size_t *missing)
{
    memset(counts, 0, level_count * sizeof *counts);
    *missing = 0;
    for (size_t i = 0; i < n; i++) {
        if (codes[i] >= 0 && (size_t)codes[i] < level_count)
            counts[codes[i]]++;
        else
            (*missing)++;
    }
}
