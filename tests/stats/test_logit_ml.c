/* Maximum-likelihood logistic regression against R (tests/reference/logit.R, "---- ML ----"):
 * glm(y ~ X[, -1], binomial, epsilon = 1e-14) with SEs recomputed at the final estimate. */
#include "test_support.h"
#include "test_logit_data.h"

#include "qareport/logit.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static void assert_all_close(const double *actual, const double *expected, size_t count)
{
    for (size_t j = 0; j < count; j++)
        assert_close(actual[j], expected[j]);
}

static qa_status fit(size_t n, const double *x, size_t p, const double *y, bool vif,
                     qa_logit_result *result, qa_error *error)
{
    qa_logit_data data = {n, p, x, y};
    qa_logit_options options;
    qa_logit_options_default(&options);
    options.compute_vif = vif;
    return qa_logit_fit(&data, &options, result, error);
}

static void test_small(void **state)
{
    (void)state;
    const double *columns[] = {small_x};
    double *x = test_logit_design(40, 1, columns, 1);
    qa_logit_result r;
    qa_error error;
    assert_int_equal(fit(40, x, 2, small_y, false, &r, &error), QA_OK);
    assert_true(r.converged);
    assert_int_equal(r.method, QA_LOGIT_ML);
    /* coef(fit) */
    assert_all_close(r.b, (double[]){-0.682413182418885, 0.451121695847609}, 2);
    /* sqrt(diag(solve(crossprod(X * sqrt(w))))) at coef(fit) */
    assert_all_close(r.se, (double[]){0.506501213041344, 0.258071788871984}, 2);
    assert_all_close(r.z, (double[]){-1.34730809097427, 1.74804730815187}, 2);
    /* 2 * pnorm(-abs(z)) */
    assert_all_close(r.wald_p, (double[]){0.17788102735109, 0.0804558359113916}, 2);
    assert_all_close(r.p_value, (double[]){0.17788102735109, 0.0804558359113916}, 2);
    /* b -/+ qnorm(0.975) * se */
    assert_all_close(r.ci_lower, (double[]){-1.67513731810577, -0.0546897157673029}, 2);
    assert_all_close(r.ci_upper, (double[]){0.310310953267998, 0.956933107462522}, 2);
    assert_close(r.loglik, -26.0772488235198);      /* logLik(fit) */
    assert_close(r.null_loglik, -27.7258872223978); /* logLik(glm(y ~ 1)) */
    assert_close(r.deviance, 52.1544976470396);     /* deviance(fit) */
    assert_close(r.null_deviance, 55.4517744447956);/* fit$null.deviance */
    assert_close(r.lr_chi2, 3.29727679775606);      /* null.deviance - deviance */
    assert_close(r.lr_p, 0.0693948394327456);       /* pchisq(LR, 1, lower.tail = FALSE) */
    assert_close(r.aic, 56.1544976470396);          /* AIC(fit) */
    assert_close(r.bic, 59.5322565552675);          /* BIC(fit) */
    assert_close(r.mcfadden_r2, 0.0594620610570111);/* 1 - ll / ll0 */
    assert_close(r.cox_snell_r2, 0.0791258711148696);  /* 1 - exp(2 (ll0 - ll) / n) */
    assert_close(r.nagelkerke_r2, 0.105501161486493);  /* cs / (1 - exp(2 ll0 / n)) */
    /* table(mu > 0.5, y) */
    assert_int_equal(r.tn, 14);
    assert_int_equal(r.fp, 6);
    assert_int_equal(r.fn, 8);
    assert_int_equal(r.tp, 12);
    assert_int_equal(r.events, 20);
    assert_close(r.auc, 0.66); /* wilcox.test(mu[y == 1], mu[y == 0])$statistic / (n1 n0) */
    /* hosmer_lemeshow(y, mu) in logit.R: SPEC's rule written in R */
    assert_close(r.hl_chi2, 0.503151840634243);
    assert_int_equal(r.hl_df, 3);
    assert_close(r.hl_p, 0.918198422376552);
    assert_true(isnan(r.vif[0]) && isnan(r.vif[1])); /* not requested */
    for (size_t i = 0; i < 40; i++)
        assert_true(r.fitted[i] > 0 && r.fitted[i] < 1);
    qa_logit_result_free(&r);
    free(x);
}

static void test_joint_with_vif(void **state)
{
    (void)state;
    const double *columns[] = {joint_x1, joint_x2, joint_x3, joint_x4, joint_x5, joint_d};
    double *x = test_logit_design(80, 1, columns, 6);
    qa_logit_result r;
    qa_error error;
    assert_int_equal(fit(80, x, 7, joint_y, true, &r, &error), QA_OK);
    /* coef(fit) */
    assert_all_close(r.b, (double[]){-2.07791993813147, 0.563841418959889, -0.0599614657799264,
                                     -0.430004045547417, 0.0433762205105773, 0.655252945438457,
                                     0.0358936917542014}, 7);
    /* sqrt(diag(solve(crossprod(X * sqrt(w))))) at coef(fit) */
    assert_all_close(r.se, (double[]){0.857271172558814, 0.271822198946743, 0.285233757871206,
                                      0.27324306223911, 0.244442501234145, 0.280808701146778,
                                      0.548404608075208}, 7);
    /* 2 * pnorm(-abs(z)) */
    assert_all_close(r.wald_p, (double[]){0.0153558024935784, 0.0380512421322634,
                                          0.833496996092234, 0.115555604183017,
                                          0.859155261696097, 0.0196245617280401,
                                          0.947814829316328}, 7);
    assert_close(r.loglik, -46.4280573050342);      /* logLik(fit) */
    assert_close(r.null_loglik, -54.5483686984627); /* logLik(glm(y ~ 1)) */
    assert_close(r.lr_chi2, 16.2406227868569);      /* null.deviance - deviance */
    assert_close(r.lr_p, 0.0125190942355044);      /* pchisq(LR, 6, lower.tail = FALSE) */
    assert_close(r.aic, 106.856114610068);          /* AIC(fit) */
    assert_close(r.bic, 123.530301052786);          /* BIC(fit) */
    assert_close(r.mcfadden_r2, 0.148864422294948);
    assert_close(r.cox_snell_r2, 0.18372811314166);
    assert_close(r.nagelkerke_r2, 0.246850345845311);
    assert_int_equal(r.tn, 36);
    assert_int_equal(r.fp, 10);
    assert_int_equal(r.fn, 17);
    assert_int_equal(r.tp, 17);
    assert_close(r.auc, 0.741368286445013);  /* wilcox W / (n1 n0) */
    assert_close(r.hl_chi2, 8.4253376500635); /* hosmer_lemeshow(y, mu) */
    assert_int_equal(r.hl_df, 8);
    assert_close(r.hl_p, 0.393061792832157);
    /* 1 / (1 - summary(lm(xj ~ others))$r.squared) */
    assert_true(isnan(r.vif[0]));
    assert_all_close(r.vif + 1, (double[]){1.38736826361598, 1.31746337567113, 1.22921981527478,
                                           1.29293531707788, 1.42519987163066, 1.04602636091594},
                     6);
    qa_logit_result_free(&r);
    free(x);
}

static double huge_x[20], huge_y[20];

static void make_huge(void)
{
    for (int i = 0; i < 20; i++) {
        huge_x[i] = (i + 1) / 1000.0;
        huge_y[i] = i + 1 > 10;
    }
    huge_y[9] = 1; /* R's huge_y[10] <- 1; huge_y[11] <- 0 */
    huge_y[10] = 0;
}

/* A huge but finite estimate (separated but for one pair) is fitted, not refused. */
static void test_huge_finite_estimate(void **state)
{
    (void)state;
    make_huge();
    const double *columns[] = {huge_x};
    double *x = test_logit_design(20, 1, columns, 1);
    qa_logit_result r;
    qa_error error;
    assert_int_equal(fit(20, x, 2, huge_y, false, &r, &error), QA_OK);
    assert_true(r.converged);
    /* coef(fit), SEs at coef(fit) */
    assert_all_close(r.b, (double[]){-13.7561404102032, 1310.10861049554}, 2);
    assert_all_close(r.se, (double[]){8.75678278125818, 826.824148304536}, 2);
    assert_close(r.loglik, -2.51108917984812);
    assert_close(r.lr_p, 1.89002716231521e-06);
    assert_close(r.auc, 0.99);
    assert_close(r.hl_chi2, 1.70881588198684);
    assert_int_equal(r.hl_df, 8);
    qa_logit_result_free(&r);
    free(x);
}

/* Four rows, two terms: tiny but fittable (x = 0..3, y = 0, 1, 0, 1). */
static void test_tiny(void **state)
{
    (void)state;
    const double x[] = {1, 0, 1, 1, 1, 2, 1, 3}, y[] = {0, 1, 0, 1};
    qa_logit_result r;
    qa_error error;
    assert_int_equal(fit(4, x, 2, y, false, &r, &error), QA_OK);
    assert_all_close(r.b, (double[]){-1.36227639384014, 0.908184262560095}, 2);
    assert_all_close(r.se, (double[]){1.97488294954875, 1.08519211225693}, 2);
    assert_close(r.loglik, -2.34748653512135);
    assert_close(r.bic, 7.46756179248247);
    assert_close(r.nagelkerke_r2, 0.255307993130099);
    assert_close(r.auc, 0.75);
    assert_close(r.hl_chi2, 3.66164050865736);
    assert_int_equal(r.hl_df, 2);
    assert_close(r.hl_p, 0.160282041801575);
    qa_logit_result_free(&r);
}

static void expect_status(size_t n, const double *x, size_t p, const double *y,
                          qa_status status, const char *message_part)
{
    qa_logit_result r;
    qa_error error;
    qa_error_clear(&error);
    assert_int_equal(fit(n, x, p, y, false, &r, &error), status);
    assert_non_null(strstr(error.message, message_part));
    assert_null(r.b); /* nothing to free */
    qa_logit_result_free(&r);
}

static void test_refusals(void **state)
{
    (void)state;
    const double x2[] = {1, 0, 1, 1};
    expect_status(2, x2, 2, (double[]){0, 1}, QA_ERR_NUMERIC, "too few");
    expect_status(1, x2, 1, (double[]){1}, QA_ERR_NUMERIC, "too few");
    const double x4[] = {1, 0, 1, 1, 1, 2, 1, 3};
    expect_status(4, x4, 2, (double[]){0, 0, 0, 0}, QA_ERR_NUMERIC, "no variation");
    expect_status(4, x4, 2, (double[]){1, 1, 1, 1}, QA_ERR_NUMERIC, "no variation");
    expect_status(4, x4, 2, (double[]){0, 2, 0, 1}, QA_ERR_INPUT, "not 0 or 1");
    const double constant[] = {1, 2, 1, 2, 1, 2, 1, 2};
    expect_status(4, constant, 2, (double[]){0, 1, 0, 1}, QA_ERR_NUMERIC, "column 1 is constant");
    /* column 2 = 2 * column 1 */
    const double collinear[] = {1, 0, 0, 1, 1, 2, 1, 2, 4, 1, 3, 6, 1, 4, 8};
    expect_status(5, collinear, 3, (double[]){0, 1, 0, 1, 1}, QA_ERR_NUMERIC, "column 2");
    /* no intercept, a zero column */
    const double zero[] = {0, 1, 0, 2, 0, 3, 0, 4};
    expect_status(4, zero, 2, (double[]){0, 1, 0, 1}, QA_ERR_NUMERIC, "column 0 is all zero");
    const double infinite[] = {1, 0, 1, INFINITY, 1, 2, 1, 3};
    expect_status(4, infinite, 2, (double[]){0, 1, 0, 1}, QA_ERR_INPUT, "not finite");
}

/* Non-convergence is a status, with the last estimate kept and converged = false. */
static void test_iteration_limit(void **state)
{
    (void)state;
    const double *columns[] = {small_x};
    double *x = test_logit_design(40, 1, columns, 1);
    qa_logit_data data = {40, 2, x, small_y};
    qa_logit_options options;
    qa_logit_options_default(&options);
    options.max_iterations = 1;
    qa_logit_result r;
    qa_error error;
    assert_int_equal(qa_logit_fit(&data, &options, &r, &error), QA_ERR_NUMERIC);
    assert_non_null(strstr(error.message, "did not converge"));
    assert_false(r.converged);
    assert_non_null(r.b);
    assert_int_equal(r.iterations, 1);
    qa_logit_result_free(&r);
    free(x);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_small),       cmocka_unit_test(test_joint_with_vif),
        cmocka_unit_test(test_huge_finite_estimate), cmocka_unit_test(test_tiny),
        cmocka_unit_test(test_refusals),    cmocka_unit_test(test_iteration_limit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
