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
    qa_logit_data data = {n, p, x, y, NULL};
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
    assert_close(r.loglik, -26.0772488235198);        /* logLik(fit) */
    assert_close(r.null_loglik, -27.7258872223978);   /* logLik(glm(y ~ 1)) */
    assert_close(r.deviance, 52.1544976470396);       /* deviance(fit) */
    assert_close(r.null_deviance, 55.4517744447956);  /* fit$null.deviance */
    assert_close(r.lr_chi2, 3.29727679775606);        /* null.deviance - deviance */
    assert_close(r.lr_p, 0.0693948394327456);         /* pchisq(LR, 1, lower.tail = FALSE) */
    assert_close(r.aic, 56.1544976470396);            /* AIC(fit) */
    assert_close(r.bic, 59.5322565552675);            /* BIC(fit) */
    assert_close(r.mcfadden_r2, 0.0594620610570111);  /* 1 - ll / ll0 */
    assert_close(r.cox_snell_r2, 0.0791258711148696); /* 1 - exp(2 (ll0 - ll) / n) */
    assert_close(r.nagelkerke_r2, 0.105501161486493); /* cs / (1 - exp(2 ll0 / n)) */
    /* table(mu > 0.5, y) */
    assert_int_equal(r.tn, 14);
    assert_int_equal(r.fp, 6);
    assert_int_equal(r.fn, 8);
    assert_int_equal(r.tp, 12);
    assert_int_equal(r.events, 20);
    assert_close(r.auc, 0.66); /* wilcox.test(mu[y == 1], mu[y == 0])$statistic / (n1 n0) */
    /* hosmer_lemeshow(y, mu) in logit.R: the rule of docs/METHODS.md §5.8 written in R */
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
    assert_all_close(r.b,
                     (double[]){-2.07791993813147, 0.563841418959889, -0.0599614657799264,
                                -0.430004045547417, 0.0433762205105773, 0.655252945438457,
                                0.0358936917542014},
                     7);
    /* sqrt(diag(solve(crossprod(X * sqrt(w))))) at coef(fit) */
    assert_all_close(r.se,
                     (double[]){0.857271172558814, 0.271822198946743, 0.285233757871206,
                                0.27324306223911, 0.244442501234145, 0.280808701146778,
                                0.548404608075208},
                     7);
    /* 2 * pnorm(-abs(z)) */
    assert_all_close(r.wald_p,
                     (double[]){0.0153558024935784, 0.0380512421322634, 0.833496996092234,
                                0.115555604183017, 0.859155261696097, 0.0196245617280401,
                                0.947814829316328},
                     7);
    assert_close(r.loglik, -46.4280573050342);      /* logLik(fit) */
    assert_close(r.null_loglik, -54.5483686984627); /* logLik(glm(y ~ 1)) */
    assert_close(r.lr_chi2, 16.2406227868569);      /* null.deviance - deviance */
    assert_close(r.lr_p, 0.0125190942355044);       /* pchisq(LR, 6, lower.tail = FALSE) */
    assert_close(r.aic, 106.856114610068);          /* AIC(fit) */
    assert_close(r.bic, 123.530301052786);          /* BIC(fit) */
    assert_close(r.mcfadden_r2, 0.148864422294948);
    assert_close(r.cox_snell_r2, 0.18372811314166);
    assert_close(r.nagelkerke_r2, 0.246850345845311);
    assert_int_equal(r.tn, 36);
    assert_int_equal(r.fp, 10);
    assert_int_equal(r.fn, 17);
    assert_int_equal(r.tp, 17);
    assert_close(r.auc, 0.741368286445013);   /* wilcox W / (n1 n0) */
    assert_close(r.hl_chi2, 8.4253376500635); /* hosmer_lemeshow(y, mu) */
    assert_int_equal(r.hl_df, 8);
    assert_close(r.hl_p, 0.393061792832157);
    /* 1 / (1 - summary(lm(xj ~ others))$r.squared) */
    assert_true(isnan(r.vif[0]));
    assert_all_close(r.vif + 1,
                     (double[]){1.38736826361598, 1.31746337567113, 1.22921981527478,
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

static void expect_status(size_t n, const double *x, size_t p, const double *y, qa_status status,
                          const char *message_part)
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
    qa_logit_data data = {40, 2, x, small_y, NULL};
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

/* p = 9 (beyond the unrolled loops): joint + x1^2 + x2 * x3. */
static void test_wide(void **state)
{
    (void)state;
    double square[80], product[80];
    for (int i = 0; i < 80; i++) {
        square[i] = joint_x1[i] * joint_x1[i];
        product[i] = joint_x2[i] * joint_x3[i];
    }
    const double *columns[] = {joint_x1, joint_x2, joint_x3, joint_x4,
                               joint_x5, joint_d,  square,   product};
    double *x = test_logit_design(80, 1, columns, 8);
    qa_logit_result r;
    qa_error error;
    assert_int_equal(fit(80, x, 9, joint_y, true, &r, &error), QA_OK);
    /* "p9 coef(fit)" */
    assert_all_close(r.b,
                     (double[]){-0.602967896416039, -0.715572183379784, -0.269864643578116,
                                -0.551710479972442, -0.00433630392421617, 0.597339708447882,
                                -0.00304260969885441, 0.339371302052913, 0.0681688013318562},
                     9);
    /* "p9 se at coef" */
    assert_all_close(r.se,
                     (double[]){1.69373924697569, 0.838481315260842, 0.692959275300319,
                                0.639206933885323, 0.247684520949577, 0.280147928257514,
                                0.577253630397822, 0.218477291209643, 0.280493779146596},
                     9);
    assert_close(r.loglik, -45.1144577024504); /* logLik(fit9) */
    /* 1 / (1 - summary(lm(xj ~ others))$r.squared) */
    assert_all_close(r.vif + 1,
                     (double[]){11.672185234236, 7.11753326033011, 7.02566178830981,
                                1.32580619350466, 1.45392311608313, 1.11582629573483,
                                12.2810428706413, 16.2732537594271},
                     8);
    qa_logit_result_free(&r);
    free(x);
}

/* Without an intercept column the null model is eta = 0 and the LR test has df = p (glm). */
static void test_no_intercept(void **state)
{
    (void)state;
    qa_logit_result r;
    qa_error error;
    assert_int_equal(fit(40, small_x, 1, small_y, true, &r, &error), QA_OK);
    assert_close(r.b[0], 0.189387395953949);         /* coef(glm(y ~ x - 1)) */
    assert_close(r.se[0], 0.16352191386057);         /* at coef */
    assert_close(r.loglik, -27.0258405521723);       /* logLik */
    assert_close(r.null_deviance, 55.4517744447956); /* fit0$null.deviance */
    assert_close(r.lr_p, 0.236707943032602);         /* pchisq(null.dev - dev, 1) */
    assert_true(isnan(r.vif[0]));                    /* one term: as car::vif, none */
    qa_logit_result_free(&r);
}

static void test_confidence_level(void **state)
{
    (void)state;
    const double *columns[] = {small_x};
    double *x = test_logit_design(40, 1, columns, 1);
    qa_logit_data data = {40, 2, x, small_y, NULL};
    qa_logit_options options;
    qa_logit_options_default(&options);
    options.confidence = 0.90;
    qa_logit_result r;
    qa_error error;
    assert_int_equal(qa_logit_fit(&data, &options, &r, &error), QA_OK);
    /* b -/+ qnorm(0.95) * se */
    assert_all_close(r.ci_lower, (double[]){-1.51553353974526, 0.0266313779076729}, 2);
    assert_all_close(r.ci_upper, (double[]){0.15070717490749, 0.875612013787546}, 2);
    qa_logit_result_free(&r);
    free(x);
}

/* The first Newton step from the intercept-only start raises the deviance here (an outlying
 * x = 60), so the step is halved; the maximum is still glm's ("halving" in logit.R). */
static void test_step_halving(void **state)
{
    (void)state;
    double x[24], y[12];
    for (int i = 0; i < 12; i++) {
        x[2 * i] = 1;
        x[2 * i + 1] = i < 11 ? i : 60;
        y[i] = i >= 1 && i <= 10;
    }
    qa_logit_result r;
    qa_error error;
    assert_int_equal(fit(12, x, 2, y, false, &r, &error), QA_OK);
    assert_all_close(r.b, (double[]){2.61337244815017, -0.0792579147575574}, 2); /* coef */
    assert_all_close(r.se, (double[]){1.15341338336167, 0.0616092405383385}, 2); /* at coef */
    assert_close(r.loglik, -3.89243618728158);                                   /* logLik */
    qa_logit_result_free(&r);
}

/* The small data set repeated 25000 times (n = 1e6): the same maximum, SEs / sqrt(25000),
 * log-likelihood * 25000, same AUC; checks that the fit still converges to the exact
 * maximum when rounding in a million-term sum is near the tolerance. */
static void test_replicated_million(void **state)
{
    (void)state;
    enum { COPIES = 25000, N = 40 * COPIES };
    double *x = malloc(2 * N * sizeof *x), *y = malloc(N * sizeof *y);
    for (size_t i = 0; i < N; i++) {
        x[2 * i] = 1;
        x[2 * i + 1] = small_x[i % 40];
        y[i] = small_y[i % 40];
    }
    qa_logit_result r;
    qa_error error;
    assert_int_equal(fit(N, x, 2, y, false, &r, &error), QA_OK);
    assert_true(r.converged);
    /* coef(fit) of the small model; se / sqrt(25000); logLik * 25000 */
    assert_all_close(r.b, (double[]){-0.682413182418885, 0.451121695847609}, 2);
    assert_close(r.se[0], 0.506501213041344 / sqrt(COPIES));
    assert_close(r.se[1], 0.258071788871984 / sqrt(COPIES));
    assert_close(r.loglik, -26.0772488235198 * COPIES);
    assert_close(r.null_loglik, -27.7258872223978 * COPIES);
    assert_close(r.auc, 0.66);
    qa_logit_result_free(&r);
    free(x);
    free(y);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_small),
        cmocka_unit_test(test_joint_with_vif),
        cmocka_unit_test(test_huge_finite_estimate),
        cmocka_unit_test(test_tiny),
        cmocka_unit_test(test_refusals),
        cmocka_unit_test(test_iteration_limit),
        cmocka_unit_test(test_wide),
        cmocka_unit_test(test_no_intercept),
        cmocka_unit_test(test_confidence_level),
        cmocka_unit_test(test_replicated_million),
        cmocka_unit_test(test_step_halving),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
