/* The codebook: SPEC's default, reading one from CSV, writing it as a template. */
#include "qareport/codebook.h"

#include <csv.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>


static const char *const role_names[] = {[QA_ROLE_ID] = "id",
                                         [QA_ROLE_NAME] = "name",
                                         [QA_ROLE_MEMBERS] = "members",
                                         [QA_ROLE_FORMED] = "formed",
                                         [QA_ROLE_START_YEAR] = "start_year",
                                         [QA_ROLE_END_YEAR] = "end_year",
                                         [QA_ROLE_ONGOING] = "ongoing",
                                         [QA_ROLE_OBSERVED_UNTIL] = "observed_until",
                                         [QA_ROLE_MEASURE] = "measure",
                                         [QA_ROLE_CONTROL] = "control",
                                         [QA_ROLE_GROUP] = "group",
                                         [QA_ROLE_TEXT] = "text",
                                         [QA_ROLE_IGNORE] = "ignore"};

static const char *const type_names[] = {
    [QA_TYPE_BINARY] = "binary",     [QA_TYPE_ORDINAL] = "ordinal", [QA_TYPE_INTERVAL] = "interval",
    [QA_TYPE_CATEGORY] = "category", [QA_TYPE_YEAR] = "year",       [QA_TYPE_TEXT] = "text"};

const char *qa_role_name(qa_role role)
{
    if ((unsigned)role < sizeof role_names / sizeof role_names[0])
        return role_names[role];
    return "unknown";
}

const char *qa_value_type_name(qa_value_type type)
{
    if ((unsigned)type < sizeof type_names / sizeof type_names[0])
        return type_names[type];
    return "unknown";
}

typedef struct {
    const char *column;
    qa_role role;
    int measure;
    qa_value_type type;
    double min, max;
    const char *label;
} default_row;

/* SPEC "Data contract". */
static const default_row default_rows[] = {
    {"case_id", QA_ROLE_ID, -1, QA_TYPE_TEXT, NAN, NAN, "case identifier, unique"},
    {"case_name", QA_ROLE_NAME, -1, QA_TYPE_TEXT, NAN, NAN, "case name"},
    {"members", QA_ROLE_MEMBERS, -1, QA_TYPE_TEXT, NAN, NAN, "actors, ;-separated"},
    {"start_year", QA_ROLE_START_YEAR, -1, QA_TYPE_YEAR, NAN, NAN,
     "first year of cooperation (non-formed: year observed)"},
    {"end_year", QA_ROLE_END_YEAR, -1, QA_TYPE_YEAR, NAN, NAN,
     "last year; empty or last observed year when ongoing"},
    {"ongoing", QA_ROLE_ONGOING, -1, QA_TYPE_BINARY, 0, 1, "1 = still active (right-censored)"},
    {"observed_until", QA_ROLE_OBSERVED_UNTIL, -1, QA_TYPE_YEAR, NAN, NAN,
     "year up to which an ongoing case was observed"},
    {"formed", QA_ROLE_FORMED, -1, QA_TYPE_BINARY, 0, 1, "1 = quasi-alliance formed"},
    {"security", QA_ROLE_MEASURE, 0, QA_TYPE_ORDINAL, 0, 4, "H1 security community (0-4)"},
    {"political", QA_ROLE_MEASURE, 1, QA_TYPE_ORDINAL, 0, 4, "H2 political community (0-4)"},
    {"economic", QA_ROLE_MEASURE, 2, QA_TYPE_ORDINAL, 0, 4, "H3 economic community (0-4)"},
    {"cognitive", QA_ROLE_MEASURE, 3, QA_TYPE_ORDINAL, 0, 4, "H4 cognitive community (0-4)"},
    {"value", QA_ROLE_MEASURE, 4, QA_TYPE_ORDINAL, 0, 4, "H5 value community (0-4)"},
    {"era", QA_ROLE_GROUP, -1, QA_TYPE_CATEGORY, NAN, NAN, "Cold War / post-Cold War"},
    {"size", QA_ROLE_GROUP, -1, QA_TYPE_CATEGORY, NAN, NAN, "bilateral / multilateral"},
    {"basis", QA_ROLE_GROUP, -1, QA_TYPE_CATEGORY, NAN, NAN,
     "security-interest / culture-identity"},
    {"membership", QA_ROLE_GROUP, -1, QA_TYPE_CATEGORY, NAN, NAN, "state-state / state-substate"},
    {"commitment", QA_ROLE_GROUP, -1, QA_TYPE_CATEGORY, NAN, NAN, "unilateral / mutual"},
    {"agreement", QA_ROLE_GROUP, -1, QA_TYPE_CATEGORY, NAN, NAN, "form of the informal agreement"},
    {"source", QA_ROLE_TEXT, -1, QA_TYPE_TEXT, NAN, NAN, "source of the coding"},
    {"notes", QA_ROLE_TEXT, -1, QA_TYPE_TEXT, NAN, NAN, "notes"},
};

qa_status qa_codebook_default(qa_codebook *codebook, qa_error *error)
{
    size_t count = sizeof default_rows / sizeof default_rows[0];
    memset(codebook, 0, sizeof *codebook);
    codebook->entries = calloc(count, sizeof *codebook->entries);
    if (!codebook->entries)
        return qa_error_set(error, QA_ERR_MEMORY, NULL, 0, NULL, NULL, "out of memory");
    codebook->count = count;
    for (size_t i = 0; i < count; i++) {
        qa_codebook_entry *e = &codebook->entries[i];
        snprintf(e->column, sizeof e->column, "%s", default_rows[i].column);
        e->role = default_rows[i].role;
        e->measure = default_rows[i].measure;
        e->type = default_rows[i].type;
        e->min = default_rows[i].min;
        e->max = default_rows[i].max;
        snprintf(e->label, sizeof e->label, "%s", default_rows[i].label);
    }
    return QA_OK;
}

void qa_codebook_free(qa_codebook *codebook)
{
    if (!codebook)
        return;
    free(codebook->entries);
    codebook->entries = NULL;
    codebook->count = 0;
}

const qa_codebook_entry *qa_codebook_find(const qa_codebook *codebook, const char *column)
{
    for (size_t i = 0; i < codebook->count; i++)
        if (strcmp(codebook->entries[i].column, column) == 0)
            return &codebook->entries[i];
    return NULL;
}

/* A CSV field, quoted when it holds a comma, quote or line break (RFC 4180). */
static void write_field(FILE *out, const char *text)
{
    if (strpbrk(text, ",\"\r\n"))
        csv_fwrite(out, text, strlen(text));
    else
        fputs(text, out);
}

static void write_bound(FILE *out, double value)
{
    if (!isnan(value))
        fprintf(out, "%.15g", value);
}

void qa_codebook_write(const qa_codebook *codebook, FILE *out)
{
    fputs("column,role,type,min,max,missing,label\n", out);
    for (size_t i = 0; i < codebook->count; i++) {
        const qa_codebook_entry *e = &codebook->entries[i];
        char role[64], missing[QA_MAX_MISSING_CODES * 33] = "";
        if (e->role == QA_ROLE_MEASURE && e->measure >= 0 && e->measure < QA_HYPOTHESIS_COUNT)
            snprintf(role, sizeof role, "measure:%s", qa_measure_name(e->measure));
        else
            snprintf(role, sizeof role, "%s", qa_role_name(e->role));
        for (size_t m = 0; m < e->missing_count; m++) {
            if (m)
                strcat(missing, ";");
            strcat(missing, e->missing[m]);
        }
        write_field(out, e->column);
        fprintf(out, ",%s,%s,", role, qa_value_type_name(e->type));
        write_bound(out, e->min);
        fputc(',', out);
        write_bound(out, e->max);
        fputc(',', out);
        write_field(out, missing);
        fputc(',', out);
        write_field(out, e->label);
        fputc('\n', out);
    }
}

/* ---- reading ---- */

enum { CODEBOOK_FIELDS = 7, CODEBOOK_FIELD_TEXT = 512 };
static const char *const codebook_header[CODEBOOK_FIELDS] = {"column", "role",    "type", "min",
                                                             "max",    "missing", "label"};

typedef struct {
    const char *path;
    qa_codebook *codebook;
    qa_error *error;
    qa_status status;
    long line;     /* physical line of the next byte */
    long row_line; /* line where the current row started */
    size_t field_count;
    int header_done;
    int field_of[16]; /* file field index -> layout index, -1 = unused */
    size_t file_fields;
    char fields[CODEBOOK_FIELDS][CODEBOOK_FIELD_TEXT];
    int present[CODEBOOK_FIELDS];
} codebook_reader;

static int parse_role(const char *text, qa_role *role, int *measure)
{
    *measure = -1;
    if (strncmp(text, "measure:", 8) == 0) {
        int k = qa_measure_find(text + 8);
        if (k < 0)
            return 0;
        *role = QA_ROLE_MEASURE;
        *measure = k;
        return 1;
    }
    for (size_t r = 0; r < sizeof role_names / sizeof role_names[0]; r++)
        if (r != QA_ROLE_MEASURE && strcmp(text, role_names[r]) == 0) {
            *role = (qa_role)r;
            return 1;
        }
    return 0;
}

static int parse_type(const char *text, qa_value_type *type)
{
    for (size_t t = 0; t < sizeof type_names / sizeof type_names[0]; t++)
        if (strcmp(text, type_names[t]) == 0) {
            *type = (qa_value_type)t;
            return 1;
        }
    return 0;
}

static int parse_bound(const char *text, double *value)
{
    if (text[0] == '\0') {
        *value = NAN;
        return 1;
    }
    char *end;
    errno = 0;
    *value = strtod(text, &end);
    return errno == 0 && *end == '\0' && isfinite(*value);
}

static qa_status reader_fail(codebook_reader *r, const char *column, const char *format,
                             const char *detail)
{
    if (r->status == QA_OK)
        r->status = qa_error_set(r->error, QA_ERR_INPUT, r->path, r->row_line, column, NULL, format,
                                 detail);
    return r->status;
}

static qa_status parse_missing(codebook_reader *r, qa_codebook_entry *e, const char *text)
{
    char buffer[CODEBOOK_FIELD_TEXT];
    snprintf(buffer, sizeof buffer, "%s", text);
    for (char *save = NULL, *code = strtok_r(buffer, ";", &save); code;
         code = strtok_r(NULL, ";", &save)) {
        if (e->missing_count == QA_MAX_MISSING_CODES)
            return reader_fail(r, "missing", "more than 8 missing codes: '%s'", text);
        if (strlen(code) >= sizeof e->missing[0])
            return reader_fail(r, "missing", "missing code too long: '%s'", code);
        snprintf(e->missing[e->missing_count++], sizeof e->missing[0], "%s", code);
    }
    return QA_OK;
}

static qa_status check_entry(codebook_reader *r, const qa_codebook_entry *e)
{
    if (e->role == QA_ROLE_MEASURE &&
        (e->type == QA_TYPE_CATEGORY || e->type == QA_TYPE_TEXT || e->type == QA_TYPE_YEAR))
        return reader_fail(r, "type", "a measure must be binary, ordinal or interval, not %s",
                           qa_value_type_name(e->type));
    if ((e->role == QA_ROLE_FORMED || e->role == QA_ROLE_ONGOING) && e->type != QA_TYPE_BINARY)
        return reader_fail(r, "type", "role %s needs type binary", qa_role_name(e->role));
    if ((e->role == QA_ROLE_START_YEAR || e->role == QA_ROLE_END_YEAR ||
         e->role == QA_ROLE_OBSERVED_UNTIL) &&
        (e->type == QA_TYPE_CATEGORY || e->type == QA_TYPE_TEXT))
        return reader_fail(r, "type", "role %s needs a numeric type (year)", qa_role_name(e->role));
    if (!isnan(e->min) && !isnan(e->max) && e->min > e->max)
        return reader_fail(r, "min", "min is above max for column '%s'", e->column);
    if (qa_codebook_find(r->codebook, e->column))
        return reader_fail(r, "column", "column '%s' is listed twice", e->column);
    return QA_OK;
}

static qa_status add_entry(codebook_reader *r)
{
    qa_codebook_entry e;
    memset(&e, 0, sizeof e);
    const char *column = r->fields[0], *role = r->fields[1], *type = r->fields[2];
    if (column[0] == '\0')
        return reader_fail(r, "column", "empty column name%s", "");
    if (strlen(column) >= sizeof e.column)
        return reader_fail(r, "column", "column name too long: '%s'", column);
    memcpy(e.column, column, strlen(column) + 1);
    if (!parse_role(role, &e.role, &e.measure))
        return reader_fail(r, "role",
                           "unknown role '%s' (id, name, members, formed, start_year, end_year, "
                           "ongoing, observed_until, measure:security|political|economic|"
                           "cognitive|value, control, group, text, ignore)",
                           role);
    if (!parse_type(type, &e.type))
        return reader_fail(
            r, "type", "unknown type '%s' (binary, ordinal, interval, category, year, text)", type);
    if (!parse_bound(r->fields[3], &e.min))
        return reader_fail(r, "min", "min is not a number: '%s'", r->fields[3]);
    if (!parse_bound(r->fields[4], &e.max))
        return reader_fail(r, "max", "max is not a number: '%s'", r->fields[4]);
    if (parse_missing(r, &e, r->fields[5]) != QA_OK)
        return r->status;
    snprintf(e.label, sizeof e.label, "%.255s", r->fields[6]);
    if (check_entry(r, &e) != QA_OK)
        return r->status;
    qa_codebook_entry *grown =
        realloc(r->codebook->entries, (r->codebook->count + 1) * sizeof *grown);
    if (!grown)
        return r->status =
                   qa_error_set(r->error, QA_ERR_MEMORY, r->path, 0, NULL, NULL, "out of memory");
    r->codebook->entries = grown;
    r->codebook->entries[r->codebook->count++] = e;
    return QA_OK;
}

static void count_lines(codebook_reader *r, const char *text, size_t size)
{
    for (const char *p = text; (p = memchr(p, '\n', size - (size_t)(p - text))); p++)
        r->line++;
}

static void on_field(void *data, size_t size, void *context)
{
    codebook_reader *r = context;
    const char *text = data ? data : "";
    if (r->field_count == 0)
        r->row_line = r->line;
    count_lines(r, text, size);
    size_t index = r->field_count++;
    if (r->status != QA_OK)
        return;
    if (!r->header_done) {
        if (index < 16)
            r->field_of[index] = -1;
        for (int f = 0; f < CODEBOOK_FIELDS && index < 16; f++)
            if (size == strlen(codebook_header[f]) && memcmp(text, codebook_header[f], size) == 0)
                r->field_of[index] = f, r->present[f] = 1;
        r->file_fields = r->field_count;
        return;
    }
    if (index >= 16 || r->field_of[index] < 0)
        return;
    int f = r->field_of[index];
    if (size >= CODEBOOK_FIELD_TEXT) {
        reader_fail(r, codebook_header[f], "field too long (%s)", "over 511 bytes");
        return;
    }
    memcpy(r->fields[f], text, size);
    r->fields[f][size] = '\0';
}

static void on_row(int terminator, void *context)
{
    codebook_reader *r = context;
    if (terminator == '\n')
        r->line++;
    if (r->field_count == 0)
        return; /* blank line */
    size_t count = r->field_count;
    r->field_count = 0;
    if (r->status != QA_OK)
        return;
    if (!r->header_done) {
        r->header_done = 1;
        for (int f = 0; f < 3; f++)
            if (!r->present[f])
                reader_fail(r, codebook_header[f],
                            "codebook header lacks '%s' (column,role,type,min,max,missing,label)",
                            codebook_header[f]);
        return;
    }
    if (count != r->file_fields) {
        reader_fail(r, NULL, "row has a different number of fields than the header%s", "");
        return;
    }
    add_entry(r);
    memset(r->fields, 0, sizeof r->fields);
}

qa_status qa_codebook_read(const char *path, qa_codebook *codebook, qa_error *error)
{
    memset(codebook, 0, sizeof *codebook);
    snprintf(codebook->path, sizeof codebook->path, "%s", path);
    FILE *file = fopen(path, "rb");
    if (!file)
        return qa_error_set(error, QA_ERR_IO, path, 0, NULL, NULL, "cannot open codebook: %s",
                            strerror(errno));
    codebook_reader r;
    memset(&r, 0, sizeof r);
    r.path = path, r.codebook = codebook, r.error = error, r.line = 1;
    struct csv_parser parser;
    csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL);
    char buffer[8192];
    size_t n, total = 0;
    while (r.status == QA_OK && (n = fread(buffer, 1, sizeof buffer, file)) > 0) {
        size_t skip = 0;
        if (total == 0 && n >= 3 && memcmp(buffer, "\xEF\xBB\xBF", 3) == 0)
            skip = 3;
        total += n;
        if (csv_parse(&parser, buffer + skip, n - skip, on_field, on_row, &r) != n - skip) {
            r.row_line = r.line;
            reader_fail(&r, NULL, "malformed CSV (%s)", csv_strerror(csv_error(&parser)));
        }
    }
    if (r.status == QA_OK && csv_fini(&parser, on_field, on_row, &r) != 0) {
        r.row_line = r.line;
        reader_fail(&r, NULL, "malformed CSV (%s)", "unterminated quoted field");
    }
    csv_free(&parser);
    fclose(file);
    if (r.status == QA_OK && codebook->count == 0)
        qa_error_set(error, r.status = QA_ERR_INPUT, path, 1, NULL, NULL,
                     "codebook has no rows (header: column,role,type,min,max,missing,label)");
    if (r.status != QA_OK) {
        qa_codebook_free(codebook);
        return r.status;
    }
    return QA_OK;
}
