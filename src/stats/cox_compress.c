/* qa_cox_compress: the distinct (time, status, x) rows of a Cox design with summed frequency
 * weights. A hash table finds the distinct rows in one pass (a whole-year, ordinal design of
 * 500,000 cases has a few hundred); a merge sort then puts them in a fixed order, so the result
 * does not depend on the input's row order. */
#include "qareport/survival.h"
#include "survival_internal.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

void qa_cox_compressed_free(qa_cox_compressed *compressed)
{
    if (!compressed)
        return;
    free(compressed->x);
    free(compressed->time);
    free(compressed->status);
    free(compressed->weights);
    memset(compressed, 0, sizeof *compressed);
}

/* Distinct rows found so far: row r is key[r * width ...] = (time, status, x_1..x_p). */
typedef struct {
    size_t width, count, capacity; /* capacity: rows that fit (max_rows) */
    double *key, *weight;
    size_t *slot;                  /* hash slots: row + 1, 0 = empty */
    size_t slot_mask;
} row_table;

static uint64_t mix(uint64_t h, double value)
{
    value += 0.0; /* -0 and +0 are the same row */
    uint64_t bits;
    memcpy(&bits, &value, sizeof bits);
    h ^= bits + 0x9e3779b97f4a7c15u + (h << 6) + (h >> 2);
    h ^= h >> 31;
    return h * 0xbf58476d1ce4e5b9u;
}

static bool same_row(const double *a, const double *b, size_t width)
{
    for (size_t j = 0; j < width; j++)
        if (a[j] != b[j])
            return false;
    return true;
}

/* Adds weight to the row equal to key, inserting it when new; false when the table is full. */
static bool table_add(row_table *t, const double *key, double weight)
{
    uint64_t h = 0;
    for (size_t j = 0; j < t->width; j++)
        h = mix(h, key[j]);
    for (size_t s = (size_t)h & t->slot_mask;; s = (s + 1) & t->slot_mask) {
        size_t row = t->slot[s];
        if (row == 0) {
            if (t->count == t->capacity)
                return false;
            memcpy(t->key + t->count * t->width, key, t->width * sizeof *key);
            t->weight[t->count] = weight;
            t->slot[s] = ++t->count;
            return true;
        }
        if (same_row(t->key + (row - 1) * t->width, key, t->width)) {
            t->weight[row - 1] += weight;
            return true;
        }
    }
}

static int compare_rows(const double *a, const double *b, size_t width)
{
    for (size_t j = 0; j < width; j++)
        if (a[j] != b[j])
            return a[j] < b[j] ? -1 : 1;
    return 0;
}

/* Stable bottom-up merge sort of row indices by key (few distinct rows: simple is enough). */
static void sort_rows(const row_table *t, size_t *order, size_t *scratch)
{
    size_t n = t->count;
    for (size_t i = 0; i < n; i++)
        order[i] = i;
    for (size_t run = 1; run < n; run *= 2) {
        for (size_t low = 0; low < n; low += 2 * run) {
            size_t middle = low + run < n ? low + run : n;
            size_t high = low + 2 * run < n ? low + 2 * run : n;
            size_t a = low, b = middle, k = low;
            while (a < middle || b < high) {
                bool take_a = b >= high ||
                              (a < middle && compare_rows(t->key + order[a] * t->width,
                                                          t->key + order[b] * t->width,
                                                          t->width) <= 0);
                scratch[k++] = take_a ? order[a++] : order[b++];
            }
        }
        memcpy(order, scratch, n * sizeof *order);
    }
}

static qa_status check_input(const qa_cox_data *in, qa_error *error)
{
    double cases;
    qa_status status = qa_cox_check_weights(in->weights, in->n, &cases, error);
    if (status == QA_OK)
        status = qa_survival_check(in->time, in->status, in->n, error);
    for (size_t i = 0; status == QA_OK && i < in->n * in->p; i++)
        if (!isfinite(in->x[i]))
            return qa_error_set(error, QA_ERR_INPUT, NULL, 0, NULL, NULL,
                                "covariate %zu of row %zu is not a finite number",
                                i % in->p + 1, i / in->p + 1);
    return status;
}

/* Copies the table's rows in sorted order into out. */
static qa_status emit_rows(const row_table *t, size_t p, qa_cox_compressed *out, qa_error *error)
{
    size_t n = t->count;
    size_t *order = malloc(2 * n * sizeof *order + 1);
    out->x = malloc(n * p * sizeof *out->x + 1);
    out->time = malloc(n * sizeof *out->time + 1);
    out->status = malloc(n * sizeof *out->status + 1);
    out->weights = malloc(n * sizeof *out->weights + 1);
    if (!order || !out->x || !out->time || !out->status || !out->weights) {
        free(order);
        qa_cox_compressed_free(out);
        return qa_error_set(error, QA_ERR_MEMORY, NULL, 0, NULL, NULL,
                            "out of memory compressing a Cox design");
    }
    sort_rows(t, order, order + n);
    for (size_t r = 0; r < n; r++) {
        const double *key = t->key + order[r] * t->width;
        out->time[r] = key[0];
        out->status[r] = key[1];
        memcpy(out->x + r * p, key + 2, p * sizeof *key);
        out->weights[r] = t->weight[order[r]];
    }
    free(order);
    out->data = (qa_cox_data){n, p, out->x, out->time, out->status, out->weights};
    return QA_OK;
}

qa_status qa_cox_compress(const qa_cox_data *in, size_t max_rows, qa_cox_compressed *out,
                          qa_error *error)
{
    memset(out, 0, sizeof *out);
    qa_status status = check_input(in, error);
    if (status != QA_OK)
        return status;
    size_t p = in->p, capacity = max_rows < in->n ? max_rows : in->n, slots = 16;
    while (slots < 2 * capacity + 1) /* load factor at most 1/2 */
        slots *= 2;
    row_table t = {p + 2, 0, capacity, NULL, NULL, NULL, slots - 1};
    t.key = malloc(capacity * t.width * sizeof *t.key + 1);
    t.weight = malloc(capacity * sizeof *t.weight + 1);
    t.slot = calloc(slots, sizeof *t.slot);
    double *key = malloc(t.width * sizeof *key);
    if (!t.key || !t.weight || !t.slot || !key)
        status = qa_error_set(error, QA_ERR_MEMORY, NULL, 0, NULL, NULL,
                              "out of memory compressing a Cox design of %zu rows", in->n);
    bool fits = true;
    for (size_t i = 0; status == QA_OK && fits && i < in->n; i++) {
        key[0] = in->time[i];
        key[1] = in->status[i];
        memcpy(key + 2, in->x + i * p, p * sizeof *key);
        fits = table_add(&t, key, in->weights ? in->weights[i] : 1.0);
    }
    if (status == QA_OK && fits)
        status = emit_rows(&t, p, out, error);
    if (status == QA_OK && !fits) /* too many distinct rows: the caller fits the input */
        out->data = (qa_cox_data){0, p, NULL, NULL, NULL, NULL};
    free(t.key);
    free(t.weight);
    free(t.slot);
    free(key);
    return status;
}
