/* Cox proportional hazards (Efron ties) against R's survival::coxph, with the data sets and
 * values printed by tests/reference/survival.R (each value beside the R call that produced it),
 * and the failure statuses: no events, n < 2, constant and collinear covariates, monotone
 * likelihood, bad status codes. */
#include "test_support.h"

#include "qareport/survival.h"
#include "stats/stats_internal.h"
#include "test_survival_data.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static qa_cox_result fit_or_fail(const double *x, const double *time, const double *status, size_t n,
                                 size_t p)
{
    qa_cox_data data = {n, p, x, time, status, NULL};
    qa_cox_options options;
    qa_cox_options_default(&options);
    qa_cox_result r;
    qa_error error;
    qa_status status_code = qa_cox_fit(&data, &options, &r, &error);
    if (status_code != QA_OK)
        fail_msg("qa_cox_fit: %s", error.message);
    assert_true(r.converged);
    return r;
}

static void test_tiny(void **state)
{
    (void)state;
    qa_cox_result r = fit_or_fail(tiny_x, tiny_time, tiny_status, 6, 1);
    /* tiny: fit <- coxph(Surv(time, status) ~ x, tiny, ties = "efron", control = coxph.control(eps = 1e-12, iter.max = 100, toler.chol = 1e-15)) */
    assert_close(r.b[0], 2.06658094508886); /* coef(fit)[1] */
    assert_close(r.se[0], 1.48728418000866); /* sqrt(diag(vcov(fit)))[1] */
    assert_close(r.z[0], 1.38949971556669); /* summary(fit)$coefficients[1, "z"] */
    assert_close(r.p_value[0], 0.1646808473544); /* summary(fit)$coefficients[1, "Pr(>|z|)"] */
    assert_close(r.ci_lower[0], -0.848442482504296); /* confint(fit)[1, 1] */
    assert_close(r.ci_upper[0], 4.98160437268202); /* confint(fit)[1, 2] */
    assert_close(r.loglik, -2.7501536244831); /* fit$loglik[2] */
    assert_close(r.null_loglik, -4.49980967033027); /* fit$loglik[1] */
    assert_close(r.lr_chi2, 3.49931209169433); /* summary(fit)$logtest["test"] */
    assert_close(r.lr_p, 0.0613943260338836); /* summary(fit)$logtest["pvalue"] */
    assert_close(r.wald_chi2, 1.9307094595599); /* fit$wald.test */
    assert_close(r.wald_p, 0.1646808473544); /* pchisq(fit$wald.test, p, lower.tail = FALSE) */
    assert_close(r.score_chi2, 2.76198362375545); /* fit$score */
    assert_close(r.score_p, 0.0965284819163886); /* pchisq(fit$score, p, lower.tail = FALSE) */
    assert_close(r.aic, 7.5003072489662); /* AIC(fit) */
    assert_close(r.bic, 6.88660161008609); /* BIC(fit) */
    assert_close(r.cox_snell_r2, 0.441900871060205); /* summary(fit)$rsq["rsq"] */
    assert_close(r.nagelkerke_r2, 0.568832642350863); /* summary(fit)$rsq["rsq"] / summary(fit)$rsq["maxrsq"] */
    assert_close(r.concordance, 0.818181818181818); /* concordance(fit)$concordance */
    assert_close(r.concordance_se, 0.128564869306645); /* sqrt(concordance(fit)$var) */
    assert_close(r.linear_predictor[0], 0.585531267775178); /* fit$linear.predictors[1] */
    assert_close(r.linear_predictor[1], 2.03213792933738); /* fit$linear.predictors[2] */
    assert_close(r.linear_predictor[5], -0.241101110260367); /* fit$linear.predictors[6] */
    assert_int_equal(r.events, 4); /* fit$nevent */
    qa_cox_result_free(&r);
}

static void test_noties(void **state)
{
    (void)state;
    qa_cox_result r = fit_or_fail(noties_x, noties_time, noties_status, 30, 1);
    /* noties: fit <- coxph(Surv(time, status) ~ x, noties, ties = "efron", control = coxph.control(eps = 1e-12, iter.max = 100, toler.chol = 1e-15)) */
    assert_close(r.b[0], 0.0636631571565448); /* coef(fit)[1] */
    assert_close(r.se[0], 0.155108417926847); /* sqrt(diag(vcov(fit)))[1] */
    assert_close(r.z[0], 0.410442953435124); /* summary(fit)$coefficients[1, "z"] */
    assert_close(r.p_value[0], 0.681481042664664); /* summary(fit)$coefficients[1, "Pr(>|z|)"] */
    assert_close(r.ci_lower[0], -0.240343755679063); /* confint(fit)[1, 1] */
    assert_close(r.ci_upper[0], 0.367670069992152); /* confint(fit)[1, 2] */
    assert_close(r.loglik, -57.0923482410201); /* fit$loglik[2] */
    assert_close(r.null_loglik, -57.176015261523); /* fit$loglik[1] */
    assert_close(r.lr_chi2, 0.167334041005859); /* summary(fit)$logtest["test"] */
    assert_close(r.lr_p, 0.682492080131227); /* summary(fit)$logtest["pvalue"] */
    assert_close(r.wald_chi2, 0.168463418024548); /* fit$wald.test */
    assert_close(r.wald_p, 0.681481042664664); /* pchisq(fit$wald.test, p, lower.tail = FALSE) */
    assert_close(r.score_chi2, 0.16878019372492); /* fit$score */
    assert_close(r.score_p, 0.681198171061783); /* pchisq(fit$score, p, lower.tail = FALSE) */
    assert_close(r.aic, 116.18469648204); /* AIC(fit) */
    assert_close(r.bic, 117.320190697969); /* BIC(fit) */
    assert_close(r.cox_snell_r2, 0.00556227431516831); /* summary(fit)$rsq["rsq"] */
    assert_close(r.nagelkerke_r2, 0.00568803564299514); /* summary(fit)$rsq["rsq"] / summary(fit)$rsq["maxrsq"] */
    assert_close(r.concordance, 0.501547987616099); /* concordance(fit)$concordance */
    assert_close(r.concordance_se, 0.0715695003688776); /* sqrt(concordance(fit)$var) */
    assert_close(r.linear_predictor[0], 0.124143156455262); /* fit$linear.predictors[1] */
    assert_close(r.linear_predictor[1], -0.0343781048645342); /* fit$linear.predictors[2] */
    assert_close(r.linear_predictor[29], 0.0833987358750736); /* fit$linear.predictors[30] */
    assert_int_equal(r.events, 23); /* fit$nevent */
    qa_cox_result_free(&r);
}

static void test_tied(void **state)
{
    (void)state;
    qa_cox_result r = fit_or_fail(tied_x, tied_time, tied_status, 40, 2);
    /* tied: fit <- coxph(Surv(time, status) ~ x1 + x2, tied, ties = "efron", control = coxph.control(eps = 1e-12, iter.max = 100, toler.chol = 1e-15)) */
    assert_close(r.b[0], 0.398166268165118); /* coef(fit)[1] */
    assert_close(r.se[0], 0.26835141386924); /* sqrt(diag(vcov(fit)))[1] */
    assert_close(r.z[0], 1.48374947023433); /* summary(fit)$coefficients[1, "z"] */
    assert_close(r.p_value[0], 0.137875396810008); /* summary(fit)$coefficients[1, "Pr(>|z|)"] */
    assert_close(r.ci_lower[0], -0.127792838218994); /* confint(fit)[1, 1] */
    assert_close(r.ci_upper[0], 0.92412537454923); /* confint(fit)[1, 2] */
    assert_close(r.b[1], -0.420078224713137); /* coef(fit)[2] */
    assert_close(r.se[1], 0.39531853833697); /* sqrt(diag(vcov(fit)))[2] */
    assert_close(r.z[1], -1.06263224204037); /* summary(fit)$coefficients[2, "z"] */
    assert_close(r.p_value[1], 0.287948759528693); /* summary(fit)$coefficients[2, "Pr(>|z|)"] */
    assert_close(r.ci_lower[1], -1.19488832227462); /* confint(fit)[2, 1] */
    assert_close(r.ci_upper[1], 0.354731872848341); /* confint(fit)[2, 2] */
    assert_close(r.variance[1], -0.0252018267595803); /* vcov(fit)[1, 2] */
    assert_close(r.loglik, -86.7632651093919); /* fit$loglik[2] */
    assert_close(r.null_loglik, -88.1573103398317); /* fit$loglik[1] */
    assert_close(r.lr_chi2, 2.78809046087954); /* summary(fit)$logtest["test"] */
    assert_close(r.lr_p, 0.248069772802758); /* summary(fit)$logtest["pvalue"] */
    assert_close(r.wald_chi2, 2.73598442277144); /* fit$wald.test */
    assert_close(r.wald_p, 0.254617665135864); /* pchisq(fit$wald.test, p, lower.tail = FALSE) */
    assert_close(r.score_chi2, 2.76866180373596); /* fit$score */
    assert_close(r.score_p, 0.250491347025056); /* pchisq(fit$score, p, lower.tail = FALSE) */
    assert_close(r.aic, 177.526530218784); /* AIC(fit) */
    assert_close(r.bic, 180.458002024383); /* BIC(fit) */
    assert_close(r.cox_snell_r2, 0.0673285292455863); /* summary(fit)$rsq["rsq"] */
    assert_close(r.nagelkerke_r2, 0.0681587816611232); /* summary(fit)$rsq["rsq"] / summary(fit)$rsq["maxrsq"] */
    assert_close(r.concordance, 0.621527777777778); /* concordance(fit)$concordance */
    assert_close(r.concordance_se, 0.0568495962948024); /* sqrt(concordance(fit)$var) */
    assert_close(r.linear_predictor[0], 0.279711803385995); /* fit$linear.predictors[1] */
    assert_close(r.linear_predictor[1], -0.397170852494705); /* fit$linear.predictors[2] */
    assert_close(r.linear_predictor[39], -0.317537598861682); /* fit$linear.predictors[40] */
    assert_int_equal(r.events, 32); /* fit$nevent */
    qa_cox_result_free(&r);
}

static void test_heavy(void **state)
{
    (void)state;
    qa_cox_result r = fit_or_fail(heavy_group, heavy_time, heavy_status, 50, 1);
    /* heavy: fit <- coxph(Surv(time, status) ~ group, heavy, ties = "efron", control = coxph.control(eps = 1e-12, iter.max = 100, toler.chol = 1e-15)) */
    assert_close(r.b[0], -0.0729481928541935); /* coef(fit)[1] */
    assert_close(r.se[0], 0.633561410333525); /* sqrt(diag(vcov(fit)))[1] */
    assert_close(r.z[0], -0.115139892778178); /* summary(fit)$coefficients[1, "z"] */
    assert_close(r.p_value[0], 0.908334240289817); /* summary(fit)$coefficients[1, "Pr(>|z|)"] */
    assert_close(r.ci_lower[0], -1.3147057391023); /* confint(fit)[1, 1] */
    assert_close(r.ci_upper[0], 1.16880935339392); /* confint(fit)[1, 2] */
    assert_close(r.loglik, -30.4881009779199); /* fit$loglik[2] */
    assert_close(r.null_loglik, -30.4947281899794); /* fit$loglik[1] */
    assert_close(r.lr_chi2, 0.0132544241191397); /* summary(fit)$logtest["test"] */
    assert_close(r.lr_p, 0.90834377773515); /* summary(fit)$logtest["pvalue"] */
    assert_close(r.wald_chi2, 0.0132571949089704); /* fit$wald.test */
    assert_close(r.wald_p, 0.908334240289817); /* pchisq(fit$wald.test, p, lower.tail = FALSE) */
    assert_close(r.score_chi2, 0.0132630150500597); /* fit$score */
    assert_close(r.score_p, 0.908314209839879); /* pchisq(fit$score, p, lower.tail = FALSE) */
    assert_close(r.aic, 62.9762019558398); /* AIC(fit) */
    assert_close(r.bic, 63.2787870488338); /* BIC(fit) */
    assert_close(r.cox_snell_r2, 0.000265053349535527); /* summary(fit)$rsq["rsq"] */
    assert_close(r.nagelkerke_r2, 0.000376118209292557); /* summary(fit)$rsq["rsq"] / summary(fit)$rsq["maxrsq"] */
    assert_close(r.concordance, 0.52834008097166); /* concordance(fit)$concordance */
    assert_close(r.concordance_se, 0.0905703878114486); /* sqrt(concordance(fit)$var) */
    assert_close(r.linear_predictor[0], 0); /* fit$linear.predictors[1] */
    assert_close(r.linear_predictor[1], -0.0729481928541935); /* fit$linear.predictors[2] */
    assert_close(r.linear_predictor[49], -0.0729481928541935); /* fit$linear.predictors[50] */
    assert_int_equal(r.events, 10); /* fit$nevent */
    qa_cox_result_free(&r);
}

static void test_vet(void **state)
{
    (void)state;
    qa_cox_result r = fit_or_fail(veteran_x, veteran_time, veteran_status, 137, 5);
    /* vet: fit <- coxph(Surv(time, status) ~ trt + karno + diagtime + age + prior, vet, ties = "efron", control = coxph.control(eps = 1e-12, iter.max = 100, toler.chol = 1e-15)) */
    assert_close(r.b[0], 0.193053118039807); /* coef(fit)[1] */
    assert_close(r.se[0], 0.186445877428007); /* sqrt(diag(vcov(fit)))[1] */
    assert_close(r.z[0], 1.03543784771724); /* summary(fit)$coefficients[1, "z"] */
    assert_close(r.p_value[0], 0.300464478111972); /* summary(fit)$coefficients[1, "Pr(>|z|)"] */
    assert_close(r.ci_lower[0], -0.172374086785055); /* confint(fit)[1, 1] */
    assert_close(r.ci_upper[0], 0.55848032286467); /* confint(fit)[1, 2] */
    assert_close(r.b[1], -0.0340844863661263); /* coef(fit)[2] */
    assert_close(r.se[1], 0.0053413949560084); /* sqrt(diag(vcov(fit)))[2] */
    assert_close(r.z[1], -6.38119567020325); /* summary(fit)$coefficients[2, "z"] */
    assert_close(r.p_value[1], 1.75710622766219e-10); /* summary(fit)$coefficients[2, "Pr(>|z|)"] */
    assert_close(r.ci_lower[1], -0.0445534281071067); /* confint(fit)[2, 1] */
    assert_close(r.ci_upper[1], -0.0236155446251459); /* confint(fit)[2, 2] */
    assert_close(r.b[2], 0.0017230261972969); /* coef(fit)[3] */
    assert_close(r.se[2], 0.0090033607885748); /* sqrt(diag(vcov(fit)))[3] */
    assert_close(r.z[2], 0.191375891487477); /* summary(fit)$coefficients[3, "z"] */
    assert_close(r.p_value[2], 0.848231106783868); /* summary(fit)$coefficients[3, "Pr(>|z|)"] */
    assert_close(r.ci_lower[2], -0.0159232366881299); /* confint(fit)[3, 1] */
    assert_close(r.ci_upper[2], 0.0193692890827237); /* confint(fit)[3, 2] */
    assert_close(r.b[3], -0.00388284790957679); /* coef(fit)[4] */
    assert_close(r.se[3], 0.00924743391574407); /* sqrt(diag(vcov(fit)))[4] */
    assert_close(r.z[3], -0.419883823442751); /* summary(fit)$coefficients[4, "z"] */
    assert_close(r.p_value[3], 0.674570325686514); /* summary(fit)$coefficients[4, "Pr(>|z|)"] */
    assert_close(r.ci_lower[3], -0.0220074853338494); /* confint(fit)[4, 1] */
    assert_close(r.ci_upper[3], 0.0142417895146958); /* confint(fit)[4, 2] */
    assert_close(r.b[4], -0.00776409417423306); /* coef(fit)[5] */
    assert_close(r.se[4], 0.0221520762814001); /* sqrt(diag(vcov(fit)))[5] */
    assert_close(r.z[4], -0.350490584972938); /* summary(fit)$coefficients[5, "z"] */
    assert_close(r.p_value[4], 0.725970554719502); /* summary(fit)$coefficients[5, "Pr(>|z|)"] */
    assert_close(r.ci_lower[4], -0.0511813658685612); /* confint(fit)[5, 1] */
    assert_close(r.ci_upper[4], 0.0356531775200951); /* confint(fit)[5, 2] */
    assert_close(r.variance[1], -0.000133413810877213); /* vcov(fit)[1, 2] */
    assert_close(r.loglik, -483.81463817399); /* fit$loglik[2] */
    assert_close(r.null_loglik, -505.449054918058); /* fit$loglik[1] */
    assert_close(r.lr_chi2, 43.2688334881356); /* summary(fit)$logtest["test"] */
    assert_close(r.lr_p, 3.25929268974239e-08); /* summary(fit)$logtest["pvalue"] */
    assert_close(r.wald_chi2, 44.8770417853828); /* fit$wald.test */
    assert_close(r.wald_p, 1.53682957997007e-08); /* pchisq(fit$wald.test, p, lower.tail = FALSE) */
    assert_close(r.score_chi2, 47.3886247933417); /* fit$score */
    assert_close(r.score_p, 4.73384123757707e-09); /* pchisq(fit$score, p, lower.tail = FALSE) */
    assert_close(r.aic, 977.62927634798); /* AIC(fit) */
    assert_close(r.bic, 991.889427667579); /* BIC(fit) */
    assert_close(r.cox_snell_r2, 0.270817256456459); /* summary(fit)$rsq["rsq"] */
    assert_close(r.nagelkerke_r2, 0.270986443649863); /* summary(fit)$rsq["rsq"] / summary(fit)$rsq["maxrsq"] */
    assert_close(r.concordance, 0.713993639254884); /* concordance(fit)$concordance */
    assert_close(r.concordance_se, 0.0223803041489916); /* sqrt(concordance(fit)$var) */
    assert_close(r.linear_predictor[0], -0.166493439695238); /* fit$linear.predictors[1] */
    assert_close(r.linear_predictor[1], -0.569011057945541); /* fit$linear.predictors[2] */
    assert_close(r.linear_predictor[136], 1.16645329764563); /* fit$linear.predictors[137] */
    assert_int_equal(r.events, 128); /* fit$nevent */
    qa_cox_result_free(&r);
}

static qa_status fit_status(const double *x, const double *time, const double *status, size_t n,
                            size_t p, qa_error *error)
{
    qa_cox_data data = {n, p, x, time, status, NULL};
    qa_cox_result r;
    qa_status status_code = qa_cox_fit(&data, NULL, &r, error);
    assert_null(r.b); /* a failed fit holds nothing */
    qa_cox_result_free(&r);
    return status_code;
}

static void test_no_events(void **state)
{
    (void)state;
    const double time[4] = {1, 2, 3, 4}, status[4] = {0, 0, 0, 0}, x[4] = {1, 2, 3, 4};
    qa_error error;
    assert_int_equal(fit_status(x, time, status, 4, 1, &error), QA_ERR_NUMERIC);
    assert_non_null(strstr(error.message, "no events"));
}

static void test_too_few_cases(void **state)
{
    (void)state;
    const double time[1] = {1}, status[1] = {1}, x[1] = {1};
    qa_error error;
    assert_int_equal(fit_status(x, time, status, 1, 1, &error), QA_ERR_NUMERIC);
    assert_non_null(strstr(error.message, "at least 2"));
}

static void test_constant_covariate(void **state)
{
    (void)state;
    const double time[4] = {1, 2, 3, 4}, status[4] = {1, 0, 1, 1}, x[8] = {1, 5, 2, 5, 3, 5, 4, 5};
    qa_error error;
    assert_int_equal(fit_status(x, time, status, 4, 2, &error), QA_ERR_NUMERIC);
    assert_non_null(strstr(error.message, "covariate 2 is constant"));
}

static void test_collinear_covariates(void **state)
{
    (void)state;
    const double time[5] = {1, 2, 3, 4, 5}, status[5] = {1, 0, 1, 1, 1};
    const double x[10] = {1, 2, 3, 6, 2, 4, 5, 10, 4, 8}; /* second column = 2 × first */
    qa_error error;
    assert_int_equal(fit_status(x, time, status, 5, 2, &error), QA_ERR_NUMERIC);
    assert_non_null(strstr(error.message, "singular"));
}

/* Every event in group 1 comes before any in group 0: the partial likelihood rises towards a
 * limit as b -> +inf (R: "Loglik converged before variable 1; coefficient may be infinite"). */
static void test_monotone_likelihood(void **state)
{
    (void)state;
    const double time[8] = {1, 2, 3, 4, 5, 6, 7, 8}, status[8] = {1, 1, 1, 0, 1, 1, 0, 1};
    const double x[8] = {1, 1, 1, 1, 0, 0, 0, 0};
    qa_error error;
    assert_int_equal(fit_status(x, time, status, 8, 1, &error), QA_ERR_NUMERIC);
    assert_non_null(strstr(error.message, "infinite"));
}

/* Times in exactly the order of a continuous covariate: the loglik tends to 0 as b -> inf
 * (R: "Loglik converged before variable 1; coefficient may be infinite"). */
static void test_monotone_continuous(void **state)
{
    (void)state;
    const double time[8] = {1, 2, 3, 4, 5, 6, 7, 8}, status[8] = {1, 1, 1, 1, 1, 1, 1, 1};
    const double x[8] = {10, 9, 8, 7, 6, 5, 4, 3.5};
    qa_error error;
    assert_int_equal(fit_status(x, time, status, 8, 1, &error), QA_ERR_NUMERIC);
    assert_non_null(strstr(error.message, "covariate 1 diverges"));
}

/* Nearly separated but finite: must converge, not be taken for a divergence. */
static void test_nearly_separated(void **state)
{
    (void)state;
    const double time[8] = {1, 2, 3, 4, 5, 6, 7, 8}, status[8] = {1, 1, 1, 1, 1, 1, 1, 1};
    const double x[8] = {1, 1, 1, 0, 1, 0, 0, 0};
    qa_cox_result r = fit_or_fail(x, time, status, 8, 1);
    /* fit <- coxph(Surv(time, status) ~ x, near) (default control) */
    assert_close(r.b[0], 2.155858950514); /* coef(fit)[1] */
    assert_close(r.se[0], 1.14014122677896); /* sqrt(vcov(fit)[1, 1]) */
    assert_close(r.loglik, -8.26597314264515); /* fit$loglik[2] */
    qa_cox_result_free(&r);
}

static void test_bad_status(void **state)
{
    (void)state;
    const double time[4] = {1, 2, 3, 4}, status[4] = {1, 2, 1, 0}, x[4] = {1, 2, 3, 4};
    qa_error error;
    assert_int_equal(fit_status(x, time, status, 4, 1, &error), QA_ERR_INPUT);
    assert_non_null(strstr(error.message, "row 2"));
}

/* A fit must not depend on the order of the rows (it sorts by time itself). */
static void test_row_order(void **state)
{
    (void)state;
    double x[30], time[30], status[30];
    for (size_t i = 0; i < 30; i++) {
        x[i] = noties_x[29 - i];
        time[i] = noties_time[29 - i];
        status[i] = noties_status[29 - i];
    }
    qa_cox_result r = fit_or_fail(x, time, status, 30, 1);
    assert_close(r.b[0], 0.0636631571565448); /* coef(fit)[1] of the noties fit */
    assert_close(r.linear_predictor[29], 0.124143156455262); /* noties fit$linear.predictors[1] */
    assert_close(r.linear_predictor[0], 0.0833987358750736); /* noties fit$linear.predictors[30] */
    qa_cox_result_free(&r);
}

/* Heavily tied integer times at n = 5000, strong effects (p-values below 1e-70). */
static void test_large(void **state)
{
    (void)state;
    double *x = malloc(2 * LARGE_N * sizeof *x), *time = malloc(LARGE_N * sizeof *time);
    double *status = malloc(LARGE_N * sizeof *status);
    assert_true(x && time && status);
    large_data(x, time, status);
    qa_cox_result r = fit_or_fail(x, time, status, LARGE_N, 2);
    /* large: fit <- coxph(Surv(time, status) ~ x1 + x2, large, ties = "efron", control = coxph.control(eps = 1e-12, iter.max = 100, toler.chol = 1e-15)) */
    assert_close(r.b[0], 0.114642609047773); /* coef(fit)[1] */
    assert_close(r.se[0], 0.00614452009823779); /* sqrt(diag(vcov(fit)))[1] */
    assert_close(r.z[0], 18.657699415883); /* summary(fit)$coefficients[1, "z"] */
    assert_close(r.p_value[0], 1.09338222375146e-77); /* summary(fit)$coefficients[1, "Pr(>|z|)"] */
    assert_close(r.ci_lower[0], 0.102599570952944); /* confint(fit)[1, 1] */
    assert_close(r.ci_upper[0], 0.126685647142601); /* confint(fit)[1, 2] */
    assert_close(r.b[1], 0.765533543092647); /* coef(fit)[2] */
    assert_close(r.se[1], 0.0365825721890519); /* sqrt(diag(vcov(fit)))[2] */
    assert_close(r.z[1], 20.9261814378856); /* summary(fit)$coefficients[2, "z"] */
    assert_close(r.p_value[1], 3.09304517556144e-97); /* summary(fit)$coefficients[2, "Pr(>|z|)"] */
    assert_close(r.ci_lower[1], 0.693833019140269); /* confint(fit)[2, 1] */
    assert_close(r.ci_upper[1], 0.837234067045025); /* confint(fit)[2, 2] */
    assert_close(r.variance[1], 2.16666879569983e-05); /* vcov(fit)[1, 2] */
    assert_close(r.loglik, -25975.4897786241); /* fit$loglik[2] */
    assert_close(r.null_loglik, -26334.1762865008); /* fit$loglik[1] */
    assert_close(r.lr_chi2, 717.373015753357); /* summary(fit)$logtest["test"] */
    assert_close(r.lr_p, 1.67659781567806e-156); /* summary(fit)$logtest["pvalue"] */
    assert_close(r.wald_chi2, 717.412613028665); /* fit$wald.test */
    assert_close(r.wald_p, 1.64372990658508e-156); /* pchisq(fit$wald.test, p, lower.tail = FALSE) */
    assert_close(r.score_chi2, 740.456754134939); /* fit$score */
    assert_close(r.score_p, 1.62876637735085e-161); /* pchisq(fit$score, p, lower.tail = FALSE) */
    assert_close(r.aic, 51954.9795572483); /* AIC(fit) */
    assert_close(r.bic, 51967.3005937432); /* BIC(fit) */
    assert_close(r.cox_snell_r2, 0.133657197714532); /* summary(fit)$rsq["rsq"] */
    assert_close(r.nagelkerke_r2, 0.133660756394518); /* summary(fit)$rsq["rsq"] / summary(fit)$rsq["maxrsq"] */
    assert_close(r.concordance, 0.635299995448659); /* concordance(fit)$concordance */
    assert_close(r.concordance_se, 0.00507583159394673); /* sqrt(concordance(fit)$var) */
    assert_close(r.linear_predictor[0], -0.149154620075515); /* fit$linear.predictors[1] */
    assert_close(r.linear_predictor[1], 1.04055657649389); /* fit$linear.predictors[2] */
    assert_close(r.linear_predictor[4999], 0.983235271970004); /* fit$linear.predictors[5000] */
    assert_int_equal(r.events, 3500); /* fit$nevent */

    qa_cox_result_free(&r);
    free(x);
    free(time);
    free(status);
}

/* The public concordance of any score, with ties in the score. */
static void test_concordance_of_score(void **state)
{
    (void)state;
    double score[40], c, se;
    for (size_t i = 0; i < 40; i++)
        score[i] = tied_x[2 * i + 1];
    qa_error error;
    assert_int_equal(qa_concordance(tied_time, tied_status, score, 40, &c, &se, &error), QA_OK);
    /* cc <- concordance(Surv(time, status) ~ x2, data = tied, reverse = TRUE) */
    assert_close(c, 0.450520833333333); /* cc$concordance */
    assert_close(se, 0.0521021840239769); /* sqrt(cc$var) */
    const double censored[3] = {0, 0, 0};
    assert_int_equal(qa_concordance(tied_time, censored, score, 3, &c, &se, &error),
                     QA_ERR_NUMERIC);
    assert_int_equal(qa_concordance(tied_time, tied_status, score, 0, &c, &se, &error),
                     QA_ERR_NUMERIC);
    assert_true(isnan(c) && isnan(se));
    score[5] = NAN;
    assert_int_equal(qa_concordance(tied_time, tied_status, score, 40, &c, NULL, &error),
                     QA_ERR_INPUT);
    assert_non_null(strstr(error.message, "row 6"));
}

static void test_confidence_level(void **state)
{
    (void)state;
    qa_cox_data data = {30, 1, noties_x, noties_time, noties_status, NULL};
    qa_cox_options options;
    qa_cox_options_default(&options);
    options.confidence = 0.9;
    options.concordance_se = false;
    qa_cox_result r;
    qa_error error;
    assert_int_equal(qa_cox_fit(&data, &options, &r, &error), QA_OK);
    /* fit <- coxph(Surv(time, status) ~ x, noties, ...); confint(fit, level = 0.9) */
    assert_close(r.ci_lower[0], -0.191467486641135); /* confint(fit, level = 0.9)[1, 1] */
    assert_close(r.ci_upper[0], 0.318793800954224); /* confint(fit, level = 0.9)[1, 2] */
    assert_true(isnan(r.concordance_se));
    qa_cox_result_free(&r);
}

static void test_not_converged(void **state)
{
    (void)state;
    qa_cox_data data = {137, 5, veteran_x, veteran_time, veteran_status, NULL};
    qa_cox_options options;
    qa_cox_options_default(&options);
    options.max_iterations = 1;
    qa_cox_result r;
    qa_error error;
    assert_int_equal(qa_cox_fit(&data, &options, &r, &error), QA_ERR_NUMERIC);
    assert_non_null(strstr(error.message, "did not converge in 1 iteration"));
    qa_cox_result_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tiny),
        cmocka_unit_test(test_noties),
        cmocka_unit_test(test_tied),
        cmocka_unit_test(test_heavy),
        cmocka_unit_test(test_vet),
        cmocka_unit_test(test_no_events),
        cmocka_unit_test(test_too_few_cases),
        cmocka_unit_test(test_constant_covariate),
        cmocka_unit_test(test_collinear_covariates),
        cmocka_unit_test(test_monotone_likelihood),
        cmocka_unit_test(test_monotone_continuous),
        cmocka_unit_test(test_nearly_separated),
        cmocka_unit_test(test_bad_status),
        cmocka_unit_test(test_row_order),
        cmocka_unit_test(test_large),
        cmocka_unit_test(test_concordance_of_score),
        cmocka_unit_test(test_confidence_level),
        cmocka_unit_test(test_not_converged),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
