/* report_tables.h: the regression tables of an analysis as a journal prints them (`analyze
 * --tables`, docs/METHODS.md §8.11): one column per model, each coefficient with its standard
 * error (or 95% confidence interval) beneath, optional significance stars, then the verdict
 * rows, N, events, pseudo-R² and AIC, and notes on the method, the standard errors and the
 * multiplicity adjustment. Every cell is text formatted here, in the report's language; the
 * table renderers (render_tables.h) only draw it as LaTeX, Markdown or HTML, escaping it. */
#ifndef QAREPORT_REPORT_TABLES_H
#define QAREPORT_REPORT_TABLES_H

#include <stdbool.h>
#include <stddef.h>

#include "qareport/error.h"
#include "qareport/report.h"
#include "qareport/results.h"

/* What stands beneath a coefficient: its standard error in parentheses, or its 95% confidence
 * interval in brackets (--tables-ci). */
typedef enum { QA_PAPER_SE = 0, QA_PAPER_CI } qa_paper_uncertainty;

typedef struct {
    qa_paper_uncertainty uncertainty;
    bool stars; /* * p < .05, ** p < .01, *** p < .001 (--stars); off by default */
} qa_paper_options;

typedef enum {
    QA_PAPER_ROW_ESTIMATE = 0, /* a coefficient: its label and one estimate per model */
    QA_PAPER_ROW_UNCERTAINTY,  /* the SE or CI beneath it: no label */
    QA_PAPER_ROW_STATISTIC     /* verdict rows, N, events, ...: the first starts the bottom panel */
} qa_paper_row_kind;

enum { QA_PAPER_MAX_COLUMNS = QA_HYPOTHESIS_COUNT + 1, QA_PAPER_MAX_NOTES = 12 };

typedef struct {
    const char *text;  /* formatted; "" = empty */
    const char *stars; /* "", "*", "**" or "***" */
    bool number;       /* a number ("-" is a minus sign, "<" a comparison) */
} qa_paper_cell;

typedef struct {
    const char *label;
    qa_paper_row_kind kind;
    qa_paper_cell cells[QA_PAPER_MAX_COLUMNS];
} qa_paper_row;

typedef struct {
    const char *title; /* without its number: "Formation: logistic regression (log-odds)" */
    size_t column_count;
    const char *column_numbers[QA_PAPER_MAX_COLUMNS]; /* "(1)", "(2)", ... */
    const char *column_labels[QA_PAPER_MAX_COLUMNS];  /* the model: "security", "joint" */
    size_t row_count, row_capacity;
    qa_paper_row *rows;
    size_t note_count;
    const char *notes[QA_PAPER_MAX_NOTES]; /* paragraphs beneath the table */
} qa_paper_table;

typedef struct {
    qa_language language;
    const char *title;      /* of the document */
    const char *table_word; /* "Table" / "表": tables are numbered 1, 2, ... in order */
    const char *note_word;  /* "Note" / "注" */
    size_t table_count, table_capacity;
    qa_paper_table *tables;
    qa_report pool; /* the strings (and the language); no sheets */
} qa_paper_tables;

void qa_paper_tables_init(qa_paper_tables *tables, qa_language language);
void qa_paper_tables_free(qa_paper_tables *tables);

/* Appends the tables of one analysis: formation (logit), durability (the T-year logit) and
 * durability (Cox), each with a column per measure's univariate model and one for the joint
 * model, for the models the analysis has. `group` (may be NULL) names the --by group in the
 * titles. QA_ERR_MEMORY when allocation fails. */
qa_status qa_paper_tables_build(const qa_results *results, const char *group,
                                const qa_paper_options *options, qa_paper_tables *tables,
                                qa_error *error);

#endif
