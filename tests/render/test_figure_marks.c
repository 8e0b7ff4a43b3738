/* What the Kaplan–Meier figure draws (qa_render_figures, --figures): one censoring tick per
 * censored row of each curve. Cairo's SVG surface writes every stroke as one <path>
 * element, so the same figure drawn with and without its censoring marks differs by exactly
 * as many paths as there are marks. */
#include "test_support.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qareport/render.h"
#include "qareport/report.h"
#include "qareport/results.h"

/* One group's estimate rows: times 2 (event), 3 (censored), 5 (event), 7 (censored), 8
 * (censored), one case each: S = 4/5, 4/5, 4/5 · 2/3, 8/15, 8/15; three censoring marks. */
static void curve_fill(qa_km_curve *curve)
{
    static const double time[] = {2, 3, 5, 7, 8}, risk[] = {5, 4, 3, 2, 1},
                        censor[] = {0, 1, 0, 1, 1},
                        survival[] = {0.8, 0.8, 8.0 / 15, 8.0 / 15, 8.0 / 15};
    static const double ct[] = {0, 2, 2, 3, 3, 5, 5, 7, 7, 8, 8},
                        cs[] = {1,        1,        0.8,      0.8,      0.8,     0.8,
                                8.0 / 15, 8.0 / 15, 8.0 / 15, 8.0 / 15, 8.0 / 15};
    memset(curve, 0, sizeof *curve);
    curve->row_count = 5;
    curve->row_time = malloc(sizeof time);
    curve->row_n_risk = malloc(sizeof risk);
    curve->row_n_censor = malloc(sizeof censor);
    curve->row_survival = malloc(sizeof survival);
    curve->count = 11;
    curve->time = malloc(sizeof ct);
    curve->survival = malloc(sizeof cs);
    assert_non_null(curve->row_time && curve->row_n_risk && curve->row_n_censor &&
                    curve->row_survival && curve->time && curve->survival);
    memcpy(curve->row_time, time, sizeof time);
    memcpy(curve->row_n_risk, risk, sizeof risk);
    memcpy(curve->row_n_censor, censor, sizeof censor);
    memcpy(curve->row_survival, survival, sizeof survival);
    memcpy(curve->time, ct, sizeof ct);
    memcpy(curve->survival, cs, sizeof cs);
}

static size_t count_of(const char *text, const char *needle)
{
    size_t count = 0;
    for (const char *at = strstr(text, needle); at; at = strstr(at + 1, needle))
        count++;
    return count;
}

/* The number of <path elements of km_security.svg drawn from `report` into a new folder. */
static size_t svg_paths(const qa_report *report)
{
    char *dir = qa_test_temp_dir();
    qa_error error;
    assert_int_equal(qa_render_figures(report, dir, NULL, 0, &error), QA_OK);
    char path[512];
    snprintf(path, sizeof path, "%s/km_security.svg", dir);
    size_t size;
    char *svg = qa_test_read_file(path, &size);
    assert_non_null(svg);
    size_t paths = count_of(svg, "<path");
    free(svg);
    qa_test_remove_tree(dir);
    free(dir);
    return paths;
}

static void test_one_tick_per_censored_row(void **state)
{
    (void)state;
    qa_results results;
    qa_results_init(&results);
    for (int i = 0; i < QA_TEST_COUNT; i++) {
        results.tests[i].hypothesis = (qa_hypothesis)(i / 2);
        results.tests[i].outcome = (qa_outcome)(i % 2);
        results.tests[i].logit_model = results.tests[i].cox_model = -1;
    }
    curve_fill(&results.km_curves[0][0]);
    curve_fill(&results.km_curves[0][1]);
    results.tests[1].km.split = 2.5;
    qa_report report;
    qa_error error;
    qa_report_init(&report, QA_LANG_EN, 0.05);
    assert_int_equal(qa_report_build_figures(&results, &report, &error), QA_OK);
    assert_int_equal(report.figure_count, 2);
    qa_figure *km = &report.figures[1];
    assert_int_equal(km->curve_count, 2);
    assert_int_equal(km->curves[0].censor_count, 3);
    assert_int_equal(km->curves[1].censor_count, 3);
    size_t with_marks = svg_paths(&report);
    km->curves[0].censor_count = km->curves[1].censor_count = 0;
    size_t without_marks = svg_paths(&report);
    assert_int_equal(with_marks - without_marks, 6);
    qa_report_free(&report);
    qa_results_free(&results);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_one_tick_per_censored_row),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
