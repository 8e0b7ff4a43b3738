/* The importer's per-field and per-row work: the header mapped through the codebook, values
 * checked against their type and role and stored column-wise, row checks (ragged rows,
 * case ids, years). Every problem goes to the error list; see import_internal.h. */
#include "import_internal.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void out_of_memory(qa_importer *im)
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
        out_of_memory(im);
    if (im->errors->count >= im->error_limit)
        im->stop = 1;
}

const char *qa_importer_column_name(const qa_importer *im, size_t index)
{
    return index < im->header_count ? im->header_names[index] : "";
}

/* ---- header ---- */

static void header_field(qa_importer *im, const char *text, size_t size, long line)
{
    size_t index = im->header_count;
    if (im->check_encoding) {
        size_t bad = qa_utf8_invalid_offset((const unsigned char *)text, size);
        if (bad < size)
            qa_importer_report(im, line, NULL, "header field %zu: %s at byte %zu", index + 1,
                               text[bad] ? "invalid UTF-8" : "NUL byte", bad + 1);
    }
    if (index == im->header_capacity) {
        size_t capacity = im->header_capacity ? im->header_capacity * 2 : 32;
        char **names = realloc(im->header_names, capacity * sizeof *names);
        if (!names)
            return out_of_memory(im);
        im->header_names = names;
        im->header_capacity = capacity;
    }
    char *name = malloc(size + 1);
    if (!name)
        return out_of_memory(im);
    memcpy(name, text, size);
    name[size] = '\0';
    im->header_names[im->header_count++] = name;
}

static int *role_slot(qa_dataset *ds, qa_role role)
{
    switch (role) {
    case QA_ROLE_ID: return &ds->id_column;
    case QA_ROLE_NAME: return &ds->name_column;
    case QA_ROLE_MEMBERS: return &ds->members_column;
    case QA_ROLE_FORMED: return &ds->formed_column;
    case QA_ROLE_START_YEAR: return &ds->start_column;
    case QA_ROLE_END_YEAR: return &ds->end_column;
    case QA_ROLE_ONGOING: return &ds->ongoing_column;
    case QA_ROLE_OBSERVED_UNTIL: return &ds->observed_column;
    default: return NULL;
    }
}

static qa_column_kind kind_of(const qa_codebook_entry *entry)
{
    if (entry->role == QA_ROLE_ID || entry->role == QA_ROLE_NAME ||
        entry->role == QA_ROLE_MEMBERS || entry->type == QA_TYPE_TEXT)
        return QA_COLUMN_TEXT;
    return entry->type == QA_TYPE_CATEGORY ? QA_COLUMN_CATEGORY : QA_COLUMN_NUMERIC;
}

/* Registers a codebook column found in the header at file position `index`. */
static void header_add_column(qa_importer *im, size_t index, const qa_codebook_entry *entry)
{
    qa_dataset *ds = im->dataset;
    int c = (int)ds->column_count++;
    qa_column *column = &ds->columns[c];
    memset(column, 0, sizeof *column);
    snprintf(column->name, sizeof column->name, "%s", entry->column);
    column->entry = *entry;
    column->kind = kind_of(entry);
    im->file_to_column[index] = c;
    qa_field_plan *plan = &im->plans[index];
    plan->column = c;
    plan->has_codes = entry->missing_count > 0;
    plan->action = entry->role == QA_ROLE_ID               ? QA_PLAN_ID
                   : column->kind == QA_COLUMN_TEXT     ? QA_PLAN_TEXT
                   : column->kind == QA_COLUMN_CATEGORY ? QA_PLAN_LEVEL
                                                        : QA_PLAN_NUMBER;
    int binary = entry->type == QA_TYPE_BINARY || entry->role == QA_ROLE_FORMED ||
                 entry->role == QA_ROLE_ONGOING;
    plan->low = isnan(entry->min) ? -INFINITY : entry->min;
    plan->high = isnan(entry->max) ? INFINITY : entry->max;
    if (binary) {
        plan->low = plan->low > 0.0 ? plan->low : 0.0;
        plan->high = plan->high < 1.0 ? plan->high : 1.0;
    }
    int *slot = role_slot(ds, entry->role);
    if (slot && *slot >= 0)
        qa_importer_report(im, 1, entry->column, "role %s is given to both '%s' and '%s'",
                           qa_role_name(entry->role), ds->columns[*slot].name, entry->column);
    else if (slot)
        *slot = c;
    if (entry->role == QA_ROLE_MEASURE && entry->measure >= 0 && entry->measure < 5) {
        size_t *count = &ds->measure_column_count[entry->measure];
        if (*count == 16)
            qa_importer_report(im, 1, entry->column, "more than 16 columns for one measure");
        else
            ds->measure_columns[entry->measure][(*count)++] = c;
    }
}

static void header_required(qa_importer *im, qa_role role, int present)
{
    if (present)
        return;
    for (size_t i = 0; i < im->codebook->count; i++)
        if (im->codebook->entries[i].role == role) {
            qa_importer_report(im, 1, im->codebook->entries[i].column,
                               "required column '%s' (role %s) is missing from the header",
                               im->codebook->entries[i].column, qa_role_name(role));
            return;
        }
    qa_importer_report(im, 1, NULL, "the codebook names no column with role %s (required)",
                       qa_role_name(role));
}

static void header_finish(qa_importer *im)
{
    qa_dataset *ds = im->dataset;
    im->header_done = 1;
    im->file_to_column = malloc(im->header_count * sizeof *im->file_to_column);
    ds->columns = calloc(im->header_count, sizeof *ds->columns);
    ds->unknown_columns = calloc(im->header_count, sizeof *ds->unknown_columns);
    im->levels = calloc(im->header_count, sizeof *im->levels);
    im->plans = calloc(im->header_count, sizeof *im->plans);
    if (!im->file_to_column || !ds->columns || !ds->unknown_columns || !im->levels || !im->plans)
        return out_of_memory(im);
    for (size_t i = 0; i < im->header_count; i++) {
        const char *name = im->header_names[i];
        im->file_to_column[i] = -1;
        im->plans[i].column = -1;
        for (size_t j = 0; j < i; j++)
            if (strcmp(im->header_names[j], name) == 0) {
                qa_importer_report(im, 1, name, "column '%s' appears twice in the header", name);
                name = NULL;
                break;
            }
        if (!name)
            continue;
        const qa_codebook_entry *entry = qa_codebook_find(im->codebook, name);
        if (!entry) {
            ds->unknown_columns[ds->unknown_count] = strdup(name);
            if (!ds->unknown_columns[ds->unknown_count++])
                return out_of_memory(im);
        } else if (entry->role != QA_ROLE_IGNORE) {
            header_add_column(im, i, entry);
        }
    }
    int measures = 0;
    for (int k = 0; k < 5; k++)
        measures += ds->measure_column_count[k] > 0;
    header_required(im, QA_ROLE_ID, ds->id_column >= 0);
    header_required(im, QA_ROLE_FORMED, ds->formed_column >= 0);
    if (!measures)
        qa_importer_report(im, 1, NULL, "no measure column (security, political, economic, "
                                        "cognitive or value) in the header");
}

/* ---- rows ---- */

static void grow_rows(qa_importer *im)
{
    qa_dataset *ds = im->dataset;
    size_t capacity = im->capacity ? im->capacity * 2 : 1024;
    long *line = realloc(ds->line, capacity * sizeof *line);
    if (!line)
        return out_of_memory(im);
    ds->line = line;
    for (size_t c = 0; c < ds->column_count; c++) {
        qa_column *column = &ds->columns[c];
        void **array = column->kind == QA_COLUMN_NUMERIC    ? (void **)&column->values
                       : column->kind == QA_COLUMN_CATEGORY ? (void **)&column->codes
                                                            : (void **)&column->text_offset;
        size_t width = column->kind == QA_COLUMN_NUMERIC    ? sizeof(double)
                       : column->kind == QA_COLUMN_CATEGORY ? sizeof(int32_t)
                                                            : sizeof(size_t);
        void *grown = realloc(*array, capacity * width);
        if (!grown)
            return out_of_memory(im);
        *array = grown;
    }
    im->capacity = capacity;
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
    int binary = e->type == QA_TYPE_BINARY || e->role == QA_ROLE_FORMED ||
                 e->role == QA_ROLE_ONGOING;
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
                           e->type == QA_TYPE_YEAR ? "a year" : "an ordinal code", (int)size,
                           text);
    else if ((!isnan(e->min) && v < e->min) || (!isnan(e->max) && v > e->max))
        qa_importer_report(im, line, column->name, "'%.*s' is out of range [%g, %g]", (int)size,
                           text, e->min, e->max);
    column->values[im->dataset->rows] = v;
}

static void store_level(qa_importer *im, size_t c, const char *text, size_t size)
{
    size_t index;
    int inserted;
    if (qa_string_table_intern(&im->levels[c], text, size, &index, &inserted) != 0)
        return out_of_memory(im);
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
        char *pool = realloc(ds->text_pool, capacity);
        if (!pool)
            return out_of_memory(im);
        ds->text_pool = pool;
        im->text_capacity = capacity;
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
        qa_importer_report(im, line, qa_importer_column_name(im, index), "field is over 1 MiB (%zu bytes)",
                           size);
        return;
    }
    if (im->check_encoding) {
        size_t bad = qa_utf8_invalid_offset((const unsigned char *)text, size);
        if (bad < size) {
            qa_importer_report(im, line, qa_importer_column_name(im, index), "%s at byte %zu of the field",
                               text[bad] ? "invalid UTF-8" : "NUL byte", bad + 1);
            return;
        }
    }
    int c = im->file_to_column[index];
    if (c < 0)
        return;
    qa_column *column = &im->dataset->columns[c];
    if (column->kind == QA_COLUMN_TEXT && column->entry.role == QA_ROLE_ID) {
        store_text(im, column, text, size); /* an empty id is reported at the row's end */
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
static inline void fast_field(qa_importer *im, size_t index, const char *text, size_t size,
                              long line)
{
    const qa_field_plan *plan = &im->plans[index];
    qa_dataset *ds = im->dataset;
    double v;
    switch (plan->action) {
    case QA_PLAN_SKIP:
        return;
    case QA_PLAN_NUMBER:
        if (!plan->has_codes && small_whole_number(text, size, &v) && v >= plan->low &&
            v <= plan->high) {
            ds->columns[plan->column].values[ds->rows] = v;
            return;
        }
        break;
    case QA_PLAN_ID:
        store_text(im, &ds->columns[plan->column], text, size);
        return;
    case QA_PLAN_TEXT:
    case QA_PLAN_LEVEL:
        if (size == 0) {
            store_missing(ds, plan->column);
            return;
        }
        if (size > 2 && !plan->has_codes) {
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
            const char *comma = memchr(text, ',', (size_t)(end - text));
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
    const char *end = text + size;
    size_t index = 0, count = im->header_count;
    for (;;) {
        const char *field_end = text;
        while (field_end < end && *field_end != ',')
            field_end++;
        if (index < count)
            fast_field(im, index, text, (size_t)(field_end - text), line);
        index++;
        if (field_end == end)
            break;
        text = field_end + 1;
    }
    im->field_index = index;
    qa_importer_row_end(im);
}

void qa_importer_field(qa_importer *im, const char *text, size_t size, long line)
{
    if (im->stop)
        return;
    if (!im->header_done) {
        if (im->field_index++ == 0)
            im->row_line = line;
        header_field(im, text, size, line);
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
    size_t size = strlen(id);
    if (size == 0) {
        qa_importer_report(im, im->row_line, column->name, "empty case id");
        return;
    }
    *case_id = id;
    if (im->id_key_count == im->id_key_capacity) {
        size_t capacity = im->id_key_capacity ? im->id_key_capacity * 2 : 1024;
        uint64_t *keys = realloc(im->id_keys, capacity * sizeof *keys);
        if (!keys)
            return out_of_memory(im);
        im->id_keys = keys;
        im->id_key_capacity = capacity;
    }
    im->id_keys[im->id_key_count++] = (uint64_t)qa_string_hash(id, size) << 32 | ds->rows;
}

static void check_years(qa_importer *im)
{
    qa_dataset *ds = im->dataset;
    if (ds->start_column < 0 || ds->end_column < 0)
        return;
    double start = ds->columns[ds->start_column].values[ds->rows];
    double end = ds->columns[ds->end_column].values[ds->rows];
    if (!isnan(start) && !isnan(end) && end < start)
        qa_importer_report(im, im->row_line, ds->columns[ds->end_column].name,
                           "%s %.0f is before %s %.0f", ds->columns[ds->end_column].name, end,
                           ds->columns[ds->start_column].name, start);
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
        header_finish(im);
        return;
    }
    for (size_t i = fields; i < im->header_count; i++)
        if (im->file_to_column[i] >= 0)
            store_missing(im->dataset, im->file_to_column[i]);
    if (fields != im->header_count)
        qa_importer_report(im, im->row_line, fields < im->header_count ? qa_importer_column_name(im, fields) : NULL,
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
        return out_of_memory(im);
    }
    for (size_t i = 0; i < n; i++)
        order[i] = (level_entry){qa_string_table_get(table, i), i};
    qsort(order, n, sizeof *order, compare_levels);
    column->level_count = n;
    for (size_t i = 0; i < n; i++) {
        rank[order[i].index] = (int32_t)i;
        if (!(column->levels[i] = strdup(order[i].text)))
            out_of_memory(im);
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
    free(scratch); /* four passes: the sorted keys are back in im->id_keys */
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
        snprintf(im->errors->items[before].case_id, sizeof im->errors->items[before].case_id,
                 "%s", id);
}

static void check_duplicate_ids(qa_importer *im)
{
    if (sort_id_keys(im) != 0)
        return out_of_memory(im);
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
    if (!im->header_done && !im->stop) {
        qa_importer_report(im, 0, NULL, "the file is empty (no header row)");
        return;
    }
    if (ds->rows == 0 && !im->stop)
        qa_importer_report(im, 1, NULL, "no data rows: the file has only a header");
    if (!im->stop)
        check_duplicate_ids(im);
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
        for (size_t c = 0; c < im->header_count; c++)
            qa_string_table_free(&im->levels[c]);
    free(im->levels);
    free(im->id_keys);
    memset(im, 0, sizeof *im);
}
