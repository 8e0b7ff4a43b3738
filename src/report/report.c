/* The table model of report.h: sheets, tables, rows, cells, notes and the string pool. */
#include "qareport/report.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report_internal.h"

void qa_report_init(qa_report *report, qa_language language, double alpha)
{
    memset(report, 0, sizeof *report);
    report->language = language;
    report->alpha = alpha;
    for (int v = 0; v < 4; v++)
        report->verdict_labels[v] = qa_label_verdict(language, (qa_verdict)v);
}

void qa_report_free(qa_report *report)
{
    for (size_t s = 0; s < report->sheet_count; s++) {
        qa_sheet *sheet = &report->sheets[s];
        for (size_t t = 0; t < sheet->table_count; t++) {
            free(sheet->tables[t].columns);
            free(sheet->tables[t].cells);
            free(sheet->tables[t].notes);
        }
        free(sheet->tables);
    }
    for (size_t i = 0; i < report->string_count; i++)
        free(report->strings[i]);
    free(report->strings);
    memset(report, 0, sizeof *report);
}

static char *pool_keep(qa_report *report, char *text)
{
    if (!text) {
        report->out_of_memory = true;
        return NULL;
    }
    if (report->string_count == report->string_capacity) {
        size_t capacity = report->string_capacity ? report->string_capacity * 2 : 256;
        char **grown = realloc(report->strings, capacity * sizeof *grown);
        if (!grown) {
            free(text);
            report->out_of_memory = true;
            return NULL;
        }
        report->strings = grown;
        report->string_capacity = capacity;
    }
    report->strings[report->string_count++] = text;
    return text;
}

const char *qa_report_text(qa_report *report, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    int length = vsnprintf(NULL, 0, format, args);
    va_end(args);
    if (length < 0)
        return NULL;
    char *text = malloc((size_t)length + 1);
    if (text) {
        va_start(args, format);
        vsnprintf(text, (size_t)length + 1, format, args);
        va_end(args);
    }
    return pool_keep(report, text);
}

void *qa_report_allocate(qa_report *report, size_t size)
{
    return pool_keep(report, calloc(1, size ? size : 1));
}

const char *qa_report_label(const qa_report *report, const char *english)
{
    return qa_label(report->language, english);
}

qa_sheet *qa_report_add_sheet(qa_report *report, const char *name)
{
    if (report->sheet_count == QA_REPORT_MAX_SHEETS) {
        report->out_of_memory = true;
        return NULL;
    }
    qa_sheet *sheet = &report->sheets[report->sheet_count++];
    memset(sheet, 0, sizeof *sheet);
    sheet->name = name;
    return sheet;
}

qa_table *qa_report_add_table(qa_report *report, qa_sheet *sheet, const char *title,
                              size_t column_count, const char *const *headers)
{
    if (!sheet)
        return NULL;
    if (sheet->table_count == sheet->table_capacity) {
        size_t capacity = sheet->table_capacity ? sheet->table_capacity * 2 : 8;
        qa_table *grown = realloc(sheet->tables, capacity * sizeof *grown);
        if (!grown) {
            report->out_of_memory = true;
            return NULL;
        }
        sheet->tables = grown;
        sheet->table_capacity = capacity;
    }
    qa_table *table = &sheet->tables[sheet->table_count];
    memset(table, 0, sizeof *table);
    table->columns = calloc(column_count ? column_count : 1, sizeof *table->columns);
    if (!table->columns) {
        report->out_of_memory = true;
        return NULL;
    }
    sheet->table_count++;
    table->title = title ? qa_report_label(report, title) : NULL;
    table->column_count = column_count;
    for (size_t c = 0; c < column_count; c++)
        table->columns[c].header = qa_report_label(report, headers[c]);
    return table;
}

qa_cell *qa_table_add_row(qa_report *report, qa_table *table)
{
    if (!table)
        return NULL;
    if (table->row_count == table->row_capacity) {
        size_t capacity = table->row_capacity ? table->row_capacity * 2 : 8;
        qa_cell *grown = realloc(table->cells, capacity * table->column_count * sizeof *grown);
        if (!grown) {
            report->out_of_memory = true;
            return NULL;
        }
        table->cells = grown;
        table->row_capacity = capacity;
    }
    qa_cell *row = &table->cells[table->row_count++ * table->column_count];
    memset(row, 0, table->column_count * sizeof *row);
    return row;
}

void qa_table_add_note(qa_report *report, qa_table *table, const char *note)
{
    if (!table || !note)
        return;
    if (table->note_count == table->note_capacity) {
        size_t capacity = table->note_capacity ? table->note_capacity * 2 : 4;
        const char **grown = realloc(table->notes, capacity * sizeof *grown);
        if (!grown) {
            report->out_of_memory = true;
            return;
        }
        table->notes = grown;
        table->note_capacity = capacity;
    }
    table->notes[table->note_count++] = note;
}

const qa_cell *qa_table_cell(const qa_table *table, size_t row, size_t column)
{
    return &table->cells[row * table->column_count + column];
}

qa_cell qa_cell_number(double value, qa_number_format format)
{
    qa_cell cell = {0};
    if (isfinite(value)) {
        cell.kind = QA_CELL_NUMBER;
        cell.number = value;
        cell.format = format;
    }
    return cell;
}

qa_cell qa_cell_count(size_t value)
{
    return qa_cell_number((double)value, QA_FORMAT_INTEGER);
}

qa_cell qa_cell_text(const char *text)
{
    qa_cell cell = {0};
    if (text && *text) {
        cell.kind = QA_CELL_TEXT;
        cell.text = text;
    }
    return cell;
}

qa_cell qa_cell_verdict(const qa_report *report, qa_verdict verdict)
{
    qa_cell cell = {0};
    cell.kind = QA_CELL_VERDICT;
    cell.verdict = verdict;
    cell.text = report->verdict_labels[verdict];
    return cell;
}
