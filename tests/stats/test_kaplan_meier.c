/* Kaplan–Meier against R's survfit and quantile.survfit (values from
 * tests/reference/survival.R beside the R calls): rows, Greenwood SE of S, the median with its
 * midpoint rule on a flat 0.5, and its log-band CI. */
#include "test_support.h"

#include "qareport/survival.h"
#include "test_survival_data.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* flat: S is exactly 0.5 on [2, 3); flat_end: S stays 0.5 to the last time. */
static const double flat_time[4] = {1, 2, 3, 4};
static const double flat_status[4] = {1, 1, 1, 1};
static const double flat_end_status[4] = {1, 1, 0, 0};

static qa_km_result km_or_fail(const double *time, const double *status, size_t n)
{
    qa_km_result r;
    qa_error error;
    if (qa_km_fit(time, status, n, &r, &error) != QA_OK)
        fail_msg("qa_km_fit: %s", error.message);
    return r;
}

static void test_tiny(void **state)
{
    (void)state;
    qa_km_result r = km_or_fail(tiny_time, tiny_status, 6);
    /* tiny: km <- survfit(Surv(time, status) ~ 1, data); q <- quantile(km, 0.5) */
    assert_int_equal(r.count, 5); /* length(km$time) */
    assert_close(r.time[0], 2); /* km$time[1] */
    assert_close(r.n_risk[0], 6); /* km$n.risk[1] */
    assert_close(r.n_event[0], 1); /* km$n.event[1] */
    assert_close(r.n_censor[0], 0); /* km$n.censor[1] */
    assert_close(r.survival[0], 0.833333333333333); /* km$surv[1] */
    assert_close(r.std_error[0], 0.152145154862546); /* km$surv[1] * km$std.err[1] */
    assert_close(r.time[1], 3); /* km$time[2] */
    assert_close(r.n_risk[1], 5); /* km$n.risk[2] */
    assert_close(r.n_event[1], 1); /* km$n.event[2] */
    assert_close(r.n_censor[1], 1); /* km$n.censor[2] */
    assert_close(r.survival[1], 0.666666666666667); /* km$surv[2] */
    assert_close(r.std_error[1], 0.192450089729875); /* km$surv[2] * km$std.err[2] */
    assert_close(r.time[2], 5); /* km$time[3] */
    assert_close(r.n_risk[2], 3); /* km$n.risk[3] */
    assert_close(r.n_event[2], 1); /* km$n.event[3] */
    assert_close(r.n_censor[2], 0); /* km$n.censor[3] */
    assert_close(r.survival[2], 0.444444444444444); /* km$surv[3] */
    assert_close(r.std_error[2], 0.222222222222222); /* km$surv[3] * km$std.err[3] */
    assert_close(r.time[3], 7); /* km$time[4] */
    assert_close(r.n_risk[3], 2); /* km$n.risk[4] */
    assert_close(r.n_event[3], 0); /* km$n.event[4] */
    assert_close(r.n_censor[3], 1); /* km$n.censor[4] */
    assert_close(r.survival[3], 0.444444444444444); /* km$surv[4] */
    assert_close(r.std_error[3], 0.222222222222222); /* km$surv[4] * km$std.err[4] */
    assert_close(r.time[4], 8); /* km$time[5] */
    assert_close(r.n_risk[4], 1); /* km$n.risk[5] */
    assert_close(r.n_event[4], 1); /* km$n.event[5] */
    assert_close(r.n_censor[4], 0); /* km$n.censor[5] */
    assert_close(r.survival[4], 0); /* km$surv[5] */
    assert_close(r.std_error[4], 0); /* km$surv[5] == 0 */
    assert_close(r.median, 5); /* q$quantile */
    assert_close(r.median_lower, 3); /* q$lower */
    assert_true(isnan(r.median_upper)); /* q$upper is NA */
    qa_km_result_free(&r);
}

static void test_tied(void **state)
{
    (void)state;
    qa_km_result r = km_or_fail(tied_time, tied_status, 40);
    /* tied: km <- survfit(Surv(time, status) ~ 1, data); q <- quantile(km, 0.5) */
    assert_int_equal(r.count, 8); /* length(km$time) */
    assert_close(r.time[0], 1); /* km$time[1] */
    assert_close(r.n_risk[0], 40); /* km$n.risk[1] */
    assert_close(r.n_event[0], 2); /* km$n.event[1] */
    assert_close(r.n_censor[0], 1); /* km$n.censor[1] */
    assert_close(r.survival[0], 0.95); /* km$surv[1] */
    assert_close(r.std_error[0], 0.0344601218802255); /* km$surv[1] * km$std.err[1] */
    assert_close(r.time[1], 2); /* km$time[2] */
    assert_close(r.n_risk[1], 37); /* km$n.risk[2] */
    assert_close(r.n_event[1], 4); /* km$n.event[2] */
    assert_close(r.n_censor[1], 1); /* km$n.censor[2] */
    assert_close(r.survival[1], 0.847297297297297); /* km$surv[2] */
    assert_close(r.std_error[1], 0.0574152103254881); /* km$surv[2] * km$std.err[2] */
    assert_close(r.time[2], 3); /* km$time[3] */
    assert_close(r.n_risk[2], 32); /* km$n.risk[3] */
    assert_close(r.n_event[2], 2); /* km$n.event[3] */
    assert_close(r.n_censor[2], 0); /* km$n.censor[3] */
    assert_close(r.survival[2], 0.794341216216216); /* km$surv[3] */
    assert_close(r.std_error[2], 0.0648988250320358); /* km$surv[3] * km$std.err[3] */
    assert_close(r.time[3], 4); /* km$time[4] */
    assert_close(r.n_risk[3], 30); /* km$n.risk[4] */
    assert_close(r.n_event[3], 5); /* km$n.event[4] */
    assert_close(r.n_censor[3], 1); /* km$n.censor[4] */
    assert_close(r.survival[3], 0.661951013513514); /* km$surv[4] */
    assert_close(r.std_error[3], 0.0764597628192339); /* km$surv[4] * km$std.err[4] */
    assert_close(r.time[4], 5); /* km$time[5] */
    assert_close(r.n_risk[4], 24); /* km$n.risk[5] */
    assert_close(r.n_event[4], 6); /* km$n.event[5] */
    assert_close(r.n_censor[4], 2); /* km$n.censor[5] */
    assert_close(r.survival[4], 0.496463260135135); /* km$surv[5] */
    assert_close(r.std_error[4], 0.0819249851273283); /* km$surv[5] * km$std.err[5] */
    assert_close(r.time[5], 6); /* km$time[6] */
    assert_close(r.n_risk[5], 16); /* km$n.risk[6] */
    assert_close(r.n_event[5], 5); /* km$n.event[6] */
    assert_close(r.n_censor[5], 2); /* km$n.censor[6] */
    assert_close(r.survival[5], 0.341318491342905); /* km$surv[6] */
    assert_close(r.std_error[5], 0.0805104937973973); /* km$surv[6] * km$std.err[6] */
    assert_close(r.time[6], 7); /* km$time[7] */
    assert_close(r.n_risk[6], 9); /* km$n.risk[7] */
    assert_close(r.n_event[6], 5); /* km$n.event[7] */
    assert_close(r.n_censor[6], 1); /* km$n.censor[7] */
    assert_close(r.survival[6], 0.151697107263514); /* km$surv[7] */
    assert_close(r.std_error[6], 0.0669066211956559); /* km$surv[7] * km$std.err[7] */
    assert_close(r.time[7], 8); /* km$time[8] */
    assert_close(r.n_risk[7], 3); /* km$n.risk[8] */
    assert_close(r.n_event[7], 3); /* km$n.event[8] */
    assert_close(r.n_censor[7], 0); /* km$n.censor[8] */
    assert_close(r.survival[7], 0); /* km$surv[8] */
    assert_close(r.std_error[7], 0); /* km$surv[8] == 0 */
    assert_close(r.median, 5); /* q$quantile */
    assert_close(r.median_lower, 5); /* q$lower */
    assert_close(r.median_upper, 7); /* q$upper */
    qa_km_result_free(&r);
}

static void test_heavy(void **state)
{
    (void)state;
    qa_km_result r = km_or_fail(heavy_time, heavy_status, 50);
    /* heavy: km <- survfit(Surv(time, status) ~ 1, data); q <- quantile(km, 0.5) */
    assert_int_equal(r.count, 46); /* length(km$time) */
    assert_close(r.time[0], 3.3); /* km$time[1] */
    assert_close(r.n_risk[0], 50); /* km$n.risk[1] */
    assert_close(r.n_event[0], 0); /* km$n.event[1] */
    assert_close(r.n_censor[0], 1); /* km$n.censor[1] */
    assert_close(r.survival[0], 1); /* km$surv[1] */
    assert_close(r.std_error[0], 0); /* km$surv[1] * km$std.err[1] */
    assert_close(r.time[9], 6); /* km$time[10] */
    assert_close(r.n_risk[9], 41); /* km$n.risk[10] */
    assert_close(r.n_event[9], 1); /* km$n.event[10] */
    assert_close(r.n_censor[9], 0); /* km$n.censor[10] */
    assert_close(r.survival[9], 0.955284552845528); /* km$surv[10] */
    assert_close(r.std_error[9], 0.0309992193793577); /* km$surv[10] * km$std.err[10] */
    assert_close(r.time[19], 8.8); /* km$time[20] */
    assert_close(r.n_risk[19], 31); /* km$n.risk[20] */
    assert_close(r.n_event[19], 1); /* km$n.event[20] */
    assert_close(r.n_censor[19], 0); /* km$n.censor[20] */
    assert_close(r.survival[19], 0.900140792579403); /* km$surv[20] */
    assert_close(r.std_error[19], 0.0479659756484049); /* km$surv[20] * km$std.err[20] */
    assert_true(isnan(r.median)); /* q$quantile is NA */
    assert_close(r.median_lower, 12.7); /* q$lower */
    assert_true(isnan(r.median_upper)); /* q$upper is NA */
    qa_km_result_free(&r);
}

static void test_veteran(void **state)
{
    (void)state;
    qa_km_result r = km_or_fail(veteran_time, veteran_status, 137);
    /* veteran: km <- survfit(Surv(time, status) ~ 1, data); q <- quantile(km, 0.5) */
    assert_int_equal(r.count, 101); /* length(km$time) */
    assert_close(r.time[0], 1); /* km$time[1] */
    assert_close(r.n_risk[0], 137); /* km$n.risk[1] */
    assert_close(r.n_event[0], 2); /* km$n.event[1] */
    assert_close(r.n_censor[0], 0); /* km$n.censor[1] */
    assert_close(r.survival[0], 0.985401459854015); /* km$surv[1] */
    assert_close(r.std_error[0], 0.0102471013425273); /* km$surv[1] * km$std.err[1] */
    assert_close(r.time[49], 95); /* km$time[50] */
    assert_close(r.n_risk[49], 60); /* km$n.risk[50] */
    assert_close(r.n_event[49], 2); /* km$n.event[50] */
    assert_close(r.n_censor[49], 0); /* km$n.censor[50] */
    assert_close(r.survival[49], 0.441216424263281); /* km$surv[50] */
    assert_close(r.std_error[49], 0.0426681205886774); /* km$surv[50] * km$std.err[50] */
    assert_close(r.time[96], 467); /* km$time[97] */
    assert_close(r.n_risk[96], 5); /* km$n.risk[97] */
    assert_close(r.n_event[96], 1); /* km$n.event[97] */
    assert_close(r.n_censor[96], 0); /* km$n.censor[97] */
    assert_close(r.survival[96], 0.0360180427043151); /* km$surv[97] */
    assert_close(r.std_error[96], 0.0175139873344672); /* km$surv[97] * km$std.err[97] */
    assert_close(r.median, 80); /* q$quantile */
    assert_close(r.median_lower, 52); /* q$lower */
    assert_close(r.median_upper, 105); /* q$upper */
    qa_km_result_free(&r);
}

static void test_flat(void **state)
{
    (void)state;
    qa_km_result r = km_or_fail(flat_time, flat_status, 4);
    /* flat: km <- survfit(Surv(time, status) ~ 1, data); q <- quantile(km, 0.5) */
    assert_int_equal(r.count, 4); /* length(km$time) */
    assert_close(r.time[0], 1); /* km$time[1] */
    assert_close(r.n_risk[0], 4); /* km$n.risk[1] */
    assert_close(r.n_event[0], 1); /* km$n.event[1] */
    assert_close(r.n_censor[0], 0); /* km$n.censor[1] */
    assert_close(r.survival[0], 0.75); /* km$surv[1] */
    assert_close(r.std_error[0], 0.21650635094611); /* km$surv[1] * km$std.err[1] */
    assert_close(r.time[1], 2); /* km$time[2] */
    assert_close(r.n_risk[1], 3); /* km$n.risk[2] */
    assert_close(r.n_event[1], 1); /* km$n.event[2] */
    assert_close(r.n_censor[1], 0); /* km$n.censor[2] */
    assert_close(r.survival[1], 0.5); /* km$surv[2] */
    assert_close(r.std_error[1], 0.25); /* km$surv[2] * km$std.err[2] */
    assert_close(r.time[2], 3); /* km$time[3] */
    assert_close(r.n_risk[2], 2); /* km$n.risk[3] */
    assert_close(r.n_event[2], 1); /* km$n.event[3] */
    assert_close(r.n_censor[2], 0); /* km$n.censor[3] */
    assert_close(r.survival[2], 0.25); /* km$surv[3] */
    assert_close(r.std_error[2], 0.21650635094611); /* km$surv[3] * km$std.err[3] */
    assert_close(r.time[3], 4); /* km$time[4] */
    assert_close(r.n_risk[3], 1); /* km$n.risk[4] */
    assert_close(r.n_event[3], 1); /* km$n.event[4] */
    assert_close(r.n_censor[3], 0); /* km$n.censor[4] */
    assert_close(r.survival[3], 0); /* km$surv[4] */
    assert_close(r.std_error[3], 0); /* km$surv[4] == 0 */
    assert_close(r.median, 2.5); /* q$quantile */
    assert_close(r.median_lower, 1); /* q$lower */
    assert_true(isnan(r.median_upper)); /* q$upper is NA */
    qa_km_result_free(&r);
}

static void test_flat_end(void **state)
{
    (void)state;
    qa_km_result r = km_or_fail(flat_time, flat_end_status, 4);
    /* flat_end: km <- survfit(Surv(time, status) ~ 1, data); q <- quantile(km, 0.5) */
    assert_int_equal(r.count, 4); /* length(km$time) */
    assert_close(r.time[0], 1); /* km$time[1] */
    assert_close(r.n_risk[0], 4); /* km$n.risk[1] */
    assert_close(r.n_event[0], 1); /* km$n.event[1] */
    assert_close(r.n_censor[0], 0); /* km$n.censor[1] */
    assert_close(r.survival[0], 0.75); /* km$surv[1] */
    assert_close(r.std_error[0], 0.21650635094611); /* km$surv[1] * km$std.err[1] */
    assert_close(r.time[1], 2); /* km$time[2] */
    assert_close(r.n_risk[1], 3); /* km$n.risk[2] */
    assert_close(r.n_event[1], 1); /* km$n.event[2] */
    assert_close(r.n_censor[1], 0); /* km$n.censor[2] */
    assert_close(r.survival[1], 0.5); /* km$surv[2] */
    assert_close(r.std_error[1], 0.25); /* km$surv[2] * km$std.err[2] */
    assert_close(r.time[2], 3); /* km$time[3] */
    assert_close(r.n_risk[2], 2); /* km$n.risk[3] */
    assert_close(r.n_event[2], 0); /* km$n.event[3] */
    assert_close(r.n_censor[2], 1); /* km$n.censor[3] */
    assert_close(r.survival[2], 0.5); /* km$surv[3] */
    assert_close(r.std_error[2], 0.25); /* km$surv[3] * km$std.err[3] */
    assert_close(r.time[3], 4); /* km$time[4] */
    assert_close(r.n_risk[3], 1); /* km$n.risk[4] */
    assert_close(r.n_event[3], 0); /* km$n.event[4] */
    assert_close(r.n_censor[3], 1); /* km$n.censor[4] */
    assert_close(r.survival[3], 0.5); /* km$surv[4] */
    assert_close(r.std_error[3], 0.25); /* km$surv[4] * km$std.err[4] */
    assert_close(r.median, 3); /* q$quantile */
    assert_close(r.median_lower, 1); /* q$lower */
    assert_true(isnan(r.median_upper)); /* q$upper is NA */
    qa_km_result_free(&r);
}

static void test_large(void **state)
{
    (void)state;
    double *x = malloc(2 * LARGE_N * sizeof *x), *time = malloc(LARGE_N * sizeof *time);
    double *status = malloc(LARGE_N * sizeof *status);
    assert_true(x && time && status);
    large_data(x, time, status);
    qa_km_result r = km_or_fail(time, status, LARGE_N);
    /* large: km <- survfit(Surv(time, status) ~ 1, data); q <- quantile(km, 0.5) */
    assert_int_equal(r.count, 117); /* length(km$time) */
    assert_close(r.time[0], 1); /* km$time[1] */
    assert_close(r.n_risk[0], 5000); /* km$n.risk[1] */
    assert_close(r.n_event[0], 258); /* km$n.event[1] */
    assert_close(r.n_censor[0], 112); /* km$n.censor[1] */
    assert_close(r.survival[0], 0.9484); /* km$surv[1] */
    assert_close(r.std_error[0], 0.00312849612433834); /* km$surv[1] * km$std.err[1] */
    assert_close(r.time[49], 50); /* km$time[50] */
    assert_close(r.n_risk[49], 2355); /* km$n.risk[50] */
    assert_close(r.n_event[49], 42); /* km$n.event[50] */
    assert_close(r.n_censor[49], 7); /* km$n.censor[50] */
    assert_close(r.survival[49], 0.580997369938868); /* km$surv[50] */
    assert_close(r.std_error[49], 0.00743570693321255); /* km$surv[50] * km$std.err[50] */
    assert_close(r.time[99], 100); /* km$time[100] */
    assert_close(r.n_risk[99], 184); /* km$n.risk[100] */
    assert_close(r.n_event[99], 15); /* km$n.event[100] */
    assert_close(r.n_censor[99], 0); /* km$n.censor[100] */
    assert_close(r.survival[99], 0.0933012431635959); /* km$surv[100] */
    assert_close(r.std_error[99], 0.00591351503709074); /* km$surv[100] * km$std.err[100] */
    assert_close(r.median, 59); /* q$quantile */
    assert_close(r.median_lower, 58); /* q$lower */
    assert_close(r.median_upper, 61); /* q$upper */
    qa_km_result_free(&r);
    free(x);
    free(time);
    free(status);
}

/* Whole-number times within a range of at most n are counted, others sorted (kaplan_meier.c):
 * the large data's times, and the same times plus a half (sorted), give the same curve, bit
 * for bit, apart from the half on every time and median. */
static void test_counted_equals_sorted(void **state)
{
    (void)state;
    large_shifted d = large_shifted_make();
    qa_km_result counted = km_or_fail(d.time, d.status, LARGE_N),
                 sorted = km_or_fail(d.later, d.status, LARGE_N);
    assert_int_equal(counted.count, sorted.count);
    size_t bytes = counted.count * sizeof(double);
    assert_memory_equal(counted.n_risk, sorted.n_risk, bytes);
    assert_memory_equal(counted.n_event, sorted.n_event, bytes);
    assert_memory_equal(counted.n_censor, sorted.n_censor, bytes);
    assert_memory_equal(counted.survival, sorted.survival, bytes);
    assert_memory_equal(counted.std_error, sorted.std_error, bytes);
    for (size_t k = 0; k < counted.count; k++)
        assert_true(counted.time[k] + 0.5 == sorted.time[k]);
    assert_true(counted.median + 0.5 == sorted.median);
    assert_true(counted.median_lower + 0.5 == sorted.median_lower);
    assert_true(counted.median_upper + 0.5 == sorted.median_upper);
    qa_km_result_free(&counted);
    qa_km_result_free(&sorted);
    large_shifted_free(&d);
}

/* No events: S stays 1 and the median is not reached (survfit prints NA). One case. */
static void test_no_events_and_one_case(void **state)
{
    (void)state;
    const double time[3] = {4, 2, 9}, status[3] = {0, 0, 0};
    qa_km_result r = km_or_fail(time, status, 3);
    assert_int_equal(r.count, 3);
    assert_close(r.time[0], 2);
    assert_close(r.survival[2], 1);
    assert_close(r.std_error[2], 0);
    assert_true(isnan(r.median) && isnan(r.median_lower) && isnan(r.median_upper));
    qa_km_result_free(&r);
    const double one_status[1] = {1};
    r = km_or_fail(time, one_status, 1);
    assert_int_equal(r.count, 1);
    assert_close(r.survival[0], 0);
    assert_close(r.median, 4); /* the curve drops from 1 to 0 at 4 */
    qa_km_result_free(&r);
}

static void test_errors(void **state)
{
    (void)state;
    qa_km_result r;
    qa_error error;
    assert_int_equal(qa_km_fit(flat_time, flat_status, 0, &r, &error), QA_ERR_NUMERIC);
    const double bad_time[2] = {1, NAN};
    assert_int_equal(qa_km_fit(bad_time, flat_status, 2, &r, &error), QA_ERR_INPUT);
    assert_null(r.time);
    qa_km_result_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tiny),
        cmocka_unit_test(test_tied),
        cmocka_unit_test(test_heavy),
        cmocka_unit_test(test_veteran),
        cmocka_unit_test(test_flat),
        cmocka_unit_test(test_flat_end),
        cmocka_unit_test(test_large),
        cmocka_unit_test(test_counted_equals_sorted),
        cmocka_unit_test(test_no_events_and_one_case),
        cmocka_unit_test(test_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
