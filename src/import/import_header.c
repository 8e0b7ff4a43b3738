/* The importer's header row: each name mapped through the codebook to a dataset column and
 * a storage plan; unknown names listed; required roles checked. */
#include "import_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void qa_importer_header_field(qa_importer *im, const char *text, size_t size, long line)
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
    case QA_ROLE_MEMBERS:
        return &ds->members_column;
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
    int *slot = role_slot(ds, entry->role);
    if (slot && *slot >= 0)
        qa_importer_report(im, 1, entry->column, "role %s is given to both '%s' and '%s'",
                           qa_role_name(entry->role), ds->columns[*slot].name, entry->column);
    else if (slot)
        *slot = c;
    if (entry->role == QA_ROLE_MEASURE && entry->measure >= 0 &&
        entry->measure < QA_HYPOTHESIS_COUNT) {
        size_t *count = &ds->measure_column_count[entry->measure];
        if (*count == QA_MAX_MEASURE_COLUMNS)
            qa_importer_report(im, 1, entry->column, "more than %d columns for one measure",
                               QA_MAX_MEASURE_COLUMNS);
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

void qa_importer_header_finish(qa_importer *im)
{
    qa_dataset *ds = im->dataset;
    im->header_done = 1;
    im->file_to_column = malloc(im->header_count * sizeof *im->file_to_column);
    ds->columns = calloc(im->header_count, sizeof *ds->columns);
    ds->unknown_columns = calloc(im->header_count, sizeof *ds->unknown_columns);
    im->levels = calloc(im->header_count, sizeof *im->levels);
    im->plans = calloc(im->header_count, sizeof *im->plans);
    if (!im->file_to_column || !ds->columns || !ds->unknown_columns || !im->levels || !im->plans)
        return qa_importer_out_of_memory(im);
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
                return qa_importer_out_of_memory(im);
        } else if (entry->role != QA_ROLE_IGNORE &&
                   !(im->skip_text_columns && entry->role == QA_ROLE_TEXT)) {
            header_add_column(im, i, entry);
        }
    }
    int measures = 0;
    for (int k = 0; k < QA_HYPOTHESIS_COUNT; k++)
        measures += ds->measure_column_count[k] > 0;
    header_required(im, QA_ROLE_ID, ds->id_column >= 0);
    header_required(im, QA_ROLE_FORMED, ds->formed_column >= 0);
    if (!measures)
        qa_importer_report(im, 1, NULL,
                           "no measure column (security, political, economic, "
                           "cognitive or value) in the header");
}
