/* Data, Codebook and About sheets. The Data sheet is a streamed table: its rows are drawn
 * from the dataset on demand, so a large file costs no table memory (the xlsx renderer
 * writes it in libxlsxwriter's constant-memory mode). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "labels.h"
#include "report_internal.h"

typedef struct {
    const qa_dataset *dataset;
    const qa_derived *derived;
    const size_t *kept; /* dataset row of each shown row (--where), or NULL = all rows */
} data_context;

static qa_cell derived_cell(const double *values, size_t row)
{
    return values ? qa_cell_number(values[row], QA_FORMAT_GENERAL) : qa_cell_text(NULL);
}

static void data_row(const void *context, size_t shown, qa_cell *cells)
{
    const data_context *c = context;
    const qa_dataset *d = c->dataset;
    size_t row = c->kept ? c->kept[shown] : shown;
    memset(cells, 0, (d->column_count + 4) * sizeof *cells);
    if (d->line)
        cells[0] = qa_cell_number((double)d->line[row], QA_FORMAT_INTEGER);
    for (size_t k = 0; k < d->column_count; k++) {
        const qa_column *column = &d->columns[k];
        qa_cell *cell = &cells[1 + k];
        if (column->kind == QA_COLUMN_NUMERIC && column->values)
            *cell = qa_cell_number(column->values[row], QA_FORMAT_GENERAL);
        else if (column->kind == QA_COLUMN_CATEGORY && column->codes && column->codes[row] >= 0)
            *cell = qa_cell_text(column->levels[column->codes[row]]);
        else if (column->kind == QA_COLUMN_TEXT && column->text_offset &&
                 column->text_offset[row] != SIZE_MAX)
            *cell = qa_cell_text(d->text_pool + column->text_offset[row]);
    }
    size_t last = 1 + d->column_count;
    if (c->derived) {
        cells[last] = derived_cell(c->derived->duration, row);
        cells[last + 1] = derived_cell(c->derived->durable, row);
        cells[last + 2] = derived_cell(c->derived->event, row);
    }
}

static qa_status note_sheet(qa_report *report, const char *note)
{
    qa_sheet *sheet = qa_report_add_sheet(report, qa_report_label(report, "Data"));
    qa_table *table = qa_report_add_table(report, sheet, "Cases as analysed", 0, NULL);
    if (!table)
        return QA_ERR_MEMORY;
    qa_table_add_note(report, table, note);
    return QA_OK;
}

static qa_status data_sheet(qa_report *report, const char *name, const data_context *context,
                            size_t first, size_t count, size_t total, const char *const *headers,
                            size_t column_count)
{
    qa_sheet *sheet = qa_report_add_sheet(report, name);
    qa_table *table =
        qa_report_add_table(report, sheet, "Cases as analysed", column_count, headers);
    if (!table)
        return QA_ERR_MEMORY;
    for (size_t c = 1; c + 3 < column_count; c++)
        table->columns[c].header = headers[c]; /* the file's column names, untranslated */
    table->row_function = data_row;
    table->row_context = context;
    table->row_offset = first;
    table->row_count = count;
    table->filter = table->freeze = true;
    /* Split sheets say which cases they hold in the title: a note under a full sheet would
     * fall past Excel's last row. */
    if (count < total)
        table->title =
            qa_report_text(report, "%s: %zu-%zu / %zu (%s)",
                           qa_report_label(report, "Cases as analysed"), first + 1, first + count,
                           total, qa_report_label(report, "Excel holds at most 1,048,576 rows"));
    return QA_OK;
}

/* The dataset rows the analysis kept (input->rows), counted first, then listed. */
static qa_status kept_rows(qa_report *report, const qa_workbook_input *input, data_context *context,
                           size_t *count)
{
    const qa_dataset *d = input->dataset;
    *count = d->rows;
    if (!input->rows)
        return QA_OK;
    *count = 0;
    for (size_t row = 0; row < d->rows; row++)
        *count += input->rows[row] != 0;
    size_t *kept = qa_report_allocate(report, (*count ? *count : 1) * sizeof *kept);
    if (!kept)
        return QA_ERR_MEMORY;
    for (size_t row = 0, k = 0; row < d->rows; row++)
        if (input->rows[row])
            kept[k++] = row;
    context->kept = kept;
    return QA_OK;
}

static const char **data_headers(qa_report *report, const qa_dataset *d)
{
    size_t column_count = d->column_count + 4;
    const char **headers = qa_report_allocate(report, column_count * sizeof *headers);
    if (!headers)
        return NULL;
    headers[0] = "line";
    for (size_t k = 0; k < d->column_count; k++)
        headers[1 + k] = qa_report_text(report, "%s", d->columns[k].name);
    headers[column_count - 3] = "duration";
    headers[column_count - 2] = "durable";
    headers[column_count - 1] = "event";
    return headers;
}

qa_status qa_report_data_sheets(qa_report *report, const qa_workbook_input *input)
{
    const qa_dataset *d = input->dataset;
    if (input->data_sheet == QA_DATA_SHEET_NEVER)
        return note_sheet(
            report, qa_report_label(report, "The Data sheet was left out (--data-sheet never)."));
    if (!d)
        return note_sheet(report, qa_report_label(report, "None."));
    data_context *context = qa_report_allocate(report, sizeof *context);
    if (!context)
        return QA_ERR_MEMORY;
    size_t rows;
    if (kept_rows(report, input, context, &rows) != QA_OK)
        return QA_ERR_MEMORY;
    if (input->data_sheet == QA_DATA_SHEET_AUTO && rows > QA_REPORT_DATA_AUTO_LIMIT)
        return note_sheet(
            report,
            qa_report_label(
                report,
                "The Data sheet was left out: more than 100,000 cases. Use --data-sheet always to "
                "include it."));
    size_t sheets_needed = rows / QA_REPORT_DATA_ROWS_PER_SHEET + 1;
    size_t sheets_free = QA_REPORT_MAX_SHEETS - report->sheet_count - 2; /* Codebook, About */
    if (sheets_needed > sheets_free)
        return note_sheet(
            report,
            qa_report_text(report, /* the translation keeps the two %zu */
                           qa_report_label(
                               report,
                               "The Data sheet was left out: %zu cases need more than %zu sheets."),
                           rows, sheets_free));
    size_t column_count = d->column_count + 4;
    const char **headers = data_headers(report, d);
    if (!headers)
        return QA_ERR_MEMORY;
    context->dataset = d;
    context->derived = input->derived;
    for (size_t s = 0, first = 0; s < sheets_needed; s++, first += QA_REPORT_DATA_ROWS_PER_SHEET) {
        size_t count = rows - first < QA_REPORT_DATA_ROWS_PER_SHEET
                           ? rows - first
                           : QA_REPORT_DATA_ROWS_PER_SHEET;
        const char *name =
            s == 0 ? qa_report_label(report, "Data")
                   : qa_report_text(report, "%s %zu", qa_report_label(report, "Data"), s + 1);
        qa_status status =
            data_sheet(report, name, context, first, count, rows, headers, column_count);
        if (status != QA_OK)
            return status;
        if (input->rows && sheets_needed == 1)
            qa_table_add_note(
                report, &report->sheets[report->sheet_count - 1].tables[0],
                qa_report_text(report, "%s: %zu / %zu",
                               qa_report_label(report, "Rows kept by --where"), rows, d->rows));
    }
    return QA_OK;
}

static const char *role_text(qa_role role)
{
    static const char *const names[] = {"id",         "name",     "members", "formed",
                                        "start_year", "end_year", "ongoing", "observed_until",
                                        "measure",    "control",  "group",   "text",
                                        "ignore"};
    return (size_t)role < sizeof names / sizeof names[0] ? names[role] : "";
}

static const char *type_text(qa_value_type type)
{
    static const char *const names[] = {"binary",   "ordinal", "interval",
                                        "category", "year",    "text"};
    return (size_t)type < sizeof names / sizeof names[0] ? names[type] : "";
}

static void codebook_row(qa_report *report, const qa_codebook_entry *e, qa_cell *row)
{
    row[0] = qa_cell_text(qa_report_text(report, "%s", e->column));
    row[1] = qa_cell_text(role_text(e->role));
    if (e->role == QA_ROLE_MEASURE && e->measure >= 0 && e->measure < QA_HYPOTHESIS_COUNT)
        row[2] = qa_cell_text(qa_label_measure(report->language, e->measure));
    row[3] = qa_cell_text(type_text(e->type));
    row[4] = qa_cell_number(e->min, QA_FORMAT_GENERAL);
    row[5] = qa_cell_number(e->max, QA_FORMAT_GENERAL);
    char missing[QA_MAX_MISSING_CODES * 34] = "";
    for (size_t m = 0; m < e->missing_count && m < QA_MAX_MISSING_CODES; m++) {
        if (m)
            strcat(missing, "; ");
        strncat(missing, e->missing[m], 31);
    }
    row[6] = qa_cell_text(qa_report_text(report, "%s", missing));
    row[7] = qa_cell_text(qa_report_text(report, "%s", e->label));
}

qa_status qa_report_codebook_sheet(qa_report *report, const qa_workbook_input *input)
{
    static const char *const headers[] = {"Column", "Role", "Measure",       "Type",
                                          "Min",    "Max",  "Missing codes", "Label"};
    qa_sheet *sheet = qa_report_add_sheet(report, qa_report_label(report, "Codebook"));
    qa_table *table = qa_report_add_table(report, sheet, "Codebook", 8, headers);
    if (!table)
        return QA_ERR_MEMORY;
    table->filter = table->freeze = true;
    const qa_codebook *codebook = input->codebook;
    const qa_dataset *dataset = input->dataset;
    /* Without the codebook, the entries the dataset's columns carry. */
    size_t count = codebook ? codebook->count : dataset ? dataset->column_count : 0;
    for (size_t i = 0; i < count; i++) {
        qa_cell *row = qa_table_add_row(report, table);
        if (!row)
            return QA_ERR_MEMORY;
        codebook_row(report, codebook ? &codebook->entries[i] : &dataset->columns[i].entry, row);
    }
    if (codebook)
        qa_table_add_note(report, table,
                          qa_report_text(report, "%s: %s", qa_report_label(report, "Codebook file"),
                                         codebook->path[0] ? codebook->path
                                                           : qa_report_label(report, "default")));
    return QA_OK;
}
