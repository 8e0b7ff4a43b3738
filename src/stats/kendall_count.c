/* The counting behind Kendall's tau-b: S = concordant - discordant pairs and the tie
 * groups of x and y, by four algorithms that give identical results:
 * - a contingency table, O(n + kx ky), for variables with few levels;
 * - a scan in the order of x, O(n ky), when y has only a few levels (a 0/1 outcome);
 * - Knight's (1966) merge-sort algorithm, O(n log n), otherwise;
 * - every pair, O(n²), the definition, for tests. */
#include "correlation_internal.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Adds the tie sums of groups of sizes count[0..levels-1]. */
static void tie_sums(const int64_t *count, size_t levels, int64_t *tied_pairs, double sums[3])
{
    *tied_pairs = 0;
    sums[0] = sums[1] = sums[2] = 0;
    for (size_t k = 0; k < levels; k++) {
        double t = (double)count[k];
        if (count[k] < 2)
            continue;
        *tied_pairs += count[k] * (count[k] - 1) / 2;
        sums[0] += t * (t - 1);
        sums[1] += t * (t - 1) * (t - 2);
        sums[2] += t * (t - 1) * (2 * t + 5);
    }
}

/* From the table: with A(a, b) = number of cases with x level >= a and y level >= b, the
 * cell (a, b) is concordant with A(a+1, b+1) cases and discordant with the cases of
 * x > a and y < b, i.e. A(a+1, 0) - A(a+1, b). */
qa_status qa_kendall_count_table(const qa_code_table *table, qa_kendall_counts *out)
{
    size_t kx = table->kx, ky = table->ky, width = ky + 1;
    const int64_t *cell = table->cell;
    int64_t *above = calloc((kx + 1) * width, sizeof *above);
    int64_t *x_count = calloc(kx, sizeof *x_count);
    int64_t *y_count = calloc(ky, sizeof *y_count);
    qa_status status = above && x_count && y_count ? QA_OK : QA_ERR_MEMORY;
    if (status == QA_OK) {
        for (size_t a = kx; a-- > 0;)
            for (size_t b = ky; b-- > 0;)
                above[a * width + b] = cell[a * ky + b] + above[(a + 1) * width + b] +
                                       above[a * width + b + 1] - above[(a + 1) * width + b + 1];
        int64_t s = 0;
        for (size_t a = 0; a < kx; a++)
            for (size_t b = 0; b < ky; b++) {
                int64_t c = cell[a * ky + b];
                x_count[a] += c;
                y_count[b] += c;
                int64_t concordant = above[(a + 1) * width + b + 1];
                int64_t discordant = above[(a + 1) * width] - above[(a + 1) * width + b];
                s += c * (concordant - discordant);
            }
        out->s = s;
        tie_sums(x_count, kx, &out->x_tied, out->x_ties);
        tie_sums(y_count, ky, &out->y_tied, out->y_ties);
    }
    free(above);
    free(x_count);
    free(y_count);
    return status;
}

static qa_status kendall_table(const uint32_t *rx, size_t kx, const uint32_t *ry, size_t ky,
                               size_t n, qa_kendall_counts *out)
{
    qa_code_table table;
    qa_status status = qa_code_table_from_levels(rx, kx, ry, ky, n, &table);
    if (status == QA_OK)
        status = qa_kendall_count_table(&table, out);
    qa_code_table_free(&table);
    return status;
}

enum { INSERTION_RUN = 16 };

/* Sorts a[0..n-1] ascending, returning the number of inversions (pairs i < j with
 * a[i] > a[j]; equal values are not inversions): insertion sort of short runs (each shift
 * is one inversion), then bottom-up merging, where taking from the right half passes over
 * the rest of the left half. */
static int64_t merge_count_inversions(uint32_t *a, uint32_t *work, size_t n)
{
    int64_t swaps = 0;
    for (size_t lo = 0; lo < n; lo += INSERTION_RUN) {
        size_t hi = lo + INSERTION_RUN < n ? lo + INSERTION_RUN : n;
        for (size_t i = lo + 1; i < hi; i++) {
            uint32_t v = a[i];
            size_t j = i;
            for (; j > lo && a[j - 1] > v; j--)
                a[j] = a[j - 1];
            swaps += (int64_t)(i - j);
            a[j] = v;
        }
    }
    uint32_t *from = a, *to = work;
    for (size_t width = INSERTION_RUN; width < n; width *= 2) {
        for (size_t lo = 0; lo < n; lo += 2 * width) {
            size_t mid = lo + width < n ? lo + width : n;
            size_t hi = lo + 2 * width < n ? lo + 2 * width : n;
            size_t i = lo, j = mid, k = lo;
            while (i < mid && j < hi) {
                if (from[j] < from[i]) {
                    swaps += (int64_t)(mid - i);
                    to[k++] = from[j++];
                } else {
                    to[k++] = from[i++];
                }
            }
            while (i < mid)
                to[k++] = from[i++];
            while (j < hi)
                to[k++] = from[j++];
        }
        uint32_t *swap = from;
        from = to;
        to = swap;
    }
    if (from != a)
        memcpy(a, from, n * sizeof *a);
    return swaps;
}

/* order[0..n-1]: the cases by (x, y), from a counting sort by y and then a stable one by x
 * (Knight 1966 sorts by merging; with ranks counting is linear). Fills x_count, y_count. */
static qa_status order_by_x_then_y(const uint32_t *rx, size_t kx, const uint32_t *ry, size_t ky,
                                   size_t n, int64_t *x_count, int64_t *y_count, uint32_t *order)
{
    size_t *by_y = malloc(n * sizeof *by_y);
    size_t *start = calloc((kx > ky ? kx : ky) + 1, sizeof *start);
    if (!by_y || !start) {
        free(by_y);
        free(start);
        return QA_ERR_MEMORY;
    }
    for (size_t i = 0; i < n; i++)
        start[ry[i] + 1]++;
    for (size_t j = 0; j < ky; j++) {
        y_count[j] = (int64_t)start[j + 1];
        start[j + 1] += start[j];
    }
    for (size_t i = 0; i < n; i++)
        by_y[start[ry[i]]++] = i;
    memset(start, 0, (kx + 1) * sizeof *start);
    for (size_t i = 0; i < n; i++)
        start[rx[i] + 1]++;
    for (size_t k = 0; k < kx; k++) {
        x_count[k] = (int64_t)start[k + 1];
        start[k + 1] += start[k];
    }
    for (size_t k = 0; k < n; k++)
        order[start[rx[by_y[k]]]++] = (uint32_t)by_y[k];
    free(by_y);
    free(start);
    return QA_OK;
}

/* S = n0 - n1 - n2 + n3 - 2 * swaps (Knight 1966), from the counts of the tie groups. */
static void knight_finish(const int64_t *x_count, size_t kx, const int64_t *y_count, size_t ky,
                          size_t n, int64_t joint_tied, int64_t swaps, qa_kendall_counts *out)
{
    tie_sums(x_count, kx, &out->x_tied, out->x_ties);
    tie_sums(y_count, ky, &out->y_tied, out->y_ties);
    int64_t pairs = (int64_t)n * ((int64_t)n - 1) / 2;
    out->s = pairs - out->x_tied - out->y_tied + joint_tied - 2 * swaps;
}

/* Knight (1966): with the cases ordered by (x, y), n3 counts the pairs tied in both and
 * swaps the inversions of y left in that order. */
static qa_status kendall_knight(const uint32_t *rx, size_t kx, const uint32_t *ry, size_t ky,
                                size_t n, qa_kendall_counts *out)
{
    int64_t *x_count = calloc(kx, sizeof *x_count);
    int64_t *y_count = calloc(ky, sizeof *y_count);
    uint32_t *sequence = malloc(n * sizeof *sequence);
    uint32_t *order = malloc(n * sizeof *order);
    qa_status status = QA_ERR_MEMORY;
    if (x_count && y_count && sequence && order)
        status = order_by_x_then_y(rx, kx, ry, ky, n, x_count, y_count, order);
    if (status == QA_OK) {
        int64_t joint_tied = 0, run = 1;
        for (size_t k = 0; k < n; k++) {
            size_t i = order[k];
            sequence[k] = ry[i];
            if (k > 0 && rx[i] == rx[order[k - 1]] && ry[i] == ry[order[k - 1]]) {
                run++;
            } else {
                joint_tied += run * (run - 1) / 2;
                run = 1;
            }
        }
        joint_tied += run * (run - 1) / 2;
        int64_t swaps = merge_count_inversions(sequence, order, n); /* order is work space now */
        knight_finish(x_count, kx, y_count, ky, n, joint_tied, swaps, out);
    }
    free(x_count);
    free(y_count);
    free(sequence);
    free(order);
    return status;
}

static int compare_uint32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

static void sort_small_group(uint32_t *a, size_t n)
{
    if (n > 32) {
        qsort(a, n, sizeof *a, compare_uint32);
        return;
    }
    for (size_t i = 1; i < n; i++) {
        uint32_t v = a[i];
        size_t j = i;
        for (; j > 0 && a[j - 1] > v; j--)
            a[j] = a[j - 1];
        a[j] = v;
    }
}

/* Knight's algorithm when the cases are already in ascending order of x (order_x, from the
 * radix sort of x) and x has many levels: the y ranks of each group tied in x are sorted in
 * place, which for nearly distinct x costs far less than two bucket sorts of n buckets. */
static qa_status kendall_knight_ordered(const uint32_t *rx, size_t kx, const uint32_t *ry,
                                        size_t ky, const uint32_t *order_x, size_t n,
                                        qa_kendall_counts *out)
{
    int64_t *x_count = calloc(kx, sizeof *x_count);
    int64_t *y_count = calloc(ky, sizeof *y_count);
    uint32_t *sequence = malloc(n * sizeof *sequence);
    uint32_t *work = malloc(n * sizeof *work);
    qa_status status = QA_ERR_MEMORY;
    if (!x_count || !y_count || !sequence || !work)
        goto done;
    for (size_t k = 0; k < n; k++) {
        sequence[k] = ry[order_x[k]];
        y_count[sequence[k]]++;
    }
    int64_t joint_tied = 0;
    for (size_t start = 0; start < n;) {
        uint32_t level = rx[order_x[start]];
        size_t end = start + 1;
        while (end < n && rx[order_x[end]] == level)
            end++;
        x_count[level] = (int64_t)(end - start);
        sort_small_group(sequence + start, end - start);
        for (size_t k = start; k < end;) {
            size_t run_end = k + 1;
            while (run_end < end && sequence[run_end] == sequence[k])
                run_end++;
            int64_t run = (int64_t)(run_end - k);
            joint_tied += run * (run - 1) / 2;
            k = run_end;
        }
        start = end;
    }
    int64_t swaps = merge_count_inversions(sequence, work, n);
    knight_finish(x_count, kx, y_count, ky, n, joint_tied, swaps, out);
    status = QA_OK;
done:
    free(x_count);
    free(y_count);
    free(sequence);
    free(work);
    return status;
}

/* The O(n²) definition: S = sum over pairs of sign(dx) sign(dy). */
static qa_status kendall_pairs(const uint32_t *rx, size_t kx, const uint32_t *ry, size_t ky,
                               size_t n, qa_kendall_counts *out)
{
    int64_t *x_count = calloc(kx, sizeof *x_count);
    int64_t *y_count = calloc(ky, sizeof *y_count);
    if (!x_count || !y_count) {
        free(x_count);
        free(y_count);
        return QA_ERR_MEMORY;
    }
    int64_t s = 0;
    for (size_t i = 0; i < n; i++) {
        x_count[rx[i]]++;
        y_count[ry[i]]++;
        for (size_t j = i + 1; j < n; j++) {
            int sx = (rx[j] > rx[i]) - (rx[j] < rx[i]);
            int sy = (ry[j] > ry[i]) - (ry[j] < ry[i]);
            s += sx * sy;
        }
    }
    out->s = s;
    tie_sums(x_count, kx, &out->x_tied, out->x_ties);
    tie_sums(y_count, ky, &out->y_tied, out->y_ties);
    free(x_count);
    free(y_count);
    return QA_OK;
}

/* y with at most this many levels is counted by a scan in the order of x. */
enum { SCAN_LEVEL_LIMIT = 16 };

/* Walks the x tie groups in ascending order of x, keeping how many earlier cases (smaller
 * x) sit at each level of y: a case at level b is concordant with the earlier ones below b
 * and discordant with those above. Cases in the same x group are not compared. */
static qa_status kendall_scan(const qa_ranked *x, const qa_ranked *y, qa_kendall_counts *out)
{
    size_t ky = y->levels;
    int64_t seen[SCAN_LEVEL_LIMIT] = {0}, below[SCAN_LEVEL_LIMIT + 1];
    int64_t s = 0, total_seen = 0;
    for (size_t start = 0; start < x->n;) {
        uint32_t level = x->level[x->order[start]];
        size_t end = start + 1;
        while (end < x->n && x->level[x->order[end]] == level)
            end++;
        below[0] = 0;
        for (size_t b = 0; b < ky; b++)
            below[b + 1] = below[b] + seen[b];
        for (size_t k = start; k < end; k++) {
            uint32_t b = y->level[x->order[k]];
            int64_t above = total_seen - below[b + 1];
            s += below[b] - above;
        }
        for (size_t k = start; k < end; k++)
            seen[y->level[x->order[k]]]++;
        total_seen += (int64_t)(end - start);
        start = end;
    }
    out->s = s;
    tie_sums(x->count, x->levels, &out->x_tied, out->x_ties);
    tie_sums(y->count, y->levels, &out->y_tied, out->y_ties);
    return QA_OK;
}

/* Above this many levels of x, Knight's algorithm starts from the sorted order of x rather
 * than from two bucket sorts. */
enum { ORDERED_LEVEL_MIN = 1024 };

qa_status qa_kendall_count_ranked(const qa_ranked *x, const qa_ranked *y,
                                  qa_kendall_algorithm algorithm, qa_kendall_counts *out)
{
    size_t n = x->n, kx = x->levels, ky = y->levels;
    bool small = kx <= QA_CODE_TABLE_LEVEL_LIMIT && ky <= QA_CODE_TABLE_LEVEL_LIMIT;
    size_t cells_limit = n > QA_CODE_TABLE_CELLS_MIN ? n : QA_CODE_TABLE_CELLS_MIN;
    if (algorithm == QA_KENDALL_TABLE && !small)
        return QA_ERR_USAGE;
    if (algorithm == QA_KENDALL_TABLE || (algorithm == QA_KENDALL_AUTO && small &&
                                          kx * ky <= cells_limit))
        return kendall_table(x->level, kx, y->level, ky, n, out);
    if (algorithm == QA_KENDALL_PAIRS)
        return kendall_pairs(x->level, kx, y->level, ky, n, out);
    if (algorithm == QA_KENDALL_AUTO && ky <= SCAN_LEVEL_LIMIT)
        return kendall_scan(x, y, out);
    if (algorithm == QA_KENDALL_AUTO && kx <= SCAN_LEVEL_LIMIT)
        return kendall_scan(y, x, out); /* S is symmetric in x and y */
    if (kx > ORDERED_LEVEL_MIN)
        return kendall_knight_ordered(x->level, kx, y->level, ky, x->order, n, out);
    return kendall_knight(x->level, kx, y->level, ky, n, out);
}
