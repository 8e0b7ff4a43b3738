/* Member-robust variances against R (tests/reference/member_robust.R, which writes
 * test_member_robust_data.h): the HC0 sandwich without members, sandwich::vcovCL(type = "HC0",
 * cadjust = FALSE) and coxph(... + cluster(g)) with one member per case, and R's explicit
 * n × n dependence matrix for overlapping multilateral members (including two sets larger than
 * QA_MEMBER_SUBSET_MAX) and for dyads in two columns; ML logit, Firth logit and Cox (Efron).
 * Frequency-weighted and compressed data give the same variances as the expanded data. */
#include "test_support.h"
#include "test_member_robust_data.h"

#include "qareport/member_robust.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static void expect_matrix(const double *actual, const double *expected, size_t count,
                          double tolerance, const char *what)
{
    for (size_t k = 0; k < count; k++)
        if (!qa_test_close(actual[k], expected[k], tolerance, 1e-13))
            fail_msg("%s[%zu]: %.17g vs %.17g", what, k, actual[k], expected[k]);
}

static qa_member_plan *plan_of(size_t cases, const size_t *offset, const uint32_t *member,
                               size_t member_count)
{
    qa_members members = {cases, member_count, offset, member, NULL};
    qa_member_plan *plan = NULL;
    qa_error error;
    assert_int_equal(qa_member_plan_build(&members, &plan, &error), QA_OK);
    return plan;
}

/* The sandwich of a logit fit with the given members (offset NULL: no members at all). */
static void logit_variance(const qa_logit_data *data, qa_logit_method method, const size_t *offset,
                           const uint32_t *member, size_t member_count, double *variance,
                           size_t *clusters, double *b)
{
    size_t n = data->n, p = data->p;
    size_t *none = calloc(n + 1, sizeof *none);
    qa_logit_result fit;
    memset(&fit, 0, sizeof fit);
    qa_error error;
    qa_status status = method == QA_LOGIT_ML ? qa_logit_fit(data, NULL, &fit, &error)
                                             : qa_logit_firth_fit(data, NULL, &fit, &error);
    assert_int_equal(status, QA_OK);
    memcpy(b, fit.b, p * sizeof *b);
    double *u = malloc(n * p * sizeof *u), *bread = malloc(p * p * sizeof *bread);
    assert_int_equal(qa_logit_score_contributions(data, &fit, u, bread, &error), QA_OK);
    qa_member_plan *plan =
        offset ? plan_of(n, offset, member, member_count) : plan_of(n, none, NULL, 0);
    qa_member_sample sample = {n, NULL, NULL, NULL};
    assert_int_equal(qa_member_sandwich(plan, &sample, u, n, p, bread, variance, clusters, &error),
                     QA_OK);
    qa_member_plan_free(plan);
    qa_logit_result_free(&fit);
    free(u);
    free(bread);
    free(none);
}

static void test_ml_against_r(void **state)
{
    (void)state;
    qa_logit_data data = {logit_n, 3, logit_x, logit_y, NULL};
    double v[9], b[3];
    size_t clusters;
    logit_variance(&data, QA_LOGIT_ML, NULL, NULL, 0, v, &clusters, b);
    expect_matrix(b, ml_b, 3, 1e-9, "b");
    expect_matrix(v, ml_hc0_variance, 9, 1e-8, "HC0");
    assert_int_equal(clusters, ml_hc0_clusters);
    logit_variance(&data, QA_LOGIT_ML, one_offset, one_member, one_member_count, v, &clusters, b);
    expect_matrix(v, ml_one_variance, 9, 1e-8, "vcovCL");
    assert_int_equal(clusters, ml_one_clusters);
    logit_variance(&data, QA_LOGIT_ML, multi_offset, multi_member, multi_member_count, v, &clusters,
                   b);
    expect_matrix(v, ml_multi_variance, 9, 1e-8, "multilateral");
    assert_int_equal(clusters, ml_multi_clusters);
    logit_variance(&data, QA_LOGIT_ML, dyad_offset, dyad_member, dyad_member_count, v, &clusters,
                   b);
    expect_matrix(v, ml_dyad_variance, 9, 1e-8, "dyads");
    assert_int_equal(clusters, ml_dyad_clusters);
}

static void test_firth_against_r(void **state)
{
    (void)state;
    qa_logit_data data = {firth_n, 2, firth_x, firth_y, NULL};
    double v[4], b[2];
    size_t clusters;
    logit_variance(&data, QA_LOGIT_FIRTH, one_offset, one_member, one_member_count, v, &clusters,
                   b);
    expect_matrix(b, firth_b, 2, 1e-8, "Firth b");
    expect_matrix(v, firth_one_variance, 4, 1e-7, "Firth, one member");
    assert_int_equal(clusters, firth_one_clusters);
    logit_variance(&data, QA_LOGIT_FIRTH, multi_offset, multi_member, multi_member_count, v,
                   &clusters, b);
    expect_matrix(v, firth_multi_variance, 4, 1e-7, "Firth, multilateral");
    assert_int_equal(clusters, firth_multi_clusters);
    /* a negative diagonal (possible: A is not positive semi-definite) gives no se */
    double se[2], z[2], p[2];
    qa_member_wald(b, v, 2, se, z, p);
    assert_true(v[3] < 0 && isnan(se[1]) && isnan(p[1]));
    assert_close(se[0], sqrt(firth_multi_variance[0]));
}

static void cox_fit_of(const qa_cox_data *data, qa_cox_result *fit)
{
    qa_cox_options options;
    qa_cox_options_default(&options);
    qa_error error;
    memset(fit, 0, sizeof *fit);
    assert_int_equal(qa_cox_fit(data, &options, fit, &error), QA_OK);
}

static void cox_variance(const qa_cox_data *data, const qa_cox_result *fit, const size_t *offset,
                         const uint32_t *member, size_t member_count, double *v, size_t *clusters)
{
    size_t n = data->n, p = data->p;
    double *d = malloc(n * p * sizeof *d);
    qa_error error;
    assert_int_equal(qa_cox_dfbeta(data, fit, d, &error), QA_OK);
    qa_member_plan *plan = plan_of(n, offset, member, member_count);
    qa_member_sample sample = {n, NULL, NULL, NULL};
    assert_int_equal(qa_member_sandwich(plan, &sample, d, n, p, NULL, v, clusters, &error), QA_OK);
    qa_member_plan_free(plan);
    free(d);
}

static void test_cox_against_r(void **state)
{
    (void)state;
    qa_cox_data data = {cox_n, 2, cox_x, cox_time, cox_status, NULL};
    qa_cox_result fit;
    cox_fit_of(&data, &fit);
    expect_matrix(fit.b, cox_b, 2, 1e-8, "Cox b");
    double *r = malloc(cox_n * 2 * sizeof *r);
    qa_error error;
    assert_int_equal(qa_cox_score_residuals(&data, &fit, r, &error), QA_OK);
    for (size_t k = 0; k < cox_n * 2; k++)
        if (!qa_test_close(r[k], cox_score_residuals[k], 1e-7, 1e-10))
            fail_msg("score residual %zu: %.17g vs %.17g", k, r[k], cox_score_residuals[k]);
    assert_int_equal(qa_cox_dfbeta(&data, &fit, r, &error), QA_OK);
    for (size_t k = 0; k < cox_n * 2; k++)
        if (!qa_test_close(r[k], cox_dfbeta[k], 1e-7, 1e-10))
            fail_msg("dfbeta %zu: %.17g vs %.17g", k, r[k], cox_dfbeta[k]);
    free(r);
    double v[4];
    size_t clusters;
    cox_variance(&data, &fit, one_offset, one_member, one_member_count, v, &clusters);
    expect_matrix(v, cox_one_variance, 4, 1e-7, "coxph cluster()");
    assert_int_equal(clusters, cox_one_clusters);
    cox_variance(&data, &fit, multi_offset, multi_member, multi_member_count, v, &clusters);
    expect_matrix(v, cox_multi_variance, 4, 1e-7, "Cox multilateral");
    assert_int_equal(clusters, cox_multi_clusters);
    cox_variance(&data, &fit, dyad_offset, dyad_member, dyad_member_count, v, &clusters);
    expect_matrix(v, cox_dyad_variance, 4, 1e-7, "Cox dyads");
    assert_int_equal(clusters, cox_dyad_clusters);
    qa_cox_result_free(&fit);
}

/* Case i of the R data repeated 1 + i % 3 times (members repeated with it), against the
 * distinct rows with those counts as frequency weights: the score rows of the compressed
 * fit, mapped to the cases by row_of, give the expanded variance. */
static void test_weighted_logit_equals_expanded(void **state)
{
    (void)state;
    size_t n = logit_n, p = 3, total = 0;
    double weights[logit_n];
    for (size_t i = 0; i < n; i++)
        total += (size_t)(weights[i] = (double)(1 + i % 3));
    double *x = malloc(total * p * sizeof *x), *y = malloc(total * sizeof *y);
    size_t *offset = malloc((total + 1) * sizeof *offset), *row_of = malloc(total * sizeof *row_of);
    uint32_t *member = malloc(total * 2 * sizeof *member);
    size_t k = 0;
    offset[0] = 0;
    for (size_t i = 0; i < n; i++)
        for (size_t copy = 0; copy < weights[i]; copy++, k++) {
            memcpy(x + k * p, logit_x + i * p, p * sizeof *x);
            y[k] = logit_y[i];
            row_of[k] = i;
            member[2 * k] = dyad_member[2 * i];
            member[2 * k + 1] = dyad_member[2 * i + 1];
            offset[k + 1] = 2 * (k + 1);
        }
    qa_logit_data expanded = {total, p, x, y, NULL};
    double v_expanded[9], v_weighted[9], b[3];
    size_t clusters_expanded, clusters_weighted;
    logit_variance(&expanded, QA_LOGIT_ML, offset, member, dyad_member_count, v_expanded,
                   &clusters_expanded, b);

    qa_logit_data weighted = {n, p, logit_x, logit_y, weights};
    qa_logit_result fit;
    memset(&fit, 0, sizeof fit);
    qa_error error;
    assert_int_equal(qa_logit_fit(&weighted, NULL, &fit, &error), QA_OK);
    double u[logit_n * 3], bread[9];
    assert_int_equal(qa_logit_score_contributions(&weighted, &fit, u, bread, &error), QA_OK);
    qa_member_plan *plan = plan_of(total, offset, member, dyad_member_count);
    qa_member_sample sample = {total, NULL, row_of, NULL};
    assert_int_equal(
        qa_member_sandwich(plan, &sample, u, n, p, bread, v_weighted, &clusters_weighted, &error),
        QA_OK);
    expect_matrix(v_weighted, v_expanded, 9, 1e-9, "weighted vs expanded");
    assert_int_equal(clusters_weighted, clusters_expanded);
    qa_member_plan_free(plan);
    /* one position per distinct row with its weight, members per original case */
    plan = plan_of(n, dyad_offset, dyad_member, dyad_member_count);
    qa_member_sample positions = {n, NULL, NULL, weights};
    assert_int_equal(qa_member_sandwich(plan, &positions, u, n, p, bread, v_weighted,
                                        &clusters_weighted, &error),
                     QA_OK);
    expect_matrix(v_weighted, v_expanded, 9, 1e-9, "position weights vs expanded");
    qa_member_plan_free(plan);
    qa_logit_result_free(&fit);
    free(x);
    free(y);
    free(offset);
    free(row_of);
    free(member);
}

/* The same for Cox: the weighted fit's dfbeta rows stand for each of their cases. */
static void test_weighted_cox_equals_expanded(void **state)
{
    (void)state;
    size_t n = cox_n, p = 2, total = 0;
    double weights[cox_n];
    for (size_t i = 0; i < n; i++)
        total += (size_t)(weights[i] = (double)(1 + i % 4));
    double *x = malloc(total * p * sizeof *x), *t = malloc(total * sizeof *t),
           *s = malloc(total * sizeof *s);
    size_t *row_of = malloc(total * sizeof *row_of), *case_of = malloc(total * sizeof *case_of);
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        for (size_t copy = 0; copy < weights[i]; copy++, k++) {
            memcpy(x + k * p, cox_x + i * p, p * sizeof *x);
            t[k] = cox_time[i];
            s[k] = cox_status[i];
            row_of[k] = case_of[k] = i;
        }
    /* expanded cases: member sets of their original case */
    qa_cox_data expanded = {total, p, x, t, s, NULL};
    qa_cox_result fit_expanded;
    cox_fit_of(&expanded, &fit_expanded);
    double *d = malloc(total * p * sizeof *d), v_expanded[4], v_weighted[4];
    qa_error error;
    assert_int_equal(qa_cox_dfbeta(&expanded, &fit_expanded, d, &error), QA_OK);
    qa_member_plan *plan = plan_of(n, multi_offset, multi_member, multi_member_count);
    qa_member_sample expanded_sample = {total, case_of, NULL, NULL};
    assert_int_equal(
        qa_member_sandwich(plan, &expanded_sample, d, total, p, NULL, v_expanded, NULL, &error),
        QA_OK);

    qa_cox_data weighted = {n, p, cox_x, cox_time, cox_status, weights};
    qa_cox_result fit;
    cox_fit_of(&weighted, &fit);
    double dw[cox_n * 2];
    assert_int_equal(qa_cox_dfbeta(&weighted, &fit, dw, &error), QA_OK);
    qa_member_sample sample = {total, case_of, row_of, NULL};
    assert_int_equal(qa_member_sandwich(plan, &sample, dw, n, p, NULL, v_weighted, NULL, &error),
                     QA_OK);
    expect_matrix(v_weighted, v_expanded, 4, 1e-8, "Cox weighted vs expanded");
    qa_member_plan_free(plan);
    qa_cox_result_free(&fit);
    qa_cox_result_free(&fit_expanded);
    free(x);
    free(t);
    free(s);
    free(d);
    free(row_of);
    free(case_of);
}

/* Brute force over an explicit dependence relation on random member sets of every size
 * (0 .. 14 members from 16), so that small and large sets meet in every combination. */
static void test_random_sets_against_brute_force(void **state)
{
    (void)state;
    enum { N = 300, P = 2, M = 16 };
    size_t offset[N + 1];
    uint32_t member[N * 14];
    unsigned char has[N][M];
    double u[N * P];
    uint64_t seed = 12345;
    memset(has, 0, sizeof has);
    offset[0] = 0;
    for (size_t i = 0; i < N; i++) {
        seed = seed * 6364136223846793005u + 1442695040888963407u;
        size_t k = (seed >> 33) % 15 < 11 ? (seed >> 40) % 4 : (seed >> 40) % 15;
        size_t used = offset[i];
        seed = seed * 6364136223846793005u + 1442695040888963407u;
        size_t base = (seed >> 35) % M, step = 2 * ((seed >> 45) % (M / 2)) + 1; /* odd: distinct */
        for (size_t e = 0; e < k; e++) {
            uint32_t m = (uint32_t)((base + e * step) % M);
            member[used++] = m;
            has[i][m] = 1;
        }
        offset[i + 1] = used;
        for (size_t j = 0; j < P; j++) {
            seed = seed * 6364136223846793005u + 1442695040888963407u;
            u[i * P + j] = (double)(seed >> 11) / 9007199254740992.0 - 0.5;
        }
    }
    double expected[P * P] = {0}, meat[P * P];
    for (size_t i = 0; i < N; i++)
        for (size_t j = 0; j < N; j++) {
            bool dependent = i == j;
            for (size_t m = 0; m < M && !dependent; m++)
                dependent = has[i][m] && has[j][m];
            for (size_t a = 0; dependent && a < P; a++)
                for (size_t b = 0; b < P; b++)
                    expected[a * P + b] += u[i * P + a] * u[j * P + b];
        }
    qa_member_plan *plan = plan_of(N, offset, member, M);
    qa_member_sample sample = {N, NULL, NULL, NULL};
    qa_error error;
    assert_int_equal(qa_member_meat(plan, &sample, u, N, P, meat, NULL, &error), QA_OK);
    expect_matrix(meat, expected, P * P, 1e-10, "meat");
    qa_member_plan_free(plan);
}

/* The table passes (qa_member_sums_add_keyed, qa_member_sums_add_coded) give the sums of
 * adding each case's score row one by one, bit for bit: random member sets (some cases
 * without members, some with private members), cases outside the model, p = 1, 2 and 3
 * (the specialised shapes and the general one). */
static void test_table_passes_equal_case_by_case(void **state)
{
    (void)state;
    enum { N = 2000, M = 40, RADIX = 3, KEYS = 2 * RADIX * RADIX };
    size_t offset[N + 1];
    uint32_t member[2 * N], private_count[N], key[N];
    double a[N], b[N], outcome[N];
    unsigned char flags[N];
    uint64_t seed = 424242;
#define NEXT() (seed = seed * 6364136223846793005u + 1442695040888963407u, seed >> 33)
    offset[0] = 0;
    for (size_t i = 0; i < N; i++) {
        size_t used = offset[i], k = NEXT() % 4; /* 0 to 3 members: some cases have none */
        uint32_t first = (uint32_t)(NEXT() % M);
        for (size_t e = 0; e < k && e < 2; e++)
            member[used++] = (first + (uint32_t)e * 7) % M;
        offset[i + 1] = used;
        private_count[i] = NEXT() % 5 == 0 ? (uint32_t)(NEXT() % 3) : 0;
        a[i] = (double)(NEXT() % RADIX);
        b[i] = NEXT() % 9 == 0 ? NAN : (double)(NEXT() % RADIX);
        outcome[i] = (double)(NEXT() % 2);
        flags[i] = NEXT() % 3 == 0 ? 0x2 : 0x3; /* flag 0x1: a third of the cases are out */
        bool in = (flags[i] & 1) && !isnan(b[i]);
        key[i] =
            in ? (uint32_t)(2 * ((size_t)a[i] + RADIX * (size_t)b[i]) + (size_t)outcome[i] + 1) : 0;
    }
#undef NEXT
    qa_members members = {N, M, offset, member, private_count};
    qa_member_plan *plan = NULL;
    qa_error error;
    assert_int_equal(qa_member_plan_build(&members, &plan, &error), QA_OK);
    const double *values[2] = {a, b};
    size_t radix[2] = {RADIX, RADIX};
    qa_member_coded_cases cases = {2, values, radix, NULL, flags, 0x1, outcome};
    uint32_t computed[N];
    unsigned char present[KEYS + 1] = {0};
    assert_true(qa_member_coded_keys(&cases, N, computed, present));
    assert_memory_equal(computed, key, sizeof key);
    for (size_t p = 1; p <= 3; p++) {
        double scores[KEYS * 3];
        for (size_t k = 0; k < KEYS * p; k++)
            scores[k] = sin((double)(k + 1) * 0.7) * 1e3 / (double)(k + 3);
        double meat[3][9];
        size_t clusters[3];
        for (int way = 0; way < 3; way++) {
            qa_member_sums *sums;
            assert_int_equal(qa_member_sums_alloc(plan, p, &sums, &error), QA_OK);
            if (way == 0) {
                for (size_t i = 0; i < N; i++)
                    if (key[i])
                        assert_true(qa_member_sums_add(sums, i, 1.0, scores + (key[i] - 1) * p));
            } else if (way == 1) {
                qa_member_sums_add_keyed(sums, key, scores);
            } else {
                assert_true(qa_member_sums_add_coded(sums, &cases, scores));
            }
            assert_int_equal(qa_member_sums_meat(sums, meat[way], &clusters[way], &error), QA_OK);
            qa_member_sums_free(sums);
        }
        for (int way = 1; way < 3; way++) {
            assert_memory_equal(meat[way], meat[0], p * p * sizeof(double));
            assert_int_equal(clusters[way], clusters[0]);
        }
        assert_true(meat[0][0] > 0);
    }
    qa_member_plan_free(plan);
}

static void test_refusals(void **state)
{
    (void)state;
    size_t offset[3] = {0, 1, 2};
    uint32_t member[2] = {0, 5};
    qa_members members = {2, 3, offset, member, NULL};
    qa_member_plan *plan = (qa_member_plan *)&members;
    qa_error error;
    assert_int_equal(qa_member_plan_build(&members, &plan, &error), QA_ERR_INPUT);
    assert_null(plan);
    member[1] = 2;
    assert_int_equal(qa_member_plan_build(&members, &plan, &error), QA_OK);
    double u[2] = {1, 2}, meat[1];
    size_t bad_row[2] = {0, 7};
    qa_member_sample sample = {2, NULL, bad_row, NULL};
    assert_int_equal(qa_member_meat(plan, &sample, u, 2, 1, meat, NULL, &error), QA_ERR_INPUT);
    qa_member_plan_free(plan);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ml_against_r),
        cmocka_unit_test(test_firth_against_r),
        cmocka_unit_test(test_cox_against_r),
        cmocka_unit_test(test_weighted_logit_equals_expanded),
        cmocka_unit_test(test_weighted_cox_equals_expanded),
        cmocka_unit_test(test_random_sets_against_brute_force),
        cmocka_unit_test(test_table_passes_equal_case_by_case),
        cmocka_unit_test(test_refusals),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
