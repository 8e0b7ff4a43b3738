/* qa_cox_compress: the distinct (time, status, x) rows of a Cox design with summed frequency
 * weights (a whole-year, ordinal design of 500,000 cases has a few hundred). Whole-numbered
 * columns of small range are summed on a grid indexed by the row's values; otherwise a hash table
 * finds the distinct rows in one pass and a merge sort puts them in a fixed order. Either way
 * the result does not depend on the input's row order. */
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

/* Distinct rows found so far: row r is key[r * width ...] = (time, status, x_1..x_p). The
 * arrays grow as rows are found (a few hundred rows stay in cache), up to max_rows. */
typedef struct {
    size_t p, width, count, capacity, max_rows;
    double *key, *weight;
    uint64_t *hash;  /* of each row, for growing the slot table without rehashing rows */
    uint32_t *slot;  /* row + 1, 0 = empty; at most half full */
    size_t slot_count;
} row_table;

typedef enum { ROW_ADDED, ROW_TABLE_FULL, ROW_NO_MEMORY } row_outcome;

static inline uint64_t mix(uint64_t h, double value)
{
    value += 0.0; /* -0 and +0 are the same row */
    uint64_t bits;
    memcpy(&bits, &value, sizeof bits);
    h = (h ^ bits) * 0x9e3779b97f4a7c15u;
    return h ^ (h >> 29);
}

static inline size_t slot_of(uint64_t hash, size_t slot_count)
{
    return (size_t)((hash * 0xbf58476d1ce4e5b9u) >> 17) & (slot_count - 1);
}

static bool grow_slots(row_table *t)
{
    size_t count = t->slot_count * 2;
    uint32_t *slot = calloc(count, sizeof *slot);
    if (!slot)
        return false;
    for (size_t row = 0; row < t->count; row++) {
        size_t s = slot_of(t->hash[row], count);
        while (slot[s] != 0)
            s = (s + 1) & (count - 1);
        slot[s] = (uint32_t)(row + 1);
    }
    free(t->slot);
    t->slot = slot;
    t->slot_count = count;
    return true;
}

static bool grow_rows(row_table *t)
{
    size_t capacity = t->capacity < 64 ? 128 : 2 * t->capacity;
    capacity = capacity < t->max_rows ? capacity : t->max_rows;
    double *key = realloc(t->key, capacity * t->width * sizeof *key);
    if (key)
        t->key = key;
    double *weight = realloc(t->weight, capacity * sizeof *weight);
    if (weight)
        t->weight = weight;
    uint64_t *hash = realloc(t->hash, capacity * sizeof *hash);
    if (hash)
        t->hash = hash;
    if (!key || !weight || !hash)
        return false;
    t->capacity = capacity;
    return true;
}

static row_outcome insert_row(row_table *t, size_t s, uint64_t hash, double time, double status,
                              const double *x, double weight)
{
    if (t->count == t->max_rows)
        return ROW_TABLE_FULL;
    if (t->count == t->capacity && !grow_rows(t))
        return ROW_NO_MEMORY;
    double *key = t->key + t->count * t->width;
    key[0] = time;
    key[1] = status;
    memcpy(key + 2, x, t->p * sizeof *x);
    t->weight[t->count] = weight;
    t->hash[t->count] = hash;
    t->slot[s] = (uint32_t)++t->count;
    if (2 * t->count > t->slot_count && !grow_slots(t))
        return ROW_NO_MEMORY;
    return ROW_ADDED;
}

/* Adds weight to the row (time, status, x), inserting it when new. */
static row_outcome table_add(row_table *t, double time, double status, const double *x,
                             double weight)
{
    uint64_t hash = mix(mix(0, time), status);
    for (size_t j = 0; j < t->p; j++)
        hash = mix(hash, x[j]);
    for (size_t s = slot_of(hash, t->slot_count);; s = (s + 1) & (t->slot_count - 1)) {
        uint32_t row = t->slot[s];
        if (row == 0)
            return insert_row(t, s, hash, time, status, x, weight);
        const double *key = t->key + (row - 1) * t->width;
        if (t->hash[row - 1] != hash || key[0] != time || key[1] != status)
            continue;
        size_t j = 0;
        while (j < t->p && key[2 + j] == x[j])
            j++;
        if (j == t->p) {
            t->weight[row - 1] += weight;
            return ROW_ADDED;
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
    bool bad = false; /* branch-free first: the usual input has none */
    for (size_t i = 0; i < in->n * in->p; i++)
        bad |= !(in->x[i] - in->x[i] == 0.0);
    for (size_t i = 0; bad && status == QA_OK && i < in->n * in->p; i++)
        if (!isfinite(in->x[i]))
            return qa_error_set(error, QA_ERR_INPUT, NULL, 0, NULL, NULL,
                                "covariate %zu of row %zu is not a finite number",
                                i % in->p + 1, i / in->p + 1);
    return status;
}

static qa_status allocate_output(qa_cox_compressed *out, size_t n, size_t p, qa_error *error)
{
    out->x = malloc(n * p * sizeof *out->x + 1);
    out->time = malloc(n * sizeof *out->time + 1);
    out->status = malloc(n * sizeof *out->status + 1);
    out->weights = malloc(n * sizeof *out->weights + 1);
    if (!out->x || !out->time || !out->status || !out->weights) {
        qa_cox_compressed_free(out);
        return qa_error_set(error, QA_ERR_MEMORY, NULL, 0, NULL, NULL,
                            "out of memory compressing a Cox design");
    }
    out->data = (qa_cox_data){n, p, out->x, out->time, out->status, out->weights};
    return QA_OK;
}

/* Copies the table's rows in sorted order into out. */
static qa_status emit_rows(const row_table *t, size_t p, qa_cox_compressed *out, qa_error *error)
{
    size_t n = t->count;
    size_t *order = malloc(2 * n * sizeof *order + 1);
    if (!order)
        return qa_error_set(error, QA_ERR_MEMORY, NULL, 0, NULL, NULL,
                            "out of memory compressing a Cox design");
    qa_status status = allocate_output(out, n, p, error);
    if (status == QA_OK) {
        sort_rows(t, order, order + n);
        for (size_t r = 0; r < n; r++) {
            const double *key = t->key + order[r] * t->width;
            out->time[r] = key[0];
            out->status[r] = key[1];
            memcpy(out->x + r * p, key + 2, p * sizeof *key);
            out->weights[r] = t->weight[order[r]];
        }
    }
    free(order);
    return status;
}

/* The usual design has whole-number columns of small range (years, 0/1, ordinal 0-4): a row is
 * then a cell of a grid, its mixed-radix code (time most significant, then status, then x in
 * order) indexes an array of weights, and the cells in code order are the rows in the order
 * the hash path sorts them to. One pass, no hashing. */
enum { GRID_MAX_CELLS = 1 << 21 };

typedef struct {
    size_t columns, cells;
    double *low;    /* per column: smallest value */
    size_t *range;  /* per column: high - low + 1 */
    size_t *stride;
} grid;

/* A whole number of at most 1e9 in size (false for NaN and infinities too). */
static inline bool whole(double v)
{
    return v >= -1e9 && v <= 1e9 && (double)(long long)v == v;
}

/* Widens [low, high] of a column to v; false when v is not a whole number. */
static inline bool extend(double *low, double *high, double v)
{
    if (!whole(v))
        return false;
    *low = v < *low ? v : *low;
    *high = v > *high ? v : *high;
    return true;
}

/* The rows a grid is built from: a design's (x row-major, rows of weight 0 left out) or a
 * frame's columns (covariate j of row i in columns[j][i], rows whose flags lack `flag` or
 * with a NaN covariate left out). */
typedef struct {
    size_t n, p;
    const double *time, *status, *weights; /* weights: NULL = 1 */
    const double *x;                       /* row-major, or NULL for columns: */
    const double *const *columns;
    const unsigned char *flags;
    unsigned char flag;
} grid_rows;

static inline bool row_in(const grid_rows *r, size_t i)
{
    if (r->x)
        return !r->weights || r->weights[i] != 0.0; /* (weight 0 may lie off the grid) */
    bool in = (r->flags[i] & r->flag) != 0;
    for (size_t j = 0; j < r->p && in; j++)
        in = !isnan(r->columns[j][i]);
    return in;
}

static inline double row_x(const grid_rows *r, size_t i, size_t j)
{
    return r->x ? r->x[i * r->p + j] : r->columns[j][i];
}

/* Fills g when every column is whole-numbered, every status 0 or 1 and the grid small; false
 * otherwise. Column 0 is time, 1 status, 2.. the covariates. */
static bool find_grid(const grid_rows *r, grid *g)
{
    double *low = g->low, *high = g->low + g->columns;
    for (size_t c = 0; c < g->columns; c++)
        low[c] = INFINITY, high[c] = -INFINITY;
    for (size_t i = 0; i < r->n; i++) {
        if (!row_in(r, i))
            continue;
        bool ok = extend(&low[0], &high[0], r->time[i]) & extend(&low[1], &high[1], r->status[i]) &
                  ((r->status[i] == 0.0) | (r->status[i] == 1.0));
        for (size_t j = 0; j < r->p; j++)
            ok &= extend(&low[2 + j], &high[2 + j], row_x(r, i, j));
        if (!ok)
            return false;
    }
    size_t limit = 8 * r->n + 4096 < GRID_MAX_CELLS ? 8 * r->n + 4096 : GRID_MAX_CELLS;
    g->cells = 1;
    for (size_t c = g->columns; c-- > 0;) {
        g->range[c] = high[c] >= low[c] ? (size_t)(high[c] - low[c]) + 1 : 1;
        g->stride[c] = g->cells;
        if (g->range[c] > limit / g->cells)
            return false;
        g->cells *= g->range[c];
    }
    return true;
}

/* Sums the weights per cell and emits the cells with weight; data.n = 0 past max_rows. */
static qa_status compress_on_grid(const grid_rows *r, const grid *g, size_t max_rows,
                                  qa_cox_compressed *out, qa_error *error)
{
    double *sum = calloc(g->cells, sizeof *sum);
    if (!sum)
        return qa_error_set(error, QA_ERR_MEMORY, NULL, 0, NULL, NULL,
                            "out of memory compressing a Cox design of %zu rows", r->n);
    for (size_t i = 0; i < r->n; i++) {
        if (!row_in(r, i))
            continue;
        size_t code = (size_t)(r->time[i] - g->low[0]) * g->stride[0] +
                      (size_t)(r->status[i] - g->low[1]) * g->stride[1];
        for (size_t c = 2; c < g->columns; c++)
            code += (size_t)(row_x(r, i, c - 2) - g->low[c]) * g->stride[c];
        sum[code] += r->weights ? r->weights[i] : 1.0;
    }
    size_t rows = 0;
    for (size_t code = 0; code < g->cells; code++)
        rows += sum[code] > 0.0;
    qa_status status = QA_OK;
    if (rows > max_rows)
        out->data = (qa_cox_data){0, r->p, NULL, NULL, NULL, NULL};
    else
        status = allocate_output(out, rows, r->p, error);
    for (size_t code = 0, k = 0; status == QA_OK && rows <= max_rows && code < g->cells; code++) {
        if (!(sum[code] > 0.0))
            continue;
        out->time[k] = g->low[0] + (double)(code / g->stride[0] % g->range[0]);
        out->status[k] = g->low[1] + (double)(code / g->stride[1] % g->range[1]);
        for (size_t c = 2; c < g->columns; c++)
            out->x[k * r->p + c - 2] = g->low[c] + (double)(code / g->stride[c] % g->range[c]);
        out->weights[k++] = sum[code];
    }
    free(sum);
    return status;
}

/* The grid path when it applies: *done says whether it did. */
static qa_status try_grid(const grid_rows *r, size_t max_rows, qa_cox_compressed *out, bool *done,
                          qa_error *error)
{
    *done = false;
    size_t columns = r->p + 2;
    grid g = {columns, 0, malloc(2 * columns * sizeof(double)), malloc(columns * sizeof(size_t)),
              malloc(columns * sizeof(size_t))};
    qa_status status = QA_OK;
    if (!g.low || !g.range || !g.stride)
        status = qa_error_set(error, QA_ERR_MEMORY, NULL, 0, NULL, NULL,
                              "out of memory compressing a Cox design");
    else if (find_grid(r, &g)) {
        status = compress_on_grid(r, &g, max_rows, out, error);
        *done = true;
    }
    free(g.low);
    free(g.range);
    free(g.stride);
    return status;
}

qa_status qa_cox_compress_columns(const double *const *x, size_t p, const double *time,
                                  const double *status, size_t n, const unsigned char *flags,
                                  unsigned char flag, bool *done, qa_cox_compressed *out,
                                  qa_error *error)
{
    memset(out, 0, sizeof *out);
    grid_rows r = {n, p, time, status, NULL, NULL, x, flags, flag};
    qa_status result = try_grid(&r, SIZE_MAX, out, done, error);
    if (result == QA_OK && *done && out->data.n == 0) { /* no row in the design */
        qa_cox_compressed_free(out);
        *done = false;
    }
    return result;
}

qa_status qa_cox_compress_counted(const double *counts, size_t x_radix, size_t time_radix,
                                  size_t max_rows, qa_cox_compressed *out, qa_error *error)
{
    memset(out, 0, sizeof *out);
    size_t rows = 0, cells = 2 * x_radix * time_radix;
    for (size_t k = 0; k < cells; k++)
        rows += counts[k] > 0.0;
    if (rows > max_rows) {
        out->data = (qa_cox_data){0, 1, NULL, NULL, NULL, NULL};
        return QA_OK;
    }
    qa_status status = allocate_output(out, rows, 1, error);
    size_t k = 0; /* the order of the grid: time, then status, then x */
    for (size_t t = 0; status == QA_OK && t < time_radix; t++)
        for (size_t event = 0; event < 2; event++)
            for (size_t x = 0; x < x_radix; x++) {
                double count = counts[2 * (x + x_radix * t) + event];
                if (!(count > 0.0))
                    continue;
                out->time[k] = (double)t;
                out->status[k] = (double)event;
                out->x[k] = (double)x;
                out->weights[k++] = count;
            }
    return status;
}

static void table_free(row_table *t)
{
    free(t->key);
    free(t->weight);
    free(t->hash);
    free(t->slot);
}

qa_status qa_cox_compress(const qa_cox_data *in, size_t max_rows, qa_cox_compressed *out,
                          qa_error *error)
{
    memset(out, 0, sizeof *out);
    qa_status status = check_input(in, error);
    if (status != QA_OK)
        return status;
    size_t p = in->p;
    if (max_rows > UINT32_MAX / 4) /* slot entries are 32-bit */
        max_rows = UINT32_MAX / 4;
    bool done;
    grid_rows rows = {in->n, p, in->time, in->status, in->weights, in->x, NULL, NULL, 0};
    status = try_grid(&rows, max_rows, out, &done, error);
    if (status != QA_OK || done)
        return status;
    row_table t = {p, p + 2, 0, 0, max_rows, NULL, NULL, NULL, NULL, 256};
    t.slot = calloc(t.slot_count, sizeof *t.slot);
    row_outcome outcome = t.slot ? ROW_ADDED : ROW_NO_MEMORY;
    for (size_t i = 0; outcome == ROW_ADDED && i < in->n; i++)
        if (!in->weights || in->weights[i] > 0.0) /* not among the cases otherwise */
            outcome = table_add(&t, in->time[i], in->status[i], in->x + i * p,
                                in->weights ? in->weights[i] : 1.0);
    if (outcome == ROW_NO_MEMORY)
        status = qa_error_set(error, QA_ERR_MEMORY, NULL, 0, NULL, NULL,
                              "out of memory compressing a Cox design of %zu rows", in->n);
    else if (outcome == ROW_ADDED)
        status = emit_rows(&t, p, out, error);
    else /* too many distinct rows: the caller fits the input */
        out->data = (qa_cox_data){0, p, NULL, NULL, NULL, NULL};
    table_free(&t);
    return status;
}
