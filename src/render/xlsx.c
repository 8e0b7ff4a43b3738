/* The workbook renderer: draws a qa_report (report.h) with libxlsxwriter. It knows cells,
 * number formats, colours and links, nothing of statistics. Numbers are written as numbers
 * with number formats; the workbook is written in constant-memory mode (rows streamed in
 * order, so a large Data sheet keeps memory flat); timestamps are fixed for byte-identical
 * output. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qareport/text_clean.h"
#include "xlsx_internal.h"

/* 2000-01-01T00:00:00Z: libxlsxwriter 1.1.4 treats created = 0 as "now". */
enum { FIXED_CREATED_TIME = 946684800 };
enum { MIN_WIDTH = 6, MAX_WIDTH = 50, WIDTH_SAMPLE_ROWS = 200, NOTE_MIN_WIDTH = 80 };
/* Points per line of a row whose wrapped text takes several lines (Calibri 11). */
static const double LINE_HEIGHT = 15.0;

typedef struct {
    lxw_workbook *workbook;
    lxw_format *number[QA_FORMAT_PERCENT + 1];
    lxw_format *number_left[QA_FORMAT_PERCENT + 1];
    lxw_format *heading, *title, *header, *header_number, *text, *text_wrap, *note, *link;
    lxw_format *verdict[4];
    lxw_format *significant;
    const qa_report *report;
    qa_xlsx_placement *placements[QA_REPORT_MAX_SHEETS];
    double *widths[QA_REPORT_MAX_SHEETS]; /* column widths of each sheet, in characters */
    size_t width_count[QA_REPORT_MAX_SHEETS];
} xlsx_state;

static time_t created_time(void)
{
    const char *epoch = getenv("SOURCE_DATE_EPOCH");
    if (epoch && *epoch) {
        char *end;
        long long value = strtoll(epoch, &end, 10);
        if (*end == '\0' && value > 0)
            return (time_t)value;
    }
    return (time_t)FIXED_CREATED_TIME;
}

static lxw_format *colour_format(lxw_workbook *workbook, lxw_color_t fill, lxw_color_t font)
{
    lxw_format *format = workbook_add_format(workbook);
    format_set_bg_color(format, fill);
    format_set_font_color(format, font);
    return format;
}

static void create_formats(xlsx_state *x)
{
    static const char *const patterns[] = {
        NULL, "0.000", "0.00", "[<0.001]\"<.001\";0.000", "0", "[>=1000]0.00E+00;0.00", "0.0"};
    for (int f = 0; f <= QA_FORMAT_PERCENT; f++) {
        x->number[f] = workbook_add_format(x->workbook);
        x->number_left[f] = workbook_add_format(x->workbook);
        /* top-aligned, like everything in a row that a wrapped cell makes taller */
        format_set_align(x->number[f], LXW_ALIGN_VERTICAL_TOP);
        format_set_align(x->number_left[f], LXW_ALIGN_VERTICAL_TOP);
        format_set_align(x->number_left[f], LXW_ALIGN_LEFT);
        format_set_indent(x->number_left[f], 1);
        if (patterns[f]) {
            format_set_num_format(x->number[f], patterns[f]);
            format_set_num_format(x->number_left[f], patterns[f]);
        }
    }
    x->heading = workbook_add_format(x->workbook);
    format_set_bold(x->heading);
    format_set_font_size(x->heading, 13);
    format_set_font_color(x->heading, 0x1F4E79);
    x->title = workbook_add_format(x->workbook);
    format_set_bold(x->title);
    x->header = workbook_add_format(x->workbook);
    format_set_bold(x->header);
    format_set_bottom(x->header, LXW_BORDER_THIN);
    format_set_bg_color(x->header, 0xF2F2F2);
    x->header_number = workbook_add_format(x->workbook);
    format_set_bold(x->header_number);
    format_set_bottom(x->header_number, LXW_BORDER_THIN);
    format_set_bg_color(x->header_number, 0xF2F2F2);
    format_set_align(x->header_number, LXW_ALIGN_RIGHT);
    format_set_indent(x->header, 1);
    /* text indented by one, so it never touches a right-aligned number on its left */
    x->text = workbook_add_format(x->workbook);
    format_set_indent(x->text, 1);
    format_set_align(x->text, LXW_ALIGN_VERTICAL_TOP);
    x->text_wrap = workbook_add_format(x->workbook);
    format_set_indent(x->text_wrap, 1);
    format_set_text_wrap(x->text_wrap);
    format_set_align(x->text_wrap, LXW_ALIGN_VERTICAL_TOP);
    x->note = workbook_add_format(x->workbook);
    format_set_italic(x->note);
    format_set_font_color(x->note, 0x595959);
    x->link = workbook_add_format(x->workbook);
    format_set_underline(x->link, LXW_UNDERLINE_SINGLE);
    format_set_font_color(x->link, 0x0563C1);
    format_set_indent(x->link, 1);
    format_set_align(x->link, LXW_ALIGN_VERTICAL_TOP);
    x->verdict[QA_VERDICT_SUPPORTED] = colour_format(x->workbook, 0xC6EFCE, 0x006100);
    x->verdict[QA_VERDICT_NOT_SUPPORTED] = colour_format(x->workbook, 0xFFEB9C, 0x9C5700);
    x->verdict[QA_VERDICT_CONTRADICTED] = colour_format(x->workbook, 0xFFC7CE, 0x9C0006);
    x->verdict[QA_VERDICT_NOT_TESTABLE] = colour_format(x->workbook, 0xEDEDED, 0x595959);
    x->significant = workbook_add_format(x->workbook);
    format_set_bold(x->significant);
    format_set_font_color(x->significant, 0x006100);
}

/* "internal:'Sheet'!A12" for the table whose anchor is `anchor`; false when none has it. */
static bool resolve_anchor(const xlsx_state *x, const char *anchor, char *url, size_t size)
{
    for (size_t s = 0; s < x->report->sheet_count; s++) {
        const qa_sheet *sheet = &x->report->sheets[s];
        for (size_t t = 0; t < sheet->table_count; t++)
            if (sheet->tables[t].anchor && strcmp(sheet->tables[t].anchor, anchor) == 0) {
                snprintf(url, size, "internal:'%s'!A%u", sheet->name,
                         (unsigned)x->placements[s][t].first + 1);
                return true;
            }
    }
    return false;
}

/* --- column widths --------------------------------------------------------------------- */

static size_t cell_width(const qa_cell *cell)
{
    if (cell->kind == QA_CELL_TEXT || cell->kind == QA_CELL_VERDICT)
        return qa_display_width(cell->text);
    if (cell->kind == QA_CELL_NUMBER)
        return cell->format == QA_FORMAT_GENERAL ? 12 : 9;
    return 0;
}

static void widen(double *widths, size_t column, size_t width)
{
    if (column < LXW_COL_MAX && (double)width > widths[column])
        widths[column] = (double)width;
}

/* The widths of a sheet's columns from headers, width hints and the first rows. */
static qa_status compute_widths(xlsx_state *x, size_t index)
{
    const qa_sheet *sheet = &x->report->sheets[index];
    size_t columns = 0;
    for (size_t t = 0; t < sheet->table_count; t++)
        if (sheet->tables[t].column_count > columns)
            columns = sheet->tables[t].column_count;
    double *widths = calloc(columns ? columns : 1, sizeof *widths);
    qa_cell *buffer = calloc(columns ? columns : 1, sizeof *buffer);
    x->widths[index] = widths;
    x->width_count[index] = columns;
    if (!widths || !buffer) {
        free(buffer);
        return QA_ERR_MEMORY;
    }
    for (size_t t = 0; t < sheet->table_count; t++) {
        const qa_table *table = &sheet->tables[t];
        size_t sample = table->row_count < WIDTH_SAMPLE_ROWS ? table->row_count : WIDTH_SAMPLE_ROWS;
        for (size_t c = 0; c < table->column_count; c++) {
            widen(widths, c, qa_display_width(table->columns[c].header) + 2);
            if (table->row_count > 0) /* an empty table's hint would only leave a gap */
                widen(widths, c, (size_t)table->columns[c].width);
        }
        for (size_t r = 0; r < sample; r++) {
            const qa_cell *cells = buffer;
            if (table->row_function)
                table->row_function(table->row_context, table->row_offset + r, buffer);
            else
                cells = qa_table_cell(table, r, 0);
            for (size_t c = 0; c < table->column_count; c++)
                if (!table->columns[c].wrap) /* wrapped text fits its width hint */
                    widen(widths, c, cell_width(&cells[c]) + 1);
        }
    }
    for (size_t c = 0; c < columns; c++)
        widths[c] = widths[c] < MIN_WIDTH   ? MIN_WIDTH
                    : widths[c] > MAX_WIDTH ? MAX_WIDTH
                                            : widths[c];
    free(buffer);
    return QA_OK;
}

static void set_widths(lxw_worksheet *worksheet, const xlsx_state *x, size_t index)
{
    for (size_t c = 0; c < x->width_count[index]; c++)
        worksheet_set_column(worksheet, (lxw_col_t)c, (lxw_col_t)c, x->widths[index][c], NULL);
}

/* Notes are split into lines as wide as their table (at least NOTE_MIN_WIDTH), so a long
 * note neither runs far past the table nor shrinks the printed page to fit it. */
static size_t note_width(const xlsx_state *x, size_t index, const qa_table *table)
{
    double width = 0;
    for (size_t c = 0; c < table->column_count && c < x->width_count[index]; c++)
        width += x->widths[index][c];
    width *= 1.15; /* proportional text is narrower than the digits a column width counts */
    return width < NOTE_MIN_WIDTH ? NOTE_MIN_WIDTH : (size_t)width;
}

/* Bytes of the next line of `text` at most `width` columns wide: broken after a space when
 * there is one, else at a character boundary (Chinese has no spaces). */
static size_t note_line_length(const char *text, size_t width)
{
    size_t columns = 0, last_space = 0, i = 0;
    while (text[i]) {
        const unsigned char lead = (unsigned char)text[i];
        size_t length = 1;
        while (text[i + length] && qa_utf8_continuation((unsigned char)text[i + length]))
            length++;
        columns += qa_utf8_columns(lead);
        if (columns > width && i > 0)
            return last_space ? last_space : i;
        i += length;
        if (lead == ' ')
            last_space = i;
    }
    return i;
}

static size_t note_lines(const char *note, size_t width)
{
    size_t lines = 1;
    for (size_t length; note[length = note_line_length(note, width)]; lines++)
        note += length;
    return lines;
}

/* --- layout ---------------------------------------------------------------------------- */

static qa_xlsx_placement place_table(const xlsx_state *x, size_t index, const qa_table *table,
                                     lxw_row_t row)
{
    qa_xlsx_placement p;
    p.first = row;
    row += (table->heading ? 1 : 0) + (table->title ? 1 : 0);
    p.header = row;
    if (table->column_count > 0)
        row++;
    p.data = row;
    size_t lines = 0, width = note_width(x, index, table);
    for (size_t n = 0; n < table->note_count; n++)
        lines += note_lines(table->notes[n], width);
    p.end = row + (lxw_row_t)table->row_count + (lxw_row_t)lines + 1;
    return p;
}

static qa_status place_all(xlsx_state *x)
{
    for (size_t s = 0; s < x->report->sheet_count; s++) {
        const qa_sheet *sheet = &x->report->sheets[s];
        if (compute_widths(x, s) != QA_OK)
            return QA_ERR_MEMORY;
        x->placements[s] =
            calloc(sheet->table_count ? sheet->table_count : 1, sizeof *x->placements[s]);
        if (!x->placements[s])
            return QA_ERR_MEMORY;
        lxw_row_t row = qa_xlsx_chart_rows(sheet);
        for (size_t t = 0; t < sheet->table_count; t++) {
            x->placements[s][t] = place_table(x, s, &sheet->tables[t], row);
            row = x->placements[s][t].end;
        }
    }
    return QA_OK;
}

/* --- cells and tables ------------------------------------------------------------------ */

/* Every string of a sheet goes through here: valid UTF-8 without control characters, at most
 * Excel's 32,767 characters, cut with a visible mark (text_clean.h), so no text of the input
 * can make a sheet's XML malformed or fail the report. */
static lxw_error write_string(lxw_worksheet *worksheet, lxw_row_t row, lxw_col_t col,
                              const char *text, lxw_format *format)
{
    char *owned;
    const char *clean = qa_text_clean_view(text ? text : "", QA_TEXT_CELL_LIMIT, &owned);
    if (!clean)
        return LXW_ERROR_MEMORY_MALLOC_FAILED;
    lxw_error status = worksheet_write_string(worksheet, row, col, clean, format);
    free(owned);
    return status;
}

static lxw_error write_cell(const xlsx_state *x, lxw_worksheet *worksheet, lxw_row_t row,
                            lxw_col_t col, const qa_cell *cell, const qa_table_column *column)
{
    char url[512];
    switch (cell->kind) {
    case QA_CELL_NUMBER:
        /* General needs no format: NULL also spares libxlsxwriter a format lookup per cell,
         * which dominates a large Data sheet. */
        return worksheet_write_number(worksheet, row, col, cell->number,
                                      column->left ? x->number_left[cell->format]
                                      : cell->format == QA_FORMAT_GENERAL
                                          ? NULL
                                          : x->number[cell->format]);
    case QA_CELL_TEXT:
    case QA_CELL_VERDICT:
        if (cell->link && resolve_anchor(x, cell->link, url, sizeof url)) {
            char *owned;
            const char *text =
                qa_text_clean_view(cell->text ? cell->text : "", QA_TEXT_CELL_LIMIT, &owned);
            lxw_error status =
                text ? worksheet_write_url_opt(worksheet, row, col, url, x->link, text, NULL)
                     : LXW_ERROR_MEMORY_MALLOC_FAILED;
            free(owned);
            return status;
        }
        return write_string(worksheet, row, col, cell->text, column->wrap ? x->text_wrap : x->text);
    default:
        return LXW_NO_ERROR;
    }
}

/* Lines the tallest wrapped cell of a row takes in its column. */
static size_t wrapped_lines(const double *widths, size_t width_count, const qa_table *table,
                            const qa_cell *cells)
{
    size_t lines = 1;
    for (size_t c = 0; c < table->column_count && c < width_count; c++)
        if (table->columns[c].wrap && cells[c].kind == QA_CELL_TEXT && cells[c].text) {
            size_t usable = widths[c] > 3 ? (size_t)widths[c] - 2 : 1; /* indent, margin */
            size_t n = (qa_display_width(cells[c].text) + usable - 1) / usable;
            lines = n > lines ? n : lines;
        }
    return lines;
}

static lxw_error write_rows(const xlsx_state *x, size_t index, lxw_worksheet *worksheet,
                            const qa_table *table, lxw_row_t first)
{
    qa_cell *buffer = NULL;
    if (table->row_function && !(buffer = calloc(table->column_count, sizeof *buffer)))
        return LXW_ERROR_MEMORY_MALLOC_FAILED;
    lxw_error status = LXW_NO_ERROR;
    for (size_t r = 0; r < table->row_count && status == LXW_NO_ERROR; r++) {
        const qa_cell *cells = buffer;
        if (table->row_function)
            table->row_function(table->row_context, table->row_offset + r, buffer);
        else
            cells = qa_table_cell(table, r, 0);
        size_t lines = wrapped_lines(x->widths[index], x->width_count[index], table, cells);
        if (lines > 1) /* before the row's cells: constant-memory mode writes rows in order */
            worksheet_set_row(worksheet, first + (lxw_row_t)r, LINE_HEIGHT * (double)lines, NULL);
        for (size_t c = 0; c < table->column_count && status == LXW_NO_ERROR; c++)
            status = write_cell(x, worksheet, first + (lxw_row_t)r, (lxw_col_t)c, &cells[c],
                                &table->columns[c]);
    }
    free(buffer);
    return status;
}

/* Each note as lines as wide as the table; returns the status of the last write. */
static lxw_error write_notes(const xlsx_state *x, size_t index, lxw_worksheet *worksheet,
                             const qa_table *table, lxw_row_t row)
{
    size_t width = note_width(x, index, table);
    lxw_error status = LXW_NO_ERROR;
    char line[4096];
    for (size_t n = 0; n < table->note_count && status == LXW_NO_ERROR; n++)
        for (const char *note = table->notes[n]; status == LXW_NO_ERROR;) {
            size_t length = note_line_length(note, width);
            size_t kept = length < sizeof line ? length : sizeof line - 1;
            while (kept < length && kept > 0 && qa_utf8_continuation((unsigned char)note[kept]))
                kept--; /* a line cut by the buffer ends on a character boundary */
            memcpy(line, note, kept);
            while (kept > 0 && line[kept - 1] == ' ')
                kept--; /* the space the line was broken at */
            line[kept] = '\0';
            status = write_string(worksheet, row++, 0, line, x->note);
            note += length;
            if (!*note)
                break;
        }
    return status;
}

/* Verdict colours and significant p: conditional formats, so they follow edits. Blank cells
 * count as 0 in "less than" rules, hence the ISNUMBER formula for p. */
static lxw_error conditional_formats(const xlsx_state *x, lxw_worksheet *worksheet,
                                     const qa_table *table, const qa_xlsx_placement *p)
{
    if (table->row_count == 0)
        return LXW_NO_ERROR;
    lxw_row_t last = p->data + (lxw_row_t)table->row_count - 1;
    lxw_error status = LXW_NO_ERROR;
    for (size_t c = 0; c < table->column_count && status == LXW_NO_ERROR; c++) {
        lxw_col_t col = (lxw_col_t)c;
        if (table->columns[c].verdict)
            for (int v = 0; v < 4 && status == LXW_NO_ERROR; v++) {
                char value[300];
                snprintf(value, sizeof value, "\"%s\"", x->report->verdict_labels[v]);
                lxw_conditional_format rule = {.type = LXW_CONDITIONAL_TYPE_CELL,
                                               .criteria = LXW_CONDITIONAL_CRITERIA_EQUAL_TO,
                                               .value_string = value,
                                               .format = x->verdict[v]};
                status =
                    worksheet_conditional_format_range(worksheet, p->data, col, last, col, &rule);
            }
        if (table->columns[c].highlight && status == LXW_NO_ERROR) {
            lxw_conditional_format rule = {.type = LXW_CONDITIONAL_TYPE_NO_BLANKS,
                                           .format = x->verdict[QA_VERDICT_CONTRADICTED]};
            status = worksheet_conditional_format_range(worksheet, p->data, col, last, col, &rule);
        }
        if (table->columns[c].significance && status == LXW_NO_ERROR) {
            char cell[16], formula[96];
            lxw_rowcol_to_cell(cell, p->data, col);
            snprintf(formula, sizeof formula, "=AND(ISNUMBER(%s),%s<%.15g)", cell, cell,
                     x->report->alpha);
            lxw_conditional_format rule = {.type = LXW_CONDITIONAL_TYPE_FORMULA,
                                           .value_string = formula,
                                           .format = x->significant};
            status = worksheet_conditional_format_range(worksheet, p->data, col, last, col, &rule);
        }
    }
    return status;
}

/* A column whose first rows hold a number: its header is right-aligned over the numbers. */
static bool numeric_column(const qa_table *table, size_t column)
{
    size_t sample = table->row_count < WIDTH_SAMPLE_ROWS ? table->row_count : WIDTH_SAMPLE_ROWS;
    if (table->row_function || table->columns[column].left)
        return false; /* data columns: names of the file's columns, left as they are */
    for (size_t r = 0; r < sample; r++)
        if (qa_table_cell(table, r, column)->kind == QA_CELL_NUMBER)
            return true;
    return false;
}

static lxw_error write_table(const xlsx_state *x, size_t index, lxw_worksheet *worksheet,
                             const qa_table *table, const qa_xlsx_placement *p)
{
    lxw_row_t row = p->first;
    lxw_error status = LXW_NO_ERROR;
    if (table->heading)
        status = write_string(worksheet, row++, 0, table->heading, x->heading);
    if (table->title && status == LXW_NO_ERROR)
        status = write_string(worksheet, row++, 0, table->title, x->title);
    for (size_t c = 0; c < table->column_count && status == LXW_NO_ERROR; c++) {
        lxw_format *format = numeric_column(table, c) ? x->header_number : x->header;
        status =
            table->columns[c].header[0]
                ? write_string(worksheet, p->header, (lxw_col_t)c, table->columns[c].header, format)
                : worksheet_write_blank(worksheet, p->header, (lxw_col_t)c, format);
    }
    if (status == LXW_NO_ERROR)
        status = write_rows(x, index, worksheet, table, p->data);
    if (status == LXW_NO_ERROR)
        status = write_notes(x, index, worksheet, table, p->data + (lxw_row_t)table->row_count);
    if (status == LXW_NO_ERROR)
        status = conditional_formats(x, worksheet, table, p);
    return status;
}

static void filter_and_freeze(lxw_worksheet *worksheet, const qa_sheet *sheet,
                              const qa_xlsx_placement *placements)
{
    for (size_t t = 0; t < sheet->table_count; t++) {
        const qa_table *table = &sheet->tables[t];
        if (table->filter && table->column_count > 0 && table->row_count > 0) {
            worksheet_autofilter(worksheet, placements[t].header, 0,
                                 placements[t].data + (lxw_row_t)table->row_count - 1,
                                 (lxw_col_t)(table->column_count - 1));
            break;
        }
    }
    for (size_t t = 0; t < sheet->table_count; t++)
        if (sheet->tables[t].freeze && sheet->tables[t].column_count > 0) {
            /* the Data sheet also keeps its line and case id in view when scrolled right */
            bool data = sheet->tables[t].row_function && sheet->tables[t].column_count > 2;
            worksheet_freeze_panes(worksheet, placements[t].data, data ? 2 : 0);
            break;
        }
}

static qa_status write_sheet(xlsx_state *x, size_t index, qa_error *error)
{
    const qa_sheet *sheet = &x->report->sheets[index];
    lxw_worksheet *worksheet = workbook_add_worksheet(x->workbook, sheet->name);
    if (!worksheet)
        return qa_error_set(error, QA_ERR_INTERNAL, NULL, 0, NULL, NULL,
                            "workbook: cannot add sheet '%s'", sheet->name);
    set_widths(worksheet, x, index);
    filter_and_freeze(worksheet, sheet, x->placements[index]);
    worksheet_set_landscape(worksheet);
    bool streamed = sheet->table_count > 0 && sheet->tables[0].row_function;
    if (!streamed)
        worksheet_fit_to_pages(worksheet, 1, 0); /* printed: as wide as one page */
    qa_xlsx_sheet_layout layout = {sheet, x->placements[index], x->widths[index],
                                   x->width_count[index]};
    if (sheet->chart_count > 0)
        qa_xlsx_print_charts_only(worksheet, &layout);
    else if (!streamed)
        qa_xlsx_break_between_blocks(worksheet, &layout);
    else
        qa_xlsx_print_data(worksheet, &layout);
    for (size_t t = 0; t < sheet->table_count; t++) {
        lxw_error status =
            write_table(x, index, worksheet, &sheet->tables[t], &x->placements[index][t]);
        if (status != LXW_NO_ERROR)
            return qa_error_set(error, QA_ERR_IO, NULL, 0, NULL, NULL, "workbook sheet '%s': %s",
                                sheet->name, lxw_strerror(status));
    }
    return qa_xlsx_insert_charts(x->workbook, worksheet, sheet, x->placements[index], error);
}

qa_status qa_render_xlsx(const qa_report *report, const char *path, qa_error *error)
{
    /* Probe first: libxlsxwriter only opens the file at close and prints its own error. */
    FILE *probe = fopen(path, "wb");
    if (!probe)
        return qa_error_set(error, QA_ERR_IO, path, 0, NULL, NULL, "cannot write the workbook: %s",
                            strerror(errno));
    fclose(probe);
    /* ZIP64 only when a member could pass 4 GB (about 50 million cells), so that ordinary
     * workbooks stay plain ZIP. */
    double cells = 0;
    for (size_t s = 0; s < report->sheet_count; s++)
        for (size_t t = 0; t < report->sheets[s].table_count; t++)
            cells += (double)report->sheets[s].tables[t].row_count *
                     (double)report->sheets[s].tables[t].column_count;
    lxw_workbook_options options = {.constant_memory = LXW_TRUE, .use_zip64 = cells > 5e7};
    xlsx_state x = {.report = report};
    x.workbook = workbook_new_opt(path, &options);
    if (!x.workbook)
        return qa_error_set(error, QA_ERR_IO, path, 0, NULL, NULL, "cannot create the workbook");
    lxw_doc_properties properties = {.title = "qareport", .created = created_time()};
    workbook_set_properties(x.workbook, &properties);
    create_formats(&x);
    qa_status status = place_all(&x);
    if (status != QA_OK)
        qa_error_set(error, status, NULL, 0, NULL, NULL, "workbook: out of memory");
    for (size_t s = 0; status == QA_OK && s < report->sheet_count; s++)
        status = write_sheet(&x, s, error);
    lxw_error closed = workbook_close(x.workbook);
    for (size_t s = 0; s < report->sheet_count; s++) {
        free(x.placements[s]);
        free(x.widths[s]);
    }
    if (status == QA_OK && closed != LXW_NO_ERROR)
        status = qa_error_set(error, QA_ERR_IO, path, 0, NULL, NULL,
                              "cannot write the workbook: %s", lxw_strerror(closed));
    return status;
}
