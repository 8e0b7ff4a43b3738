/* qa_report_build: every sheet of the workbook, in the order of docs/METHODS.md §8.2. */
#include "report_internal.h"

qa_status qa_report_build(const qa_workbook_input *input, qa_report *report, qa_error *error)
{
    if (!input || !input->results)
        return qa_error_set(error, QA_ERR_INTERNAL, NULL, 0, NULL, NULL,
                            "workbook: no results to lay out");
    const qa_results *r = input->results;
    report->alpha = r->options.alpha;
    qa_status status = qa_report_summary_sheet(report, r, input->groups);
    if (status == QA_OK)
        status = qa_report_descriptives_sheet(report, r);
    if (status == QA_OK)
        status = qa_report_correlations_sheet(report, r);
    if (status == QA_OK)
        status = qa_report_logit_sheet(report, r, QA_OUTCOME_FORMATION);
    if (status == QA_OK)
        status = qa_report_logit_sheet(report, r, QA_OUTCOME_DURABILITY);
    if (status == QA_OK)
        status = qa_report_survival_sheet(report, r);
    if (status == QA_OK)
        status = qa_report_robustness_sheet(report, r);
    if (status == QA_OK)
        status = qa_report_charts_sheet(report, r);
    if (status == QA_OK)
        status = qa_report_diagnostics_sheet(report, r);
    if (status == QA_OK)
        status = qa_report_data_sheets(report, input);
    if (status == QA_OK)
        status = qa_report_codebook_sheet(report, input);
    if (status == QA_OK)
        status = qa_report_about_sheet(report, input);
    if (status == QA_OK && report->out_of_memory)
        status = QA_ERR_MEMORY;
    if (status != QA_OK)
        return qa_error_set(error, status, NULL, 0, NULL, NULL,
                            "workbook: could not lay out the report (%s)", qa_status_name(status));
    return QA_OK;
}
