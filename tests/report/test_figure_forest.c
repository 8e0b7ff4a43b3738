/* The forest plot's numbers (qa_report_build_figures, --figures): each row is the odds ratio
 * of its test's primary logit with the 95% interval of the odds ratio, not of B. The
 * formation_security model of the report fixture is R's glm fit (tests/reference/report.R):
 * OR = exp(B), interval exp(confint.default(fit)[2, ]). */
#include "test_support.h"

#include <math.h>
#include <string.h>

#include "fixture.h"
#include "qareport/report.h"

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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_forest_rows_are_odds_ratios),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
