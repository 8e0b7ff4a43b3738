/* report_internal.h: the sheet builders of src/report/, called by qa_report_build in
 * the sheet order of docs/METHODS.md §8.2. Each adds its sheet(s) to the report; QA_ERR_MEMORY on
 * failure. */
#ifndef QAREPORT_REPORT_INTERNAL_H
#define QAREPORT_REPORT_INTERNAL_H

#include "qareport/report.h"

#include "labels.h"

/* --- building blocks of the sheet builders --- */

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

/* Cell constructors. A non-finite number gives an empty cell (never a NaN in a sheet). */
qa_cell qa_cell_number(double value, qa_number_format format);
qa_cell qa_cell_count(size_t value);
qa_cell qa_cell_text(const char *text);
qa_cell qa_cell_verdict(const qa_report *report, qa_verdict verdict);

/* "model:<name>": the anchor of a model's block, which Summary rows link to. */
const char *qa_report_model_anchor(qa_report *report, const qa_model_result *model);

/* The ten verdicts in the compact form of the terminal (title may be NULL). */
qa_status qa_report_compact_table(qa_report *report, qa_sheet *sheet, const char *title,
                                  const qa_results *results);
qa_status qa_report_summary_sheet(qa_report *report, const qa_results *results,
                                  const qa_group_results *groups);
qa_status qa_report_descriptives_sheet(qa_report *report, const qa_results *results);
qa_status qa_report_correlations_sheet(qa_report *report, const qa_results *results);
/* Formation or Durability: SPSS-style blocks of every logit model of that outcome. */
qa_status qa_report_logit_sheet(qa_report *report, const qa_results *results, qa_outcome outcome);
qa_status qa_report_survival_sheet(qa_report *report, const qa_results *results);
qa_status qa_report_robustness_sheet(qa_report *report, const qa_results *results);
qa_status qa_report_charts_sheet(qa_report *report, const qa_results *results);
qa_status qa_report_diagnostics_sheet(qa_report *report, const qa_results *results);
qa_status qa_report_data_sheets(qa_report *report, const qa_workbook_input *input);
qa_status qa_report_codebook_sheet(qa_report *report, const qa_workbook_input *input);
qa_status qa_report_about_sheet(qa_report *report, const qa_workbook_input *input);

/* The source paper's wording of a hypothesis, the half for one outcome (summary.c). */
const char *qa_report_hypothesis_wording(qa_language language, qa_hypothesis hypothesis,
                                         qa_outcome outcome);
/* The measure's term in a fitted model, NULL when the model is not available. */
const qa_term_result *qa_report_measure_term(const qa_model_result *model,
                                             qa_hypothesis hypothesis);

/* Row limit of an Excel sheet (1,048,576) less the title and header rows. */
enum { QA_REPORT_DATA_ROWS_PER_SHEET = 1048576 - 2, QA_REPORT_DATA_AUTO_LIMIT = 100000 };

#endif
