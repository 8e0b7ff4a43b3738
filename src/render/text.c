/* The terminal renderer: a table of the report (report.h) as aligned plain text. The
 * summary of the ten verdicts is the compact Summary table, so the terminal and the
 * workbook show the same numbers; it fits 80 columns (flags are one-letter codes). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qareport/render.h"
#include "qareport/report.h"
#include "qareport/text_clean.h"

enum { TEXT_CELL = 64, MAX_TEXT_COLUMNS = 32, TEXT_WIDTH = 80 };

/* The number as its format shows it in a spreadsheet. */
static void format_number(char *buffer, size_t size, double value, qa_number_format format)
{
    switch (format) {
    case QA_FORMAT_DECIMAL3:
        snprintf(buffer, size, "%.3f", value);
        break;
    case QA_FORMAT_DECIMAL2:
        snprintf(buffer, size, "%.2f", value);
        break;
    case QA_FORMAT_P:
        if (value < 0.001)
            snprintf(buffer, size, "<.001");
        else
            snprintf(buffer, size, "%.3f", value);
        break;
    case QA_FORMAT_INTEGER:
        snprintf(buffer, size, "%.0f", value);
        break;
    case QA_FORMAT_RATIO:
        snprintf(buffer, size, value >= 1000 ? "%.1e" : "%.2f", value);
        break;
    case QA_FORMAT_PERCENT:
        snprintf(buffer, size, "%.1f", value);
        break;
    default:
        snprintf(buffer, size, "%g", value);
        break;
    }
}

/* Cuts text after `columns` display columns (at a character boundary). */
static void cut_text(char *text, size_t columns)
{
    size_t width = 0;
    for (unsigned char *p = (unsigned char *)text; *p; p++) {
        if (qa_utf8_continuation(*p))
            continue;
        width += qa_utf8_columns(*p);
        if (width > columns) {
            *p = '\0';
            return;
        }
    }
}

/* An empty cell shows the table's placeholder ("-" unless set: not computed) in a column of
 * numbers and nothing elsewhere. */
static void cell_text(const qa_table *table, size_t column, const qa_cell *cell,
                      bool numeric_column, char *buffer, size_t size)
{
    if (cell->kind == QA_CELL_NUMBER)
        format_number(buffer, size, cell->number, cell->format);
    else if (cell->kind == QA_CELL_TEXT || cell->kind == QA_CELL_VERDICT)
        qa_text_clean_into(buffer, size, cell->text ? cell->text : "", QA_TEXT_NO_LIMIT);
    else
        snprintf(buffer, size, "%s",
                 numeric_column ? (table->empty_number ? table->empty_number : "-") : "");
    if (table->columns[column].text_limit)
        cut_text(buffer, table->columns[column].text_limit);
}

static void print_padded(FILE *out, const char *text, size_t width, bool right)
{
    size_t used = qa_display_width(text);
    size_t pad = width > used ? width - used : 0;
    if (right)
        fprintf(out, "%*s%s", (int)pad, "", text);
    else
        fprintf(out, "%s%*s", text, (int)pad, "");
}

static bool numeric_column(const qa_table *table, size_t c)
{
    if (table->columns[c].numbers)
        return true;
    for (size_t r = 0; r < table->row_count; r++)
        if (qa_table_cell(table, r, c)->kind == QA_CELL_NUMBER)
            return true;
    return false;
}

static void print_row(FILE *out, const qa_table *table, const size_t *widths, const bool *right,
                      size_t row, bool header)
{
    char line[TEXT_CELL * MAX_TEXT_COLUMNS] = "";
    size_t columns =
        table->column_count < MAX_TEXT_COLUMNS ? table->column_count : MAX_TEXT_COLUMNS;
    FILE *buffer = fmemopen(line, sizeof line - 1, "w");
    if (!buffer)
        return;
    for (size_t c = 0; c < columns; c++) {
        char text[TEXT_CELL];
        if (header)
            qa_text_clean_into(text, sizeof text, table->columns[c].header, QA_TEXT_NO_LIMIT);
        else
            cell_text(table, c, qa_table_cell(table, row, c), right[c], text, sizeof text);
        if (c > 0)
            fputc(' ', buffer);
        print_padded(buffer, text, widths[c], right[c]);
    }
    fclose(buffer);
    size_t length = strlen(line);
    while (length > 0 && line[length - 1] == ' ')
        line[--length] = '\0';
    fprintf(out, "%s\n", line);
}

/* Prints a note wrapped at TEXT_WIDTH columns, breaking at spaces (or anywhere in text
 * without spaces, such as Chinese); cleaned first (text_clean.h), like every text printed. */
static void print_wrapped(FILE *out, const char *raw)
{
    char *owned;
    const char *text = qa_text_clean_view(raw, QA_TEXT_NO_LIMIT, &owned);
    if (!text)
        text = "";
    while (*text) {
        size_t width = 0, cut = 0, last_space = 0;
        const unsigned char *p = (const unsigned char *)text;
        for (size_t i = 0; p[i]; i++) {
            if (qa_utf8_continuation(p[i]))
                continue;
            size_t w = qa_utf8_columns(p[i]);
            if (width + w > TEXT_WIDTH)
                break;
            width += w;
            if (p[i] == ' ')
                last_space = i;
            cut = i + 1;
            while (p[cut] && qa_utf8_continuation(p[cut]))
                cut++;
        }
        if (text[cut] && last_space > 0)
            cut = last_space;
        fprintf(out, "%.*s\n", (int)cut, text);
        text += cut;
        while (*text == ' ')
            text++;
    }
    free(owned);
}

/* One table: title, headers, rows, notes. */
static void text_table(const qa_table *table, FILE *out)
{
    size_t widths[MAX_TEXT_COLUMNS] = {0};
    bool right[MAX_TEXT_COLUMNS] = {false};
    size_t columns =
        table->column_count < MAX_TEXT_COLUMNS ? table->column_count : MAX_TEXT_COLUMNS;
    if (table->row_function)
        return; /* streamed tables (the Data sheet) are for the workbook only */
    for (size_t c = 0; c < columns; c++) {
        right[c] = numeric_column(table, c);
        char header[TEXT_CELL];
        qa_text_clean_into(header, sizeof header, table->columns[c].header, QA_TEXT_NO_LIMIT);
        widths[c] = qa_display_width(header);
        if (widths[c] < table->columns[c].text_width)
            widths[c] = table->columns[c].text_width;
        for (size_t r = 0; r < table->row_count; r++) {
            char text[TEXT_CELL];
            cell_text(table, c, qa_table_cell(table, r, c), right[c], text, sizeof text);
            size_t width = qa_display_width(text);
            if (width > widths[c])
                widths[c] = width;
        }
    }
    if (table->title) {
        char *owned;
        const char *title = qa_text_clean_view(table->title, QA_TEXT_NO_LIMIT, &owned);
        fprintf(out, "%s\n", title ? title : "");
        free(owned);
    }
    if (columns > 0) { /* a table of no columns is a line of text (its title) and notes */
        print_row(out, table, widths, right, 0, true);
        for (size_t r = 0; r < table->row_count; r++)
            print_row(out, table, widths, right, r, false);
    }
    for (size_t n = 0; n < table->note_count; n++)
        print_wrapped(out, table->notes[n]);
}

void qa_render_text_sheet(const qa_sheet *sheet, FILE *out)
{
    for (size_t t = 0; t < sheet->table_count; t++) {
        if (t > 0)
            fputc('\n', out);
        text_table(&sheet->tables[t], out);
    }
}
