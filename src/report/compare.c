/* The compare workbook laid out as tables: Agreement (per coded column), Disagreements
 * (every cell that differs), Verdicts (A and B side by side, flips and the cases that drive
 * them), Coefficients (the primary B of each file with the z test of the difference), Cases
 * (matched, only in A, only in B) and About. */
#include "qareport/report.h"

#include <math.h>
#include <string.h>

#ifndef QA_VERSION
#define QA_VERSION "unknown"
#endif

/* "A: first.csv; B: second.csv", under the tables that show A and B side by side. */
static void files_note(qa_report *report, qa_table *table, const qa_compare_result *r)
{
    qa_table_add_note(report, table,
                      qa_report_text(report, qa_report_label(report, "A: %s; B: %s"),
                                     r->a.input.path, r->b.input.path));
}

static qa_status agreement_sheet(qa_report *report, const qa_compare_result *r)
{
    qa_sheet *sheet = qa_report_add_sheet(report, qa_report_label(report, "Agreement"));
    static const char *const headers[] = {
        "Column",        "Level",          "N",          "Agreement %",
        "Cohen's kappa", "Weighted kappa", "Gwet's AC1", "Krippendorff's alpha",
        "Alpha CI low",  "Alpha CI high"};
    qa_table *table =
        qa_report_add_table(report, sheet, "Inter-coder agreement per coded column", 10, headers);
    if (!table)
        return QA_ERR_MEMORY;
    table->filter = table->freeze = true;
    for (size_t i = 0; i < r->column_count; i++) {
        const qa_column_agreement *c = &r->columns[i];
        const qa_agreement *a = &c->agreement;
        qa_cell *row = qa_table_add_row(report, table);
        if (!row)
            return QA_ERR_MEMORY;
        row[0] = qa_cell_text(c->column);
        row[1] = qa_cell_text(qa_report_label(report, c->level_name));
        row[2] = qa_cell_count(c->available ? a->n : 0);
        row[3] = qa_cell_number(c->available ? a->percent : NAN, QA_FORMAT_PERCENT);
        row[4] = qa_cell_number(c->available ? a->cohen_kappa : NAN, QA_FORMAT_DECIMAL3);
        row[5] =
            qa_cell_number(c->available && c->level == QA_LEVEL_ORDINAL ? a->weighted_kappa : NAN,
                           QA_FORMAT_DECIMAL3);
        row[6] = qa_cell_number(c->available ? a->gwet_ac1 : NAN, QA_FORMAT_DECIMAL3);
        row[7] = qa_cell_number(c->available ? a->krippendorff_alpha : NAN, QA_FORMAT_DECIMAL3);
        row[8] = qa_cell_number(c->available ? a->alpha_ci_lower : NAN, QA_FORMAT_DECIMAL3);
        row[9] = qa_cell_number(c->available ? a->alpha_ci_upper : NAN, QA_FORMAT_DECIMAL3);
        if (c->available && a->note[0])
            qa_table_add_note(report, table, qa_report_text(report, "%s: %s", c->column, a->note));
    }
    qa_table_add_note(
        report, table,
        qa_report_text(report, /* the translation keeps the %zu and %lu */
                       qa_report_label(report,
                                       "Weighted kappa: quadratic weights, ordinal columns only. "
                                       "Alpha at the column's level of measurement; percentile "
                                       "bootstrap CI from %zu resamples of the cases, seed %lu."),
                       r->bootstrap_replicates, r->seed));
    return report->out_of_memory ? QA_ERR_MEMORY : QA_OK;
}

static qa_status disagreement_sheet(qa_report *report, const qa_compare_result *r)
{
    qa_sheet *sheet = qa_report_add_sheet(report, qa_report_label(report, "Disagreements"));
    static const char *const headers[] = {"Case", "Column", "A", "B", "Line in A", "Line in B"};
    qa_table *table =
        qa_report_add_table(report, sheet, "Every cell coded differently", 6, headers);
    if (!table)
        return QA_ERR_MEMORY;
    table->filter = table->freeze = true;
    for (size_t i = 0; i < r->disagreement_count; i++) {
        const qa_disagreement *d = &r->disagreements[i];
        qa_cell *row = qa_table_add_row(report, table);
        if (!row)
            return QA_ERR_MEMORY;
        row[0] = qa_cell_text(d->case_id);
        row[1] = qa_cell_text(d->column);
        row[2] = qa_cell_text(d->a[0] ? d->a : qa_report_label(report, "(missing)"));
        row[3] = qa_cell_text(d->b[0] ? d->b : qa_report_label(report, "(missing)"));
        row[4] = qa_cell_count((size_t)d->line_a);
        row[5] = qa_cell_count((size_t)d->line_b);
    }
    if (r->disagreement_count == 0)
        qa_table_add_note(report, table, qa_report_label(report, "No disagreements."));
    files_note(report, table, r);
    return report->out_of_memory ? QA_ERR_MEMORY : QA_OK;
}

static const char *driving_text(qa_report *report, const qa_verdict_comparison *v)
{
    char text[1024] = "";
    for (size_t i = 0; i < v->driving_count; i++) {
        size_t used = strlen(text);
        snprintf(text + used, sizeof text - used, "%s%s", i ? ", " : "", v->driving_cases[i]);
    }
    return qa_report_text(report, "%s", text);
}

static qa_status verdict_sheet(qa_report *report, const qa_compare_result *r)
{
    qa_sheet *sheet = qa_report_add_sheet(report, qa_report_label(report, "Verdicts"));
    static const char *const headers[] = {"Hypothesis",   "Community sense", "Outcome",
                                          "Verdict A",    "Verdict B",       "Flip",
                                          "Driving cases"};
    qa_table *table = qa_report_add_table(report, sheet, "The ten verdicts of A and B", 7, headers);
    if (!table)
        return QA_ERR_MEMORY;
    table->columns[3].verdict = table->columns[4].verdict = true;
    table->columns[5].highlight = true;
    table->columns[6].wrap = true;
    table->columns[6].width = 50;
    table->filter = table->freeze = true;
    for (int t = 0; t < QA_TEST_COUNT; t++) {
        const qa_test_result *ta = &r->a.tests[t];
        const qa_verdict_comparison *v = &r->verdicts[t];
        qa_cell *row = qa_table_add_row(report, table);
        if (!row)
            return QA_ERR_MEMORY;
        row[0] = qa_cell_text(qa_hypothesis_id(ta->hypothesis));
        row[1] = qa_cell_text(qa_report_label(report, qa_measure_name(ta->hypothesis)));
        row[2] = qa_cell_text(qa_report_label(report, qa_outcome_name(ta->outcome)));
        row[3] = qa_cell_verdict(report, ta->verdict);
        row[4] = qa_cell_verdict(report, r->b.tests[t].verdict);
        row[5] = qa_cell_text(v->flip ? qa_report_label(report, "FLIP") : "");
        row[6] = qa_cell_text(v->flip && v->driving_count == 0
                                  ? qa_report_label(report, "no single case: only the recodings "
                                                            "together")
                                  : driving_text(report, v));
    }
    qa_table_add_note(report, table,
                      qa_report_label(report, "Driving cases: recoding that one case in A with "
                                              "B's codes alone changes A's verdict."));
    files_note(report, table, r);
    return report->out_of_memory ? QA_ERR_MEMORY : QA_OK;
}

static qa_status coefficient_sheet(qa_report *report, const qa_compare_result *r)
{
    qa_sheet *sheet = qa_report_add_sheet(report, qa_report_label(report, "Coefficients"));
    static const char *const headers[] = {"Hypothesis", "Community sense", "Outcome",  "B (A)",
                                          "S.E. (A)",   "B (B)",           "S.E. (B)", "z",
                                          "Sig."};
    qa_table *table = qa_report_add_table(report, sheet,
                                          "Primary coefficients side by side (z test of the "
                                          "difference)",
                                          9, headers);
    if (!table)
        return QA_ERR_MEMORY;
    table->columns[8].significance = true;
    table->filter = table->freeze = true;
    for (int t = 0; t < QA_TEST_COUNT; t++) {
        const qa_test_result *ta = &r->a.tests[t], *tb = &r->b.tests[t];
        qa_cell *row = qa_table_add_row(report, table);
        if (!row)
            return QA_ERR_MEMORY;
        row[0] = qa_cell_text(qa_hypothesis_id(ta->hypothesis));
        row[1] = qa_cell_text(qa_report_label(report, qa_measure_name(ta->hypothesis)));
        row[2] = qa_cell_text(qa_report_label(report, qa_outcome_name(ta->outcome)));
        row[3] = qa_cell_number(ta->testable ? ta->b : NAN, QA_FORMAT_DECIMAL3);
        row[4] = qa_cell_number(r->verdicts[t].se_a, QA_FORMAT_DECIMAL3);
        row[5] = qa_cell_number(tb->testable ? tb->b : NAN, QA_FORMAT_DECIMAL3);
        row[6] = qa_cell_number(r->verdicts[t].se_b, QA_FORMAT_DECIMAL3);
        row[7] = qa_cell_number(r->verdicts[t].z, QA_FORMAT_DECIMAL2);
        row[8] = qa_cell_number(r->verdicts[t].p, QA_FORMAT_P);
    }
    qa_table_add_note(report, table,
                      qa_report_label(report, "z = (B_A - B_B) / sqrt(SE_A^2 + SE_B^2), treating "
                                              "the two fits as independent; for two codings of "
                                              "the same cases this is conservative."));
    return report->out_of_memory ? QA_ERR_MEMORY : QA_OK;
}

static qa_status case_list_table(qa_report *report, qa_sheet *sheet, const char *title, char **ids,
                                 size_t count)
{
    static const char *const headers[] = {"Case"};
    qa_table *table = qa_report_add_table(report, sheet, title, 1, headers);
    if (!table)
        return QA_ERR_MEMORY;
    for (size_t i = 0; i < count; i++) {
        qa_cell *row = qa_table_add_row(report, table);
        if (!row)
            return QA_ERR_MEMORY;
        row[0] = qa_cell_text(ids[i]);
    }
    if (count == 0)
        qa_table_add_note(report, table, qa_report_label(report, "None."));
    return QA_OK;
}

static qa_status cases_sheet(qa_report *report, const qa_compare_result *r)
{
    qa_sheet *sheet = qa_report_add_sheet(report, qa_report_label(report, "Cases"));
    static const char *const headers[] = {"Item", "Value"};
    qa_table *table = qa_report_add_table(report, sheet, "The join on case_id", 2, headers);
    if (!table)
        return QA_ERR_MEMORY;
    const char *items[] = {"Cases matched", "Only in A", "Only in B"};
    size_t values[] = {r->matched, r->only_a_count, r->only_b_count};
    for (int i = 0; i < 3; i++) {
        qa_cell *row = qa_table_add_row(report, table);
        if (!row)
            return QA_ERR_MEMORY;
        row[0] = qa_cell_text(qa_report_label(report, items[i]));
        row[1] = qa_cell_count(values[i]);
    }
    qa_table_add_note(report, table,
                      qa_report_label(report, r->same_cases
                                                  ? "Two codings of the same cases."
                                                  : "Two different case sets: agreement is "
                                                    "computed on the matched cases only; compare "
                                                    "the coefficients."));
    qa_status status = case_list_table(report, sheet, "Only in A", r->only_in_a, r->only_a_count);
    if (status == QA_OK)
        status = case_list_table(report, sheet, "Only in B", r->only_in_b, r->only_b_count);
    return status;
}

static qa_status about_sheet(qa_report *report, const qa_compare_workbook_input *input)
{
    const qa_compare_result *r = input->result;
    qa_sheet *sheet = qa_report_add_sheet(report, qa_report_label(report, "About"));
    static const char *const headers[] = {"Item", "Value"};
    qa_table *table = qa_report_add_table(report, sheet, "How this workbook was made", 2, headers);
    if (!table)
        return QA_ERR_MEMORY;
    const char *items[] = {"Tool",         "Command", "Libraries",    "Input A",
                           "SHA-256 of A", "Input B", "SHA-256 of B", "Seed"};
    const char *values[] = {qa_report_text(report, "qareport %s", QA_VERSION),
                            input->command_line,
                            input->tool_versions,
                            r->a.input.path,
                            r->a.input.sha256,
                            r->b.input.path,
                            r->b.input.sha256,
                            qa_report_text(report, "%lu", r->seed)};
    for (size_t i = 0; i < sizeof items / sizeof *items; i++) {
        qa_cell *row = qa_table_add_row(report, table);
        if (!row)
            return QA_ERR_MEMORY;
        row[0] = qa_cell_text(qa_report_label(report, items[i]));
        row[1] = qa_cell_text(values[i]);
    }
    return report->out_of_memory ? QA_ERR_MEMORY : QA_OK;
}

qa_status qa_report_build_compare(const qa_compare_workbook_input *input, qa_report *report,
                                  qa_error *error)
{
    qa_status status = agreement_sheet(report, input->result);
    if (status == QA_OK)
        status = disagreement_sheet(report, input->result);
    if (status == QA_OK)
        status = verdict_sheet(report, input->result);
    if (status == QA_OK)
        status = coefficient_sheet(report, input->result);
    if (status == QA_OK)
        status = cases_sheet(report, input->result);
    if (status == QA_OK)
        status = about_sheet(report, input);
    if (status != QA_OK || report->out_of_memory)
        return qa_error_set(error, QA_ERR_MEMORY, NULL, 0, NULL, NULL, "out of memory");
    return QA_OK;
}
