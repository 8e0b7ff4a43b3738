/* The codebook: the default of docs/METHODS.md §2.2, reading one from CSV, writing it as a
 * template. */
#include "qareport/codebook.h"

#include <csv.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "import_internal.h"
#include "qareport/suggest.h"

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

static const char *const transform_names[] = {[QA_TRANSFORM_NONE] = "",
                                              [QA_TRANSFORM_REVERSE] = "reverse",
                                              [QA_TRANSFORM_LOG] = "log",
                                              [QA_TRANSFORM_LOG1P] = "log1p",
                                              [QA_TRANSFORM_Z] = "z"};

const char *qa_transform_name(qa_transform transform)
{
    if ((unsigned)transform < sizeof transform_names / sizeof transform_names[0])
        return transform_names[transform];
    return "";
}

const char *qa_codebook_role_text(const qa_codebook_entry *entry, char *buffer, size_t size)
{
    if (entry->role == QA_ROLE_MEASURE && entry->measure >= 0 &&
        entry->measure < QA_HYPOTHESIS_COUNT)
        snprintf(buffer, size, "measure:%s", qa_measure_name((qa_hypothesis)entry->measure));
    else
        snprintf(buffer, size, "%s", qa_role_name(entry->role));
    return buffer;
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

/* docs/METHODS.md §2.2. */
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
    fputs("column,role,type,min,max,missing,label,transform,constant\n", out);
    for (size_t i = 0; i < codebook->count; i++) {
        const qa_codebook_entry *e = &codebook->entries[i];
        char role[64], missing[QA_MAX_MISSING_CODES * 33] = "";
        qa_codebook_role_text(e, role, sizeof role);
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
        fprintf(out, ",%s,", qa_transform_name(e->transform));
        if (e->has_constant)
            write_field(out, e->constant);
        fputc('\n', out);
    }
}

/* ---- reading ---- */

enum { CODEBOOK_FIELDS = 9, CODEBOOK_FIELD_TEXT = 512 };
enum { F_COLUMN = 0, F_ROLE, F_TYPE, F_MIN, F_MAX, F_MISSING, F_LABEL, F_TRANSFORM, F_CONSTANT };
static const char *const codebook_header[CODEBOOK_FIELDS] = {
    "column", "role", "type", "min", "max", "missing", "label", "transform", "constant"};
static const char header_list[] = "column, role, type, min, max, missing, label, transform, "
                                  "constant";
static const char role_list[] =
    "id, name, members, formed, start_year, end_year, ongoing, observed_until, "
    "measure:security, measure:political, measure:economic, measure:cognitive, measure:value, "
    "control, group, text, ignore";
static const char type_list[] = "binary, ordinal, interval, category, year, text";
static const char transform_list[] = "reverse, log, log1p, z, or empty";

typedef struct {
    const char *path;
    qa_codebook *codebook;
    size_t capacity;       /* entries allocated (doubling) */
    qa_string_table names; /* column names so far: a repeat is found in O(1) */
    qa_error *error;
    qa_status status;
    long line;     /* physical line of the next byte */
    long row_line; /* line where the current row started */
    int after_cr;  /* the last row ended at a carriage return (a line feed may follow) */
    size_t field_count;
    int header_done;
    int field_of[CODEBOOK_FIELDS]; /* file field index -> layout index */
    size_t file_fields;
    char fields[CODEBOOK_FIELDS][CODEBOOK_FIELD_TEXT];
    int present[CODEBOOK_FIELDS];
} codebook_reader;

static qa_status reader_fail(codebook_reader *r, const char *column, const char *format, ...)
    __attribute__((format(printf, 3, 4)));

static qa_status reader_fail(codebook_reader *r, const char *column, const char *format, ...)
{
    if (r->status != QA_OK)
        return r->status;
    char message[QA_ERROR_TEXT];
    va_list args;
    va_start(args, format);
    vsnprintf(message, sizeof message, format, args);
    va_end(args);
    return r->status = qa_error_set(r->error, QA_ERR_INPUT, r->path, r->row_line, column, NULL,
                                    "%s", message);
}

/* Every role a codebook may name, as written ("measure:security", ...). */
static size_t role_spellings(const char *out[32])
{
    size_t n = 0;
    for (size_t r = 0; r < sizeof role_names / sizeof role_names[0]; r++) {
        if (r == QA_ROLE_MEASURE) {
            static const char *const measures[5] = {"measure:security", "measure:political",
                                                    "measure:economic", "measure:cognitive",
                                                    "measure:value"};
            for (int k = 0; k < 5; k++)
                out[n++] = measures[k];
        } else {
            out[n++] = role_names[r];
        }
    }
    return n;
}

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

static int parse_transform(const char *text, qa_transform *transform)
{
    for (size_t t = 0; t < sizeof transform_names / sizeof transform_names[0]; t++)
        if (strcmp(text, transform_names[t]) == 0) {
            *transform = (qa_transform)t;
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

static qa_status parse_missing(codebook_reader *r, qa_codebook_entry *e, const char *text)
{
    char buffer[CODEBOOK_FIELD_TEXT];
    snprintf(buffer, sizeof buffer, "%s", text);
    for (char *save = NULL, *code = strtok_r(buffer, ";", &save); code;
         code = strtok_r(NULL, ";", &save)) {
        if (e->missing_count == QA_MAX_MISSING_CODES)
            return reader_fail(r, "missing", "more than 8 missing codes: '%s'", text);
        if (strlen(code) >= sizeof e->missing[0])
            return reader_fail(r, "missing", "missing code too long (over 31 bytes): '%s'", code);
        snprintf(e->missing[e->missing_count++], sizeof e->missing[0], "%s", code);
    }
    return QA_OK;
}

/* Copies valid UTF-8 text into a buffer of size bytes; a longer text is cut at a character
 * boundary and ends in "…" (U+2026), so a cell never holds half a character. */
static void copy_utf8(char *out, size_t size, const char *text)
{
    size_t length = strlen(text);
    if (length < size) {
        memcpy(out, text, length + 1);
        return;
    }
    size_t keep = size - 4; /* room for the mark and the NUL */
    while (keep > 0 && ((unsigned char)text[keep] & 0xC0) == 0x80)
        keep--; /* back to the first byte of the character that would be cut */
    memcpy(out, text, keep);
    memcpy(out + keep, "\xE2\x80\xA6", 4);
}

static int numeric_type(qa_value_type type)
{
    return type == QA_TYPE_BINARY || type == QA_TYPE_ORDINAL || type == QA_TYPE_INTERVAL ||
           type == QA_TYPE_YEAR;
}

static qa_status check_transform(codebook_reader *r, const qa_codebook_entry *e)
{
    if (e->transform == QA_TRANSFORM_NONE)
        return QA_OK;
    const char *name = qa_transform_name(e->transform);
    if (e->role != QA_ROLE_MEASURE && e->role != QA_ROLE_CONTROL)
        return reader_fail(r, "transform",
                           "transform %s applies to measures and controls, not to role %s", name,
                           qa_role_name(e->role));
    if (e->has_constant)
        return reader_fail(r, "transform", "a constant column takes no transform (%s)", name);
    if (e->transform == QA_TRANSFORM_REVERSE) {
        if (!numeric_type(e->type))
            return reader_fail(r, "transform", "transform reverse needs a numeric type, not %s",
                               qa_value_type_name(e->type));
        return QA_OK;
    }
    if (e->type != QA_TYPE_INTERVAL)
        return reader_fail(r, "transform",
                           "transform %s gives an interval measure: give type interval, not %s",
                           name, qa_value_type_name(e->type));
    return QA_OK;
}

static qa_status check_constant(codebook_reader *r, const qa_codebook_entry *e)
{
    if (!e->has_constant)
        return QA_OK;
    if (e->role == QA_ROLE_ID || e->role == QA_ROLE_NAME || e->role == QA_ROLE_MEMBERS ||
        e->role == QA_ROLE_TEXT || e->role == QA_ROLE_IGNORE || e->type == QA_TYPE_TEXT)
        return reader_fail(r, "constant",
                           "a constant needs a numeric or category column, not role %s type %s",
                           qa_role_name(e->role), qa_value_type_name(e->type));
    if (e->type == QA_TYPE_CATEGORY)
        return QA_OK;
    double v;
    if (!qa_parse_number(e->constant, strlen(e->constant), &v))
        return reader_fail(r, "constant", "constant is not a number: '%s'", e->constant);
    int binary =
        e->type == QA_TYPE_BINARY || e->role == QA_ROLE_FORMED || e->role == QA_ROLE_ONGOING;
    if (binary && v != 0.0 && v != 1.0)
        return reader_fail(r, "constant", "constant must be 0 or 1 for a binary column, not '%s'",
                           e->constant);
    if ((e->type == QA_TYPE_ORDINAL || e->type == QA_TYPE_YEAR) && v != floor(v))
        return reader_fail(r, "constant", "constant must be a whole number for type %s, not '%s'",
                           qa_value_type_name(e->type), e->constant);
    if ((!isnan(e->min) && v < e->min) || (!isnan(e->max) && v > e->max))
        return reader_fail(r, "constant", "constant '%s' is out of range [%g, %g]", e->constant,
                           e->min, e->max);
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
    if (check_transform(r, e) != QA_OK || check_constant(r, e) != QA_OK)
        return r->status;
    size_t index;
    int inserted;
    if (qa_string_table_intern(&r->names, e->column, strlen(e->column), &index, &inserted) != 0)
        return r->status =
                   qa_error_set(r->error, QA_ERR_MEMORY, r->path, 0, NULL, NULL, "out of memory");
    if (!inserted)
        return reader_fail(r, "column", "column '%s' is listed twice (first on line %ld)",
                           e->column, r->codebook->entries[index].line);
    return QA_OK;
}

static qa_status unknown_role(codebook_reader *r, const char *role)
{
    const char *spellings[32];
    size_t n = role_spellings(spellings);
    char hint[192];
    if (strcmp(role, "measure") == 0)
        return reader_fail(r, "role",
                           "role 'measure' needs its hypothesis: measure:security (H1), "
                           "measure:political (H2), measure:economic (H3), measure:cognitive "
                           "(H4) or measure:value (H5)");
    return reader_fail(r, "role", "unknown role '%s'%s; valid roles: %s", role,
                       qa_suggest_hint(role, spellings, n, hint, sizeof hint), role_list);
}

static qa_status add_entry(codebook_reader *r)
{
    qa_codebook_entry e;
    memset(&e, 0, sizeof e);
    e.line = r->row_line;
    const char *column = r->fields[F_COLUMN], *role = r->fields[F_ROLE], *type = r->fields[F_TYPE];
    char hint[192];
    if (column[0] == '\0')
        return reader_fail(r, "column", "empty column name");
    if (strlen(column) >= sizeof e.column)
        return reader_fail(r, "column", "column name too long (over 127 bytes): '%s'", column);
    memcpy(e.column, column, strlen(column) + 1);
    if (!parse_role(role, &e.role, &e.measure))
        return unknown_role(r, role);
    if (!parse_type(type, &e.type))
        return reader_fail(r, "type", "unknown type '%s'%s; valid types: %s", type,
                           qa_suggest_hint(type, type_names, sizeof type_names / sizeof *type_names,
                                           hint, sizeof hint),
                           type_list);
    if (!parse_bound(r->fields[F_MIN], &e.min))
        return reader_fail(r, "min", "min is not a number: '%s'", r->fields[F_MIN]);
    if (!parse_bound(r->fields[F_MAX], &e.max))
        return reader_fail(r, "max", "max is not a number: '%s'", r->fields[F_MAX]);
    if (parse_missing(r, &e, r->fields[F_MISSING]) != QA_OK)
        return r->status;
    copy_utf8(e.label, sizeof e.label, r->fields[F_LABEL]);
    if (!parse_transform(r->fields[F_TRANSFORM], &e.transform))
        return reader_fail(r, "transform", "unknown transform '%s'%s; valid transforms: %s",
                           r->fields[F_TRANSFORM],
                           qa_suggest_hint(r->fields[F_TRANSFORM], transform_names + 1,
                                           sizeof transform_names / sizeof *transform_names - 1,
                                           hint, sizeof hint),
                           transform_list);
    if (r->present[F_CONSTANT] && r->fields[F_CONSTANT][0] != '\0') {
        if (strlen(r->fields[F_CONSTANT]) >= sizeof e.constant)
            return reader_fail(r, "constant", "constant too long (over 63 bytes)");
        e.has_constant = true;
        memcpy(e.constant, r->fields[F_CONSTANT], strlen(r->fields[F_CONSTANT]) + 1);
    }
    if (check_entry(r, &e) != QA_OK)
        return r->status;
    qa_codebook *codebook = r->codebook;
    if (codebook->count == r->capacity) {
        size_t capacity = r->capacity ? r->capacity * 2 : 32;
        qa_codebook_entry *grown = realloc(codebook->entries, capacity * sizeof *grown);
        if (!grown)
            return r->status = qa_error_set(r->error, QA_ERR_MEMORY, r->path, 0, NULL, NULL,
                                            "out of memory");
        codebook->entries = grown;
        r->capacity = capacity;
    }
    codebook->entries[codebook->count++] = e;
    return QA_OK;
}

/* Physical lines a field's text runs over: line feeds, and carriage returns not followed by
 * one (old Mac files end lines with a lone CR). */
static long line_breaks(const char *text, size_t size)
{
    long breaks = 0;
    for (size_t i = 0; i < size; i++)
        if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == size || text[i + 1] != '\n')))
            breaks++;
    return breaks;
}

static void header_field(codebook_reader *r, size_t index, const char *text, size_t size)
{
    char name[CODEBOOK_FIELD_TEXT], hint[192];
    snprintf(name, sizeof name, "%.*s", (int)(size < 200 ? size : 200), text);
    int field = -1;
    for (int f = 0; f < CODEBOOK_FIELDS; f++)
        if (strcmp(name, codebook_header[f]) == 0)
            field = f;
    if (field < 0) {
        reader_fail(r, name, "unknown codebook column '%s'%s; valid columns: %s", name,
                    qa_suggest_hint(name, codebook_header, CODEBOOK_FIELDS, hint, sizeof hint),
                    header_list);
        return;
    }
    if (r->present[field]) {
        reader_fail(r, name, "codebook column '%s' appears twice in the header", name);
        return;
    }
    r->present[field] = 1;
    r->field_of[index] = field;
    r->file_fields = index + 1;
}

static void on_field(void *data, size_t size, void *context)
{
    codebook_reader *r = context;
    const char *text = data ? data : "";
    if (r->field_count == 0)
        r->row_line = r->line;
    r->line += line_breaks(text, size);
    r->after_cr = 0;
    size_t index = r->field_count++;
    if (r->status != QA_OK)
        return;
    size_t bad = qa_utf8_invalid_offset((const unsigned char *)text, size);
    if (bad < size) {
        const char *column = !r->header_done          ? NULL
                             : index < r->file_fields ? codebook_header[r->field_of[index]]
                                                      : NULL;
        reader_fail(r, column,
                    "%s at byte %zu of field %zu: a codebook must be UTF-8 text (save it as "
                    "\"CSV UTF-8\", or convert it with iconv -f latin1 -t utf-8)",
                    text[bad] ? "invalid UTF-8" : "NUL byte", bad + 1, index + 1);
        return;
    }
    if (!r->header_done) {
        if (index >= CODEBOOK_FIELDS) {
            reader_fail(r, NULL, "codebook header has more than %d columns (%s)", CODEBOOK_FIELDS,
                        header_list);
            return;
        }
        header_field(r, index, text, size);
        return;
    }
    if (index >= r->file_fields)
        return; /* a ragged row: reported at its end */
    int f = r->field_of[index];
    if (size >= CODEBOOK_FIELD_TEXT) {
        reader_fail(r, codebook_header[f], "field too long (over %d bytes)",
                    CODEBOOK_FIELD_TEXT - 1);
        return;
    }
    memcpy(r->fields[f], text, size);
    r->fields[f][size] = '\0';
}

static void on_row(int terminator, void *context)
{
    codebook_reader *r = context;
    if (terminator == '\r' || (terminator == '\n' && !r->after_cr))
        r->line++;
    r->after_cr = terminator == '\r';
    if (r->field_count == 0)
        return; /* blank line, or the line feed of a CR LF */
    size_t count = r->field_count;
    r->field_count = 0;
    if (r->status != QA_OK)
        return;
    if (!r->header_done) {
        r->header_done = 1;
        for (int f = 0; f < 3; f++)
            if (!r->present[f])
                reader_fail(r, codebook_header[f], "codebook header lacks '%s' (columns: %s)",
                            codebook_header[f], header_list);
        return;
    }
    if (count != r->file_fields) {
        reader_fail(r, NULL,
                    "row has %zu fields: a different number of fields than the header (%zu)", count,
                    r->file_fields);
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
        if (total == 0 && n >= 2 &&
            (memcmp(buffer, "\xFF\xFE", 2) == 0 || memcmp(buffer, "\xFE\xFF", 2) == 0)) {
            r.row_line = 1;
            reader_fail(&r, NULL,
                        "the codebook is UTF-16 text: save it as \"CSV UTF-8\" (or convert it "
                        "with iconv -f utf-16 -t utf-8)");
            break;
        }
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
    qa_string_table_free(&r.names);
    if (r.status == QA_OK && codebook->count == 0)
        qa_error_set(error, r.status = QA_ERR_INPUT, path, 1, NULL, NULL,
                     "codebook has no rows (header: %s)", header_list);
    if (r.status != QA_OK) {
        qa_codebook_free(codebook);
        return r.status;
    }
    return QA_OK;
}
