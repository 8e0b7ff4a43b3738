/* Agreement of two codings: percent, Cohen's kappa, quadratic-weighted kappa and Gwet's AC1
 * against their formulas written out in R (tests/reference/agreement.R, function named beside
 * each value), the kappa paradox, missing values, perfect agreement, and undefined cases. */
#include "test_support.h"

#include "qareport/agreement.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define M NAN

typedef struct {
    const char *name;
    const double *a, *b;
    size_t n;
    /* from Rscript tests/reference/agreement.R, report_pair(name, a, b) */
    size_t pairs;
    double percent, cohen_kappa, weighted_kappa, gwet_ac1;
    double alpha_nominal, alpha_ordinal, alpha_interval;
} pair_case;

static const double ordinal_a[] = {1, 2, 2, 3, 4, 4, 1, 2, 3, 3, 4, 1};
static const double ordinal_b[] = {1, 2, 3, 3, 4, 2, 1, 1, 3, 4, 4, 2};
static const double missing_a[] = {0, 1, M, 2, 5, 5, 1, 0, M, 2, 5, 0};
static const double missing_b[] = {0, 1, 1, M, 5, 2, 1, 1, 2, 2, 5, 0};
static const double perfect[] = {1, 2, 3, 1, 2, 3, 3};
static const double skewed_a[] = {1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 3, 1, 1, 2, 1, M};
static const double skewed_b[] = {1, 1, 1, 1, 1, 1, 1, 2, 2, 1, 3, 1, 1, 2, 3, 2};
static double paradox_a[100], paradox_b[100];

/* Kappa paradox: 90 of 100 agree on 1, 5 + 5 disagree, none agree on 0. */
static int build_paradox(void **state)
{
    (void)state;
    for (size_t i = 0; i < 100; i++) {
        paradox_a[i] = i < 95 ? 1 : 0;
        paradox_b[i] = i < 90 || i >= 95 ? 1 : 0;
    }
    return 0;
}

static const pair_case cases[] = {
    {"ordinal", ordinal_a, ordinal_b, 12, 12, 58.3333333333333, 0.444444444444444,
     0.733333333333333, 0.444444444444444, 0.467592592592593, 0.744444444444444,
     0.744444444444444},
    {"paradox", paradox_a, paradox_b, 100, 100, 90, -0.0526315789473685, -0.0526315789473685,
     0.889502762430939, -0.0473684210526317, -0.0473684210526315, -0.0473684210526317},
    {"missing", missing_a, missing_b, 12, 9, 77.7777777777778, 0.704918032786885,
     0.918181818181819, 0.704918032786885, 0.716666666666667, 0.914426028238183,
     0.865079365079365},
    {"perfect", perfect, perfect, 7, 7, 100, 1, 1, 1, 1, 1, 1},
    {"skewed", skewed_a, skewed_b, 16, 15, 80, 0.567307692307692, 0.55, 0.74025974025974,
     0.579710144927536, 0.543518518518519, 0.560606060606061},
};
enum { CASE_COUNT = sizeof cases / sizeof cases[0] };

static void test_pieces_match_r(void **state)
{
    (void)state;
    for (size_t i = 0; i < CASE_COUNT; i++) {
        const pair_case *c = &cases[i];
        print_message("data set %s\n", c->name);
        double percent, kappa, weighted, ac1;
        size_t pairs;
        qa_error error;
        assert_int_equal(qa_percent_agreement(c->a, c->b, c->n, &percent, &pairs, &error), QA_OK);
        assert_int_equal(qa_cohen_kappa(c->a, c->b, c->n, &kappa, &error), QA_OK);
        assert_int_equal(qa_weighted_kappa_quadratic(c->a, c->b, c->n, &weighted, &error), QA_OK);
        assert_int_equal(qa_gwet_ac1(c->a, c->b, c->n, &ac1, &error), QA_OK);
        assert_int_equal(pairs, c->pairs);
        assert_close(percent, c->percent);       /* R: percent_agreement(a, b) */
        assert_close(kappa, c->cohen_kappa);     /* R: cohen_kappa(a, b) */
        assert_close(weighted, c->weighted_kappa); /* R: weighted_kappa_quadratic(a, b) */
        assert_close(ac1, c->gwet_ac1);          /* R: gwet_ac1(a, b) */
    }
}

static void test_summary_matches_r_at_each_level(void **state)
{
    (void)state;
    for (size_t i = 0; i < CASE_COUNT; i++) {
        const pair_case *c = &cases[i];
        print_message("data set %s\n", c->name);
        /* R: kripp_alpha(rbind(a, b), level) */
        const double alphas[3] = {c->alpha_nominal, c->alpha_ordinal, c->alpha_interval};
        for (int level = QA_LEVEL_NOMINAL; level <= QA_LEVEL_INTERVAL; level++) {
            qa_agreement result;
            qa_error error;
            assert_int_equal(qa_agreement_compute(c->a, c->b, c->n, (qa_measurement_level)level,
                                                  0, 1, 0.95, &result, &error),
                             QA_OK);
            assert_int_equal(result.n, c->pairs);
            assert_close(result.percent, c->percent);
            assert_close(result.cohen_kappa, c->cohen_kappa);
            assert_close(result.gwet_ac1, c->gwet_ac1);
            assert_close(result.krippendorff_alpha, alphas[level]);
            if (level == QA_LEVEL_ORDINAL)
                assert_close(result.weighted_kappa, c->weighted_kappa);
            else
                assert_true(isnan(result.weighted_kappa));
            assert_true(isnan(result.alpha_ci_lower) && isnan(result.alpha_ci_upper));
            assert_int_equal(result.undefined, 0);
            assert_string_equal(result.note, "");
        }
    }
}

static void test_kappa_paradox(void **state)
{
    (void)state;
    /* The reason for AC1 (docs/METHODS.md §5.17): skewed codes, high percent, kappa below 0, AC1
     * high. */
    qa_agreement result;
    qa_error error;
    assert_int_equal(qa_agreement_compute(paradox_a, paradox_b, 100, QA_LEVEL_NOMINAL, 0, 1,
                                          0.95, &result, &error),
                     QA_OK);
    assert_true(result.percent >= 90 && result.cohen_kappa < 0 && result.gwet_ac1 > 0.85);
}

static void test_ranks_not_values_weight_the_kappa(void **state)
{
    (void)state;
    /* Codes 1, 2, 9 weigh as ranks 1, 2, 3 (irr::kappa2): relabelling 3 to 9 changes nothing. */
    double relabelled_a[12], relabelled_b[12], original, relabelled;
    qa_error error;
    for (size_t i = 0; i < 12; i++) {
        relabelled_a[i] = ordinal_a[i] == 4 ? 90 : ordinal_a[i];
        relabelled_b[i] = ordinal_b[i] == 4 ? 90 : ordinal_b[i];
    }
    assert_int_equal(qa_weighted_kappa_quadratic(ordinal_a, ordinal_b, 12, &original, &error),
                     QA_OK);
    assert_int_equal(
        qa_weighted_kappa_quadratic(relabelled_a, relabelled_b, 12, &relabelled, &error), QA_OK);
    assert_close(relabelled, original);
}

static void test_single_category_is_undefined(void **state)
{
    (void)state;
    const double a[] = {1, 1, 1, M, 1};
    const double b[] = {1, 1, 1, 2, M};
    double value = 0;
    qa_error error;
    assert_int_equal(qa_cohen_kappa(a, b, 5, &value, &error), QA_ERR_NUMERIC);
    assert_true(isnan(value));
    assert_non_null(strstr(error.message, "chance agreement is 1"));
    assert_int_equal(qa_weighted_kappa_quadratic(a, b, 5, &value, &error), QA_ERR_NUMERIC);
    assert_int_equal(qa_gwet_ac1(a, b, 5, &value, &error), QA_ERR_NUMERIC);

    /* The summary reports what it can and says why the rest is missing. */
    qa_agreement result;
    assert_int_equal(qa_agreement_compute(a, b, 5, QA_LEVEL_ORDINAL, 100, 3, 0.95, &result,
                                          &error),
                     QA_OK);
    assert_int_equal(result.n, 3);
    assert_close(result.percent, 100);
    assert_true(isnan(result.cohen_kappa) && isnan(result.weighted_kappa));
    assert_true(isnan(result.gwet_ac1) && isnan(result.krippendorff_alpha));
    assert_true(isnan(result.alpha_ci_lower) && isnan(result.alpha_ci_upper));
    assert_int_equal(result.undefined,
                     QA_AGREEMENT_KAPPA_UNDEFINED | QA_AGREEMENT_WEIGHTED_KAPPA_UNDEFINED |
                         QA_AGREEMENT_AC1_UNDEFINED | QA_AGREEMENT_ALPHA_UNDEFINED |
                         QA_AGREEMENT_ALPHA_CI_UNDEFINED);
    assert_non_null(strstr(result.note, "Cohen's kappa is undefined"));
    assert_non_null(strstr(result.note, "Krippendorff's alpha is undefined"));
}

static void test_no_pairs_and_bad_input(void **state)
{
    (void)state;
    const double a[] = {1, M, 2};
    const double b[] = {M, 2, M};
    double value;
    size_t pairs = 9;
    qa_error error;
    qa_agreement result;
    assert_int_equal(qa_percent_agreement(a, b, 3, &value, &pairs, &error), QA_ERR_NUMERIC);
    assert_int_equal(pairs, 0);
    assert_non_null(strstr(error.message, "no unit is coded by both"));
    assert_int_equal(qa_cohen_kappa(a, b, 3, &value, &error), QA_ERR_NUMERIC);
    assert_int_equal(qa_agreement_compute(a, b, 3, QA_LEVEL_NOMINAL, 0, 1, 0.95, &result, &error),
                     QA_ERR_NUMERIC);
    assert_int_equal(result.n, 0);
    assert_int_equal(qa_agreement_compute(a, b, 0, QA_LEVEL_NOMINAL, 0, 1, 0.95, &result, &error),
                     QA_ERR_NUMERIC);

    const double infinite[] = {1, -INFINITY, 2};
    assert_int_equal(qa_cohen_kappa(infinite, infinite, 3, &value, &error), QA_ERR_INPUT);
    assert_int_equal(qa_agreement_compute(ordinal_a, ordinal_b, 12, QA_LEVEL_NOMINAL, 100, 1, 1.5,
                                          &result, &error),
                     QA_ERR_USAGE);
}

static void test_summary_bootstrap(void **state)
{
    (void)state;
    qa_agreement first, second;
    qa_error error;
    assert_int_equal(qa_agreement_compute(skewed_a, skewed_b, 16, QA_LEVEL_INTERVAL, 1000, 2024,
                                          0.95, &first, &error),
                     QA_OK);
    assert_int_equal(qa_agreement_compute(skewed_a, skewed_b, 16, QA_LEVEL_INTERVAL, 1000, 2024,
                                          0.95, &second, &error),
                     QA_OK);
    assert_memory_equal(&first.alpha_ci_lower, &second.alpha_ci_lower, sizeof(double));
    assert_memory_equal(&first.alpha_ci_upper, &second.alpha_ci_upper, sizeof(double));
    assert_true(first.alpha_ci_lower < first.krippendorff_alpha);
    assert_true(first.krippendorff_alpha < first.alpha_ci_upper);
    assert_true(first.alpha_bootstrap_used > 900 && first.alpha_bootstrap_used <= 1000);
    assert_int_equal(first.undefined, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pieces_match_r),
        cmocka_unit_test(test_summary_matches_r_at_each_level),
        cmocka_unit_test(test_kappa_paradox),
        cmocka_unit_test(test_ranks_not_values_weight_the_kappa),
        cmocka_unit_test(test_single_category_is_undefined),
        cmocka_unit_test(test_no_pairs_and_bad_input),
        cmocka_unit_test(test_summary_bootstrap),
    };
    return cmocka_run_group_tests(tests, build_paradox, NULL);
}
