/* The verdict rule with its multiplicity adjustment (qa_judge, docs/METHODS.md §4.5, §4.6),
 * without the program: ten primary estimates in, adjusted p-values and verdicts out. The
 * expected adjusted p-values are worked by hand below (Holm 1979: the i-th smallest of m
 * times m - i + 1, running maximum, capped at 1; Benjamini & Hochberg 1995: the i-th
 * smallest times m / i, running minimum from the largest) and agree with R's p.adjust. */
#include "test_support.h"

#include <math.h>
#include <stdbool.h>
#include <string.h>

#include "analysis/frame.h"

typedef struct {
    double b[QA_TEST_COUNT], p[QA_TEST_COUNT];
    bool testable[QA_TEST_COUNT];
    double adjusted[QA_TEST_COUNT];
    qa_verdict verdicts[QA_TEST_COUNT];
} judged;

static void judge(const qa_analysis_options *options, judged *j)
{
    qa_judge(options, j->b, j->p, j->testable, j->adjusted, j->verdicts);
}

static void all_testable(judged *j)
{
    for (int t = 0; t < QA_TEST_COUNT; t++)
        j->testable[t] = true;
}

/* Two-sided, Holm, alpha 0.05. Sorted: .001 (t0) x10 = .01; .005 (t9) x9 = .045;
 * .01 (t1) x8 = .08; .02 (t2) x7 = .14; .03 (t8) x6 = .18; .04 (t3) x5 = .20; the rest
 * x4 .. x1 are above 1 and capped. p.adjust(p, "holm") gives the same. */
static void test_holm_two_sided(void **state)
{
    (void)state;
    qa_analysis_options options;
    qa_analysis_options_default(&options);
    judged j = {.b = {1, 1, -1, 1, 1, -1, 1, 1, 1, -1},
                .p = {0.001, 0.01, 0.02, 0.04, 0.3, 0.5, 0.8, 0.9, 0.03, 0.005}};
    all_testable(&j);
    judge(&options, &j);
    const double expected[QA_TEST_COUNT] = {0.01, 0.08, 0.14, 0.20, 1, 1, 1, 1, 0.18, 0.045};
    for (int t = 0; t < QA_TEST_COUNT; t++)
        assert_close(j.adjusted[t], expected[t]);
    assert_int_equal(j.verdicts[0], QA_VERDICT_SUPPORTED);    /* B > 0, .01 < .05 */
    assert_int_equal(j.verdicts[9], QA_VERDICT_CONTRADICTED); /* B < 0, .045 < .05 */
    for (int t = 1; t < 9; t++)
        assert_int_equal(j.verdicts[t], QA_VERDICT_NOT_SUPPORTED);
}

/* Tests that cannot be tested are holes: not counted in m, adjusted p NaN, verdict not
 * testable. A testable test whose p is missing counts as p = 1. Here m = 8:
 * .001 x8 = .008; .005 x7 = .035; .01 x6 = .06; .02 x5 = .10; .03 x4 = .12; .04 x3 = .12
 * (running maximum .12); .8 x2 and 1 x1 capped at 1. */
static void test_not_testable_holes(void **state)
{
    (void)state;
    qa_analysis_options options;
    qa_analysis_options_default(&options);
    judged j = {.b = {1, 1, -1, 1, 1, -1, 1, 1, 1, -1},
                .p = {0.001, 0.01, 0.02, 0.04, 0.3, 0.5, 0.8, NAN, 0.03, 0.005}};
    all_testable(&j);
    j.testable[4] = j.testable[5] = false;
    judge(&options, &j);
    const double expected[QA_TEST_COUNT] = {0.008, 0.06, 0.10, 0.12, NAN, NAN, 1, 1, 0.12, 0.035};
    for (int t = 0; t < QA_TEST_COUNT; t++) {
        if (isnan(expected[t]))
            assert_true(isnan(j.adjusted[t]));
        else
            assert_close(j.adjusted[t], expected[t]);
    }
    assert_int_equal(j.verdicts[4], QA_VERDICT_NOT_TESTABLE);
    assert_int_equal(j.verdicts[5], QA_VERDICT_NOT_TESTABLE);
    assert_int_equal(j.verdicts[0], QA_VERDICT_SUPPORTED);
    assert_int_equal(j.verdicts[9], QA_VERDICT_CONTRADICTED);
    assert_int_equal(j.verdicts[7], QA_VERDICT_NOT_SUPPORTED);
    /* nothing testable: every verdict not testable, nothing adjusted */
    memset(j.testable, 0, sizeof j.testable);
    judge(&options, &j);
    for (int t = 0; t < QA_TEST_COUNT; t++) {
        assert_int_equal(j.verdicts[t], QA_VERDICT_NOT_TESTABLE);
        assert_true(isnan(j.adjusted[t]));
    }
}

/* Benjamini-Hochberg. p_(i) = i / 100: (10 / i) * (i / 100) = 0.1 for every test, so all are
 * 0.1 — not supported at alpha .05, all supported at alpha .2. A second set:
 * 10/1 * .001 = .01; 10/2 * .008 = .04; 10/3 * .039 = .13; 10/4 * .041 = .1025;
 * 10/5 * .042 = .084; 10/6 * .06 = .1; 10/7 * .074 = .105714...; 10/8 * .205 = .25625;
 * 10/9 * .212 = .23556; .216; running minimum from the top: .216 .216 .216 .105714 .1 .084
 * .084 .084 .04 .01. */
static void test_benjamini_hochberg(void **state)
{
    (void)state;
    qa_analysis_options options;
    qa_analysis_options_default(&options);
    options.adjust = QA_ADJUST_BH;
    judged j = {.b = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1},
                .p = {0.01, 0.02, 0.03, 0.04, 0.05, 0.06, 0.07, 0.08, 0.09, 0.10}};
    all_testable(&j);
    judge(&options, &j);
    for (int t = 0; t < QA_TEST_COUNT; t++) {
        assert_close(j.adjusted[t], 0.1);
        assert_int_equal(j.verdicts[t], QA_VERDICT_NOT_SUPPORTED);
    }
    options.alpha = 0.2;
    judge(&options, &j);
    for (int t = 0; t < QA_TEST_COUNT; t++)
        assert_int_equal(j.verdicts[t], QA_VERDICT_SUPPORTED);
    options.alpha = 0.05;
    judged k = {.b = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1},
                .p = {0.001, 0.008, 0.039, 0.041, 0.042, 0.06, 0.074, 0.205, 0.212, 0.216}};
    all_testable(&k);
    judge(&options, &k);
    const double expected[QA_TEST_COUNT] = {
        0.01, 0.04, 0.084, 0.084, 0.084, 0.1, 10.0 / 7 * 0.074, 0.216, 0.216, 0.216};
    for (int t = 0; t < QA_TEST_COUNT; t++)
        assert_close(k.adjusted[t], expected[t]);
    assert_int_equal(k.verdicts[0], QA_VERDICT_SUPPORTED);
    assert_int_equal(k.verdicts[1], QA_VERDICT_SUPPORTED);
    assert_int_equal(k.verdicts[2], QA_VERDICT_NOT_SUPPORTED);
}

/* One-sided in the hypothesised (positive) direction, no adjustment: p / 2 when B > 0,
 * 1 - p / 2 otherwise, so a negative B is never "contradicted" however small its p. */
static void test_one_sided(void **state)
{
    (void)state;
    qa_analysis_options options;
    qa_analysis_options_default(&options);
    options.adjust = QA_ADJUST_NONE;
    options.one_sided = true;
    judged j = {.b = {1, -1, 1, 1, 1, 1, 1, 1, 1, 1},
                .p = {0.08, 0.001, 0.12, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5}};
    all_testable(&j);
    judge(&options, &j);
    assert_close(j.adjusted[0], 0.04);
    assert_close(j.adjusted[1], 0.9995);
    assert_close(j.adjusted[2], 0.06);
    assert_close(j.adjusted[3], 0.25);
    assert_int_equal(j.verdicts[0], QA_VERDICT_SUPPORTED);
    assert_int_equal(j.verdicts[1], QA_VERDICT_NOT_SUPPORTED);
    assert_int_equal(j.verdicts[2], QA_VERDICT_NOT_SUPPORTED);
    /* the same data two-sided: test 0 (p .08) not supported, test 1 contradicted */
    options.one_sided = false;
    judge(&options, &j);
    assert_int_equal(j.verdicts[0], QA_VERDICT_NOT_SUPPORTED);
    assert_int_equal(j.verdicts[1], QA_VERDICT_CONTRADICTED);
}

/* The rule's edges: p exactly alpha is not below it; B = 0 supports nothing either way. */
static void test_edges(void **state)
{
    (void)state;
    qa_analysis_options options;
    qa_analysis_options_default(&options);
    options.adjust = QA_ADJUST_NONE;
    judged j = {.b = {1, 0, -1, 1, 1, 1, 1, 1, 1, 1},
                .p = {0.05, 0.001, 0.05, 0.049, 1, 1, 1, 1, 1, 1}};
    all_testable(&j);
    judge(&options, &j);
    assert_int_equal(j.verdicts[0], QA_VERDICT_NOT_SUPPORTED);
    assert_int_equal(j.verdicts[1], QA_VERDICT_NOT_SUPPORTED);
    assert_int_equal(j.verdicts[2], QA_VERDICT_NOT_SUPPORTED);
    assert_int_equal(j.verdicts[3], QA_VERDICT_SUPPORTED);
    for (int t = 0; t < QA_TEST_COUNT; t++)
        assert_close(j.adjusted[t], j.p[t]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_holm_two_sided),
        cmocka_unit_test(test_not_testable_holes),
        cmocka_unit_test(test_benjamini_hochberg),
        cmocka_unit_test(test_one_sided),
        cmocka_unit_test(test_edges),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
