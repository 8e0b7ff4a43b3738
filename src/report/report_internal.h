/* report_internal.h: the sheet builders of src/report/, called by qa_report_build in
 * the sheet order of docs/METHODS.md §8.2. Each adds its sheet(s) to the report; QA_ERR_MEMORY on
 * failure. */
#ifndef QAREPORT_REPORT_INTERNAL_H
#define QAREPORT_REPORT_INTERNAL_H

#include "qareport/report.h"

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

/* Row limit of an Excel sheet (1,048,576) less the title and header rows. */
enum { QA_REPORT_DATA_ROWS_PER_SHEET = 1048576 - 2, QA_REPORT_DATA_AUTO_LIMIT = 100000 };

#endif
