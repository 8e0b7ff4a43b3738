/* The forest plot's numbers (qa_report_build_figures, --figures): each row is the odds ratio
 * of its test's primary logit with the 95% interval of the odds ratio, not of B. The
 * formation_security model of the report fixture is R's glm fit (tests/reference/report.R):
 * OR = exp(B), interval exp(confint.default(fit)[2, ]). A measure of type interval is drawn
 * per SD (METHODS §4.14), in the figure and on the Charts sheet, whose log axis is bounded
 * when a value lies beyond 1e±4. */
#include "test_support.h"

#include <math.h>
#include <string.h>

#include "fixture.h"
#include "qareport/report.h"
#include "report/report_internal.h"

static void test_forest_rows_are_odds_ratios(void **state)
{
    (void)state;
    qa_results results;
    fixture_results(&results);
    qa_report report;
    qa_error error;
    qa_report_init(&report, QA_LANG_EN, 0.05);
    assert_int_equal(qa_report_build_figures(&results, &report, &error), QA_OK);
    const qa_figure *forest = &report.figures[0];
    assert_int_equal(forest->kind, QA_FIGURE_FOREST);
    assert_int_equal(forest->row_count, QA_TEST_COUNT);
    /* H1 formation: R's OR 4.7724... with interval 1.6219...-14.044... */
    const qa_figure_row *h1 = &forest->rows[0];
    assert_string_equal(h1->label, "H1 security formation");
    assert_close(h1->estimate, exp(FIXTURE_B));
    assert_close(h1->lower, exp(FIXTURE_CI_LOWER));
    assert_close(h1->upper, exp(FIXTURE_CI_UPPER));
    assert_true(h1->lower < h1->estimate && h1->estimate < h1->upper);
    /* H3 durability: the Firth fit on separated data, B = -2.1, SE 0.9 (Wald interval) */
    const qa_figure_row *h3 = &forest->rows[2 * 2 + 1];
    assert_close(h3->estimate, exp(-2.1));
    assert_close(h3->lower, exp(-2.1 - 1.96 * 0.9));
    assert_close(h3->upper, exp(-2.1 + 1.96 * 0.9));
    /* H5 durability is not testable: no point, no whiskers */
    const qa_figure_row *h5 = &forest->rows[4 * 2 + 1];
    assert_true(isnan(h5->estimate) && isnan(h5->lower) && isnan(h5->upper));
    qa_report_free(&report);
    qa_results_free(&results);
}

/* H1 formation's measure term, the fixture's formation_security (R's glm fit). */
static qa_term_result *h1_term(qa_results *results)
{
    return &results->models[results->tests[0].logit_model].terms[1];
}

/* The measure declared interval: the figure's row, the Charts table and the whiskers are the
 * OR per SD exp(B sd) with exp(CI sd), labelled (per SD); the axis title says so. */
static void test_forest_per_sd(void **state)
{
    (void)state;
    qa_results results;
    fixture_results(&results);
    h1_term(&results)->interval = true;
    qa_report report;
    qa_error error;
    qa_report_init(&report, QA_LANG_EN, 0.05);
    assert_int_equal(qa_report_build_figures(&results, &report, &error), QA_OK);
    const qa_figure *forest = &report.figures[0];
    assert_string_equal(forest->rows[0].label, "H1 security formation (per SD)");
    assert_close(forest->rows[0].estimate, exp(FIXTURE_B * FIXTURE_SD));
    assert_close(forest->rows[0].lower, exp(FIXTURE_CI_LOWER * FIXTURE_SD));
    assert_close(forest->rows[0].upper, exp(FIXTURE_CI_UPPER * FIXTURE_SD));
    assert_string_equal(forest->rows[1].label, "H1 security durability");
    assert_non_null(strstr(forest->x_title, "per SD for interval measures"));
    assert_int_equal(qa_report_charts_sheet(&report, &results), QA_OK);
    const qa_sheet *sheet = &report.sheets[report.sheet_count - 1];
    const qa_chart *chart = &sheet->charts[0];
    const qa_table *table = &sheet->tables[chart->table];
    assert_string_equal(table->cells[0].text, "H1 formation (per SD)");
    assert_close(table->cells[chart->value_column].number, exp(FIXTURE_B * FIXTURE_SD));
    assert_string_equal(chart->series[0].name, "H1 formation (per SD)");
    const qa_table *whiskers = &sheet->tables[chart->series_table];
    assert_close(whiskers->cells[chart->series[0].x_column].number,
                 exp(FIXTURE_CI_LOWER * FIXTURE_SD));
    assert_non_null(strstr(chart->x_title, "per SD"));
    assert_true(chart->x_min == 0 && chart->x_max == 0); /* within 1e±4: the spreadsheet's */
    qa_report_free(&report);
    qa_report_init(&report, QA_LANG_ZH, 0.05);
    assert_int_equal(qa_report_build_figures(&results, &report, &error), QA_OK);
    assert_non_null(strstr(report.figures[0].rows[0].label, "(每标准差)"));
    qa_report_free(&report);
    qa_results_free(&results);
}

/* A per-unit CI beyond 1e±4 (a measure on a tiny scale, not declared interval): the chart's
 * axis is bounded to the powers of ten around the values, at most 1e±4. */
static void test_forest_axis_bounded(void **state)
{
    (void)state;
    qa_results results;
    fixture_results(&results);
    h1_term(&results)->ci_lower = -20.7; /* exp: 1e-9 */
    h1_term(&results)->ci_upper = 11.3;  /* exp: 8e4 */
    qa_report report;
    qa_report_init(&report, QA_LANG_EN, 0.05);
    assert_int_equal(qa_report_charts_sheet(&report, &results), QA_OK);
    const qa_chart *chart = &report.sheets[report.sheet_count - 1].charts[0];
    assert_close(chart->x_min, 1e-4);
    assert_close(chart->x_max, 1e4);
    assert_null(strstr(chart->x_title, "per SD"));
    qa_report_free(&report);
    qa_results_free(&results);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_forest_rows_are_odds_ratios),
        cmocka_unit_test(test_forest_per_sd),
        cmocka_unit_test(test_forest_axis_bounded),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
