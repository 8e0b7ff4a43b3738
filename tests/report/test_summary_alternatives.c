/* The Summary's per-test columns that come from elsewhere than the deciding estimate
 * (qa_report_build_summary): Member p is the measure's member-robust p (not the
 * intercept's), and under --durability cox the alternative column is the T-year logit's
 * verdict, coloured like a verdict so that "contradicted" shows red. Built on the report
 * fixture (tests/report/fixture.h). */
#include "test_support.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "fixture.h"
#include "qareport/report.h"

static size_t column_named(const qa_table *table, const char *header)
{
    for (size_t c = 0; c < table->column_count; c++)
        if (strcmp(table->columns[c].header, header) == 0)
            return c;
    fail_msg("no column %s", header);
    return 0;
}

static const qa_cell *cell_at(const qa_table *table, size_t row, const char *header)
{
    return qa_table_cell(table, row, column_named(table, header));
}

static void test_member_p_is_the_measures(void **state)
{
    (void)state;
    qa_results results;
    fixture_results(&results);
    qa_model_result *m = &results.models[results.tests[0].logit_model];
    assert_string_equal(m->terms[1].term, "security");
    m->terms[0].member.p = 0.5;
    m->terms[1].member.p = 0.0125;
    qa_report report;
    qa_error error;
    qa_report_init(&report, QA_LANG_EN, 0.05);
    assert_int_equal(qa_report_build_summary(&results, false, &report, &error), QA_OK);
    const qa_table *table = &report.sheets[0].tables[0];
    const qa_cell *cell = cell_at(table, 0, "Member p");
    assert_int_equal(cell->kind, QA_CELL_NUMBER);
    assert_true(cell->number == 0.0125);
    qa_report_free(&report);
    qa_results_free(&results);
}

static void test_cox_decides_logit_alternative(void **state)
{
    (void)state;
    qa_results results;
    fixture_results(&results);
    results.options.durability = QA_DURABILITY_COX;
    /* H1 durability decided by Cox; its specifications: the fixture's, then the T-year logit
     * (contradicted), the Cox one marked supported */
    results.tests[1].decided_by = QA_MODEL_COX;
    qa_robustness *r = &results.robustness[1];
    assert_int_equal(r->specification_count, QA_SPEC_LOGIT);
    assert_int_equal(r->specifications[QA_SPEC_COX], QA_SPEC_COX);
    r->specification_verdicts[QA_SPEC_COX] = QA_VERDICT_SUPPORTED;
    r->specifications[r->specification_count] = QA_SPEC_LOGIT;
    r->specification_verdicts[r->specification_count++] = QA_VERDICT_CONTRADICTED;
    qa_report report;
    qa_error error;
    qa_report_init(&report, QA_LANG_EN, 0.05);
    assert_int_equal(qa_report_build_summary(&results, false, &report, &error), QA_OK);
    const qa_table *table = &report.sheets[0].tables[0];
    const qa_cell *cell = cell_at(table, 1, "Logit");
    assert_int_equal(cell->kind, QA_CELL_VERDICT);
    assert_int_equal(cell->verdict, QA_VERDICT_CONTRADICTED);
    assert_true(table->columns[column_named(table, "Logit")].verdict);
    assert_true(table->columns[column_named(table, "Joint")].verdict);
    qa_report_free(&report);
    qa_results_free(&results);
}

/* --skip: a skipped hypothesis reads "not measured"; another untestable test "not testable" */
static void test_not_measured_only_when_skipped(void **state)
{
    (void)state;
    qa_results results;
    fixture_results(&results);
    qa_test_result *h4f = &results.tests[3 * 2];
    h4f->testable = false;
    h4f->verdict = QA_VERDICT_NOT_TESTABLE;
    snprintf(h4f->reason, sizeof h4f->reason, "not measured (--skip H4)");
    qa_report report;
    qa_error error;
    qa_report_init(&report, QA_LANG_EN, 0.05);
    assert_int_equal(qa_report_build_summary(&results, false, &report, &error), QA_OK);
    const qa_table *table = &report.sheets[0].tables[0];
    assert_string_equal(cell_at(table, 3 * 2, "Verdict")->text, "not measured");
    /* H5 durability: fewer than 10 usable cases */
    assert_string_equal(cell_at(table, 4 * 2 + 1, "Verdict")->text,
                        report.verdict_labels[QA_VERDICT_NOT_TESTABLE]);
    assert_string_not_equal(report.verdict_labels[QA_VERDICT_NOT_TESTABLE], "not measured");
    qa_report_free(&report);
    qa_results_free(&results);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_member_p_is_the_measures),
        cmocka_unit_test(test_cox_decides_logit_alternative),
        cmocka_unit_test(test_not_measured_only_when_skipped),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
