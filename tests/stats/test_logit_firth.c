/* Firth logistic regression against R (tests/reference/logit.R, "---- Firth ----"):
 * estimates and SEs from brglm2 (glm(method = "brglmFit", type = "AS_mean")); penalized
 * log-likelihood, null model, penalized LR p and profile CIs from the penalized likelihood
 * written out in R (pll) and maximised with optim / solved with uniroot. */
#include "test_support.h"
#include "test_logit_data.h"

#include "qareport/logit.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    double b[7], se[7], wald_p[7];
    double loglik, null_loglik, lr_chi2, lr_p;
    double p_value[7], ci_lower[7], ci_upper[7];
    size_t tn, fp, fn, tp;
    double auc, hl_chi2, hl_p;
    int hl_df;
} firth_expected;

static void check_firth(size_t n, const double *x, size_t p, const double *y,
                        const firth_expected *e)
{
    qa_logit_data data = {n, p, x, y, NULL};
    qa_logit_result r;
    qa_error error;
    qa_status status = qa_logit_firth_fit(&data, NULL, &r, &error);
    if (status != QA_OK)
        fail_msg("%s", error.message);
    assert_int_equal(r.method, QA_LOGIT_FIRTH);
    assert_true(r.converged);
    for (size_t j = 0; j < p; j++) {
        assert_close(r.b[j], e->b[j]);
        assert_close(r.se[j], e->se[j]);
        assert_close(r.z[j], e->b[j] / e->se[j]);
        assert_close(r.wald_p[j], e->wald_p[j]);
        assert_close(r.p_value[j], e->p_value[j]);
        assert_close(r.ci_lower[j], e->ci_lower[j]);
        assert_close(r.ci_upper[j], e->ci_upper[j]);
    }
    assert_close(r.loglik, e->loglik);
    assert_close(r.null_loglik, e->null_loglik);
    assert_close(r.deviance, -2 * e->loglik);
    assert_close(r.lr_chi2, e->lr_chi2);
    assert_close(r.lr_p, e->lr_p);
    assert_true(isnan(r.aic) && isnan(r.bic));
    assert_true(isnan(r.mcfadden_r2) && isnan(r.cox_snell_r2) && isnan(r.nagelkerke_r2));
    assert_int_equal(r.tn, e->tn);
    assert_int_equal(r.fp, e->fp);
    assert_int_equal(r.fn, e->fn);
    assert_int_equal(r.tp, e->tp);
    assert_close(r.auc, e->auc);
    assert_close(r.hl_chi2, e->hl_chi2);
    assert_int_equal(r.hl_df, e->hl_df);
    assert_close(r.hl_p, e->hl_p);
    qa_logit_result_free(&r);
}

/* Complete separation at x >= 3: ML diverges, Firth is finite. */
static void test_separated(void **state)
{
    (void)state;
    double y[20];
    for (int i = 0; i < 20; i++)
        y[i] = sep_x[i] >= 3;
    const double *columns[] = {sep_x};
    double *x = test_logit_design(20, 1, columns, 1);
    const firth_expected e = {
        .b = {-10.073355806024, 4.02823944558835},          /* coef(fit) */
        .se = {5.06404271393037, 1.97485290210695},         /* solve(X'WX) at coef */
        .wald_p = {0.0466799589950412, 0.0413735549412426}, /* 2 pnorm(-|b/se|) */
        .loglik = -1.78390187464644,                        /* pll(coef) */
        .null_loglik = -11.8259987363113,                   /* pll_max(fixed = 2) */
        .lr_chi2 = 20.0841937233297,
        .lr_p = 7.4106612629136e-06,                            /* pchisq(LR, 1) */
        .p_value = {2.88685939872225e-05, 7.4106612629136e-06}, /* pll_max(fixed = j) */
        .ci_lower = {-26.121175421196, 1.23497212808192},       /* uniroot of profile */
        .ci_upper = {-2.89866100987541, 10.0514291717149},
        .tn = 11,
        .fp = 0,
        .fn = 0,
        .tp = 9,
        .auc = 1, /* wilcox W / (n1 n0) */
        .hl_chi2 = 1.08901401636065,
        .hl_df = 2,
        .hl_p = 0.580127711069964,
    };
    check_firth(20, x, 2, y, &e);
    free(x);
}

/* x in thousandths: Firth's penalty (Jeffreys prior) is invariant under rescaling, so the
 * slope, its SE and CI are the separated case's times 1000 and the p-values are unchanged;
 * the fit must not crawl there in bounded steps. */
static void test_separated_rescaled(void **state)
{
    (void)state;
    double column[20], y[20];
    for (int i = 0; i < 20; i++) {
        column[i] = sep_x[i] / 1000;
        y[i] = sep_x[i] >= 3;
    }
    const double *columns[] = {column};
    double *x = test_logit_design(20, 1, columns, 1);
    qa_logit_data data = {20, 2, x, y, NULL};
    qa_logit_result r;
    qa_error error;
    assert_int_equal(qa_logit_firth_fit(&data, NULL, &r, &error), QA_OK);
    assert_close(r.b[0], -10.073355806024);          /* coef(fit), separated */
    assert_close(r.b[1], 4.02823944558835 * 1000);   /* coef(fit) * 1000 */
    assert_close(r.se[1], 1.97485290210695 * 1000);  /* se * 1000 */
    assert_close(r.p_value[1], 7.4106612629136e-06); /* penalized LR p */
    assert_close(r.ci_lower[1], 1.23497212808192 * 1000);
    assert_close(r.ci_upper[1], 10.0514291717149 * 1000);
    assert_close(r.loglik, -1.78390187464644 - log(1000)); /* det I scales by 1000^-2 */
    qa_logit_result_free(&r);
    free(x);
}

/* Quasi-complete separation: y = 0 below x = 2, 1 above, both at 2. */
static void test_quasi_separated(void **state)
{
    (void)state;
    const double *columns[] = {quasi_x};
    double *x = test_logit_design(20, 1, columns, 1);
    const firth_expected e = {
        .b = {-4.75421354769101, 2.51305039847713},
        .se = {2.35969524931569, 1.16499074294606},
        .wald_p = {0.043930070964972, 0.0309946061716462},
        .loglik = -3.91347918508353,
        .null_loglik = -11.8713631630062,
        .lr_chi2 = 15.9157679558453,
        .lr_p = 6.62246946896275e-05,
        .p_value = {0.00104200643713091, 6.62246946896275e-05},
        .ci_lower = {-14.1907002367816, 0.875914581068338},
        .ci_upper = {-1.37190274518827, 7.28064237568761},
        .tn = 7,
        .fp = 2,
        .fn = 0,
        .tp = 11,
        .auc = 0.96969696969697,
        .hl_chi2 = 0.723983799874299,
        .hl_df = 2,
        .hl_p = 0.696288007795554,
    };
    check_firth(20, x, 2, quasi_y, &e);
    free(x);
}

static void test_small(void **state)
{
    (void)state;
    const double *columns[] = {small_x};
    double *x = test_logit_design(40, 1, columns, 1);
    const firth_expected e = {
        .b = {-0.640101103314423, 0.420152531188402},
        .se = {0.503586107229696, 0.255540192013751},
        .wald_p = {0.203698159438504, 0.100140272746154},
        .loglik = -23.6055600593056,
        .null_loglik = -25.14367283876,
        .lr_chi2 = 3.07622555890873,
        .lr_p = 0.0794446952172066,
        .p_value = {0.18395833723133, 0.0794446952172066},
        .ci_lower = {-1.65715633543293, -0.0481259915163622},
        .ci_upper = {0.299657725923416, 0.939703108548131},
        .tn = 14,
        .fp = 6,
        .fn = 8,
        .tp = 12,
        .auc = 0.66,
        .hl_chi2 = 0.512800539239277,
        .hl_df = 3,
        .hl_p = 0.916070322594489,
    };
    check_firth(40, x, 2, small_y, &e);
    free(x);
}

static void test_joint(void **state)
{
    (void)state;
    const double *columns[] = {joint_x1, joint_x2, joint_x3, joint_x4, joint_x5, joint_d};
    double *x = test_logit_design(80, 1, columns, 6);
    const firth_expected e = {
        .b = {-1.88134446001754, 0.503487559249797, -0.0459220391391459, -0.377054873104191,
              0.0358901404942559, 0.581507888736417, 0.0390609833185577},
        .se = {0.834417014244348, 0.266005445906116, 0.278722305885606, 0.264973272096141,
               0.240503897255256, 0.270157453383702, 0.535469614481866},
        .wald_p = {0.0241533386282617, 0.0583882470038448, 0.869133589367956, 0.154738445169487,
                   0.881372988648562, 0.0313597512979593, 0.941848172053273},
        .loglik = -37.5034247064006,
        .null_loglik = -44.7954941654838,
        .lr_chi2 = 14.5841389181664,
        .lr_p = 0.0237498617884685,
        .p_value = {0.0154081251900759, 0.0431022112549363, 0.864994042413223, 0.128903861650576,
                    0.876487432546649, 0.0184416388425718, 0.940175695384816},
        .ci_lower = {-3.56732069066486, 0.0153860286864875, -0.592028327874506, -0.913850234869311,
                     -0.423855439923329, 0.0938021651057994, -0.992646507562791},
        .ci_upper = {-0.349273198376734, 1.02960728446863, 0.478934502149504, 0.106259695060742,
                     0.491674704048967, 1.13950427664753, 1.06856598531082},
        .tn = 36,
        .fp = 10,
        .fn = 17,
        .tp = 17,
        .auc = 0.73881074168798,
        .hl_chi2 = 11.76241900907,
        .hl_df = 8,
        .hl_p = 0.162123097560715,
    };
    check_firth(80, x, 7, joint_y, &e);
    free(x);
}

/* p = 9, beyond the unrolled loops: estimates only ("p9 brglm2 AS_mean coef"). */
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
    qa_logit_data data = {80, 9, x, joint_y, NULL};
    qa_logit_result r;
    qa_error error;
    assert_int_equal(qa_logit_firth_fit(&data, NULL, &r, &error), QA_OK);
    const double expected[] = {-0.531506313261091,   -0.611140269360188,  -0.228029488633657,
                               -0.465347361022231,   -0.0137872789352821, 0.517299597239829,
                               -0.00665867316351122, 0.288972545085669,   0.0551691862928467};
    for (size_t j = 0; j < 9; j++)
        assert_close(r.b[j], expected[j]);
    qa_logit_result_free(&r);
    free(x);
}

static void test_refusals(void **state)
{
    (void)state;
    const double x[] = {1, 0, 1, 1, 1, 2, 1, 3};
    qa_logit_data data = {4, 2, x, (double[]){0, 0, 0, 0}, NULL};
    qa_logit_result r;
    qa_error error;
    assert_int_equal(qa_logit_firth_fit(&data, NULL, &r, &error), QA_ERR_NUMERIC);
    assert_non_null(strstr(error.message, "no variation"));
    assert_null(r.b);
    const double constant[] = {1, 2, 1, 2, 1, 2, 1, 2};
    data = (qa_logit_data){4, 2, constant, (double[]){0, 1, 0, 1}, NULL};
    assert_int_equal(qa_logit_firth_fit(&data, NULL, &r, &error), QA_ERR_NUMERIC);
    assert_non_null(strstr(error.message, "column 1 is constant"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_separated),       cmocka_unit_test(test_separated_rescaled),
        cmocka_unit_test(test_quasi_separated), cmocka_unit_test(test_small),
        cmocka_unit_test(test_joint),           cmocka_unit_test(test_wide),
        cmocka_unit_test(test_refusals),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
