/* The figure model (qa_report_build_figures): what the forest plot and the Kaplan–Meier
 * figures show, checked against values worked out by hand from a small survival sample. */
#include "test_support.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "qareport/report.h"
#include "qareport/results.h"

/* A curve of one group with its estimate rows: times 2 (event), 3 (censored), 5 (event),
 * 7 (censored), one case each. By hand: S(2) = 3/4, S(3) = 3/4, S(5) = 3/4 · 1/2 = 3/8,
 * S(7) = 3/8; at risk just before 2, 3, 5, 7: 4, 3, 2, 1. */
static void small_curve(qa_km_curve *curve)
{
    static const double time[] = {2, 3, 5, 7}, risk[] = {4, 3, 2, 1}, censor[] = {0, 1, 0, 1},
                        survival[] = {0.75, 0.75, 0.375, 0.375};
    memset(curve, 0, sizeof *curve);
    curve->row_count = 4;
    curve->row_time = malloc(sizeof time);
    curve->row_n_risk = malloc(sizeof risk);
    curve->row_n_censor = malloc(sizeof censor);
    curve->row_survival = malloc(sizeof survival);
    memcpy(curve->row_time, time, sizeof time);
    memcpy(curve->row_n_risk, risk, sizeof risk);
    memcpy(curve->row_n_censor, censor, sizeof censor);
    memcpy(curve->row_survival, survival, sizeof survival);
    /* step corners from (0, 1) */
    static const double ct[] = {0, 2, 2, 3, 3, 5, 5, 7, 7},
                        cs[] = {1, 1, 0.75, 0.75, 0.75, 0.75, 0.375, 0.375, 0.375};
    curve->count = 9;
    curve->time = malloc(sizeof ct);
    curve->survival = malloc(sizeof cs);
    memcpy(curve->time, ct, sizeof ct);
    memcpy(curve->survival, cs, sizeof cs);
}

static void fixture(qa_results *results)
{
    qa_results_init(results);
    for (int i = 0; i < QA_TEST_COUNT; i++) {
        results->tests[i].hypothesis = (qa_hypothesis)(i / 2);
        results->tests[i].outcome = (qa_outcome)(i % 2);
        results->tests[i].logit_model = -1;
        results->tests[i].cox_model = -1;
    }
    small_curve(&results->km_curves[0][0]);
    small_curve(&results->km_curves[0][1]);
    results->tests[1].km.available = true;
    results->tests[1].km.split = 2.5;
    results->tests[1].km.logrank_p = 0.25;
}

static void test_survival_figure(void **state)
{
    (void)state;
    qa_results results;
    fixture(&results);
    qa_report report;
    qa_error error;
    qa_report_init(&report, QA_LANG_EN, 0.05);
    assert_int_equal(qa_report_build_figures(&results, &report, &error), QA_OK);
    /* the forest plot, then one survival figure: only security has curves */
    assert_int_equal(report.figure_count, 2);
    const qa_figure *forest = &report.figures[0];
    assert_int_equal(forest->kind, QA_FIGURE_FOREST);
    assert_string_equal(forest->file_stem, "forest");
    assert_int_equal(forest->row_count, QA_TEST_COUNT);
    assert_string_equal(forest->rows[0].label, "H1 security formation");
    assert_true(isnan(forest->rows[0].estimate)); /* no model: not estimable */

    const qa_figure *km = &report.figures[1];
    assert_int_equal(km->kind, QA_FIGURE_SURVIVAL);
    assert_string_equal(km->file_stem, "km_security");
    /* last time 7: ticks 0, 1, ..., 7 (step 1, at most 10 intervals) */
    assert_int_equal(km->tick_count, 8);
    assert_true(km->ticks[7] == 7);
    assert_int_equal(km->curve_count, 2);
    const qa_figure_curve *c = &km->curves[0];
    assert_string_equal(c->name, "above median (> 2.5)");
    assert_string_equal(km->curves[1].name, "at or below median (≤ 2.5)");
    /* censoring marks at 3 and 7, on the curve */
    assert_int_equal(c->censor_count, 2);
    assert_true(c->censor_time[0] == 3 && c->censor_survival[0] == 0.75);
    assert_true(c->censor_time[1] == 7 && c->censor_survival[1] == 0.375);
    /* numbers at risk at t = 0..7: cases with time >= t */
    static const size_t expected[] = {4, 4, 4, 3, 2, 2, 1, 1};
    for (size_t i = 0; i < 8; i++)
        assert_int_equal(c->at_risk[i], expected[i]);
    assert_string_equal(km->note, "Log-rank p = 0.250; ticks mark censored cases.");
    qa_report_free(&report);
    qa_results_free(&results);
}

static void test_chinese_labels(void **state)
{
    (void)state;
    qa_results results;
    fixture(&results);
    qa_report report;
    qa_error error;
    qa_report_init(&report, QA_LANG_ZH, 0.05);
    assert_int_equal(qa_report_build_figures(&results, &report, &error), QA_OK);
    assert_string_equal(report.figures[1].at_risk_title, "风险集人数");
    assert_string_equal(report.figures[1].x_title, "年");
    qa_report_free(&report);
    qa_results_free(&results);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_survival_figure),
        cmocka_unit_test(test_chinese_labels),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
