/* The Summary sheet: the ten verdicts, one row each, and with --by the groups side by side.
 * The terminal summary draws the compact form of the same table. */
#include "qareport/report.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "qareport/labels.h"
#include "report_internal.h"

const char *qa_report_model_anchor(qa_report *report, const qa_model_result *model)
{
    return qa_report_text(report, "model:%s", model->name);
}

static qa_cell agreement_cell(qa_report *report, int agrees)
{
    if (agrees < 0)
        return qa_cell_text(qa_report_label(report, "n/a"));
    return qa_cell_text(qa_report_label(report, agrees ? "yes" : "no"));
}

static const qa_model_result *primary_model(const qa_results *results, const qa_test_result *t)
{
    if (t->logit_model < 0 || (size_t)t->logit_model >= results->model_count)
        return NULL;
    return &results->models[t->logit_model];
}

static qa_cell method_cell(qa_report *report, const qa_model_result *model)
{
    if (!model || !model->available)
        return qa_cell_text(NULL);
    return qa_cell_text(qa_report_label(report, model->method == QA_LOGIT_FIRTH ? "Firth" : "ML"));
}

static void summary_row(qa_report *report, const qa_results *results, const qa_test_result *t,
                        qa_cell *row)
{
    const qa_model_result *model = primary_model(results, t);
    const qa_robustness *r = &results->robustness[t->hypothesis * 2 + (int)t->outcome];
    row[0] = qa_cell_text(qa_hypothesis_id(t->hypothesis));
    row[1] = qa_cell_text(qa_label_measure(report->language, t->hypothesis));
    if (model)
        row[1].link = qa_report_model_anchor(report, model);
    row[2] = qa_cell_text(qa_label_outcome(report->language, t->outcome));
    row[3] = qa_cell_count(t->n);
    row[4] = qa_cell_number(t->b, QA_FORMAT_DECIMAL3);
    row[5] = qa_cell_number(exp(t->b), QA_FORMAT_RATIO);
    row[6] = qa_cell_number(t->p, QA_FORMAT_P);
    row[7] = qa_cell_number(t->p_adjusted, QA_FORMAT_P);
    row[8] = qa_cell_verdict(report, t->verdict);
    row[9] = method_cell(report, model);
    row[10] = agreement_cell(report, t->joint_agrees);
    row[11] = agreement_cell(report, t->spearman_agrees);
    row[12] = t->outcome == QA_OUTCOME_DURABILITY ? agreement_cell(report, t->cox_agrees)
                                                  : qa_cell_text(NULL);
    if (results->robustness_done) {
        row[13] = qa_cell_count(r->stable_k);
        row[14] = qa_cell_count(r->specification_count);
    }
    row[15] = qa_cell_text(t->testable ? qa_report_label(report, t->fragile ? "yes" : "no") : NULL);
    row[16] = qa_cell_text(t->testable ? NULL : qa_report_text(report, "%s", t->reason));
}

static void summary_notes(qa_report *report, qa_table *table, const qa_results *results)
{
    const qa_analysis_options *o = &results->options;
    const char *adjust = o->adjust == QA_ADJUST_HOLM ? "Holm"
                         : o->adjust == QA_ADJUST_BH ? "Benjamini-Hochberg"
                                                     : "none";
    qa_table_add_note(
        report, table,
        qa_report_label(
            report,
            "Verdict: supported = B > 0 and adjusted p < alpha; contradicted = B < 0 and adjusted "
            "p < "
            "alpha; otherwise not supported; not testable with " QA_FEWER_THAN_MIN_CASES " or no "
            "variation."));
    qa_table_add_note(report, table,
                      qa_report_label(report, "Primary test: univariate logistic regression "
                                              "(formation: all cases; durability: formed "
                                              "cases, durable = more than T years)."));
    qa_table_add_note(
        report, table,
        qa_report_text(report, "alpha = %g, %s, %s = %s, T = %d", o->alpha,
                       qa_report_label(report, o->one_sided ? "one-sided" : "two-sided"),
                       qa_report_label(report, "p adj."), adjust, o->durable_years));
    qa_table_add_note(report, table,
                      qa_report_label(report, "Click a community sense to open its model."));
}

static qa_status summary_table(qa_report *report, qa_sheet *sheet, const qa_results *results)
{
    static const char *const headers[] = {"Hypothesis",
                                          "Community sense",
                                          "Outcome",
                                          "n",
                                          "B",
                                          "Exp(B)",
                                          "p",
                                          "p adj.",
                                          "Verdict",
                                          "Method",
                                          "Joint agrees",
                                          "Spearman agrees",
                                          "Cox agrees",
                                          "Stable (k)",
                                          "of m",
                                          "Fragile",
                                          "Why not testable"};
    qa_table *table = qa_report_add_table(report, sheet, "The ten hypothesis tests", 17, headers);
    if (!table)
        return QA_ERR_MEMORY;
    table->anchor = "summary";
    table->filter = table->freeze = true;
    table->columns[6].significance = table->columns[7].significance = true;
    table->columns[8].verdict = true;
    table->columns[16].wrap = true;
    table->columns[16].width = 40;
    for (int i = 0; i < QA_TEST_COUNT; i++) {
        qa_cell *row = qa_table_add_row(report, table);
        if (!row)
            return QA_ERR_MEMORY;
        summary_row(report, results, &results->tests[i], row);
    }
    summary_notes(report, table, results);
    return QA_OK;
}

/* Terminal form: short headers, OR instead of B, flags in one short column. */
static qa_status compact_table(qa_report *report, qa_sheet *sheet, const qa_results *results)
{
    static const char *const headers[] = {"",  "measure", "outcome", "n",   "OR",
                                          "p", "p adj.",  "verdict", "k/m", ""};
    qa_table *table = qa_report_add_table(report, sheet, NULL, 10, headers);
    if (!table)
        return QA_ERR_MEMORY;
    for (int i = 0; i < QA_TEST_COUNT; i++) {
        const qa_test_result *t = &results->tests[i];
        const qa_model_result *model = primary_model(results, t);
        const qa_robustness *r = &results->robustness[i];
        qa_cell *row = qa_table_add_row(report, table);
        if (!row)
            return QA_ERR_MEMORY;
        row[0] = qa_cell_text(qa_hypothesis_id(t->hypothesis));
        row[1] = qa_cell_text(qa_label_measure(report->language, t->hypothesis));
        row[2] = qa_cell_text(qa_label_outcome(report->language, t->outcome));
        row[3] = qa_cell_count(t->n);
        row[4] = qa_cell_number(exp(t->b), QA_FORMAT_RATIO);
        row[5] = qa_cell_number(t->p, QA_FORMAT_P);
        row[6] = qa_cell_number(t->p_adjusted, QA_FORMAT_P);
        row[7] = qa_cell_verdict(report, t->verdict);
        if (results->robustness_done && r->specification_count > 0)
            row[8] = qa_cell_text(
                qa_report_text(report, "%zu/%zu", r->stable_k, r->specification_count));
        bool firth = model && model->available && model->method == QA_LOGIT_FIRTH;
        bool fragile = t->testable && t->fragile;
        row[9] = qa_cell_text(qa_report_text(report, "%s%s", firth ? "F" : "", fragile ? "!" : ""));
    }
    const qa_analysis_options *o = &results->options;
    qa_table_add_note(report, table,
                      qa_report_label(report, "F = Firth penalized likelihood fit; ! = fragile "
                                              "(small sample); k/m = stable in k of m "
                                              "specifications."));
    qa_table_add_note(
        report, table,
        qa_report_text(report, "%s: %s; alpha %g, %s; T = %d", qa_report_label(report, "p adj."),
                       o->adjust == QA_ADJUST_HOLM ? "Holm"
                       : o->adjust == QA_ADJUST_BH ? "Benjamini-Hochberg"
                                                   : "none",
                       o->alpha, qa_report_label(report, o->one_sided ? "one-sided" : "two-sided"),
                       o->durable_years));
    return QA_OK;
}

static void group_headers(qa_report *report, const qa_group_results *groups, const char **headers)
{
    size_t c = 0;
    headers[c++] = "Hypothesis";
    headers[c++] = "Community sense";
    headers[c++] = "Outcome";
    for (size_t g = 0; g < groups->group_count; g++) {
        const char *name = groups->group_names[g];
        headers[c++] = qa_report_text(report, "%s: n", name);
        headers[c++] = qa_report_text(report, "%s: B", name);
        headers[c++] = qa_report_text(report, "%s: %s", name, qa_report_label(report, "p adj."));
        headers[c++] = qa_report_text(report, "%s: %s", name, qa_report_label(report, "Verdict"));
        if (g > 0) {
            headers[c++] =
                qa_report_text(report, "%s: %s", name, qa_report_label(report, "Difference z"));
            headers[c++] =
                qa_report_text(report, "%s: %s", name, qa_report_label(report, "Difference p"));
        }
    }
}

static qa_status group_table(qa_report *report, qa_sheet *sheet, const qa_group_results *groups)
{
    enum { MAX_GROUPS = 16 };
    size_t group_count = groups->group_count < MAX_GROUPS ? groups->group_count : MAX_GROUPS;
    const char *headers[3 + MAX_GROUPS * 6];
    qa_group_results shown = *groups;
    shown.group_count = group_count;
    group_headers(report, &shown, headers);
    size_t columns = 3 + group_count * 4 + (group_count - 1) * 2;
    qa_table *table = qa_report_add_table(report, sheet, "Groups side by side", columns, headers);
    if (!table)
        return QA_ERR_MEMORY;
    for (int i = 0; i < QA_TEST_COUNT; i++) {
        qa_cell *row = qa_table_add_row(report, table);
        if (!row)
            return QA_ERR_MEMORY;
        const qa_test_result *first = &groups->groups[0].tests[i];
        row[0] = qa_cell_text(qa_hypothesis_id(first->hypothesis));
        row[1] = qa_cell_text(qa_label_measure(report->language, first->hypothesis));
        row[2] = qa_cell_text(qa_label_outcome(report->language, first->outcome));
        size_t c = 3;
        for (size_t g = 0; g < group_count; g++) {
            const qa_test_result *t = &groups->groups[g].tests[i];
            table->columns[c + 2].significance = true;
            table->columns[c + 3].verdict = true;
            row[c++] = qa_cell_count(t->n);
            row[c++] = qa_cell_number(t->b, QA_FORMAT_DECIMAL3);
            row[c++] = qa_cell_number(t->p_adjusted, QA_FORMAT_P);
            row[c++] = qa_cell_verdict(report, t->verdict);
            if (g > 0) {
                table->columns[c + 1].significance = true;
                row[c++] = qa_cell_number(groups->difference_z[g][i], QA_FORMAT_DECIMAL3);
                row[c++] = qa_cell_number(groups->difference_p[g][i], QA_FORMAT_P);
            }
        }
    }
    qa_table_add_note(
        report, table,
        qa_report_label(report,
                        "Difference z tests compare each group's B with the first group's."));
    qa_table_add_note(report, table, qa_report_text(report, "--by %s", groups->column));
    return QA_OK;
}

qa_status qa_report_summary_sheet(qa_report *report, const qa_results *results,
                                  const qa_group_results *groups)
{
    qa_sheet *sheet = qa_report_add_sheet(report, qa_report_label(report, "Summary"));
    qa_status status = summary_table(report, sheet, results);
    if (status == QA_OK && groups && groups->group_count > 0 && groups->groups)
        status = group_table(report, sheet, groups);
    return status;
}

qa_status qa_report_build_summary(const qa_results *results, bool compact, qa_report *report,
                                  qa_error *error)
{
    qa_status status;
    if (compact) {
        qa_sheet *sheet = qa_report_add_sheet(report, qa_report_label(report, "Summary"));
        status = compact_table(report, sheet, results);
    } else {
        status = qa_report_summary_sheet(report, results, NULL);
    }
    if (status == QA_OK && report->out_of_memory)
        status = QA_ERR_MEMORY;
    if (status != QA_OK)
        return qa_error_set(error, status, NULL, 0, NULL, NULL,
                            "out of memory laying out the summary");
    return QA_OK;
}
