/* Two-group log-rank test against R's survdiff (values from tests/reference/survival.R beside
 * the R calls), and its failure statuses. */
#include "test_support.h"

#include "qareport/survival.h"
#include "test_survival_data.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* group[i] = column `column` of an n×stride array, minus `offset` (veteran's trt is 1/2). */
static int *groups_from(const double *x, size_t n, size_t stride, size_t column, int offset)
{
    int *group = malloc(n * sizeof *group);
    assert_non_null(group);
    for (size_t i = 0; i < n; i++)
        group[i] = (int)x[i * stride + column] - offset;
    return group;
}

static void test_tied(void **state)
{
    (void)state;
    int *group = groups_from(tied_x, 40, 2, 1, 0);
    double chi2, p;
    qa_error error;
    assert_int_equal(qa_logrank(tied_time, tied_status, group, 40, &chi2, &p, &error), QA_OK);
    /* tied: d <- survdiff(Surv(time, status) ~ x2, data) */
    assert_close(chi2, 0.700976669766787); /* d$chisq */
    assert_close(p, 0.402455713545265); /* pchisq(d$chisq, 1, lower.tail = FALSE) */
    free(group);
}

static void test_heavy(void **state)
{
    (void)state;
    int *group = groups_from(heavy_group, 50, 1, 0, 0);
    double chi2, p;
    qa_error error;
    assert_int_equal(qa_logrank(heavy_time, heavy_status, group, 50, &chi2, &p, &error), QA_OK);
    /* heavy: d <- survdiff(Surv(time, status) ~ group, data) */
    assert_close(chi2, 0.0132630150500597); /* d$chisq */
    assert_close(p, 0.908314209839879); /* pchisq(d$chisq, 1, lower.tail = FALSE) */
    free(group);
}

static void test_veteran(void **state)
{
    (void)state;
    int *group = groups_from(veteran_x, 137, 5, 0, 1);
    double chi2, p;
    qa_error error;
    assert_int_equal(qa_logrank(veteran_time, veteran_status, group, 137, &chi2, &p, &error), QA_OK);
    /* veteran: d <- survdiff(Surv(time, status) ~ trt2, data) */
    assert_close(chi2, 0.00822734320235077); /* d$chisq */
    assert_close(p, 0.927727233340074); /* pchisq(d$chisq, 1, lower.tail = FALSE) */
    free(group);
}

static void test_large(void **state)
{
    (void)state;
    double *x = malloc(2 * LARGE_N * sizeof *x), *time = malloc(LARGE_N * sizeof *time);
    double *status = malloc(LARGE_N * sizeof *status);
    assert_true(x && time && status);
    large_data(x, time, status);
    int *group = groups_from(x, LARGE_N, 2, 1, 0);
    double chi2, p;
    qa_error error;
    assert_int_equal(qa_logrank(time, status, group, LARGE_N, &chi2, &p, &error), QA_OK);
    /* large: d <- survdiff(Surv(time, status) ~ x2, data) */
    assert_close(chi2, 389.830841364132); /* d$chisq */
    assert_close(p, 9.00955458228826e-87); /* pchisq(d$chisq, 1, lower.tail = FALSE) */
    free(group);
    free(x);
    free(time);
    free(status);
}

/* The counted path (whole-number times) and the sorted one (the same times plus a half)
 * give the same statistic, bit for bit (logrank.c). */
static void test_counted_equals_sorted(void **state)
{
    (void)state;
    large_shifted d = large_shifted_make();
    int *group = groups_from(d.x, LARGE_N, 2, 1, 0);
    double chi2[2], p[2];
    qa_error error;
    assert_int_equal(qa_logrank(d.time, d.status, group, LARGE_N, &chi2[0], &p[0], &error), QA_OK);
    assert_int_equal(qa_logrank(d.later, d.status, group, LARGE_N, &chi2[1], &p[1], &error), QA_OK);
    assert_memory_equal(&chi2[0], &chi2[1], sizeof chi2[0]);
    assert_memory_equal(&p[0], &p[1], sizeof p[0]);
    free(group);
    large_shifted_free(&d);
}

static void test_errors(void **state)
{
    (void)state;
    const double time[4] = {1, 2, 3, 4}, status[4] = {1, 0, 1, 1}, censored[4] = {0, 0, 0, 0};
    const int one_group[4] = {1, 1, 1, 1}, two_groups[4] = {0, 1, 0, 1}, bad[4] = {0, 1, 2, 1};
    double chi2, p;
    qa_error error;
    assert_int_equal(qa_logrank(time, status, one_group, 4, &chi2, &p, &error), QA_ERR_NUMERIC);
    assert_true(isnan(chi2));
    assert_int_equal(qa_logrank(time, censored, two_groups, 4, &chi2, &p, &error), QA_ERR_NUMERIC);
    assert_int_equal(qa_logrank(time, status, bad, 4, &chi2, &p, &error), QA_ERR_INPUT);
    assert_non_null(strstr(error.message, "row 3"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tied),
        cmocka_unit_test(test_heavy),
        cmocka_unit_test(test_veteran),
        cmocka_unit_test(test_large),
        cmocka_unit_test(test_counted_equals_sorted),
        cmocka_unit_test(test_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
