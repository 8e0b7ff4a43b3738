/* The importer's per-field and per-row work: values checked against their type and role and
 * stored column-wise, row checks (ragged rows, case ids, years). Every problem goes to the
 * error list; see import_internal.h. */
#include "import_internal.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void qa_importer_out_of_memory(qa_importer *im)
{
    im->fatal = QA_ERR_MEMORY;
    im->stop = 1;
}

void qa_importer_report(qa_importer *im, long line, const char *column, const char *format, ...)
{
    qa_error error;
    memset(&error, 0, sizeof error);
    error.status = QA_ERR_INPUT;
    snprintf(error.file, sizeof error.file, "%s", im->path);
    error.line = line;
    if (column)
        snprintf(error.column, sizeof error.column, "%s", column);
    va_list args;
    va_start(args, format);
    vsnprintf(error.message, sizeof error.message, format, args);
    va_end(args);
    if (qa_error_list_add(im->errors, &error) != QA_OK)
        qa_importer_out_of_memory(im);
    if (im->errors->count >= im->error_limit)
        im->stop = 1;
}

const char *qa_importer_column_name(const qa_importer *im, size_t index)
{
    return index < im->header_count ? im->header_names[index] : "";
}

/* Column c's array and its bytes per row. */
static void **column_array(qa_column *column, size_t *width)
{
    *width = column->kind == QA_COLUMN_NUMERIC    ? sizeof(double)
             : column->kind == QA_COLUMN_CATEGORY ? sizeof(int32_t)
                                                  : sizeof(size_t);
    return column->kind == QA_COLUMN_NUMERIC    ? (void **)&column->values
           : column->kind == QA_COLUMN_CATEGORY ? (void **)&column->codes
                                                : (void **)&column->text_offset;
}

static void before_growth(qa_importer *im)
{
    if (im->before_growth)
        im->before_growth(im->growth_context);
}

static void resize_rows(qa_importer *im, size_t capacity)
{
    qa_dataset *ds = im->dataset;
    before_growth(im);
    long *line = realloc(ds->line, capacity * sizeof *line);
    if (!line)
        return qa_importer_out_of_memory(im);
    ds->line = line;
    for (size_t c = 0; c < ds->column_count; c++) {
        size_t width;
        void **array = column_array(&ds->columns[c], &width);
        void *grown = realloc(*array, capacity * width);
        if (!grown)
            return qa_importer_out_of_memory(im);
        *array = grown;
    }
    im->capacity = capacity;
}

size_t qa_importer_row_arrays(qa_importer *im, char **arrays, size_t *widths, size_t most)
{
    qa_dataset *ds = im->dataset;
    size_t count = 0;
    if (!im->header_done || most < 2)
        return 0;
    arrays[count] = (char *)ds->line, widths[count++] = sizeof *ds->line;
    if (im->id_keys && im->id_key_capacity >= im->capacity)
        arrays[count] = (char *)im->id_keys, widths[count++] = sizeof *im->id_keys;
    for (size_t c = 0; c < ds->column_count && count < most; c++) {
        size_t width;
        arrays[count] = *(char **)column_array(&ds->columns[c], &width);
        widths[count++] = width;
    }
    return count;
}

static void grow_rows(qa_importer *im)
{
    resize_rows(im, im->capacity ? im->capacity * 2 : 1024);
}

static void grow_text(qa_importer *im, size_t capacity)
{
    before_growth(im);
    char *pool = realloc(im->dataset->text_pool, capacity);
    if (!pool)
        return qa_importer_out_of_memory(im);
    im->dataset->text_pool = pool;
    im->text_capacity = capacity;
}

void qa_importer_reserve(qa_importer *im, size_t rows, size_t text_bytes)
{
    if (im->fatal || !im->header_done)
        return;
    if (rows > im->capacity)
        resize_rows(im, rows);
    if (!im->fatal && text_bytes > im->text_capacity) {
        before_growth(im);
        /* the text may be an upper bound: without the address space, doubling resumes */
        char *pool = realloc(im->dataset->text_pool, text_bytes);
        if (pool) {
            im->dataset->text_pool = pool;
            im->text_capacity = text_bytes;
        }
    }
    if (!im->fatal && im->dataset->id_column >= 0 && rows > im->id_key_capacity) {
        uint64_t *keys = realloc(im->id_keys, rows * sizeof *keys);
        if (!keys)
            return qa_importer_out_of_memory(im);
        im->id_keys = keys;
        im->id_key_capacity = rows;
    }
}

static void store_missing(qa_dataset *ds, int c)
{
    qa_column *column = &ds->columns[c];
    if (column->kind == QA_COLUMN_NUMERIC)
        column->values[ds->rows] = NAN;
    else if (column->kind == QA_COLUMN_CATEGORY)
        column->codes[ds->rows] = -1;
    else
        column->text_offset[ds->rows] = SIZE_MAX;
}

static void row_begin(qa_importer *im, long line)
{
    qa_dataset *ds = im->dataset;
    if (ds->rows == im->capacity) {
        grow_rows(im);
        if (im->fatal)
            return;
    }
    ds->line[ds->rows] = line;
    im->row_line = line; /* every field writes its cell; absent ones are filled at the end */
    im->row_first_error = im->errors->count;
}

static int is_missing(const char *text, size_t size, const qa_codebook_entry *entry)
{
    if (size == 0 || (size == 1 && text[0] == '.') ||
        (size == 2 && text[0] == 'N' && text[1] == 'A'))
        return 1;
    for (size_t m = 0; m < entry->missing_count; m++)
        if (strlen(entry->missing[m]) == size && memcmp(entry->missing[m], text, size) == 0)
            return 1;
    return 0;
}

static void store_number(qa_importer *im, qa_column *column, const char *text, size_t size,
                         long line)
{
    const qa_codebook_entry *e = &column->entry;
    double v;
    int binary =
        e->type == QA_TYPE_BINARY || e->role == QA_ROLE_FORMED || e->role == QA_ROLE_ONGOING;
    char comma_buffer[64];
    if (im->decimal_comma && size < sizeof comma_buffer && memchr(text, ',', size) &&
        !memchr(text, '.', size)) { /* "1,5" in a ';'-separated file (Excel, many locales) */
        memcpy(comma_buffer, text, size);
        char *comma = memchr(comma_buffer, ',', size);
        *comma = '.';
        if (!memchr(comma + 1, ',', size - (size_t)(comma - comma_buffer) - 1))
            text = comma_buffer;
    }
    if (!qa_parse_number(text, size, &v)) {
        qa_importer_report(im, line, column->name, "%s: '%.*s'",
                           binary ? "must be 0 or 1, not a number" : "not a number",
                           (int)(size > 40 ? 40 : size), text);
        return;
    }
    if (binary && v != 0.0 && v != 1.0)
        qa_importer_report(im, line, column->name, "%s must be 0 or 1, not '%.*s'", column->name,
                           (int)size, text);
    else if ((e->type == QA_TYPE_ORDINAL || e->type == QA_TYPE_YEAR) && v != floor(v))
        qa_importer_report(im, line, column->name, "%s must be a whole number, not '%.*s'",
                           e->type == QA_TYPE_YEAR ? "a year" : "an ordinal code", (int)size, text);
    else if ((!isnan(e->min) && v < e->min) || (!isnan(e->max) && v > e->max))
        qa_importer_report(im, line, column->name, "'%.*s' is out of range [%g, %g]", (int)size,
                           text, e->min, e->max);
    column->values[im->dataset->rows] = v;
}

/* Whether a[0, n) equals b[0, n): words of eight (the last one overlapping the one before)
 * or four bytes instead of a byte at a time, never reading past n. */
static inline int same_bytes(const char *a, const char *b, size_t n)
{
    uint64_t x, y;
    if (n >= 8) {
        for (size_t i = 0; i + 8 < n; i += 8) {
            memcpy(&x, a + i, 8);
            memcpy(&y, b + i, 8);
            if (x != y)
                return 0;
        }
        memcpy(&x, a + n - 8, 8);
        memcpy(&y, b + n - 8, 8);
        return x == y;
    }
    if (n >= 4) {
        uint32_t u, v, s, t;
        memcpy(&u, a, 4), memcpy(&v, b, 4);
        memcpy(&s, a + n - 4, 4), memcpy(&t, b + n - 4, 4);
        return u == v && s == t;
    }
    for (size_t k = 0; k < n; k++)
        if (a[k] != b[k])
            return 0;
    return 1;
}

/* A level among the first few of a column, compared in place (the common case). */
static inline int find_small_level(const qa_string_table *table, const char *text, size_t size,
                                   size_t *index)
{
    size_t count = table->count < 8 ? table->count : 8;
    for (size_t i = 0; i < count; i++) {
        if (table->lengths[i] == size && same_bytes(table->chars + table->offsets[i], text, size)) {
            *index = i;
            return 1;
        }
    }
    return 0;
}

static inline void store_level(qa_importer *im, size_t c, const char *text, size_t size)
{
    size_t index;
    int inserted;
    if (find_small_level(&im->levels[c], text, size, &index)) {
        im->dataset->columns[c].codes[im->dataset->rows] = (int32_t)index;
        return;
    }
    if (qa_string_table_intern(&im->levels[c], text, size, &index, &inserted) != 0)
        return qa_importer_out_of_memory(im);
    im->dataset->columns[c].codes[im->dataset->rows] = (int32_t)index;
}

static void store_text(qa_importer *im, qa_column *column, const char *text, size_t size)
{
    qa_dataset *ds = im->dataset;
    static const size_t initial = 1 << 16;
    if (ds->text_pool_size + size + 1 > im->text_capacity) {
        size_t capacity = im->text_capacity ? im->text_capacity * 2 : initial;
        while (capacity < ds->text_pool_size + size + 1)
            capacity *= 2;
        grow_text(im, capacity);
        if (im->fatal)
            return;
    }
    column->text_offset[ds->rows] = ds->text_pool_size;
    memcpy(ds->text_pool + ds->text_pool_size, text, size);
    ds->text_pool[ds->text_pool_size + size] = '\0';
    ds->text_pool_size += size + 1;
}

static void row_field(qa_importer *im, size_t index, const char *text, size_t size, long line)
{
    if (index >= im->header_count)
        return; /* counted; reported as a ragged row at its end */
    if (im->file_to_column[index] >= 0)
        store_missing(im->dataset, im->file_to_column[index]);
    if (size > QA_IMPORT_FIELD_LIMIT) {
        qa_importer_report(im, line, qa_importer_column_name(im, index),
                           "field is over 1 MiB (%zu bytes)", size);
        return;
    }
    if (im->check_encoding) {
        size_t bad = qa_utf8_invalid_offset((const unsigned char *)text, size);
        if (bad < size) {
            qa_importer_report(im, line, qa_importer_column_name(im, index),
                               "%s at byte %zu of the field%s",
                               text[bad] ? "invalid UTF-8" : "NUL byte", bad + 1,
                               text[bad] ? " (if the file is Latin-1 or Windows-1252 text, "
                                           "pass --encoding latin1 or --encoding cp1252)"
                                         : "");
            return;
        }
    }
    int c = im->file_to_column[index];
    if (c < 0)
        return;
    qa_column *column = &im->dataset->columns[c];
    if (column->kind == QA_COLUMN_TEXT && column->entry.role == QA_ROLE_ID) {
        store_text(im, column, text, size); /* an empty id is reported at the row's end */
        im->id_size = size;
        return;
    }
    if (is_missing(text, size, &column->entry))
        return;
    if (column->kind == QA_COLUMN_TEXT) {
        store_text(im, column, text, size);
        return;
    }
    if (column->kind == QA_COLUMN_NUMERIC)
        store_number(im, column, text, size, line);
    else
        store_level(im, (size_t)c, text, size);
}

/* Up to 9 plain digits: the common case of codes and years. */
static inline int small_whole_number(const char *text, size_t size, double *value)
{
    if (size == 0 || size > 9)
        return 0;
    uint32_t v = 0;
    for (size_t i = 0; i < size; i++) {
        unsigned digit = (unsigned char)text[i] - '0';
        if (digit > 9)
            return 0;
        v = v * 10 + digit;
    }
    *value = v;
    return 1;
}

/* One field of a quote-free, plain-ASCII line whose row has begun. */
__attribute__((always_inline)) static inline void
fast_field(qa_importer *im, size_t index, const char *text, size_t size, long line)
{
    const qa_field_plan *plan = &im->plans[index];
    qa_dataset *ds = im->dataset;
    double v;
    switch (plan->action) {
    case QA_PLAN_SKIP:
        return;
    case QA_PLAN_NUMBER:
        if (size == 0) {
            ds->columns[plan->column].values[ds->rows] = NAN;
            return;
        }
        if (!plan->has_codes && small_whole_number(text, size, &v) && v >= plan->low &&
            v <= plan->high) {
            ds->columns[plan->column].values[ds->rows] = v;
            return;
        }
        break;
    case QA_PLAN_ID:
        store_text(im, &ds->columns[plan->column], text, size);
        im->id_size = size;
        return;
    case QA_PLAN_TEXT:
    case QA_PLAN_LEVEL:
        if (size == 0) {
            store_missing(ds, plan->column);
            return;
        }
        if (!plan->has_codes && !(size == 1 && text[0] == '.') &&
            !(size == 2 && text[0] == 'N' && text[1] == 'A')) {
            if (plan->action == QA_PLAN_TEXT)
                store_text(im, &ds->columns[plan->column], text, size);
            else
                store_level(im, (size_t)plan->column, text, size);
            return;
        }
        break;
    }
    row_field(im, index, text, size, line); /* everything else: the general path */
}

void qa_importer_split_row(qa_importer *im, const char *text, size_t size, long line)
{
    if (im->stop)
        return;
    if (!im->header_done || im->check_encoding || im->field_index != 0 ||
        size > QA_IMPORT_FIELD_LIMIT) {
        const char *end = text + size;
        for (;;) {
            const char *comma = memchr(text, im->delimiter, (size_t)(end - text));
            const char *field_end = comma ? comma : end;
            qa_importer_field(im, text, (size_t)(field_end - text), line);
            if (!comma)
                break;
            text = comma + 1;
        }
        qa_importer_row_end(im);
        return;
    }
    row_begin(im, line);
    if (im->fatal)
        return;
    /* Delimiters found eight bytes at a time: an exact zero-byte mask of (word ^ ",,,,,,,,")
     * (Mycroft's test refined to have no false positives), then one field per set bit. */
    const uint64_t commas = 0x0101010101010101ull * (unsigned char)im->delimiter,
                   low7 = 0x7F7F7F7F7F7F7F7Full;
    size_t index = 0, count = im->header_count, field_start = 0;
    for (size_t at = 0; at < size; at += 8) {
        uint64_t word = 0;
        if (size - at >= 8)
            memcpy(&word, text + at, 8);
        else
            for (size_t k = 0; k < size - at; k++) /* padding: zeros, no commas */
                word |= (uint64_t)(unsigned char)text[at + k] << (8 * k);
        uint64_t x = word ^ commas;
        uint64_t mask = ~(((x & low7) + low7) | x | low7);
        while (mask) {
            size_t position = at + (size_t)(__builtin_ctzll(mask) >> 3);
            if (index < count)
                fast_field(im, index, text + field_start, position - field_start, line);
            index++;
            field_start = position + 1;
            mask &= mask - 1;
        }
    }
    if (index < count)
        fast_field(im, index, text + field_start, size - field_start, line);
    im->field_index = index + 1;
    qa_importer_row_end(im);
}

void qa_importer_field(qa_importer *im, const char *text, size_t size, long line)
{
    if (im->stop)
        return;
    if (!im->header_done) {
        if (im->field_index++ == 0)
            im->row_line = line;
        qa_importer_header_field(im, text, size, line);
        return;
    }
    if (im->field_index == 0) {
        row_begin(im, line);
        if (im->fatal)
            return;
    }
    row_field(im, im->field_index++, text, size, line);
}

static void check_case_id(qa_importer *im, const char **case_id)
{
    qa_dataset *ds = im->dataset;
    if (ds->id_column < 0)
        return;
    const qa_column *column = &ds->columns[ds->id_column];
    size_t offset = column->text_offset[ds->rows];
    const char *id = offset == SIZE_MAX ? "" : ds->text_pool + offset;
    size_t size = offset == SIZE_MAX ? 0 : im->id_size;
    if (size == 0) {
        qa_importer_report(im, im->row_line, column->name, "empty case id");
        return;
    }
    *case_id = id;
    if (im->id_key_count == im->id_key_capacity) {
        size_t capacity = im->id_key_capacity ? im->id_key_capacity * 2 : 1024;
        uint64_t *keys = realloc(im->id_keys, capacity * sizeof *keys);
        if (!keys)
            return qa_importer_out_of_memory(im);
        im->id_keys = keys;
        im->id_key_capacity = capacity;
    }
    im->id_keys[im->id_key_count++] = (uint64_t)qa_string_hash(id, size) << 32 | ds->rows;
}

static void check_years(qa_importer *im)
{
    qa_dataset *ds = im->dataset;
    if (ds->start_column < 0)
        return;
    double start = ds->columns[ds->start_column].values[ds->rows];
    double end = ds->end_column >= 0 ? ds->columns[ds->end_column].values[ds->rows] : NAN;
    if (!isnan(start) && !isnan(end) && end < start)
        qa_importer_report(im, im->row_line, ds->columns[ds->end_column].name,
                           "%s %.0f is before %s %.0f", ds->columns[ds->end_column].name, end,
                           ds->columns[ds->start_column].name, start);
    double observed =
        ds->observed_column >= 0 ? ds->columns[ds->observed_column].values[ds->rows] : NAN;
    if (!isnan(start) && !isnan(observed) && observed < start)
        qa_importer_report(im, im->row_line, ds->columns[ds->observed_column].name,
                           "%s %.0f is before %s %.0f", ds->columns[ds->observed_column].name,
                           observed, ds->columns[ds->start_column].name, start);
}

void qa_importer_row_end(qa_importer *im)
{
    size_t fields = im->field_index;
    if (fields == 0 || im->stop) {
        im->field_index = 0;
        return;
    }
    im->field_index = 0;
    if (!im->header_done) {
        qa_importer_header_finish(im);
        return;
    }
    for (size_t i = fields; i < im->header_count; i++)
        if (im->file_to_column[i] >= 0)
            store_missing(im->dataset, im->file_to_column[i]);
    if (fields != im->header_count)
        qa_importer_report(im, im->row_line,
                           fields < im->header_count ? qa_importer_column_name(im, fields) : NULL,
                           "ragged row: %zu fields, the header has %zu (too %s)", fields,
                           im->header_count, fields < im->header_count ? "few" : "many");
    const char *case_id = NULL;
    check_case_id(im, &case_id);
    check_years(im);
    if (case_id)
        for (size_t i = im->row_first_error; i < im->errors->count; i++)
            if (im->errors->items[i].case_id[0] == '\0')
                snprintf(im->errors->items[i].case_id, sizeof im->errors->items[i].case_id, "%s",
                         case_id);
    im->dataset->rows++;
}

void qa_importer_row_abandon(qa_importer *im)
{
    im->field_index = 0;
}
