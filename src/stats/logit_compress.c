/* Compression of a logistic design to its distinct (x row, y) pairs with frequency weights:
 * coded measures take a few levels, so a million cases reduce to a handful of rows and the
 * weighted fit gives the full data's results (every sum over cases is a sum over distinct
 * rows of weight times term). */
#include "logit_internal.h"
#include "stats_internal.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

void qa_logit_compressed_free(qa_logit_compressed *compressed)
{
    if (!compressed)
        return;
    free(compressed->x);
    free(compressed->y);
    free(compressed->weights);
    free(compressed->row_of);
    memset(compressed, 0, sizeof *compressed);
}

/* Hash of the bytes of (x row, y); -0 and +0 are made one value first. Each value is folded
 * in by a multiply and rotate (cheap), and splitmix64's finalizer spreads the result once. */
static uint64_t row_hash(const double *row, size_t p, double y)
{
    uint64_t hash = 0, bits;
    for (size_t j = 0; j < p; j++) {
        double value = row[j] + 0.0;
        memcpy(&bits, &value, sizeof bits);
        hash = (hash ^ bits) * 0x9fb21c651e98df25u;
        hash = hash << 29 | hash >> 35;
    }
    memcpy(&bits, &y, sizeof bits);
    return qa_logit_mix64(hash ^ bits);
}

/* Same bytes once -0 is +0 (stored rows already are): equal numbers match, and so do NaNs
 * with the same bits, so a design with missing values compresses too (the caller can then
 * select the complete rows of the small table). */
static inline bool same_value(double stored, double value)
{
    value += 0.0;
    return memcmp(&stored, &value, sizeof value) == 0;
}

static bool same_row(const double *stored, const double *row, size_t p)
{
    for (size_t j = 0; j < p; j++)
        if (!same_value(stored[j], row[j]))
            return false;
    return true;
}

static qa_status out_of_memory(qa_logit_compressed *out, qa_error *error)
{
    qa_logit_compressed_free(out);
    return qa_error_set(error, QA_ERR_MEMORY, NULL, 0, NULL, NULL, "out of memory");
}

/* Gives back the unused tail of the arrays sized for max_rows. */
static void shrink(qa_logit_compressed *out, size_t count, size_t p)
{
    size_t keep = count > 0 ? count : 1;
    double *x = realloc(out->x, keep * p * sizeof *x);
    double *y = realloc(out->y, keep * sizeof *y);
    double *weights = realloc(out->weights, keep * sizeof *weights);
    if (x)
        out->x = x;
    if (y)
        out->y = y;
    if (weights)
        out->weights = weights;
}

/* Open addressing, linear probing; an entry is the hash's high 32 bits (a tag that spares
 * most row comparisons) and 1 + the row index in the low 32 (0: empty). Grown by doubling at
 * half full, so the table stays as small as the distinct rows need (cache-resident). */
typedef struct {
    uint64_t *entries;
    size_t capacity, mask;
} row_table;

static bool table_grow(row_table *table, const uint64_t *hashes, size_t count)
{
    size_t capacity = table->capacity * 2;
    uint64_t *entries = calloc(capacity, sizeof *entries);
    if (!entries)
        return false;
    for (size_t row = 0; row < count; row++) {
        size_t slot = (size_t)hashes[row] & (capacity - 1);
        while (entries[slot] != 0)
            slot = (slot + 1) & (capacity - 1);
        entries[slot] = (hashes[row] & 0xffffffff00000000u) | (uint64_t)(row + 1);
    }
    free(table->entries);
    table->entries = entries;
    table->capacity = capacity;
    table->mask = capacity - 1;
    return true;
}

qa_status qa_logit_compress(const qa_logit_data *in, size_t max_rows, bool want_map,
                            qa_logit_compressed *out, qa_error *error)
{
    memset(out, 0, sizeof *out);
    if (!in || (in->n > 0 && (!in->x || !in->y)) || in->p == 0)
        return qa_error_set(error, QA_ERR_INTERNAL, NULL, 0, NULL, NULL,
                            "compressing a logistic design: no data or no design columns");
    size_t n = in->n, p = in->p, limit = max_rows < n ? max_rows : n;
    if (limit > UINT32_MAX - 1)
        limit = UINT32_MAX - 1;
    row_table table = {calloc(1024, sizeof(uint64_t)), 1024, 1023};
    uint64_t *hashes = malloc((limit > 0 ? limit : 1) * sizeof *hashes);
    out->x = malloc((limit > 0 ? limit : 1) * p * sizeof *out->x);
    out->y = malloc((limit > 0 ? limit : 1) * sizeof *out->y);
    out->weights = malloc((limit > 0 ? limit : 1) * sizeof *out->weights);
    out->row_of = want_map ? malloc((n > 0 ? n : 1) * sizeof *out->row_of) : NULL;
    bool ok =
        table.entries && hashes && out->x && out->y && out->weights && (!want_map || out->row_of);
    size_t count = 0;
    for (size_t i = 0; ok && i < n; i++) {
        const double *row = in->x + i * p;
        double y = in->y[i] + 0.0;
        uint64_t hash = row_hash(row, p, y), tag = hash & 0xffffffff00000000u;
        size_t slot = (size_t)hash & table.mask, target = (size_t)-1;
        for (uint64_t entry; (entry = table.entries[slot]) != 0; slot = (slot + 1) & table.mask) {
            size_t candidate = (size_t)(entry & 0xffffffffu) - 1;
            if ((entry & 0xffffffff00000000u) == tag && same_value(out->y[candidate], y) &&
                same_row(out->x + candidate * p, row, p)) {
                target = candidate;
                break;
            }
        }
        if (target == (size_t)-1) {
            if (count == limit) { /* too many distinct rows: not worth it */
                free(table.entries);
                free(hashes);
                qa_logit_compressed_free(out);
                return QA_OK;
            }
            target = count++;
            table.entries[slot] = tag | (uint64_t)count;
            hashes[target] = hash;
            for (size_t j = 0; j < p; j++)
                out->x[target * p + j] = row[j] + 0.0;
            out->y[target] = y;
            out->weights[target] = 0;
            if (2 * count > table.capacity)
                ok = table_grow(&table, hashes, count);
        }
        out->weights[target] += in->weights ? in->weights[i] : 1.0;
        if (want_map)
            out->row_of[i] = target;
    }
    free(table.entries);
    free(hashes);
    if (!ok)
        return out_of_memory(out, error);
    shrink(out, count, p);
    out->data = (qa_logit_data){count, p, out->x, out->y, out->weights};
    return QA_OK;
}

/* The kept rows of in, projected on columns, into a new design (x, y, weights owned by the
 * caller); kept[i] says whether row i was kept. */
static bool project_rows(const qa_logit_data *in, const size_t *columns, size_t count,
                         qa_logit_compressed *projected, bool *kept)
{
    size_t n = in->n, p = in->p, rows = 0;
    projected->x = malloc((n > 0 ? n : 1) * count * sizeof *projected->x);
    projected->y = malloc((n > 0 ? n : 1) * sizeof *projected->y);
    projected->weights = malloc((n > 0 ? n : 1) * sizeof *projected->weights);
    if (!projected->x || !projected->y || !projected->weights)
        return false;
    for (size_t i = 0; i < n; i++) {
        bool complete = !isnan(in->y[i]);
        for (size_t k = 0; k < count && complete; k++)
            complete = !isnan(in->x[i * p + columns[k]]);
        kept[i] = complete;
        if (!complete)
            continue;
        for (size_t k = 0; k < count; k++)
            projected->x[rows * count + k] = in->x[i * p + columns[k]];
        projected->y[rows] = in->y[i];
        projected->weights[rows++] = in->weights ? in->weights[i] : 1.0;
    }
    projected->data = (qa_logit_data){rows, count, projected->x, projected->y, projected->weights};
    return true;
}

qa_status qa_logit_compress_columns(const qa_logit_data *in, const size_t *columns, size_t count,
                                    size_t max_rows, bool want_map, qa_logit_compressed *out,
                                    qa_error *error)
{
    memset(out, 0, sizeof *out);
    if (!in || (in->n > 0 && (!in->x || !in->y)) || count == 0 || !columns)
        return qa_error_set(error, QA_ERR_INTERNAL, NULL, 0, NULL, NULL,
                            "compressing a logistic design: no data or no columns chosen");
    for (size_t k = 0; k < count; k++)
        if (columns[k] >= in->p)
            return qa_error_set(error, QA_ERR_INTERNAL, NULL, 0, NULL, NULL,
                                "compressing a logistic design: column %zu of %zu columns",
                                columns[k], in->p);
    qa_logit_compressed projected;
    memset(&projected, 0, sizeof projected);
    bool *kept = malloc((in->n > 0 ? in->n : 1) * sizeof *kept);
    if (!kept || !project_rows(in, columns, count, &projected, kept)) {
        free(kept);
        qa_logit_compressed_free(&projected);
        return qa_error_set(error, QA_ERR_MEMORY, NULL, 0, NULL, NULL, "out of memory");
    }
    qa_status status = qa_logit_compress(&projected.data, max_rows, want_map, out, error);
    if (status == QA_OK && out->data.n > 0 && want_map) {
        /* Map back from projected rows to in's rows; dropped rows get SIZE_MAX. */
        size_t *row_of = malloc((in->n > 0 ? in->n : 1) * sizeof *row_of);
        if (!row_of) {
            qa_logit_compressed_free(out);
            status = qa_error_set(error, QA_ERR_MEMORY, NULL, 0, NULL, NULL, "out of memory");
        } else {
            for (size_t i = 0, r = 0; i < in->n; i++)
                row_of[i] = kept[i] ? out->row_of[r++] : SIZE_MAX;
            free(out->row_of);
            out->row_of = row_of;
        }
    }
    free(kept);
    qa_logit_compressed_free(&projected);
    return status;
}
