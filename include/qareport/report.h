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
#include "qareport/results.h"

/* Language of labels in the workbook and terminal summaries. */
typedef enum { QA_LANG_EN = 0, QA_LANG_ZH = 1 } qa_language;

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
    /* terminal only */
    size_t text_width; /* at least this many display columns */
    size_t text_limit; /* text cut after this many display columns; 0 = never */
    bool numbers;      /* a column of numbers (right-aligned, placeholder when empty) even
                          when every cell is empty */
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
    bool filter;              /* autofilter on the header (first such table of a sheet) */
    bool freeze;              /* freeze panes below the header (first such table of a sheet) */
    const char *empty_number; /* terminal: an empty cell of a number column; NULL = "-" */
} qa_table;

typedef enum { QA_CHART_FOREST = 0, QA_CHART_STEP, QA_CHART_BAR } qa_chart_kind;

enum { QA_CHART_MAX_SERIES = 12 };

/* A series over rows [first_row, first_row + row_count) of a table (data rows, 0-based). */
typedef struct {
    const char *name;
    size_t first_row, row_count;
    size_t x_column, y_column;
    size_t table;      /* STEP: the table of the rows (index on the same sheet) */
    bool markers_only; /* STEP: marks without a line (censored cases) */
} qa_chart_series;

/* FOREST: a scatter on a log x axis: the odds ratio (value_column) at height
 * position_column of each row of `table`, labelled by category_column, and one whisker
 * series per row in `series` (two rows of series_table: lower and upper limit).
 * STEP: scatter with straight lines, one series per curve (x time, y survival), rows of the
 * series' own table; a markers_only series marks points (censored cases) without a line.
 * BAR: categories and value columns of all rows. */
typedef struct {
    qa_chart_kind kind;
    const char *title, *x_title, *y_title;
    size_t table;        /* index of the table on the same sheet */
    size_t series_table; /* the table `series` refer to */
    size_t category_column, value_column, position_column;
    double x_min, x_max; /* FOREST: the log axis's bounds; 0 = the spreadsheet's own */
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

/* Figures for a paper (--figures): what each draws, in data units; the figure renderer
 * (render.h) turns them into PDF, SVG and PNG knowing nothing of statistics. */
typedef enum { QA_FIGURE_FOREST = 0, QA_FIGURE_SURVIVAL } qa_figure_kind;

enum {
    QA_FIGURE_MAX_ROWS = QA_TEST_COUNT,
    QA_FIGURE_MAX_CURVES = 2,
    QA_FIGURE_MAX_TICKS = 12,
    QA_REPORT_MAX_FIGURES = 1 + QA_HYPOTHESIS_COUNT
};

/* A forest-plot row: an estimate and its interval on the ratio scale; NaN = not estimable. */
typedef struct {
    const char *label;
    double estimate, lower, upper;
} qa_figure_row;

/* A survival curve: step corners from (0, 1), censoring marks on the curve, and the number
 * at risk at each of the figure's x ticks. Arrays live in the report's pool. */
typedef struct {
    const char *name;
    size_t count;
    const double *time, *survival;
    size_t censor_count;
    const double *censor_time, *censor_survival;
    size_t at_risk[QA_FIGURE_MAX_TICKS];
} qa_figure_curve;

typedef struct {
    qa_figure_kind kind;
    const char *file_stem; /* "forest", "km_security", ...: ASCII, no folder */
    const char *title, *x_title, *y_title;
    const char *note;      /* one line beneath the plot, or NULL */
    size_t row_count;      /* FOREST: top to bottom */
    qa_figure_row rows[QA_FIGURE_MAX_ROWS];
    size_t curve_count;    /* SURVIVAL */
    qa_figure_curve curves[QA_FIGURE_MAX_CURVES];
    size_t tick_count;     /* SURVIVAL: x ticks, and where the numbers at risk are counted */
    double ticks[QA_FIGURE_MAX_TICKS];
    const char *at_risk_title;
} qa_figure;

typedef struct {
    qa_language language;
    double alpha;                  /* significance colouring */
    const char *verdict_labels[4]; /* indexed by qa_verdict */
    size_t sheet_count;
    qa_sheet sheets[QA_REPORT_MAX_SHEETS];
    size_t figure_count;
    qa_figure figures[QA_REPORT_MAX_FIGURES];
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

/* Lays out every sheet of the workbook (docs/METHODS.md §8.2, in its order). */
qa_status qa_report_build(const qa_workbook_input *input, qa_report *report, qa_error *error);
/* Only the Summary sheet (the terminal summary draws its first table). compact drops the
 * columns that do not fit a terminal. */
qa_status qa_report_build_summary(const qa_results *results, bool compact, qa_report *report,
                                  qa_error *error);

/* The terminal summaries: one sheet whose tables the text renderer draws in order.
 * `analyze --by`: each group's compact ten verdicts, then for each further group the z tests
 * of the difference of each primary coefficient against the first group. */
qa_status qa_report_build_groups_summary(const qa_group_results *groups, qa_report *report,
                                         qa_error *error);
/* `compare`: the join, agreement per coded column, the ten verdicts of both codings with the
 * flips and the cases that drive them, and for two case sets the coefficients side by side. */
qa_status qa_report_build_compare_summary(const qa_compare_result *result, qa_report *report,
                                          qa_error *error);
/* The figures of an analysis (--figures): the forest plot of the ten primary odds ratios and
 * one Kaplan–Meier figure per measure (above vs at or below the median, censoring marks,
 * numbers at risk, log-rank p), in the report's language. */
qa_status qa_report_build_figures(const qa_results *results, qa_report *report,
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

/* The cell at (row, column) of a stored table. */
const qa_cell *qa_table_cell(const qa_table *table, size_t row, size_t column);

#endif
