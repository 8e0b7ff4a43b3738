/* The importer's header row: each name mapped through the codebook to a dataset column and
 * a storage plan; constant columns added; unknown names listed; every codebook row, required
 * role and measure checked against the header (did-you-mean over the header's names).
 * Hash tables keep a header of 100,000 names and a codebook of as many rows near-linear. */
#include "import_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "qareport/suggest.h"

void qa_importer_header_field(qa_importer *im, const char *text, size_t size, long line)
{
    size_t index = im->header_count;
    if (im->check_encoding) {
        size_t bad = qa_utf8_invalid_offset((const unsigned char *)text, size);
        if (bad < size)
            qa_importer_report(im, line, NULL, "header field %zu: %s at byte %zu%s", index + 1,
                               text[bad] ? "invalid UTF-8" : "NUL byte", bad + 1,
                               text[bad] ? " (if the file is Latin-1 or Windows-1252 text, "
                                           "pass --encoding latin1 or --encoding cp1252)"
                                         : "");
    }
    if (index == im->header_capacity) {
        size_t capacity = im->header_capacity ? im->header_capacity * 2 : 32;
        char **names = realloc(im->header_names, capacity * sizeof *names);
        if (!names)
            return qa_importer_out_of_memory(im);
        im->header_names = names;
        im->header_capacity = capacity;
    }
    char *name = malloc(size + 1);
    if (!name)
        return qa_importer_out_of_memory(im);
    memcpy(name, text, size);
    name[size] = '\0';
    im->header_names[im->header_count++] = name;
}

static int *role_slot(qa_dataset *ds, qa_role role)
{
    switch (role) {
    case QA_ROLE_ID:
        return &ds->id_column;
    case QA_ROLE_NAME:
        return &ds->name_column;
    case QA_ROLE_FORMED:
        return &ds->formed_column;
    case QA_ROLE_START_YEAR:
        return &ds->start_column;
    case QA_ROLE_END_YEAR:
        return &ds->end_column;
    case QA_ROLE_ONGOING:
        return &ds->ongoing_column;
    case QA_ROLE_OBSERVED_UNTIL:
        return &ds->observed_column;
    default:
        return NULL;
    }
}

static qa_column_kind kind_of(const qa_codebook_entry *entry)
{
    if (entry->role == QA_ROLE_ID || entry->role == QA_ROLE_NAME ||
        entry->role == QA_ROLE_MEMBERS || entry->type == QA_TYPE_TEXT)
        return QA_COLUMN_TEXT;
    return entry->type == QA_TYPE_CATEGORY ? QA_COLUMN_CATEGORY : QA_COLUMN_NUMERIC;
}

/* A new dataset column for a codebook entry, with its role registered; -1 on a role given
 * twice (reported). */
static int add_column(qa_importer *im, const qa_codebook_entry *entry, const char *label)
{
    qa_dataset *ds = im->dataset;
    int c = (int)ds->column_count++;
    qa_column *column = &ds->columns[c];
    memset(column, 0, sizeof *column);
    snprintf(column->name, sizeof column->name, "%s", entry->column);
    column->entry = *entry;
    if (column->entry.label[0] == '\0' && label)
        snprintf(column->entry.label, sizeof column->entry.label, "%s", label);
    column->kind = kind_of(entry);
    int *slot = role_slot(ds, entry->role);
    if (slot && *slot >= 0)
        qa_importer_report(im, 1, entry->column, "role %s is given to both '%s' and '%s'",
                           qa_role_name(entry->role), ds->columns[*slot].name, entry->column);
    else if (slot)
        *slot = c;
    if (entry->role == QA_ROLE_MEMBERS) {
        if (ds->members_column_count == QA_MAX_MEMBER_COLUMNS)
            qa_importer_report(im, 1, entry->column, "more than %d columns with role members",
                               QA_MAX_MEMBER_COLUMNS);
        else
            ds->members_columns[ds->members_column_count++] = c;
        if (ds->members_column < 0)
            ds->members_column = c;
    }
    if (entry->role == QA_ROLE_MEASURE && entry->measure >= 0 &&
        entry->measure < QA_HYPOTHESIS_COUNT) {
        size_t *count = &ds->measure_column_count[entry->measure];
        if (*count == QA_MAX_MEASURE_COLUMNS)
            qa_importer_report(im, 1, entry->column, "more than %d columns for one measure",
                               QA_MAX_MEASURE_COLUMNS);
        else
            ds->measure_columns[entry->measure][(*count)++] = c;
    }
    return c;
}

/* Registers a codebook column found in the header at file position `index`. */
static void header_add_column(qa_importer *im, size_t index, const qa_codebook_entry *entry)
{
    const char *label = im->variable_labels ? im->variable_labels[index] : NULL;
    int c = add_column(im, entry, label);
    qa_column *column = &im->dataset->columns[c];
    im->file_to_column[index] = c;
    qa_field_plan *plan = &im->plans[index];
    plan->column = c;
    plan->has_codes = entry->missing_count > 0;
    plan->action = entry->role == QA_ROLE_ID            ? QA_PLAN_ID
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
}

static int skipped(const qa_importer *im, const qa_codebook_entry *entry)
{
    return entry->role == QA_ROLE_MEASURE && entry->measure >= 0 &&
           entry->measure < QA_HYPOTHESIS_COUNT && (im->skip_measures >> entry->measure & 1u);
}

/* A did-you-mean over the header's names; the first 50 only, so a codebook of 100,000
 * absent names against a header of as many stays near-linear. */
static const char *hint_over_header(qa_importer *im, const char *name, char *buffer, size_t size)
{
    buffer[0] = '\0';
    if (im->suggestions++ >= 50)
        return buffer;
    return qa_suggest_hint(name, (const char *const *)im->header_names, im->header_count, buffer,
                           size);
}

static void header_required(qa_importer *im, qa_role role, int present)
{
    if (present)
        return;
    char hint[192];
    for (size_t i = 0; i < im->codebook->count; i++)
        if (im->codebook->entries[i].role == role) {
            const char *name = im->codebook->entries[i].column;
            qa_importer_report(im, 1, name,
                               "required column '%s' (role %s) is missing from the header%s", name,
                               qa_role_name(role), hint_over_header(im, name, hint, sizeof hint));
            return;
        }
    qa_importer_report(im, 1, NULL, "the codebook names no column with role %s (required)",
                       qa_role_name(role));
}

/* A codebook row (of a codebook file) whose column is not in the header. */
static void report_absent_row(qa_importer *im, const qa_codebook_entry *entry)
{
    char hint[192], skip[96] = "";
    if (entry->role == QA_ROLE_MEASURE)
        snprintf(skip, sizeof skip, "; pass --skip H%d if the data do not measure %s",
                 entry->measure + 1, qa_measure_name((qa_hypothesis)(entry->measure)));
    qa_importer_report(im, 1, entry->column,
                       "codebook %s line %ld names column '%s', which is not in the header%s%s",
                       im->codebook->path, entry->line, entry->column,
                       hint_over_header(im, entry->column, hint, sizeof hint), skip);
}

/* Measure k has no column: say which column was expected, or that the codebook has none. */
static void report_absent_measure(qa_importer *im, int k, const unsigned char *absent_reported)
{
    char hint[192];
    for (size_t i = 0; i < im->codebook->count; i++) {
        const qa_codebook_entry *e = &im->codebook->entries[i];
        if (e->role != QA_ROLE_MEASURE || e->measure != k)
            continue;
        if (absent_reported[i])
            return; /* its row was reported already */
        qa_importer_report(im, 1, e->column,
                           "no column '%s' for measure %s (H%d) in the header%s; name the "
                           "column in a codebook (-c FILE), or pass --skip H%d if the data do "
                           "not measure it",
                           e->column, qa_measure_name((qa_hypothesis)(k)), k + 1,
                           hint_over_header(im, e->column, hint, sizeof hint), k + 1);
        return;
    }
    qa_importer_report(im, 1, NULL,
                       "no column provides measure %s (H%d): add a codebook row with role "
                       "measure:%s, or pass --skip H%d if the data do not measure it",
                       qa_measure_name((qa_hypothesis)(k)), k + 1,
                       qa_measure_name((qa_hypothesis)(k)), k + 1);
}

/* Header names -> codebook entries through a hash table; entry_of maps the table's index to
 * the first entry of that name. */
static int index_codebook(qa_importer *im, qa_string_table *table, size_t *entry_of)
{
    memset(table, 0, sizeof *table);
    for (size_t i = 0; i < im->codebook->count; i++) {
        const char *name = im->codebook->entries[i].column;
        size_t index;
        int inserted;
        if (qa_string_table_intern(table, name, strlen(name), &index, &inserted) != 0)
            return -1;
        if (inserted)
            entry_of[index] = i;
    }
    return 0;
}

static void map_header(qa_importer *im, const qa_string_table *entries, const size_t *entry_of,
                       unsigned char *found)
{
    qa_dataset *ds = im->dataset;
    qa_string_table seen;
    memset(&seen, 0, sizeof seen);
    for (size_t i = 0; i < im->header_count && !im->fatal; i++) {
        const char *name = im->header_names[i];
        im->file_to_column[i] = -1;
        im->plans[i].column = -1;
        size_t index;
        int inserted;
        if (qa_string_table_intern(&seen, name, strlen(name), &index, &inserted) != 0)
            return qa_importer_out_of_memory(im);
        if (!inserted) {
            qa_importer_report(im, 1, name, "column '%s' appears twice in the header", name);
            continue;
        }
        size_t at;
        const qa_codebook_entry *entry = qa_string_table_find(entries, name, strlen(name), &at)
                                             ? &im->codebook->entries[entry_of[at]]
                                             : NULL;
        if (!entry) {
            ds->unknown_columns[ds->unknown_count] = strdup(name);
            if (!ds->unknown_columns[ds->unknown_count++])
                return qa_importer_out_of_memory(im);
            continue;
        }
        found[entry - im->codebook->entries] = 1;
        if (entry->has_constant)
            qa_importer_report(im, 1, name,
                               "column '%s' is in the file and has a constant (%s) in the "
                               "codebook: drop one of them",
                               name, entry->constant);
        else if (entry->role != QA_ROLE_IGNORE &&
                 !(im->skip_text_columns && entry->role == QA_ROLE_TEXT) && !skipped(im, entry))
            header_add_column(im, i, entry);
    }
    qa_string_table_free(&seen);
}

void qa_importer_header_finish(qa_importer *im)
{
    qa_dataset *ds = im->dataset;
    const qa_codebook *codebook = im->codebook;
    im->header_done = 1;
    ds->skipped_measures = im->skip_measures;
    size_t constants = 0;
    for (size_t i = 0; i < codebook->count; i++)
        constants += codebook->entries[i].has_constant;
    im->file_to_column = malloc(im->header_count * sizeof *im->file_to_column);
    ds->columns = calloc(im->header_count + constants + 1, sizeof *ds->columns);
    ds->unknown_columns = calloc(im->header_count + 1, sizeof *ds->unknown_columns);
    im->levels = calloc(im->header_count + constants + 1, sizeof *im->levels);
    im->plans = calloc(im->header_count, sizeof *im->plans);
    unsigned char *found = calloc(codebook->count + 1, 1);
    unsigned char *absent_reported = calloc(codebook->count + 1, 1);
    size_t *entry_of = malloc((codebook->count + 1) * sizeof *entry_of);
    qa_string_table entries;
    memset(&entries, 0, sizeof entries);
    if (im->levels)
        im->level_count = im->header_count + constants + 1;
    if (!im->file_to_column || !ds->columns || !ds->unknown_columns || !im->levels || !im->plans ||
        !found || !absent_reported || !entry_of || index_codebook(im, &entries, entry_of) != 0) {
        free(found);
        free(absent_reported);
        free(entry_of);
        qa_string_table_free(&entries);
        return qa_importer_out_of_memory(im);
    }
    map_header(im, &entries, entry_of, found);
    qa_string_table_free(&entries);
    free(entry_of);
    for (size_t i = 0; i < codebook->count && !im->fatal; i++) {
        const qa_codebook_entry *e = &codebook->entries[i];
        if (e->has_constant && !found[i] && !skipped(im, e))
            add_column(im, e, NULL);
        else if (!found[i] && codebook->path[0] && e->role != QA_ROLE_IGNORE && !e->has_constant &&
                 !skipped(im, e)) {
            report_absent_row(im, e);
            absent_reported[i] = 1;
        }
    }
    header_required(im, QA_ROLE_ID, ds->id_column >= 0);
    header_required(im, QA_ROLE_FORMED, ds->formed_column >= 0);
    for (int k = 0; k < QA_HYPOTHESIS_COUNT; k++)
        if (ds->measure_column_count[k] == 0 && !(im->skip_measures >> k & 1u))
            report_absent_measure(im, k, absent_reported);
    free(found);
    free(absent_reported);
}
