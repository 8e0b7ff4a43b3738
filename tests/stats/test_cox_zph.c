/* Proportional-hazards test against survival 3.5's cox.zph(fit, transform = "km", terms = TRUE,
 * global = TRUE), values from tests/reference/survival.R beside the R calls. */
#include "test_support.h"

#include "qareport/survival.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Rscript tests/reference/survival.R data. veteran: Veterans' Administration lung cancer trial
 * (Kalbfleisch & Prentice 1980) as bundled with R's survival package, columns trt, karno,
 * diagtime, age, prior. */
static const double tiny_time[6] = {2, 3, 3, 5, 7, 8};
static const double tiny_status[6] = {1, 1, 0, 1, 0, 1};
static const double tiny_x[6] = {0.5, 1.2, -0.3, 0.8, -1, 0.1};
static const double noties_time[30] = {6.652, 6.468, 5.881, 4.002, 5.943, 11.25, 12.589, 9.417, 7.976, 8.513, 7.653, 8.269, 12.942, 15.744, 12.774, 9.749, 10.489, 11.202, 11.276, 14.553, 18.243, 16.378, 12.129, 12.067, 14.247, 14.818, 16.532, 20.117, 19.774, 15.182};
static const double noties_status[30] = {1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 0, 1, 1};
static const double noties_x[30] = {1.98, -0.51, -1.85, 0.99, 1.6, -1.4, -1.24, 1.72, 0.79, -1.92, -0.3, 2, -0.22, -1.94, 0.72, 1.76, -1.17, -1.46, 1.55, 1.06, -1.82, -0.59, 1.97, 0.08, -1.99, 0.43, 1.88, -0.92, -1.64, 1.34};
static const double tied_time[40] = {5, 4, 2, 3, 7, 7, 5, 3, 2, 5, 6, 7, 5, 1, 4, 6, 6, 8, 4, 1, 5, 6, 6, 7, 2, 2, 6, 5, 8, 6, 1, 4, 5, 7, 7, 4, 2, 4, 5, 8};
static const double tied_status[40] = {0, 1, 1, 1, 1, 0, 1, 1, 1, 1, 0, 1, 1, 1, 1, 0, 1, 1, 1, 1, 0, 1, 1, 1, 1, 0, 1, 1, 1, 1, 0, 1, 1, 1, 1, 0, 1, 1, 1, 1};
static const double tied_x[80] = {0.7, 0, -1, 0, 0.6, 1, 0.2, 0, -0.9, 0, 0.9, 1, -0.4, 0, -0.4, 0, 1, 1, -0.8, 0, 0.2, 0, 0.6, 1, -1, 0, 0.7, 0, 0.1, 1, -0.8, 0, 1, 0, -0.5, 1, -0.3, 0, 0.9, 0, -0.9, 1, 0.3, 0, 0.5, 0, -1, 1, 0.8, 0, -0.1, 0, -0.7, 1, 1, 0, -0.7, 0, -0.1, 1, 0.8, 0, -1, 0, 0.5, 1, 0.3, 0, -0.9, 0, 0.9, 1, -0.3, 0, -0.5, 0, 1, 1, -0.8, 0};
static const double heavy_time[50] = {10, 13, 10.4, 3.6, 9.5, 13, 10.8, 4.2, 9, 12.9, 11.2, 4.8, 8.5, 12.8, 11.5, 5.4, 8, 12.6, 11.8, 6, 7.5, 12.4, 12.1, 6.6, 6.9, 12.2, 12.3, 7.2, 6.3, 12, 12.5, 7.7, 5.7, 11.7, 12.7, 8.3, 5.1, 11.3, 12.8, 8.8, 4.5, 11, 12.9, 9.3, 3.9, 10.6, 13, 9.7, 3.3, 10.2};
static const double heavy_status[50] = {0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1};
static const double heavy_group[50] = {0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1};
static const double veteran_time[137] = {72, 411, 228, 126, 118, 10, 82, 110, 314, 100, 42, 8, 144, 25, 11, 30, 384, 4, 54, 13, 123, 97, 153, 59, 117, 16, 151, 22, 56, 21, 18, 139, 20, 31, 52, 287, 18, 51, 122, 27, 54, 7, 63, 392, 10, 8, 92, 35, 117, 132, 12, 162, 3, 95, 177, 162, 216, 553, 278, 12, 260, 200, 156, 182, 143, 105, 103, 250, 100, 999, 112, 87, 231, 242, 991, 111, 1, 587, 389, 33, 25, 357, 467, 201, 1, 30, 44, 283, 15, 25, 103, 21, 13, 87, 2, 20, 7, 24, 99, 8, 99, 61, 25, 95, 80, 51, 29, 24, 18, 83, 31, 51, 90, 52, 73, 8, 36, 48, 7, 140, 186, 84, 19, 45, 80, 52, 164, 19, 53, 15, 43, 340, 133, 111, 231, 378, 49};
static const double veteran_status[137] = {1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
static const double veteran_x[685] = {1, 60, 7, 69, 0, 1, 70, 5, 64, 10, 1, 60, 3, 38, 0, 1, 60, 9, 63, 10, 1, 70, 11, 65, 10, 1, 20, 5, 49, 0, 1, 40, 10, 69, 10, 1, 80, 29, 68, 0, 1, 50, 18, 43, 0, 1, 70, 6, 70, 0, 1, 60, 4, 81, 0, 1, 40, 58, 63, 10, 1, 30, 4, 63, 0, 1, 80, 9, 52, 10, 1, 70, 11, 48, 10, 1, 60, 3, 61, 0, 1, 60, 9, 42, 0, 1, 40, 2, 35, 0, 1, 80, 4, 63, 10, 1, 60, 4, 56, 0, 1, 40, 3, 55, 0, 1, 60, 5, 67, 0, 1, 60, 14, 63, 10, 1, 30, 2, 65, 0, 1, 80, 3, 46, 0, 1, 30, 4, 53, 10, 1, 50, 12, 69, 0, 1, 60, 4, 68, 0, 1, 80, 12, 43, 10, 1, 40, 2, 55, 10, 1, 20, 15, 42, 0, 1, 80, 2, 64, 0, 1, 30, 5, 65, 0, 1, 75, 3, 65, 0, 1, 70, 2, 55, 0, 1, 60, 25, 66, 10, 1, 30, 4, 60, 0, 1, 60, 1, 67, 0, 1, 80, 28, 53, 0, 1, 60, 8, 62, 0, 1, 70, 1, 67, 0, 1, 50, 7, 72, 0, 1, 50, 11, 48, 0, 1, 40, 4, 68, 0, 1, 40, 23, 67, 10, 1, 20, 19, 61, 10, 1, 70, 10, 60, 0, 1, 40, 6, 62, 0, 1, 80, 2, 38, 0, 1, 80, 5, 50, 0, 1, 50, 4, 63, 10, 1, 80, 5, 64, 0, 1, 30, 3, 43, 0, 1, 80, 4, 34, 0, 1, 50, 16, 66, 10, 1, 80, 5, 62, 0, 1, 50, 15, 52, 0, 1, 70, 2, 47, 0, 1, 60, 12, 63, 0, 1, 40, 12, 68, 10, 1, 80, 5, 45, 0, 1, 80, 12, 41, 10, 1, 70, 2, 66, 0, 1, 90, 2, 62, 0, 1, 90, 8, 60, 0, 1, 80, 11, 66, 0, 1, 80, 5, 38, 0, 1, 70, 8, 53, 10, 1, 60, 13, 37, 10, 2, 90, 12, 54, 10, 2, 80, 6, 60, 0, 2, 80, 3, 48, 0, 2, 50, 8, 52, 10, 2, 50, 1, 70, 0, 2, 70, 7, 50, 10, 2, 70, 3, 62, 0, 2, 20, 21, 65, 10, 2, 60, 3, 58, 0, 2, 90, 2, 62, 0, 2, 30, 6, 64, 0, 2, 20, 36, 63, 0, 2, 70, 13, 58, 0, 2, 90, 2, 64, 0, 2, 80, 28, 52, 10, 2, 50, 7, 35, 0, 2, 70, 11, 63, 0, 2, 60, 13, 70, 10, 2, 90, 2, 51, 0, 2, 50, 13, 40, 10, 2, 30, 2, 69, 0, 2, 70, 22, 36, 10, 2, 20, 4, 71, 0, 2, 30, 2, 62, 0, 2, 60, 2, 60, 0, 2, 40, 36, 44, 10, 2, 30, 9, 54, 10, 2, 20, 11, 66, 0, 2, 60, 8, 49, 0, 2, 70, 3, 72, 0, 2, 80, 2, 68, 0, 2, 85, 4, 62, 0, 2, 70, 2, 71, 0, 2, 70, 2, 70, 0, 2, 70, 1, 61, 0, 2, 50, 17, 71, 0, 2, 30, 87, 59, 10, 2, 40, 8, 67, 0, 2, 40, 2, 60, 0, 2, 40, 5, 69, 10, 2, 99, 3, 57, 0, 2, 80, 3, 39, 0, 2, 60, 5, 62, 0, 2, 60, 22, 50, 10, 2, 60, 3, 43, 0, 2, 60, 3, 70, 0, 2, 50, 5, 66, 0, 2, 70, 8, 61, 0, 2, 10, 4, 81, 0, 2, 40, 4, 58, 0, 2, 70, 3, 63, 0, 2, 90, 3, 60, 0, 2, 80, 4, 62, 10, 2, 50, 10, 42, 0, 2, 40, 3, 69, 0, 2, 40, 4, 63, 0, 2, 60, 4, 45, 0, 2, 70, 15, 68, 10, 2, 30, 4, 39, 10, 2, 60, 12, 66, 0, 2, 30, 5, 63, 0, 2, 60, 11, 49, 10, 2, 80, 10, 64, 10, 2, 75, 1, 65, 0, 2, 60, 5, 64, 0, 2, 70, 18, 67, 10, 2, 80, 4, 65, 0, 2, 30, 3, 37, 0};

static qa_cox_zph_result zph_or_fail(const double *x, const double *time, const double *status,
                                     size_t n, size_t p)
{
    qa_cox_data data = {n, p, x, time, status};
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

static void test_needs_fit(void **state)
{
    (void)state;
    qa_cox_data data = {6, 1, tiny_x, tiny_time, tiny_status};
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
        cmocka_unit_test(test_needs_fit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
