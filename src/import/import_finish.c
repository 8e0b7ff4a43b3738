/* The importer after the last row: duplicate case ids (found by sorting hashes), category
 * levels put in strcmp order, problems sorted by line, and the importer's own memory. */
#include "import_internal.h"

#include "qareport/dataset.h"
#include "qareport/large_alloc.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const char *text;
    size_t index;
} level_entry;

static int compare_levels(const void *a, const void *b)
{
    return strcmp(((const level_entry *)a)->text, ((const level_entry *)b)->text);
}

/* Levels in strcmp order (R's default reference level first), codes remapped. */
static void sort_levels(qa_importer *im, qa_column *column, const qa_string_table *table)
{
    size_t n = table->count;
    if (n == 0)
        return;
    level_entry *order = malloc(n * sizeof *order);
    int32_t *rank = malloc(n * sizeof *rank);
    column->levels = calloc(n, sizeof *column->levels);
    if (!order || !rank || !column->levels) {
        free(order);
        free(rank);
        return qa_importer_out_of_memory(im);
    }
    for (size_t i = 0; i < n; i++)
        order[i] = (level_entry){qa_string_table_get(table, i), i};
    qsort(order, n, sizeof *order, compare_levels);
    column->level_count = n;
    for (size_t i = 0; i < n; i++) {
        rank[order[i].index] = (int32_t)i;
        if (!(column->levels[i] = strdup(order[i].text)))
            qa_importer_out_of_memory(im);
    }
    for (size_t row = 0; row < im->dataset->rows; row++)
        if (column->codes[row] >= 0)
            column->codes[row] = rank[column->codes[row]];
    free(order);
    free(rank);
}

/* Stable LSD radix sort on the hash half of the keys; rows stay ascending within a hash. */
static int sort_id_keys(qa_importer *im)
{
    size_t n = im->id_key_count;
    uint64_t *scratch = malloc((n ? n : 1) * sizeof *scratch);
    if (!scratch)
        return -1;
    uint64_t *from = im->id_keys, *to = scratch;
    for (int shift = 32; shift < 64; shift += 8) {
        size_t count[257] = {0};
        for (size_t i = 0; i < n; i++)
            count[((from[i] >> shift) & 255) + 1]++;
        for (int b = 0; b < 256; b++)
            count[b + 1] += count[b];
        for (size_t i = 0; i < n; i++)
            to[count[(from[i] >> shift) & 255]++] = from[i];
        uint64_t *swap = from;
        from = to, to = swap;
    }
    qa_large_free(scratch, (n ? n : 1) * sizeof *scratch); /* four passes: the keys are back */
    return 0;
}

static void report_duplicate(qa_importer *im, size_t row, size_t first_row)
{
    qa_dataset *ds = im->dataset;
    const char *id = qa_dataset_case_id(ds, row);
    size_t before = im->errors->count;
    qa_importer_report(im, ds->line[row], ds->columns[ds->id_column].name,
                       "duplicate case id '%s' (first on line %ld)", id, ds->line[first_row]);
    if (im->errors->count > before)
        snprintf(im->errors->items[before].case_id, sizeof im->errors->items[before].case_id, "%s",
                 id);
}

static void check_duplicate_ids(qa_importer *im)
{
    if (sort_id_keys(im) != 0)
        return qa_importer_out_of_memory(im);
    const uint64_t *keys = im->id_keys;
    size_t n = im->id_key_count;
    for (size_t start = 0; start < n && !im->stop;) {
        size_t end = start + 1;
        while (end < n && keys[end] >> 32 == keys[start] >> 32)
            end++;
        /* Within one hash, rows ascend: the first equal id before i is its first occurrence
         * (normally found at once; a longer search only on a hash collision). */
        for (size_t i = start + 1; i < end && !im->stop; i++) {
            size_t row = (size_t)(keys[i] & 0xFFFFFFFFu);
            const char *id = qa_dataset_case_id(im->dataset, row);
            for (size_t j = start; j < i; j++) {
                size_t other = (size_t)(keys[j] & 0xFFFFFFFFu);
                if (strcmp(qa_dataset_case_id(im->dataset, other), id) == 0) {
                    report_duplicate(im, row, other);
                    break;
                }
            }
        }
        start = end;
    }
}

/* Every row of a constant column (codebook `constant`) gets its value. */
static void fill_constant(qa_importer *im, size_t c)
{
    qa_dataset *ds = im->dataset;
    qa_column *column = &ds->columns[c];
    const char *text = column->entry.constant;
    if (column->kind == QA_COLUMN_CATEGORY) {
        size_t index;
        int inserted;
        if (qa_string_table_intern(&im->levels[c], text, strlen(text), &index, &inserted) != 0)
            return qa_importer_out_of_memory(im);
        for (size_t row = 0; row < ds->rows; row++)
            column->codes[row] = (int32_t)index;
        return;
    }
    double v = NAN;
    qa_parse_number(text, strlen(text), &v); /* checked when the codebook was read */
    for (size_t row = 0; row < ds->rows; row++)
        column->values[row] = v;
}

static int cell_missing(const qa_column *column, size_t row)
{
    if (column->kind == QA_COLUMN_NUMERIC)
        return isnan(column->values[row]);
    if (column->kind == QA_COLUMN_CATEGORY)
        return column->codes[row] < 0;
    return column->text_offset[row] == SIZE_MAX;
}

/* A column the analysis relies on that is blank in every row is an error, not a silent
 * "not testable". */
static void check_blank_column(qa_importer *im, const qa_column *column)
{
    qa_role role = column->entry.role;
    if (column->entry.has_constant || im->dataset->rows == 0 ||
        !(role == QA_ROLE_FORMED || role == QA_ROLE_MEASURE || role == QA_ROLE_START_YEAR ||
          role == QA_ROLE_MEMBERS || role == QA_ROLE_NAME || role == QA_ROLE_CONTROL ||
          role == QA_ROLE_GROUP))
        return;
    for (size_t row = 0; row < im->dataset->rows; row++)
        if (!cell_missing(column, row))
            return;
    char advice[320] = "";
    if (role == QA_ROLE_MEASURE)
        snprintf(advice, sizeof advice, "; pass --skip H%d if the data do not measure %s",
                 column->entry.measure + 1,
                 qa_measure_name((qa_hypothesis)(column->entry.measure)));
    else if (role == QA_ROLE_FORMED)
        snprintf(advice, sizeof advice,
                 "; when every case formed, say so in the codebook: a row %s,formed,binary with "
                 "constant 1 (docs/CODEBOOK.md)",
                 column->name);
    char role_text[64];
    qa_importer_report(im, 1, column->name, "column '%s' (role %s) is blank in every row%s",
                       column->name,
                       qa_codebook_role_text(&column->entry, role_text, sizeof role_text), advice);
}

static void report_row(qa_importer *im, size_t row, const char *column, const char *message,
                       double value)
{
    size_t before = im->errors->count;
    qa_importer_report(im, im->dataset->line[row], column, message, value);
    if (im->errors->count > before)
        snprintf(im->errors->items[before].case_id, sizeof im->errors->items[before].case_id, "%s",
                 qa_dataset_case_id(im->dataset, row));
}

/* The codebook's `transform` of a numeric column, after the range checks of its raw values. */
static void apply_transform(qa_importer *im, qa_column *column)
{
    qa_dataset *ds = im->dataset;
    double *x = column->values;
    const qa_codebook_entry *e = &column->entry;
    double low = INFINITY, high = -INFINITY, mean = 0.0, squares = 0.0;
    size_t n = 0;
    for (size_t row = 0; row < ds->rows; row++) {
        if (isnan(x[row]))
            continue;
        low = x[row] < low ? x[row] : low;
        high = x[row] > high ? x[row] : high;
        n++;
        double delta = x[row] - mean; /* Welford 1962 */
        mean += delta / (double)n;
        squares += delta * (x[row] - mean);
    }
    if (n == 0)
        return;
    switch (e->transform) {
    case QA_TRANSFORM_NONE:
        return;
    case QA_TRANSFORM_REVERSE: {
        double a = isnan(e->min) ? low : e->min, b = isnan(e->max) ? high : e->max;
        for (size_t row = 0; row < ds->rows; row++)
            x[row] = a + b - x[row];
        return;
    }
    case QA_TRANSFORM_LOG:
    case QA_TRANSFORM_LOG1P: {
        int plus_one = e->transform == QA_TRANSFORM_LOG1P;
        for (size_t row = 0; row < ds->rows && !im->stop; row++) {
            if (isnan(x[row]))
                continue;
            if (plus_one ? x[row] <= -1.0 : x[row] <= 0.0) {
                report_row(im, row, column->name,
                           plus_one ? "transform log1p needs values above -1, not %g"
                                    : "transform log needs values above 0, not %g (use log1p "
                                      "for counts with zeros)",
                           x[row]);
                x[row] = NAN;
                continue;
            }
            x[row] = plus_one ? log1p(x[row]) : log(x[row]);
        }
        return;
    }
    case QA_TRANSFORM_Z: {
        double sd = n > 1 ? sqrt(squares / (double)(n - 1)) : 0.0;
        if (!(sd > 0.0)) {
            qa_importer_report(im, 1, column->name,
                               "transform z: column '%s' has no variation (sd 0)", column->name);
            return;
        }
        for (size_t row = 0; row < ds->rows; row++)
            x[row] = (x[row] - mean) / sd;
        return;
    }
    }
}

typedef struct {
    long line;
    size_t index;
} error_order;

static int compare_error_order(const void *a, const void *b)
{
    const error_order *x = a, *y = b;
    if (x->line != y->line)
        return x->line < y->line ? -1 : 1;
    return (x->index > y->index) - (x->index < y->index);
}

/* The importer's problems in line order (duplicates are found after the last row). */
static void sort_errors(qa_importer *im, size_t first)
{
    size_t n = im->errors->count - first;
    if (n < 2)
        return;
    error_order *order = malloc((n ? n : 1) * sizeof *order);
    qa_error *copy = malloc((n ? n : 1) * sizeof *copy);
    if (!order || !copy) {
        free(order);
        free(copy);
        return;
    }
    qa_error *items = im->errors->items + first;
    for (size_t i = 0; i < n; i++)
        order[i] = (error_order){items[i].line, i};
    qsort(order, n, sizeof *order, compare_error_order);
    for (size_t i = 0; i < n; i++)
        copy[i] = items[order[i].index];
    memcpy(items, copy, n * sizeof *copy);
    free(order);
    free(copy);
}

void qa_importer_finish(qa_importer *im, size_t first_error)
{
    qa_dataset *ds = im->dataset;
    if (im->fatal)
        return;
    if (!im->header_done) {
        if (im->header_count == 0 && !im->stop) /* else its syntax error is reported */
            qa_importer_report(im, 0, NULL, "the file is empty (no header row)");
        return;
    }
    if (ds->rows == 0 && !im->stop)
        qa_importer_report(im, 1, NULL, "no data rows: the file has only a header");
    if (!im->stop)
        check_duplicate_ids(im);
    for (size_t c = 0; c < ds->column_count && !im->fatal; c++) {
        qa_column *column = &ds->columns[c];
        if (column->entry.has_constant)
            fill_constant(im, c);
        else
            check_blank_column(im, column);
        if (column->kind == QA_COLUMN_NUMERIC && column->entry.transform != QA_TRANSFORM_NONE)
            apply_transform(im, column);
    }
    sort_errors(im, first_error);
    for (size_t c = 0; c < ds->column_count; c++)
        if (ds->columns[c].kind == QA_COLUMN_CATEGORY)
            sort_levels(im, &ds->columns[c], &im->levels[c]);
}

void qa_importer_free(qa_importer *im)
{
    for (size_t i = 0; i < im->header_count; i++)
        free(im->header_names[i]);
    free(im->header_names);
    free(im->file_to_column);
    free(im->plans);
    if (im->levels)
        for (size_t c = 0; c < im->level_count; c++)
            qa_string_table_free(&im->levels[c]);
    free(im->levels);
    qa_large_free(im->id_keys, im->id_key_capacity * sizeof *im->id_keys);
    memset(im, 0, sizeof *im);
}
