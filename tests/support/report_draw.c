/* Build-then-draw helpers for tests; see report_draw.h. */
#include "report_draw.h"

qa_status qa_test_write_workbook(const qa_workbook_input *input, const char *path, qa_error *error)
{
    qa_report report;
    qa_report_init(&report, input->language, input->results ? input->results->options.alpha : 0.05);
    qa_status status = qa_report_build(input, &report, error);
    if (status == QA_OK)
        status = qa_render_xlsx(&report, path, error);
    qa_report_free(&report);
    return status;
}

void qa_test_print_summary(const qa_results *results, qa_language language, FILE *out)
{
    qa_report report;
    qa_error error;
    qa_report_init(&report, language, results->options.alpha);
    if (qa_report_build_summary(results, true, &report, &error) == QA_OK)
        qa_render_text_table(&report.sheets[0].tables[0], out);
    else
        fprintf(out, "%s\n", error.message);
    qa_report_free(&report);
}
