/* report.h: the analysis laid out as tables, once. A qa_report is a list of sheets; a sheet
 * is a list of tables (title, column headers, rows of typed cells with number formats,
 * notes, an anchor other cells can link to) and of charts over those tables. The builders
 * here turn results into a report; the renderers (render.h) draw it knowing nothing of
 * statistics; this module knows nothing of xlsx and never calls a renderer. All text lives in the
 * report's string pool and is freed with the report. */
#ifndef QAREPORT_REPORT_H
#define QAREPORT_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "qareport/codebook.h"
#include "qareport/compare.h"
#include "qareport/dataset.h"
#include "qareport/error.h"
#include "qareport/labels.h"
#include "qareport/results.h"

typedef enum {
    QA_CELL_EMPTY = 0,
    QA_CELL_NUMBER, /* number shown with the cell's format */
    QA_CELL_TEXT,
    QA_CELL_VERDICT /* text of a verdict, coloured by it */
} qa_cell_kind;

typedef enum {
    QA_FORMAT_GENERAL = 0,
    QA_FORMAT_DECIMAL3, /* 0.000 */
    QA_FORMAT_DECIMAL2, /* 0.00 */
    QA_FORMAT_P,        /* 0.000, "<.001" below 0.001 */
    QA_FORMAT_INTEGER,  /* 0 */
    QA_FORMAT_RATIO,    /* 0.00, scientific from 1000 (huge odds ratios stay readable) */
    QA_FORMAT_PERCENT   /* 0.0, a percentage already multiplied by 100 */
} qa_number_format;

typedef struct {
    qa_cell_kind kind;
    qa_number_format format;
    double number;
    const char *text;   /* TEXT, VERDICT */
    qa_verdict verdict; /* VERDICT */
    const char *link;   /* anchor of the table this cell opens, or NULL */
} qa_cell;

typedef struct {
    const char *header;
    bool significance; /* a p column: coloured when below the report's alpha */
    bool verdict;      /* verdict texts coloured by verdict */
    bool left;         /* numbers aligned left, with the text of the column (key-value lists) */
    bool wrap;         /* long text wraps within `width` instead of spilling to the right */
    bool highlight;    /* non-empty cells stand out (a flip of a verdict) */
    double width;      /* characters; 0 = from the content */
} qa_table_column;

/* Fills `cells` (column_count of them) for data row `row` of a streamed table. Text must
 * stay valid until the report is freed (it points into the caller's data). */
typedef void (*qa_table_row_function)(const void *context, size_t row, qa_cell *cells);

typedef struct {
    const char *heading; /* optional line above the title (starts a model block) */
    const char *title;
    const char *anchor; /* name that links point at, or NULL */
    size_t column_count;
    qa_table_column *columns;
    size_t row_count, row_capacity;
    qa_cell *cells; /* row_count × column_count, row-major (not for streamed tables) */
    qa_table_row_function row_function; /* streamed table: rows come from here */
    const void *row_context;
    size_t row_offset; /* first row passed to row_function */
    size_t note_count, note_capacity;
    const char **notes;
    bool filter; /* autofilter on the header (first such table of a sheet) */
    bool freeze; /* freeze panes below the header (first such table of a sheet) */
} qa_table;

typedef enum { QA_CHART_FOREST = 0, QA_CHART_STEP, QA_CHART_BAR } qa_chart_kind;

enum { QA_CHART_MAX_SERIES = 12 };

/* A series over rows [first_row, first_row + row_count) of a table (data rows, 0-based). */
typedef struct {
    const char *name;
    size_t first_row, row_count;
    size_t x_column, y_column;
} qa_chart_series;

/* FOREST: a scatter on a log x axis: the odds ratio (value_column) at height
 * position_column of each row of `table`, labelled by category_column, and one whisker
 * series per row in `series` (two rows of series_table: lower and upper limit).
 * STEP: scatter with straight lines, one series per curve (x time, y survival).
 * BAR: categories and value columns of all rows. */
typedef struct {
    qa_chart_kind kind;
    const char *title, *x_title, *y_title;
    size_t table;        /* index of the table on the same sheet */
    size_t series_table; /* the table `series` refer to */
    size_t category_column, value_column, position_column;
    size_t series_count;
    qa_chart_series series[QA_CHART_MAX_SERIES];
} qa_chart;

enum { QA_REPORT_MAX_SHEETS = 32, QA_SHEET_MAX_CHARTS = 8 };

typedef struct {
    const char *name;
    size_t table_count, table_capacity;
    qa_table *tables;
    size_t chart_count;
    qa_chart charts[QA_SHEET_MAX_CHARTS];
} qa_sheet;

typedef struct {
    qa_language language;
    double alpha;                  /* significance colouring */
    const char *verdict_labels[4]; /* indexed by qa_verdict */
    size_t sheet_count;
    qa_sheet sheets[QA_REPORT_MAX_SHEETS];
    size_t string_count, string_capacity;
    char **strings;     /* the pool */
    bool out_of_memory; /* set by any failed allocation; build reports it */
} qa_report;

void qa_report_init(qa_report *report, qa_language language, double alpha);
void qa_report_free(qa_report *report);

/* Everything the workbook shows. Only results is required; the others may be NULL and
 * their sheets then say so. */
typedef struct {
    const qa_results *results;      /* the analysis */
    const qa_group_results *groups; /* --by: NULL when not grouped */
    const qa_dataset *dataset;      /* Data and Codebook sheets */
    const qa_derived *derived;      /* duration/durable/event per row */
    const qa_codebook *codebook;
    const char *command_line;  /* About: the exact reproducing command */
    const char *tool_versions; /* About: "libxlsxwriter 1.1.4, GSL 2.7, ..." */
    qa_language language;
    qa_data_sheet_mode data_sheet; /* auto: included up to 100,000 cases */
    const unsigned char *rows;     /* Data sheet: rows[row] = 1 for the rows analysed
                                    * (--where); NULL = all rows */
} qa_workbook_input;

/* Lays out every sheet of the workbook (SPEC "The workbook", in its order). */
qa_status qa_report_build(const qa_workbook_input *input, qa_report *report, qa_error *error);
/* Only the Summary sheet (the terminal summary draws its first table). compact drops the
 * columns that do not fit a terminal. */
qa_status qa_report_build_summary(const qa_results *results, bool compact, qa_report *report,
                                  qa_error *error);

/* Everything the compare workbook shows. */
typedef struct {
    const qa_compare_result *result;
    const qa_codebook *codebook;
    const char *command_line;
    const char *tool_versions;
    qa_language language;
} qa_compare_workbook_input;
/* Lays out the compare workbook: Agreement, Disagreements, Verdicts, Coefficients, Cases,
 * About. */
qa_status qa_report_build_compare(const qa_compare_workbook_input *input, qa_report *report,
                                  qa_error *error);

/* --- building blocks (used by the sheet builders in src/report/) --- */

/* printf into the pool; NULL (and out_of_memory set) when allocation fails. */
const char *qa_report_text(qa_report *report, const char *format, ...)
    __attribute__((format(printf, 2, 3)));
/* Zeroed memory owned by the pool (e.g. a streamed table's context). */
void *qa_report_allocate(qa_report *report, size_t size);
/* The label of `english` in the report's language. */
const char *qa_report_label(const qa_report *report, const char *english);
qa_sheet *qa_report_add_sheet(qa_report *report, const char *name);
/* A table with `column_count` columns whose headers are labels (translated). The pointer
 * stays valid until the next table is added to the same sheet. */
qa_table *qa_report_add_table(qa_report *report, qa_sheet *sheet, const char *title,
                              size_t column_count, const char *const *headers);
/* A new row of empty cells; NULL when out of memory. */
qa_cell *qa_table_add_row(qa_report *report, qa_table *table);
void qa_table_add_note(qa_report *report, qa_table *table, const char *note);
/* The cell at (row, column) of a stored table. */
const qa_cell *qa_table_cell(const qa_table *table, size_t row, size_t column);

/* Cell constructors. A non-finite number gives an empty cell (never a NaN in a sheet). */
qa_cell qa_cell_number(double value, qa_number_format format);
qa_cell qa_cell_count(size_t value);
qa_cell qa_cell_text(const char *text);
qa_cell qa_cell_verdict(const qa_report *report, qa_verdict verdict);

#endif
