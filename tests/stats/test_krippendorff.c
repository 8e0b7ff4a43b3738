/* Krippendorff's alpha against Krippendorff 2011's worked examples and against the
 * coincidence-matrix formulas written out in R (tests/reference/agreement.R), its undefined
 * cases, and the seeded bootstrap CI. */
#include "test_support.h"

#include "qareport/agreement.h"

#include <math.h>
#include <string.h>

#define M NAN

/* Krippendorff 2011, section C: 4 coders x 12 units with missing values. */
static const double example[4 * 12] = {
    1, 2, 3, 3, 2, 1, 4, 1, 2, M, M, M, /* coder A */
    1, 2, 3, 3, 2, 2, 4, 1, 2, 5, M, 3, /* coder B */
    M, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, M, /* coder C */
    1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, M, /* coder D */
};

/* Krippendorff 2011, section A: two coders, 10 units, binary. */
static const double binary_example[2 * 10] = {0, 1, 0, 0, 0, 0, 0, 0, 1, 0,
                                              1, 1, 1, 0, 0, 1, 0, 0, 0, 0};

static double alpha_of(const double *data, size_t coders, size_t units, qa_measurement_level level)
{
    double alpha;
    qa_error error;
    qa_status status = qa_krippendorff_alpha(data, coders, units, level, &alpha, &error);
    if (status != QA_OK)
        fail_msg("alpha failed: %s", error.message);
    return alpha;
}

static void test_paper_example(void **state)
{
    (void)state;
    /* R: kripp_alpha(kripp_example, "nominal" | "ordinal" | "interval"); the paper prints
     * .743, .815, .849. */
    double nominal = alpha_of(example, 4, 12, QA_LEVEL_NOMINAL);
    double ordinal = alpha_of(example, 4, 12, QA_LEVEL_ORDINAL);
    double interval = alpha_of(example, 4, 12, QA_LEVEL_INTERVAL);
    assert_close(nominal, 0.743421052631579);
    assert_close(ordinal, 0.815387503754881);
    assert_close(interval, 0.849107142857143);
    assert_close_tol(nominal, 0.743, 1e-3);
    assert_close_tol(ordinal, 0.815, 1e-3);
    assert_close_tol(interval, 0.849, 1e-3);
}

static void test_paper_binary_example(void **state)
{
    (void)state;
    /* Krippendorff 2011, section A: two coders, 10 units; the paper prints .095. */
    const double binary[2 * 10] = {0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 1, 1, 1, 0, 0, 1, 0, 0, 0, 0};
    /* R: kripp_alpha(kripp_binary, "nominal") and "interval" (equal for binary data) */
    assert_close(alpha_of(binary, 2, 10, QA_LEVEL_NOMINAL), 0.0952380952380951);
    assert_close(alpha_of(binary, 2, 10, QA_LEVEL_INTERVAL), 0.0952380952380951);
}

static void test_non_integer_values_three_coders(void **state)
{
    (void)state;
    const double mixed[3 * 7] = {1.5, 2.0, 7.25, M, 3.0, 10,   4.5, 1.0, 2.5, 7.00, 4.0,
                                 M,   9,   4.5,  M, 2.0, 6.50, 4.5, 3.5, M,   5.0};
    /* R: kripp_alpha(kripp_mixed, level) */
    assert_close(alpha_of(mixed, 3, 7, QA_LEVEL_NOMINAL), 0.0909090909090909);
    assert_close(alpha_of(mixed, 3, 7, QA_LEVEL_ORDINAL), 0.962283310364836);
    assert_close(alpha_of(mixed, 3, 7, QA_LEVEL_INTERVAL), 0.976946789974534);
}

static void test_order_of_units_and_coders_does_not_matter(void **state)
{
    (void)state;
    double reordered[4 * 12];
    /* units reversed, coders reversed */
    for (size_t c = 0; c < 4; c++)
        for (size_t u = 0; u < 12; u++)
            reordered[(3 - c) * 12 + (11 - u)] = example[c * 12 + u];
    for (int level = QA_LEVEL_NOMINAL; level <= QA_LEVEL_INTERVAL; level++)
        assert_close(alpha_of(reordered, 4, 12, (qa_measurement_level)level),
                     alpha_of(example, 4, 12, (qa_measurement_level)level));
}

static void test_units_coded_once_are_ignored(void **state)
{
    (void)state;
    /* Adding a unit coded by only one coder changes nothing (it is not pairable). */
    double wider[4 * 13];
    for (size_t c = 0; c < 4; c++) {
        memcpy(wider + c * 13, example + c * 12, 12 * sizeof(double));
        wider[c * 13 + 12] = c == 2 ? 9 : M;
    }
    assert_close(alpha_of(wider, 4, 13, QA_LEVEL_INTERVAL), 0.849107142857143);
}

static void test_undefined_cases(void **state)
{
    (void)state;
    double alpha = 0;
    qa_error error;
    const double one_value[2 * 3] = {2, 2, 2, 2, 2, M};
    assert_int_equal(qa_krippendorff_alpha(one_value, 2, 3, QA_LEVEL_NOMINAL, &alpha, &error),
                     QA_ERR_NUMERIC);
    assert_true(isnan(alpha));
    assert_non_null(strstr(error.message, "expected disagreement is 0"));

    const double unpaired[2 * 3] = {1, M, 3, M, 2, M};
    assert_int_equal(qa_krippendorff_alpha(unpaired, 2, 3, QA_LEVEL_INTERVAL, &alpha, &error),
                     QA_ERR_NUMERIC);
    assert_non_null(strstr(error.message, "no unit is coded by two"));

    assert_int_equal(qa_krippendorff_alpha(example, 1, 12, QA_LEVEL_NOMINAL, &alpha, &error),
                     QA_ERR_NUMERIC);
    assert_int_equal(qa_krippendorff_alpha(example, 4, 0, QA_LEVEL_NOMINAL, &alpha, &error),
                     QA_ERR_NUMERIC);

    const double infinite[2 * 2] = {1, INFINITY, 1, 2};
    assert_int_equal(qa_krippendorff_alpha(infinite, 2, 2, QA_LEVEL_NOMINAL, &alpha, &error),
                     QA_ERR_INPUT);
    assert_non_null(strstr(error.message, "unit 2"));

    /* A NULL error is allowed. */
    assert_int_equal(qa_krippendorff_alpha(one_value, 2, 3, QA_LEVEL_NOMINAL, &alpha, NULL),
                     QA_ERR_NUMERIC);
}

static void test_bootstrap_is_seeded(void **state)
{
    (void)state;
    double lower1, upper1, lower2, upper2, lower3, upper3;
    size_t used1, used3;
    qa_error error;
    assert_int_equal(qa_krippendorff_alpha_bootstrap(example, 4, 12, QA_LEVEL_INTERVAL, 500, 42,
                                                     0.95, &lower1, &upper1, &used1, &error),
                     QA_OK);
    assert_int_equal(qa_krippendorff_alpha_bootstrap(example, 4, 12, QA_LEVEL_INTERVAL, 500, 42,
                                                     0.95, &lower2, &upper2, NULL, &error),
                     QA_OK);
    assert_int_equal(qa_krippendorff_alpha_bootstrap(example, 4, 12, QA_LEVEL_INTERVAL, 500, 7,
                                                     0.95, &lower3, &upper3, &used3, &error),
                     QA_OK);
    /* same seed, same interval, to the bit */
    assert_memory_equal(&lower1, &lower2, sizeof lower1);
    assert_memory_equal(&upper1, &upper2, sizeof upper1);
    assert_true(lower1 != lower3 || upper1 != upper3);
    assert_true(used1 > 400 && used1 <= 500);
    assert_true(lower1 < 0.849107142857143 && 0.849107142857143 < upper1);
    assert_true(upper1 <= 1.0);
    /* a wider level gives a wider interval */
    double lower99, upper99;
    assert_int_equal(qa_krippendorff_alpha_bootstrap(example, 4, 12, QA_LEVEL_INTERVAL, 500, 42,
                                                     0.99, &lower99, &upper99, NULL, &error),
                     QA_OK);
    assert_true(lower99 <= lower1 && upper1 <= upper99);
}

/* The CI against R's percentile bootstrap on the same resamples: tests/reference/bootstrap.R
 * draws the pairable units with GSL's MT19937 as the program does (tests/reference/
 * gsl_draws.c), computes each alpha by the coincidence-matrix formulas and takes
 * quantile(type = 7) at (1 - c)/2 and (1 + c)/2. */
static void test_bootstrap_against_r(void **state)
{
    (void)state;
    static const struct {
        const double *data;
        size_t coders, units;
        qa_measurement_level level;
        size_t replicates;
        unsigned long seed;
        double confidence, lower, upper;
        size_t used;
    } cases[] = {
        {example, 4, 12, QA_LEVEL_INTERVAL, 500, 42, 0.95, 0.510057645034415, 1, 500},
        {example, 4, 12, QA_LEVEL_INTERVAL, 500, 42, 0.99, 0.298152735877132, 1, 500},
        {example, 4, 12, QA_LEVEL_INTERVAL, 500, 7, 0.95, 0.3846736927356, 1, 500},
        {binary_example, 2, 10, QA_LEVEL_NOMINAL, 1000, 3, 0.90, -0.357142857142857,
         0.547619047619048, 998},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        double lower, upper;
        size_t used;
        qa_error error;
        assert_int_equal(
            qa_krippendorff_alpha_bootstrap(cases[i].data, cases[i].coders, cases[i].units,
                                            cases[i].level, cases[i].replicates, cases[i].seed,
                                            cases[i].confidence, &lower, &upper, &used, &error),
            QA_OK);
        assert_close(lower, cases[i].lower);
        assert_close(upper, cases[i].upper);
        assert_int_equal(used, cases[i].used);
    }
}

static void test_bootstrap_perfect_agreement_and_errors(void **state)
{
    (void)state;
    const double perfect[2 * 6] = {1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3};
    double lower, upper;
    size_t used;
    qa_error error;
    assert_int_equal(qa_krippendorff_alpha_bootstrap(perfect, 2, 6, QA_LEVEL_NOMINAL, 200, 1, 0.95,
                                                     &lower, &upper, &used, &error),
                     QA_OK);
    assert_close(lower, 1.0);
    assert_close(upper, 1.0);
    assert_true(used > 0 && used <= 200);

    assert_int_equal(qa_krippendorff_alpha_bootstrap(perfect, 2, 6, QA_LEVEL_NOMINAL, 200, 1, 1.0,
                                                     &lower, &upper, &used, &error),
                     QA_ERR_USAGE);
    assert_true(isnan(lower) && isnan(upper));
    assert_int_equal(qa_krippendorff_alpha_bootstrap(perfect, 2, 6, QA_LEVEL_NOMINAL, 1, 1, 0.95,
                                                     &lower, &upper, &used, &error),
                     QA_ERR_USAGE);
    const double one_value[2 * 2] = {4, 4, 4, 4};
    assert_int_equal(qa_krippendorff_alpha_bootstrap(one_value, 2, 2, QA_LEVEL_NOMINAL, 100, 1,
                                                     0.95, &lower, &upper, &used, &error),
                     QA_ERR_NUMERIC);
}

static void test_level_names(void **state)
{
    (void)state;
    assert_string_equal(qa_measurement_level_name(QA_LEVEL_NOMINAL), "nominal");
    assert_string_equal(qa_measurement_level_name(QA_LEVEL_ORDINAL), "ordinal");
    assert_string_equal(qa_measurement_level_name(QA_LEVEL_INTERVAL), "interval");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_paper_example),
        cmocka_unit_test(test_paper_binary_example),
        cmocka_unit_test(test_non_integer_values_three_coders),
        cmocka_unit_test(test_order_of_units_and_coders_does_not_matter),
        cmocka_unit_test(test_units_coded_once_are_ignored),
        cmocka_unit_test(test_undefined_cases),
        cmocka_unit_test(test_bootstrap_is_seeded),
        cmocka_unit_test(test_bootstrap_against_r),
        cmocka_unit_test(test_bootstrap_perfect_agreement_and_errors),
        cmocka_unit_test(test_level_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
