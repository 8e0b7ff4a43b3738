/* Stata (.dta), SPSS (.sav, .zsav, .por) and SAS (.sas7bdat, .xpt) files through ReadStat
 * (Miller et al., https://github.com/WizardMac/ReadStat). The file is read into a table of
 * cells first (value labels come after the data in .dta files), then fed to the same
 * importer as a CSV file, field by field, so every value meets the same checks. A numeric
 * cell becomes its shortest round-trip decimal, or its value label when the codebook makes
 * the column a category or text; system, tagged (.a-.z) and declared (SPSS) missing values
 * become blank. Lines in messages: observation + 1 (the variable names are line 1). */
#include "qareport/import.h"

#include <csv.h>
#include <math.h>
#include <readstat.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import_internal.h"
#include "qareport/sha256.h"

typedef struct {
    double key;
    char *label;
} value_label;

typedef struct {
    char *name;
    value_label *labels;
    size_t count, capacity;
    int sorted;
} label_set;

typedef struct {
    char *name;
    char *label;
    char *label_set; /* NULL: none */
    int is_string;
} raw_variable;

typedef struct {
    double number; /* NaN = missing (numeric variables) */
    size_t text;   /* offset into text pool; SIZE_MAX = missing (string variables) */
} raw_cell;

/* A whole file as read by ReadStat. */
typedef struct {
    raw_variable *variables;
    size_t variable_count, variable_capacity;
    raw_cell *cells; /* row-major: cells[row * variable_count + variable] */
    size_t rows, row_capacity;
    char *text;
    size_t text_size, text_capacity;
    label_set *sets;
    size_t set_count, set_capacity;
    int failed; /* out of memory */
} raw_table;

static void raw_free(raw_table *t)
{
    for (size_t v = 0; v < t->variable_count; v++) {
        free(t->variables[v].name);
        free(t->variables[v].label);
        free(t->variables[v].label_set);
    }
    free(t->variables);
    free(t->cells);
    free(t->text);
    for (size_t s = 0; s < t->set_count; s++) {
        for (size_t i = 0; i < t->sets[s].count; i++)
            free(t->sets[s].labels[i].label);
        free(t->sets[s].labels);
        free(t->sets[s].name);
    }
    free(t->sets);
    memset(t, 0, sizeof *t);
}

static int grow(void **array, size_t *capacity, size_t needed, size_t width)
{
    if (needed <= *capacity)
        return 0;
    size_t capacity_new = *capacity ? *capacity : 16;
    while (capacity_new < needed)
        capacity_new *= 2;
    void *grown = realloc(*array, capacity_new * width);
    if (!grown)
        return -1;
    *array = grown;
    *capacity = capacity_new;
    return 0;
}

static char *copy(const char *text)
{
    return strdup(text ? text : "");
}

static int on_variable(int index, readstat_variable_t *variable, const char *val_labels,
                       void *context)
{
    raw_table *t = context;
    (void)index;
    if (t->rows > 0 || grow((void **)&t->variables, &t->variable_capacity, t->variable_count + 1,
                            sizeof *t->variables) != 0) {
        t->failed = 1;
        return READSTAT_HANDLER_ABORT;
    }
    raw_variable *v = &t->variables[t->variable_count++];
    memset(v, 0, sizeof *v);
    v->name = copy(readstat_variable_get_name(variable));
    v->label = copy(readstat_variable_get_label(variable));
    v->label_set = val_labels ? strdup(val_labels) : NULL;
    v->is_string = readstat_variable_get_type_class(variable) == READSTAT_TYPE_CLASS_STRING;
    if (!v->name || !v->label || (val_labels && !v->label_set)) {
        t->failed = 1;
        return READSTAT_HANDLER_ABORT;
    }
    return READSTAT_HANDLER_OK;
}

static int ensure_row(raw_table *t, size_t row)
{
    while (t->rows <= row) {
        size_t needed = (t->rows + 1) * (t->variable_count ? t->variable_count : 1);
        if (grow((void **)&t->cells, &t->row_capacity, needed, sizeof *t->cells) != 0)
            return -1;
        for (size_t v = 0; v < t->variable_count; v++)
            t->cells[t->rows * t->variable_count + v] = (raw_cell){NAN, SIZE_MAX};
        t->rows++;
    }
    return 0;
}

static int on_value(int obs_index, readstat_variable_t *variable, readstat_value_t value,
                    void *context)
{
    raw_table *t = context;
    int index = readstat_variable_get_index(variable);
    if (obs_index < 0 || index < 0 || (size_t)index >= t->variable_count ||
        ensure_row(t, (size_t)obs_index) != 0) {
        t->failed = 1;
        return READSTAT_HANDLER_ABORT;
    }
    raw_cell *cell = &t->cells[(size_t)obs_index * t->variable_count + (size_t)index];
    if (readstat_value_is_missing(value, variable))
        return READSTAT_HANDLER_OK;
    if (readstat_value_type_class(value) == READSTAT_TYPE_CLASS_STRING) {
        const char *text = readstat_string_value(value);
        size_t size = text ? strlen(text) : 0;
        if (grow((void **)&t->text, &t->text_capacity, t->text_size + size + 1, 1) != 0) {
            t->failed = 1;
            return READSTAT_HANDLER_ABORT;
        }
        memcpy(t->text + t->text_size, text ? text : "", size + 1);
        cell->text = t->text_size;
        t->text_size += size + 1;
        return READSTAT_HANDLER_OK;
    }
    cell->number = readstat_double_value(value);
    return READSTAT_HANDLER_OK;
}

static label_set *find_set(raw_table *t, const char *name)
{
    for (size_t s = 0; s < t->set_count; s++)
        if (strcmp(t->sets[s].name, name) == 0)
            return &t->sets[s];
    return NULL;
}

static int on_value_label(const char *val_labels, readstat_value_t value, const char *label,
                          void *context)
{
    raw_table *t = context;
    if (readstat_value_type_class(value) == READSTAT_TYPE_CLASS_STRING ||
        readstat_value_is_system_missing(value) || readstat_value_is_tagged_missing(value))
        return READSTAT_HANDLER_OK; /* labels of strings and of missing codes are not used */
    label_set *set = find_set(t, val_labels);
    if (!set) {
        if (grow((void **)&t->sets, &t->set_capacity, t->set_count + 1, sizeof *t->sets) != 0) {
            t->failed = 1;
            return READSTAT_HANDLER_ABORT;
        }
        set = &t->sets[t->set_count++];
        memset(set, 0, sizeof *set);
        if (!(set->name = strdup(val_labels))) {
            t->failed = 1;
            return READSTAT_HANDLER_ABORT;
        }
    }
    if (grow((void **)&set->labels, &set->capacity, set->count + 1, sizeof *set->labels) != 0) {
        t->failed = 1;
        return READSTAT_HANDLER_ABORT;
    }
    value_label *entry = &set->labels[set->count++];
    entry->key = readstat_double_value(value);
    if (!(entry->label = copy(label))) {
        set->count--;
        t->failed = 1;
        return READSTAT_HANDLER_ABORT;
    }
    set->sorted = 0;
    return READSTAT_HANDLER_OK;
}

static int compare_keys(const void *a, const void *b)
{
    double x = ((const value_label *)a)->key, y = ((const value_label *)b)->key;
    return (x > y) - (x < y);
}

static const char *label_of(label_set *set, double key)
{
    if (!set->sorted) {
        qsort(set->labels, set->count, sizeof *set->labels, compare_keys);
        set->sorted = 1;
    }
    value_label probe = {key, NULL};
    const value_label *found =
        bsearch(&probe, set->labels, set->count, sizeof *set->labels, compare_keys);
    return found ? found->label : NULL;
}

static const char *format_name(qa_file_format format)
{
    return qa_file_format_name(format);
}

/* Reads the whole file; on failure one problem naming the format and ReadStat's reason. */
static qa_status read_raw(const char *path, qa_file_format format, const char *encoding,
                          raw_table *t, qa_error_list *errors)
{
    memset(t, 0, sizeof *t);
    readstat_parser_t *parser = readstat_parser_init();
    if (!parser)
        return QA_ERR_MEMORY;
    readstat_set_variable_handler(parser, on_variable);
    readstat_set_value_handler(parser, on_value);
    readstat_set_value_label_handler(parser, on_value_label);
    if (encoding && *encoding)
        readstat_set_file_character_encoding(parser, encoding);
    readstat_error_t result = READSTAT_ERROR_PARSE;
    switch (format) {
    case QA_FORMAT_STATA:
        result = readstat_parse_dta(parser, path, t);
        break;
    case QA_FORMAT_SPSS:
        result = readstat_parse_sav(parser, path, t);
        break;
    case QA_FORMAT_SPSS_POR:
        result = readstat_parse_por(parser, path, t);
        break;
    case QA_FORMAT_SAS:
        result = readstat_parse_sas7bdat(parser, path, t);
        break;
    case QA_FORMAT_XPORT:
        result = readstat_parse_xport(parser, path, t);
        break;
    default:
        break;
    }
    readstat_parser_free(parser);
    if (t->failed) {
        raw_free(t);
        return QA_ERR_MEMORY;
    }
    if (result != READSTAT_OK) {
        qa_error error;
        qa_error_set(&error, result == READSTAT_ERROR_OPEN ? QA_ERR_IO : QA_ERR_INPUT, path, 0,
                     NULL, NULL, "cannot read this %s file: %s", format_name(format),
                     readstat_error_message(result));
        qa_error_list_add(errors, &error);
        raw_free(t);
        return error.status;
    }
    return QA_OK;
}

/* Shortest decimal that reads back as the same double. */
static size_t format_number(double value, char *buffer, size_t size)
{
    for (int digits = 15; digits <= 17; digits++) {
        int n = snprintf(buffer, size, "%.*g", digits, value);
        if (strtod(buffer, NULL) == value || digits == 17)
            return (size_t)n;
    }
    return 0;
}

static int wants_label(const qa_codebook *codebook, const char *name)
{
    const qa_codebook_entry *entry = qa_codebook_find(codebook, name);
    return entry && (entry->type == QA_TYPE_CATEGORY || entry->type == QA_TYPE_TEXT ||
                     entry->role == QA_ROLE_NAME || entry->role == QA_ROLE_MEMBERS ||
                     entry->role == QA_ROLE_ID);
}

static void feed(qa_importer *im, raw_table *t)
{
    size_t vars = t->variable_count;
    const char **labels = calloc(vars + 1, sizeof *labels);
    label_set **sets = calloc(vars + 1, sizeof *sets);
    int *use_label = calloc(vars + 1, sizeof *use_label);
    if (!labels || !sets || !use_label) {
        free(labels), free(sets), free(use_label);
        return qa_importer_out_of_memory(im);
    }
    for (size_t v = 0; v < vars; v++) {
        labels[v] = t->variables[v].label[0] ? t->variables[v].label : NULL;
        sets[v] = t->variables[v].label_set ? find_set(t, t->variables[v].label_set) : NULL;
        use_label[v] = sets[v] && wants_label(im->codebook, t->variables[v].name);
    }
    im->variable_labels = labels;
    im->check_encoding = 1;
    for (size_t v = 0; v < vars && !im->stop; v++)
        qa_importer_field(im, t->variables[v].name, strlen(t->variables[v].name), 1);
    qa_importer_row_end(im);
    char number[64];
    for (size_t row = 0; row < t->rows && !im->stop; row++) {
        long line = (long)row + 2;
        for (size_t v = 0; v < vars && !im->stop; v++) {
            const raw_cell *cell = &t->cells[row * vars + v];
            im->check_encoding = 1;
            if (t->variables[v].is_string) {
                const char *text = cell->text == SIZE_MAX ? "" : t->text + cell->text;
                qa_importer_field(im, text, strlen(text), line);
            } else if (isnan(cell->number)) {
                qa_importer_field(im, "", 0, line);
            } else {
                const char *label = use_label[v] ? label_of(sets[v], cell->number) : NULL;
                if (label)
                    qa_importer_field(im, label, strlen(label), line);
                else
                    qa_importer_field(im, number,
                                      format_number(cell->number, number, sizeof number), line);
            }
        }
        qa_importer_row_end(im);
    }
    im->variable_labels = NULL;
    free(labels);
    free(sets);
    free(use_label);
}

qa_status qa_import_readstat(const char *path, qa_file_format format, const qa_codebook *codebook,
                             const qa_import_options *options, qa_dataset *dataset,
                             qa_error_list *errors)
{
    qa_dataset_init(dataset);
    snprintf(dataset->path, sizeof dataset->path, "%s", path);
    snprintf(dataset->format, sizeof dataset->format, "%s", qa_file_format_name(format));
    raw_table table;
    qa_status status = read_raw(path, format, options ? options->encoding : NULL, &table, errors);
    if (status != QA_OK) {
        if (status == QA_ERR_MEMORY) {
            qa_error error;
            qa_error_set(&error, status, path, 0, NULL, NULL, "out of memory while reading");
            qa_error_list_add(errors, &error);
        }
        return status;
    }
    qa_importer im;
    memset(&im, 0, sizeof im);
    im.path = path;
    im.codebook = codebook;
    im.dataset = dataset;
    im.errors = errors;
    im.delimiter = ',';
    size_t first_error = errors->count;
    im.error_limit = first_error + (options && options->error_limit ? options->error_limit : 1000);
    im.skip_text_columns = options && options->skip_text_columns;
    im.skip_measures = options ? options->skip_measures : 0;
    if (table.variable_count == 0)
        qa_importer_report(&im, 0, NULL, "the %s file has no variables",
                           qa_file_format_name(format));
    else
        feed(&im, &table);
    raw_free(&table);
    qa_importer_finish(&im, first_error);
    status = im.fatal ? im.fatal : QA_OK;
    qa_importer_free(&im);
    if (status == QA_OK && errors->count > first_error)
        status = QA_ERR_INPUT;
    if (status != QA_OK) {
        qa_dataset_free(dataset);
        return status;
    }
    qa_error error;
    status = qa_sha256_file(path, dataset->sha256, &error);
    if (status != QA_OK) {
        qa_error_list_add(errors, &error);
        qa_dataset_free(dataset);
    }
    return status;
}

/* ---- codebook template ---- */

/* A CSV file as strings (header = variable names), for the template. */
static qa_status read_csv_raw(const char *path, raw_table *t, qa_error_list *errors);

static int is_missing_text(const char *text)
{
    return text[0] == '\0' || strcmp(text, "NA") == 0 || strcmp(text, ".") == 0;
}

/* Type, bounds and a note from the values of variable v. */
static void guess_type(raw_table *t, size_t v, qa_codebook_entry *e)
{
    const raw_variable *variable = &t->variables[v];
    e->type = QA_TYPE_INTERVAL;
    e->min = e->max = NAN;
    if (variable->label_set && find_set(t, variable->label_set)) {
        e->type = QA_TYPE_CATEGORY;
        return;
    }
    size_t present = 0, numbers = 0;
    double low = INFINITY, high = -INFINITY;
    int whole = 1;
    qa_string_table distinct;
    memset(&distinct, 0, sizeof distinct);
    for (size_t row = 0; row < t->rows; row++) {
        const raw_cell *cell = &t->cells[row * t->variable_count + v];
        double x = cell->number;
        if (variable->is_string) {
            const char *text = cell->text == SIZE_MAX ? "" : t->text + cell->text;
            if (is_missing_text(text))
                continue;
            present++;
            size_t index;
            int inserted;
            if (distinct.count <= 20)
                qa_string_table_intern(&distinct, text, strlen(text), &index, &inserted);
            if (!qa_parse_number(text, strlen(text), &x))
                continue;
        } else if (isnan(x)) {
            continue;
        } else {
            present++;
            char number[64];
            size_t index;
            int inserted;
            if (distinct.count <= 20)
                qa_string_table_intern(&distinct, number, format_number(x, number, sizeof number),
                                       &index, &inserted);
        }
        numbers++;
        low = x < low ? x : low;
        high = x > high ? x : high;
        whole = whole && x == floor(x);
    }
    size_t levels = distinct.count;
    qa_string_table_free(&distinct);
    if (present == 0) {
        e->type = QA_TYPE_TEXT; /* blank in every row */
        return;
    }
    if (numbers < present) {
        e->type = levels <= 20 ? QA_TYPE_CATEGORY : QA_TYPE_TEXT;
        return;
    }
    if (low >= 0 && high <= 1 && whole) {
        e->type = QA_TYPE_BINARY;
        e->min = 0, e->max = 1;
    } else if (whole && low >= 1000 && high <= 2100 && strstr(variable->name, "year")) {
        e->type = QA_TYPE_YEAR;
    } else if (whole && levels <= 11) {
        e->type = QA_TYPE_ORDINAL;
        e->min = low, e->max = high;
    }
}

qa_status qa_codebook_template(const char *path, const qa_import_options *options,
                               qa_codebook *codebook, qa_error_list *errors)
{
    memset(codebook, 0, sizeof *codebook);
    qa_file_format format;
    qa_error error;
    qa_status status = qa_detect_format(path, &format, &error);
    if (status == QA_OK && qa_file_format_advice(format)) {
        qa_error_set(&error, status = QA_ERR_INPUT, path, 0, NULL, NULL, "%s",
                     qa_file_format_advice(format));
    }
    if (status != QA_OK) {
        qa_error_list_add(errors, &error);
        return status;
    }
    raw_table t;
    status = format == QA_FORMAT_CSV
                 ? read_csv_raw(path, &t, errors)
                 : read_raw(path, format, options ? options->encoding : NULL, &t, errors);
    if (status != QA_OK)
        return status;
    qa_codebook defaults;
    status = qa_codebook_default(&defaults, &error);
    codebook->entries = calloc(t.variable_count + 1, sizeof *codebook->entries);
    if (status != QA_OK || !codebook->entries) {
        raw_free(&t);
        qa_codebook_free(&defaults);
        free(codebook->entries);
        codebook->entries = NULL;
        return QA_ERR_MEMORY;
    }
    for (size_t v = 0; v < t.variable_count; v++) {
        const raw_variable *variable = &t.variables[v];
        qa_codebook_entry *e = &codebook->entries[codebook->count];
        const qa_codebook_entry *known = qa_codebook_find(&defaults, variable->name);
        if (strlen(variable->name) >= sizeof e->column || variable->name[0] == '\0')
            continue; /* cannot be named in a codebook: left out of the template */
        codebook->count++;
        if (known) {
            *e = *known;
        } else {
            snprintf(e->column, sizeof e->column, "%s", variable->name);
            e->role = QA_ROLE_IGNORE;
            e->measure = -1;
            guess_type(&t, v, e);
        }
        if (variable->label[0]) {
            size_t keep = strlen(variable->label);
            if (keep >= sizeof e->label) {
                keep = sizeof e->label - 1;
                while (keep > 0 && ((unsigned char)variable->label[keep] & 0xC0) == 0x80)
                    keep--;
            }
            memcpy(e->label, variable->label, keep);
            e->label[keep] = '\0';
        }
    }
    qa_codebook_free(&defaults);
    raw_free(&t);
    return QA_OK;
}

/* ---- CSV as strings ---- */

typedef struct {
    raw_table *t;
    size_t field;
    int header_done;
    int failed;
} csv_raw;

static void csv_raw_field(void *data, size_t size, void *context)
{
    csv_raw *c = context;
    raw_table *t = c->t;
    const char *text = data ? data : "";
    if (c->failed)
        return;
    if (!c->header_done) {
        if (grow((void **)&t->variables, &t->variable_capacity, t->variable_count + 1,
                 sizeof *t->variables) != 0) {
            c->failed = 1;
            return;
        }
        raw_variable *v = &t->variables[t->variable_count++];
        memset(v, 0, sizeof *v);
        v->is_string = 1;
        v->name = strndup(text, size);
        v->label = strdup("");
        if (!v->name || !v->label)
            c->failed = 1;
        c->field++;
        return;
    }
    if (c->field == 0 && ensure_row(t, t->rows) != 0) {
        c->failed = 1;
        return;
    }
    if (c->field < t->variable_count) {
        if (grow((void **)&t->text, &t->text_capacity, t->text_size + size + 1, 1) != 0) {
            c->failed = 1;
            return;
        }
        memcpy(t->text + t->text_size, text, size);
        t->text[t->text_size + size] = '\0';
        t->cells[(t->rows - 1) * t->variable_count + c->field].text = t->text_size;
        t->text_size += size + 1;
    }
    c->field++;
}

static void csv_raw_row(int terminator, void *context)
{
    csv_raw *c = context;
    (void)terminator;
    if (c->field == 0)
        return;
    c->header_done = 1;
    c->field = 0;
}

static qa_status read_csv_raw(const char *path, raw_table *t, qa_error_list *errors)
{
    memset(t, 0, sizeof *t);
    qa_error error;
    FILE *file = fopen(path, "rb");
    if (!file) {
        qa_error_set(&error, QA_ERR_IO, path, 0, NULL, NULL, "cannot open the data file");
        qa_error_list_add(errors, &error);
        return QA_ERR_IO;
    }
    struct csv_parser parser;
    csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL);
    csv_raw c = {t, 0, 0, 0};
    char buffer[1 << 16];
    size_t n, total = 0;
    int bad = 0;
    while (!bad && !c.failed && (n = fread(buffer, 1, sizeof buffer, file)) > 0) {
        size_t skip = total == 0 && n >= 3 && memcmp(buffer, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
        if (total == 0) { /* the same delimiter rule as the importer */
            size_t counts[3] = {0, 0, 0};
            int quoted = 0;
            for (size_t i = skip; i < n && (quoted || (buffer[i] != '\n' && buffer[i] != '\r'));
                 i++) {
                if (buffer[i] == '"')
                    quoted = !quoted;
                else if (!quoted)
                    counts[0] += buffer[i] == ',', counts[1] += buffer[i] == ';',
                        counts[2] += buffer[i] == '\t';
            }
            csv_set_delim(&parser, counts[0] >= counts[1] && counts[0] >= counts[2] ? ','
                                   : counts[1] >= counts[2]                         ? ';'
                                                                                    : '\t');
        }
        total += n;
        bad =
            csv_parse(&parser, buffer + skip, n - skip, csv_raw_field, csv_raw_row, &c) != n - skip;
    }
    if (!bad && !c.failed)
        bad = csv_fini(&parser, csv_raw_field, csv_raw_row, &c) != 0;
    csv_free(&parser);
    fclose(file);
    if (c.failed || bad) {
        raw_free(t);
        if (c.failed)
            return QA_ERR_MEMORY;
        qa_error_set(&error, QA_ERR_INPUT, path, 0, NULL, NULL,
                     "malformed CSV (run qareport validate on it to see where)");
        qa_error_list_add(errors, &error);
        return QA_ERR_INPUT;
    }
    return QA_OK;
}
