/* Any finite scale of the data (issue 15): the logit (ML and Firth), separation, Cox, the
 * proportional-hazards test, correlations and detectable effects scale each column by a power
 * of two inside (src/stats/column_scale.h), so data times 1e-160, 1e155 or 1e-200 give the
 * results of the data up to the scale factor: b, se and limits times 1/s, z and p the same
 * (to 1e-9 relative). And since a power of two is exact, data times 2^-600 give exactly the
 * results of the data brought into [1, 2) by that power. */
#include "test_support.h"
#include "test_logit_data.h"
#include "test_survival_data.h"

#include "qareport/correlation.h"
#include "qareport/logit.h"
#include "qareport/mde.h"
#include "qareport/survival.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const double scales[] = {1e-160, 1e155, 1e-200};

static void assert_rel(double actual, double expected)
{
    if (!(fabs(actual - expected) <= 1e-9 * fabs(expected)))
        fail_msg("%.17g != %.17g (relative 1e-9)", actual, expected);
}

/* [1, x * s] for the 40 cases of small_x. */
static void logit_design(double s, double *x)
{
    for (size_t i = 0; i < 40; i++) {
        x[2 * i] = 1;
        x[2 * i + 1] = small_x[i] * s;
    }
}

static void check_logit(qa_logit_method method)
{
    double x[80], xs[80];
    qa_logit_options options;
    qa_logit_options_default(&options);
    qa_logit_result base, scaled;
    qa_error error;
    logit_design(1, x);
    qa_logit_data data = {40, 2, x, small_y, NULL};
    assert_int_equal(method == QA_LOGIT_ML ? qa_logit_fit(&data, &options, &base, &error)
                                           : qa_logit_firth_fit(&data, &options, &base, &error),
                     QA_OK);
    for (size_t k = 0; k < sizeof scales / sizeof *scales; k++) {
        double s = scales[k];
        logit_design(s, xs);
        qa_logit_data scaled_data = {40, 2, xs, small_y, NULL};
        qa_status status = method == QA_LOGIT_ML
                               ? qa_logit_fit(&scaled_data, &options, &scaled, &error)
                               : qa_logit_firth_fit(&scaled_data, &options, &scaled, &error);
        if (status != QA_OK)
            fail_msg("scale %g: %s", s, error.message);
        assert_rel(scaled.b[0], base.b[0]);
        assert_rel(scaled.b[1], base.b[1] / s);
        assert_rel(scaled.se[1], base.se[1] / s);
        assert_rel(scaled.ci_lower[1], base.ci_lower[1] / s);
        assert_rel(scaled.ci_upper[1], base.ci_upper[1] / s);
        assert_rel(scaled.z[1], base.z[1]);
        assert_rel(scaled.p_value[1], base.p_value[1]);
        assert_rel(scaled.wald_p[1], base.wald_p[1]);
        /* Firth's penalty 0.5 log det I moves by log s with the data's scale (as logistf's) */
        assert_rel(scaled.loglik, base.loglik + (method == QA_LOGIT_FIRTH ? log(s) : 0));
        assert_rel(scaled.lr_chi2, base.lr_chi2);
        assert_rel(scaled.auc, base.auc);
        qa_logit_result_free(&scaled);
    }
    qa_logit_result_free(&base);
}

static void test_logit_ml_any_scale(void **state)
{
    (void)state;
    check_logit(QA_LOGIT_ML);
}

static void test_logit_firth_any_scale(void **state)
{
    (void)state;
    check_logit(QA_LOGIT_FIRTH);
}

/* 2^-600 is exact: the fit is the fit of x / 4 (x's largest value 4 brought to 1), with b and
 * se times exactly 2^598. */
static void test_power_of_two_is_exact(void **state)
{
    (void)state;
    double x[80], xs[80];
    logit_design(0.25, x);
    logit_design(ldexp(1, -600), xs);
    qa_logit_data data = {40, 2, x, small_y, NULL}, scaled_data = {40, 2, xs, small_y, NULL};
    qa_logit_result base, scaled;
    qa_error error;
    assert_int_equal(qa_logit_fit(&data, NULL, &base, &error), QA_OK);
    assert_int_equal(qa_logit_fit(&scaled_data, NULL, &scaled, &error), QA_OK);
    assert_true(scaled.b[1] == ldexp(base.b[1], 598));
    assert_true(scaled.se[1] == ldexp(base.se[1], 598));
    assert_true(scaled.z[1] == base.z[1]);
    assert_true(scaled.loglik == base.loglik);
    qa_logit_result_free(&base);
    qa_logit_result_free(&scaled);
}

static void test_separation_any_scale(void **state)
{
    (void)state;
    /* separated: y = 1 exactly when x > 2 */
    double x[16], y[8];
    for (size_t k = 0; k < sizeof scales / sizeof *scales; k++)
        for (int separate = 0; separate < 2; separate++) {
            for (size_t i = 0; i < 8; i++) {
                x[2 * i] = 1;
                x[2 * i + 1] = (double)i * scales[k];
                y[i] = separate ? i > 3 : i % 2;
            }
            qa_logit_data data = {8, 2, x, y, NULL};
            bool separated = !separate;
            int infinite[2];
            qa_error error;
            assert_int_equal(qa_logit_separation(&data, &separated, infinite, &error), QA_OK);
            assert_int_equal(separated, separate);
            if (separate)
                assert_int_equal(infinite[1], 1);
        }
}

static void test_cox_any_scale(void **state)
{
    (void)state;
    /* veteran: trt, karno, diagtime, age, prior; karno and age scaled, the rest as they are */
    double *xs = malloc(sizeof veteran_x);
    assert_non_null(xs);
    qa_cox_data data = {137, 5, veteran_x, veteran_time, veteran_status, NULL};
    qa_cox_result base, scaled;
    qa_cox_zph_result base_ph, scaled_ph;
    qa_error error;
    assert_int_equal(qa_cox_fit(&data, NULL, &base, &error), QA_OK);
    assert_int_equal(qa_cox_zph(&data, &base, &base_ph, &error), QA_OK);
    for (size_t k = 0; k < sizeof scales / sizeof *scales; k++) {
        double s = scales[k];
        memcpy(xs, veteran_x, sizeof veteran_x);
        for (size_t i = 0; i < 137; i++) {
            xs[i * 5 + 1] *= s;
            xs[i * 5 + 3] *= s;
        }
        qa_cox_data scaled_data = {137, 5, xs, veteran_time, veteran_status, NULL};
        if (qa_cox_fit(&scaled_data, NULL, &scaled, &error) != QA_OK)
            fail_msg("scale %g: %s", s, error.message);
        for (size_t j = 0; j < 5; j++) {
            double factor = j == 1 || j == 3 ? 1 / s : 1;
            assert_rel(scaled.b[j], base.b[j] * factor);
            assert_rel(scaled.se[j], base.se[j] * factor);
            assert_rel(scaled.ci_lower[j], base.ci_lower[j] * factor);
            assert_rel(scaled.z[j], base.z[j]);
            assert_rel(scaled.p_value[j], base.p_value[j]);
        }
        assert_rel(scaled.loglik, base.loglik);
        assert_rel(scaled.score_chi2, base.score_chi2);
        assert_rel(scaled.concordance, base.concordance);
        assert_rel(scaled.linear_predictor[7], base.linear_predictor[7]);
        assert_int_equal(qa_cox_zph(&scaled_data, &scaled, &scaled_ph, &error), QA_OK);
        for (size_t t = 0; t <= 5; t++)
            assert_rel(scaled_ph.chi2[t], base_ph.chi2[t]);
        qa_cox_zph_result_free(&scaled_ph);
        qa_cox_result_free(&scaled);
    }
    qa_cox_zph_result_free(&base_ph);
    qa_cox_result_free(&base);
    free(xs);
}

static void test_correlations_any_scale(void **state)
{
    (void)state;
    qa_correlation p0, s0, k0, p1, s1, k1;
    qa_error error;
    double x[30], y[30];
    assert_int_equal(qa_correlation_all(noties_x, noties_time, 30, 0.95, &p0, &s0, &k0, &error),
                     QA_OK);
    for (size_t k = 0; k < sizeof scales / sizeof *scales; k++) {
        for (size_t i = 0; i < 30; i++) {
            x[i] = noties_x[i] * scales[k];
            y[i] = noties_time[i] / scales[k] * 1e-30;
        }
        assert_int_equal(qa_correlation_all(x, y, 30, 0.95, &p1, &s1, &k1, &error), QA_OK);
        assert_rel(p1.estimate, p0.estimate);
        assert_rel(p1.p, p0.p);
        assert_rel(p1.ci_lower, p0.ci_lower);
        assert_rel(s1.estimate, s0.estimate);
        assert_rel(k1.estimate, k0.estimate);
        assert_int_equal(qa_pearson(x, y, 30, 0.95, &p1, &error), QA_OK);
        assert_rel(p1.estimate, p0.estimate);
        assert_int_equal(qa_pearson_complete(x, y, 30, 0.95, &p1, &error), QA_OK);
        assert_rel(p1.estimate, p0.estimate);
    }
}

static void test_detectable_effects_any_scale(void **state)
{
    (void)state;
    qa_mde base, scaled;
    double x[40];
    qa_mde_logit(small_x, NULL, 40, 0.45, 0.01, true, 0.8, &base);
    assert_false(isnan(base.b));
    for (size_t k = 0; k < sizeof scales / sizeof *scales; k++) {
        for (size_t i = 0; i < 40; i++)
            x[i] = small_x[i] * scales[k];
        qa_mde_logit(x, NULL, 40, 0.45, 0.01, true, 0.8, &scaled);
        assert_rel(scaled.b, base.b / scales[k]);
        assert_rel(scaled.ratio_sd, base.ratio_sd);
        assert_rel(scaled.sd, base.sd * scales[k]);
        qa_mde_cox(small_x, NULL, 40, 20, 0.01, true, 0.8, &base);
        qa_mde_cox(x, NULL, 40, 20, 0.01, true, 0.8, &scaled);
        assert_rel(scaled.b, base.b / scales[k]);
        assert_rel(scaled.ratio_sd, base.ratio_sd);
        qa_mde_logit(small_x, NULL, 40, 0.45, 0.01, true, 0.8, &base);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_logit_ml_any_scale),
        cmocka_unit_test(test_logit_firth_any_scale),
        cmocka_unit_test(test_power_of_two_is_exact),
        cmocka_unit_test(test_separation_any_scale),
        cmocka_unit_test(test_cox_any_scale),
        cmocka_unit_test(test_correlations_any_scale),
        cmocka_unit_test(test_detectable_effects_any_scale),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
