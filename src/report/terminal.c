/* The terminal summaries of `analyze --by` and `compare` laid out as tables (one sheet each),
 * in the report's language; the text renderer draws them. Column widths and the placeholder
 * of a missing number are the terminal's: the same table never goes into a workbook. */
#include "qareport/report.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "report_internal.h"

/* Columns of the coefficient tables (--by differences; compare of two case sets): id,
 * measure, outcome, two B, z, p, at least as wide as the summaries always were. */
static qa_table *coefficient_table(qa_report *report, qa_sheet *sheet, const char *title,
                                   const char *first, const char *second)
{
    const char *headers[] = {"", "measure", "outcome", first, second, "z", "p"};
    static const size_t widths[] = {3, 10, 10, 8, 8, 7, 7};
    qa_table *table = qa_report_add_table(report, sheet, NULL, 7, headers);
    if (!table)
        return NULL;
    table->title = title;
    for (size_t c = 0; c < 7; c++) {
        table->columns[c].text_width = widths[c];
        table->columns[c].numbers = c >= 3;
    }
    return table;
}

static void coefficient_row(qa_report *report, const qa_test_result *a, const qa_test_result *b,
                            double z, double p, qa_cell *row)
{
    row[0] = qa_cell_text(qa_hypothesis_id(a->hypothesis));
    row[1] = qa_cell_text(qa_label_measure(report->language, a->hypothesis));
    row[2] = qa_cell_text(qa_label_outcome(report->language, a->outcome));
    row[3] = qa_cell_number(a->testable ? a->b : NAN, QA_FORMAT_DECIMAL3);
    row[4] = qa_cell_number(b->testable ? b->b : NAN, QA_FORMAT_DECIMAL3);
    row[5] = qa_cell_number(z, QA_FORMAT_DECIMAL2);
    row[6] = qa_cell_number(p, QA_FORMAT_DECIMAL3);
}

static qa_status finish(qa_report *report, qa_status status, qa_error *error)
{
    if (status == QA_OK && report->out_of_memory)
        status = QA_ERR_MEMORY;
    if (status != QA_OK)
        return qa_error_set(error, status, NULL, 0, NULL, NULL,
                            "out of memory laying out the summary");
    return QA_OK;
}

qa_status qa_report_build_groups_summary(const qa_group_results *groups, qa_report *report,
                                         qa_error *error)
{
    qa_sheet *sheet = qa_report_add_sheet(report, qa_report_label(report, "Summary"));
    qa_status status = sheet ? QA_OK : QA_ERR_MEMORY;
    for (size_t g = 0; status == QA_OK && g < groups->group_count; g++) {
        const char *title = qa_report_text(
            report, qa_report_label(report, "%s = %s (%zu cases used)"), groups->column,
            groups->group_names[g], groups->groups[g].input.cases_used);
        status = qa_report_compact_table(report, sheet, title, &groups->groups[g]);
    }
    for (size_t g = 1; status == QA_OK && g < groups->group_count; g++) {
        const char *title = qa_report_text(
            report, qa_report_label(report, "difference of B, %s against %s (z test)"),
            groups->group_names[g], groups->group_names[0]);
        qa_table *table = coefficient_table(report, sheet, title, "B first", "B group");
        if (!table)
            return finish(report, QA_ERR_MEMORY, error);
        for (int t = 0; t < QA_TEST_COUNT; t++) {
            qa_cell *row = qa_table_add_row(report, table);
            if (!row)
                return finish(report, QA_ERR_MEMORY, error);
            coefficient_row(report, &groups->groups[0].tests[t], &groups->groups[g].tests[t],
                            groups->difference_z[g][t], groups->difference_p[g][t], row);
        }
    }
    return finish(report, status, error);
}

/* A verdict short enough for the terminal's 11 columns. */
static const char *short_verdict(const qa_report *report, qa_verdict verdict)
{
    static const char *const names[QA_VERDICT_COUNT] = {[QA_VERDICT_SUPPORTED] = "supported",
                                                        [QA_VERDICT_NOT_SUPPORTED] = "not supp.",
                                                        [QA_VERDICT_CONTRADICTED] = "contradict.",
                                                        [QA_VERDICT_NOT_TESTABLE] = "not test."};
    return qa_report_label(report, names[verdict]);
}

static qa_status agreement_table(qa_report *report, qa_sheet *sheet, const qa_compare_result *r)
{
    static const char *const headers[] = {"column",  "n",   "agree%", "kappa",
                                          "w.kappa", "AC1", "alpha"};
    static const size_t widths[] = {16, 5, 6, 7, 7, 6, 7};
    qa_table *table = qa_report_add_table(report, sheet, NULL, 7, headers);
    if (!table)
        return QA_ERR_MEMORY;
    table->empty_number = qa_report_label(report, "n/a");
    for (size_t c = 0; c < 7; c++) {
        table->columns[c].text_width = widths[c];
        table->columns[c].numbers = c >= 1;
    }
    table->columns[0].text_limit = 16;
    for (size_t i = 0; i < r->column_count; i++) {
        const qa_column_agreement *c = &r->columns[i];
        const qa_agreement *a = &c->agreement;
        qa_cell *row = qa_table_add_row(report, table);
        if (!row)
            return QA_ERR_MEMORY;
        row[0] = qa_cell_text(c->column);
        row[1] = qa_cell_count(c->available ? a->n : 0);
        row[2] = qa_cell_number(c->available ? a->percent : NAN, QA_FORMAT_PERCENT);
        row[3] = qa_cell_number(c->available ? a->cohen_kappa : NAN, QA_FORMAT_DECIMAL3);
        row[4] =
            qa_cell_number(c->available && c->level == QA_LEVEL_ORDINAL ? a->weighted_kappa : NAN,
                           QA_FORMAT_DECIMAL3);
        row[5] = qa_cell_number(c->available ? a->gwet_ac1 : NAN, QA_FORMAT_DECIMAL3);
        row[6] = qa_cell_number(c->available ? a->krippendorff_alpha : NAN, QA_FORMAT_DECIMAL3);
    }
    qa_table_add_note(
        report, table,
        qa_report_text(report,
                       qa_report_label(report, r->disagreement_count == 1 ? "%zu disagreement"
                                                                          : "%zu disagreements"),
                       r->disagreement_count));
    return QA_OK;
}

/* "FLIP" or "-", then up to three driving cases (and how many more). */
static const char *flip_text(qa_report *report, const qa_compare_result *r,
                             const qa_verdict_comparison *v)
{
    char text[512];
    size_t used =
        (size_t)snprintf(text, sizeof text, "%s", v->flip ? qa_report_label(report, "FLIP") : "-");
    size_t shown = v->driving_count < 3 ? v->driving_count : 3;
    for (size_t i = 0; i < shown && used < sizeof text; i++)
        used += (size_t)snprintf(text + used, sizeof text - used, "%s%s", i ? ", " : " (",
                                 v->driving_cases[i]);
    if (v->driving_count > shown && used < sizeof text)
        used +=
            (size_t)snprintf(text + used, sizeof text - used, ", +%zu", v->driving_count - shown);
    if (v->flip && shown == 0 && r->same_cases && used < sizeof text)
        used += (size_t)snprintf(text + used, sizeof text - used, " (%s)",
                                 qa_report_label(report, "no single case"));
    if (shown && used < sizeof text)
        snprintf(text + used, sizeof text - used, ")");
    return qa_report_text(report, "%s", text);
}

static qa_status verdict_table(qa_report *report, qa_sheet *sheet, const qa_compare_result *r)
{
    static const char *const headers[] = {"",  "measure", "outcome",
                                          "A", "B",       "flip (driving cases)"};
    static const size_t widths[] = {3, 10, 10, 11, 11, 0};
    qa_table *table = qa_report_add_table(report, sheet, NULL, 6, headers);
    if (!table)
        return QA_ERR_MEMORY;
    for (size_t c = 0; c < 6; c++)
        table->columns[c].text_width = widths[c];
    for (int t = 0; t < QA_TEST_COUNT; t++) {
        const qa_test_result *ta = &r->a.tests[t];
        qa_cell *row = qa_table_add_row(report, table);
        if (!row)
            return QA_ERR_MEMORY;
        row[0] = qa_cell_text(qa_hypothesis_id(ta->hypothesis));
        row[1] = qa_cell_text(qa_label_measure(report->language, ta->hypothesis));
        row[2] = qa_cell_text(qa_label_outcome(report->language, ta->outcome));
        row[3] = qa_cell_text(short_verdict(report, ta->verdict));
        row[4] = qa_cell_text(short_verdict(report, r->b.tests[t].verdict));
        row[5] = qa_cell_text(flip_text(report, r, &r->verdicts[t]));
    }
    return QA_OK;
}

qa_status qa_report_build_compare_summary(const qa_compare_result *r, qa_report *report,
                                          qa_error *error)
{
    qa_sheet *sheet = qa_report_add_sheet(report, qa_report_label(report, "Summary"));
    qa_table *join = qa_report_add_table(report, sheet, NULL, 0, NULL);
    if (!join)
        return finish(report, QA_ERR_MEMORY, error);
    join->title = qa_report_text(
        report, "%s%s",
        qa_report_text(report,
                       qa_report_label(report, "%zu cases matched; %zu only in A, %zu only in B"),
                       r->matched, r->only_a_count, r->only_b_count),
        r->same_cases ? ""
                      : qa_report_label(report, " (different case sets: coefficients compared)"));
    qa_status status = QA_OK;
    if (r->column_count > 0)
        status = agreement_table(report, sheet, r);
    if (status == QA_OK)
        status = verdict_table(report, sheet, r);
    if (status == QA_OK && !r->same_cases) {
        qa_table *table = coefficient_table(report, sheet, NULL, "B (A)", "B (B)");
        if (!table)
            return finish(report, QA_ERR_MEMORY, error);
        table->empty_number = qa_report_label(report, "n/a");
        for (int t = 0; t < QA_TEST_COUNT && status == QA_OK; t++) {
            qa_cell *row = qa_table_add_row(report, table);
            if (!row)
                return finish(report, QA_ERR_MEMORY, error);
            coefficient_row(report, &r->a.tests[t], &r->b.tests[t], r->verdicts[t].z,
                            r->verdicts[t].p, row);
        }
    }
    return finish(report, status, error);
}
