/* Proportional-hazards test against survival 3.5's cox.zph(fit, transform = "km", terms = TRUE,
 * global = TRUE), values from tests/reference/survival.R beside the R calls. */
#include "test_support.h"

#include "qareport/survival.h"
#include "test_survival_data.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static qa_cox_zph_result zph_or_fail(const double *x, const double *time, const double *status,
                                     size_t n, size_t p)
{
    qa_cox_data data = {n, p, x, time, status, NULL};
    qa_cox_result fit;
    qa_cox_zph_result z;
    qa_error error;
    if (qa_cox_fit(&data, NULL, &fit, &error) != QA_OK)
        fail_msg("qa_cox_fit: %s", error.message);
    if (qa_cox_zph(&data, &fit, &z, &error) != QA_OK)
        fail_msg("qa_cox_zph: %s", error.message);
    qa_cox_result_free(&fit);
    assert_int_equal(z.terms, p);
    for (size_t j = 0; j < p; j++)
        assert_int_equal(z.df[j], 1);
    assert_int_equal(z.df[p], (int)p);
    return z;
}

static void test_tiny(void **state)
{
    (void)state;
    qa_cox_zph_result z = zph_or_fail(tiny_x, tiny_time, tiny_status, 6, 1);
    /* tiny: fit <- coxph(Surv(time, status) ~ x, tiny, ties = "efron", control = coxph.control(eps = 1e-12, iter.max = 100, toler.chol = 1e-15)) */
    /* zph <- cox.zph(fit, transform = "km", terms = TRUE, global = TRUE)$table */
    assert_close(z.chi2[0], 1.12291470525089); /* zph[1, "chisq"] */
    assert_close(z.p[0], 0.289291707097419); /* zph[1, "p"] */
    assert_close(z.chi2[1], 1.12291470525089); /* zph[2, "chisq"] */
    assert_close(z.p[1], 0.289291707097419); /* zph[2, "p"] */
    qa_cox_zph_result_free(&z);
}

static void test_noties(void **state)
{
    (void)state;
    qa_cox_zph_result z = zph_or_fail(noties_x, noties_time, noties_status, 30, 1);
    /* noties: fit <- coxph(Surv(time, status) ~ x, noties, ties = "efron", control = coxph.control(eps = 1e-12, iter.max = 100, toler.chol = 1e-15)) */
    /* zph <- cox.zph(fit, transform = "km", terms = TRUE, global = TRUE)$table */
    assert_close(z.chi2[0], 0.524932007257235); /* zph[1, "chisq"] */
    assert_close(z.p[0], 0.468745377116994); /* zph[1, "p"] */
    assert_close(z.chi2[1], 0.524932007257235); /* zph[2, "chisq"] */
    assert_close(z.p[1], 0.468745377116994); /* zph[2, "p"] */
    qa_cox_zph_result_free(&z);
}

static void test_tied(void **state)
{
    (void)state;
    qa_cox_zph_result z = zph_or_fail(tied_x, tied_time, tied_status, 40, 2);
    /* tied: fit <- coxph(Surv(time, status) ~ x1 + x2, tied, ties = "efron", control = coxph.control(eps = 1e-12, iter.max = 100, toler.chol = 1e-15)) */
    /* zph <- cox.zph(fit, transform = "km", terms = TRUE, global = TRUE)$table */
    assert_close(z.chi2[0], 0.454928344798842); /* zph[1, "chisq"] */
    assert_close(z.p[0], 0.500003806014331); /* zph[1, "p"] */
    assert_close(z.chi2[1], 0.142011275446596); /* zph[2, "chisq"] */
    assert_close(z.p[1], 0.706289663048654); /* zph[2, "p"] */
    assert_close(z.chi2[2], 0.887699123125747); /* zph[3, "chisq"] */
    assert_close(z.p[2], 0.641561929141798); /* zph[3, "p"] */
    qa_cox_zph_result_free(&z);
}

static void test_heavy(void **state)
{
    (void)state;
    qa_cox_zph_result z = zph_or_fail(heavy_group, heavy_time, heavy_status, 50, 1);
    /* heavy: fit <- coxph(Surv(time, status) ~ group, heavy, ties = "efron", control = coxph.control(eps = 1e-12, iter.max = 100, toler.chol = 1e-15)) */
    /* zph <- cox.zph(fit, transform = "km", terms = TRUE, global = TRUE)$table */
    assert_close(z.chi2[0], 0.252898535658706); /* zph[1, "chisq"] */
    assert_close(z.p[0], 0.615041483906947); /* zph[1, "p"] */
    assert_close(z.chi2[1], 0.252898535658706); /* zph[2, "chisq"] */
    assert_close(z.p[1], 0.615041483906947); /* zph[2, "p"] */
    qa_cox_zph_result_free(&z);
}

static void test_vet(void **state)
{
    (void)state;
    qa_cox_zph_result z = zph_or_fail(veteran_x, veteran_time, veteran_status, 137, 5);
    /* vet: fit <- coxph(Surv(time, status) ~ trt + karno + diagtime + age + prior, vet, ties = "efron", control = coxph.control(eps = 1e-12, iter.max = 100, toler.chol = 1e-15)) */
    /* zph <- cox.zph(fit, transform = "km", terms = TRUE, global = TRUE)$table */
    assert_close(z.chi2[0], 0.247422608266372); /* zph[1, "chisq"] */
    assert_close(z.p[0], 0.618895773671551); /* zph[1, "p"] */
    assert_close(z.chi2[1], 12.1643808662067); /* zph[2, "chisq"] */
    assert_close(z.p[1], 0.000487108315827176); /* zph[2, "p"] */
    assert_close(z.chi2[2], 0.0597735599669905); /* zph[3, "chisq"] */
    assert_close(z.p[2], 0.806854196733788); /* zph[3, "p"] */
    assert_close(z.chi2[3], 2.18085153681247); /* zph[4, "chisq"] */
    assert_close(z.p[3], 0.139737127992801); /* zph[4, "p"] */
    assert_close(z.chi2[4], 2.04962267020028); /* zph[5, "chisq"] */
    assert_close(z.p[4], 0.152243917749617); /* zph[5, "p"] */
    assert_close(z.chi2[5], 25.1627501263957); /* zph[6, "chisq"] */
    assert_close(z.p[5], 0.000129604583044154); /* zph[6, "p"] */
    qa_cox_zph_result_free(&z);
}

static void test_large(void **state)
{
    (void)state;
    double *x = malloc(2 * LARGE_N * sizeof *x), *time = malloc(LARGE_N * sizeof *time);
    double *status = malloc(LARGE_N * sizeof *status);
    assert_true(x && time && status);
    large_data(x, time, status);
    qa_cox_zph_result z = zph_or_fail(x, time, status, LARGE_N, 2);
    /* large: fit <- coxph(Surv(time, status) ~ x1 + x2, large, ties = "efron", control = coxph.control(eps = 1e-12, iter.max = 100, toler.chol = 1e-15)) */
    /* zph <- cox.zph(fit, transform = "km", terms = TRUE, global = TRUE)$table */
    assert_close(z.chi2[0], 3.98785449414453); /* zph[1, "chisq"] */
    assert_close(z.p[0], 0.0458293855402097); /* zph[1, "p"] */
    assert_close(z.chi2[1], 1.09447594074343); /* zph[2, "chisq"] */
    assert_close(z.p[1], 0.29548160865127); /* zph[2, "p"] */
    assert_close(z.chi2[2], 5.91811474186171); /* zph[3, "chisq"] */
    assert_close(z.p[2], 0.0518677862194579); /* zph[3, "p"] */
    qa_cox_zph_result_free(&z);
    free(x);
    free(time);
    free(status);
}

/* All events at one time: g(t) is constant, so time-varying effects cannot be told apart. */
static void test_one_event_time(void **state)
{
    (void)state;
    const double time[6] = {1, 1, 1, 2, 3, 4}, status[6] = {1, 1, 1, 0, 0, 0};
    const double x[6] = {0.5, 1.5, 0.2, 0.3, -1, 0.8};
    qa_cox_data data = {6, 1, x, time, status, NULL};
    qa_cox_result fit;
    qa_cox_zph_result z;
    qa_error error;
    assert_int_equal(qa_cox_fit(&data, NULL, &fit, &error), QA_OK);
    assert_int_equal(qa_cox_zph(&data, &fit, &z, &error), QA_ERR_NUMERIC);
    assert_non_null(strstr(error.message, "singular"));
    assert_null(z.chi2);
    qa_cox_result_free(&fit);
}

/* A factor's dummies tested together (cox.zph terms = TRUE): karno, then celltype's three
 * dummies against squamous. */
static void test_factor_term(void **state)
{
    (void)state;
    double x[137 * 4];
    for (size_t i = 0; i < 137; i++) {
        x[4 * i] = veteran_x[5 * i + 1]; /* karno */
        for (int level = 2; level <= 4; level++)
            x[4 * i + (size_t)level - 1] = veteran_celltype[i] == level ? 1.0 : 0.0;
    }
    qa_cox_data data = {137, 4, x, veteran_time, veteran_status, NULL};
    qa_cox_result fit;
    qa_cox_zph_result z;
    qa_error error;
    if (qa_cox_fit(&data, NULL, &fit, &error) != QA_OK)
        fail_msg("qa_cox_fit: %s", error.message);
    const size_t term_of_column[4] = {0, 1, 1, 1};
    if (qa_cox_zph_terms(&data, &fit, term_of_column, 2, &z, &error) != QA_OK)
        fail_msg("qa_cox_zph_terms: %s", error.message);
    assert_int_equal(z.terms, 2);
    /* fit <- coxph(Surv(time, status) ~ karno + celltype, veteran, ...);
       zph <- cox.zph(fit, transform = "km", terms = TRUE, global = TRUE)$table */
    assert_close(z.chi2[0], 14.4157537741776); /* zph[1, "chisq"] */
    assert_close(z.p[0], 0.000146571006397721); /* zph[1, "p"] */
    assert_int_equal(z.df[0], 1); /* zph[1, "df"] */
    assert_close(z.chi2[1], 14.0662320569739); /* zph[2, "chisq"] */
    assert_close(z.p[1], 0.00281637181050668); /* zph[2, "p"] */
    assert_int_equal(z.df[1], 3); /* zph[2, "df"] */
    assert_close(z.chi2[2], 23.649865574077); /* zph[3, "chisq"] */
    assert_close(z.p[2], 9.38754516438348e-05); /* zph[3, "p"] */
    assert_int_equal(z.df[2], 4); /* zph[3, "df"] */
    qa_cox_zph_result_free(&z);
    const size_t bad[4] = {0, 2, 2, 2}; /* term 1 (0-based) has no column */
    assert_int_equal(qa_cox_zph_terms(&data, &fit, bad, 3, &z, &error), QA_ERR_INTERNAL);
    qa_cox_result_free(&fit);
}

static void test_needs_fit(void **state)
{
    (void)state;
    qa_cox_data data = {6, 1, tiny_x, tiny_time, tiny_status, NULL};
    qa_cox_result empty;
    memset(&empty, 0, sizeof empty);
    qa_cox_zph_result z;
    qa_error error;
    assert_int_equal(qa_cox_zph(&data, &empty, &z, &error), QA_ERR_INTERNAL);
    qa_cox_zph_result_free(&z);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tiny),
        cmocka_unit_test(test_noties),
        cmocka_unit_test(test_tied),
        cmocka_unit_test(test_heavy),
        cmocka_unit_test(test_vet),
        cmocka_unit_test(test_large),
        cmocka_unit_test(test_one_event_time),
        cmocka_unit_test(test_factor_term),
        cmocka_unit_test(test_needs_fit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
