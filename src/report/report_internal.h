/* report_internal.h: the sheet builders of src/report/, called by qa_report_build in
 * SPEC's sheet order. Each adds its sheet(s) to the report; QA_ERR_MEMORY on failure. */
#ifndef QAREPORT_REPORT_INTERNAL_H
#define QAREPORT_REPORT_INTERNAL_H

#include "qareport/report.h"

/* "model:<name>": the anchor of a model's block, which Summary rows link to. */
const char *qa_report_model_anchor(qa_report *report, const qa_model_result *model);

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
