/* Pearson, Spearman and Kendall tau-b against R's cor.test, ranks against R's rank(); the
 * values come from tests/reference/correlation.R (run with Rscript), each labelled with the
 * line of that script's output it was copied from. */
#include "test_support.h"

#include "qareport/correlation.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

typedef struct {
    double estimate, statistic, p, ci_lower, ci_upper; /* NaN ci: not checked */
} expected_test;

static void check(const qa_correlation *c, size_t n, expected_test e)
{
    assert_int_equal(c->n, n);
    assert_close(c->estimate, e.estimate);
    assert_close(c->statistic, e.statistic);
    assert_close(c->p, e.p);
    if (!isnan(e.ci_lower)) {
        assert_close(c->ci_lower, e.ci_lower);
        assert_close(c->ci_upper, e.ci_upper);
    }
}

/* All three coefficients of one data set; every algorithm of Kendall must agree. */
static void check_all(const double *x, const double *y, size_t n, expected_test pearson,
                      expected_test spearman, expected_test kendall)
{
    qa_correlation c;
    qa_error error;
    assert_int_equal(qa_pearson(x, y, n, 0.95, &c, &error), QA_OK);
    check(&c, n, pearson);
    assert_int_equal(qa_spearman(x, y, n, &c, &error), QA_OK);
    check(&c, n, spearman);
    assert_true(isnan(c.ci_lower));
    assert_int_equal(qa_kendall(x, y, n, &c, &error), QA_OK);
    check(&c, n, kendall);
    assert_int_equal(qa_kendall_using(x, y, n, QA_KENDALL_MERGE_SORT, &c, &error), QA_OK);
    check(&c, n, kendall);
    assert_int_equal(qa_kendall_using(x, y, n, QA_KENDALL_PAIRS, &c, &error), QA_OK);
    check(&c, n, kendall);
    qa_status table = qa_kendall_using(x, y, n, QA_KENDALL_TABLE, &c, &error);
    if (table == QA_OK)
        check(&c, n, kendall);
    else
        assert_int_equal(table, QA_ERR_USAGE);
    /* All three at once: from one table for integer codes, else the three functions. */
    qa_correlation p, s, k;
    assert_int_equal(qa_correlation_all(x, y, n, 0.95, &p, &s, &k, &error), QA_OK);
    check(&p, n, pearson);
    check(&s, n, spearman);
    check(&k, n, kendall);
}

#define NO_CI NAN, NAN

static void test_ties(void **state)
{
    (void)state;
    const double x[] = {1, 2, 2, 3, 4, 4, 4, 5, 6, 7};
    const double y[] = {2, 1, 3, 3, 5, 4, 6, 6, 8, 7};
    check_all(x, y, COUNT(x),
              /* ties pearson: cor.test(ties_x, ties_y) */
              (expected_test){0.91305728641498, 6.33231392720447, 0.000224835218557698,
                              0.666715846017022, 0.979553239181251},
              /* ties spearman: cor.test(..., method = "spearman", exact = FALSE) */
              (expected_test){0.93812095999547, 10.2100416007475, 5.95022070769685e-05, NO_CI},
              /* ties kendall: cor.test(..., method = "kendall", exact = FALSE) */
              (expected_test){0.833569639401696, 3.2150557594653, 0.00130419186293635, NO_CI});
}

static void test_small_n(void **state)
{
    (void)state;
    const double x4[] = {1.5, 2.0, 3.7, 4.1}, y4[] = {2.2, 1.9, 4.5, 3.0};
    check_all(x4, y4, 4,
              /* small4 pearson: cor.test(small4_x, small4_y) */
              (expected_test){0.740883095439476, 1.56002660872658, 0.259116904560524,
                              -0.764738369222608, 0.994110583202089},
              /* small4 spearman */
              (expected_test){0.6, 4, 0.4, NO_CI},
              /* small4 kendall */
              (expected_test){0.333333333333333, 0.679366220486757, 0.496905847564768, NO_CI});
    const double x5[] = {3, 1, 4, 1, 5}, y5[] = {9, 2, 6, 5, 3};
    check_all(x5, y5, 5,
              /* small5 pearson */
              (expected_test){0.153093108923949, 0.268328157299975, 0.805839921891222,
                              -0.843042093449561, 0.91215566342106},
              /* small5 spearman */
              (expected_test){0.205195670417031, 15.8960865916594, 0.740581941591072, NO_CI},
              /* small5 kendall */
              (expected_test){0.105409255338946, 0.252645576319956, 0.800542107423126, NO_CI});
}

static void test_three_cases_have_no_interval(void **state)
{
    (void)state;
    const double x[] = {1, 2, 4}, y[] = {1, 3, 2};
    qa_correlation c;
    qa_error error;
    assert_int_equal(qa_pearson(x, y, 3, 0.95, &c, &error), QA_OK);
    /* small3 pearson: cor.test(c(1, 2, 4), c(1, 3, 2)), which gives no conf.int */
    check(&c, 3, (expected_test){0.327326835353989, 0.346410161513775, 0.787704384990343, NO_CI});
    assert_true(isnan(c.ci_lower) && isnan(c.ci_upper));
}

static const double ordinal_x[] = {0, 1, 1, 2, 4, 3, 2, 0, 4, 3, 1, 2, 3, 4, 0, 2, 3, 1, 4, 2};

static void test_binary_outcome(void **state)
{
    (void)state;
    const double y[] = {0, 0, 1, 0, 1, 1, 0, 0, 1, 1, 0, 1, 0, 1, 0, 0, 1, 0, 1, 1};
    check_all(ordinal_x, y, COUNT(y),
              /* binary pearson: cor.test(ordinal_x, binary_y), point-biserial */
              (expected_test){0.672691583476742, 3.85714285714285, 0.00115458673632153,
                              0.327729244763695, 0.859389341562021},
              /* binary spearman */
              (expected_test){0.672803520206686, 435.171318125108, 0.00115157354519293, NO_CI},
              /* binary kendall */
              (expected_test){0.60271920514579, 2.93268255343937, 0.00336047296604012, NO_CI});
}

static void test_ordinal_and_continuous(void **state)
{
    (void)state;
    const double y[] = {1.2, 2.9, 2.1, 3.3, 6.0, 4.4, 2.7, 0.8, 5.1, 3.9,
                        2.2, 3.0, 4.8, 5.5, 1.9, 3.6, 4.1, 1.7, 5.9, 2.5};
    check_all(ordinal_x, y, COUNT(y),
              /* ordinal pearson: cor.test(ordinal_x, continuous_y) */
              (expected_test){0.958480653233193, 14.2604984184725, 2.9944458179354e-11,
                              0.895993276331755, 0.983747349765222},
              /* ordinal spearman */
              (expected_test){0.960298282259969, 52.8032845942407, 2.01482024012741e-11, NO_CI},
              /* ordinal kendall */
              (expected_test){0.880270338542415, 5.0896427475488, 3.58738722780436e-07, NO_CI});
}

static void test_negative(void **state)
{
    (void)state;
    const double x[] = {0.31, 1.72, 2.05, 2.88, 3.41, 4.19, 4.77, 5.36, 6.02, 6.95, 7.44, 8.13};
    const double y[] = {9.8, 8.1, 8.9, 7.2, 6.6, 7.0, 5.1, 4.9, 3.2, 3.8, 2.1, 1.5};
    check_all(x, y, COUNT(x),
              /* negative pearson: cor.test(negative_x, negative_y) */
              (expected_test){-0.977677187966785, -14.7144261192061, 4.20502170811742e-08,
                              -0.993907006675908, -0.919951809009897},
              /* negative spearman */
              (expected_test){-0.979020979020979, 566, 3.08980139854854e-08, NO_CI},
              /* negative kendall */
              (expected_test){-0.909090909090909, -4.11435288794245, 3.8826707883649e-05, NO_CI});
}

/* One data set's one-sided p (cor.test alternative = "greater") by every entry point. */
static void check_greater(const double *x, const double *y, size_t n, double pearson,
                          double spearman, double kendall)
{
    qa_correlation c, p, s, k;
    qa_error error;
    assert_int_equal(qa_pearson(x, y, n, 0.95, &c, &error), QA_OK);
    assert_close(c.p_greater, pearson);
    assert_int_equal(qa_spearman(x, y, n, &c, &error), QA_OK);
    assert_close(c.p_greater, spearman);
    assert_int_equal(qa_kendall(x, y, n, &c, &error), QA_OK);
    assert_close(c.p_greater, kendall);
    assert_int_equal(qa_correlation_all(x, y, n, 0.95, &p, &s, &k, &error), QA_OK);
    assert_close(p.p_greater, pearson);
    assert_close(s.p_greater, spearman);
    assert_close(k.p_greater, kendall);
}

static void test_one_sided(void **state)
{
    (void)state;
    const double tx[] = {1, 2, 2, 3, 4, 4, 4, 5, 6, 7}, ty[] = {2, 1, 3, 3, 5, 4, 6, 6, 8, 7};
    /* ties greater: cor.test(..., alternative = "greater") for the three methods */
    check_greater(tx, ty, COUNT(tx), 0.000112417609278849, 2.97511035384842e-05,
                  0.000652095931468173);
    const double nx[] = {0.31, 1.72, 2.05, 2.88, 3.41, 4.19, 4.77, 5.36, 6.02, 6.95, 7.44, 8.13};
    const double ny[] = {9.8, 8.1, 8.9, 7.2, 6.6, 7.0, 5.1, 4.9, 3.2, 3.8, 2.1, 1.5};
    /* negative greater */
    check_greater(nx, ny, COUNT(nx), 0.999999978974891, 0.999999984550993, 0.999980586646058);
    const double sx[] = {3, 1, 4, 1, 5}, sy[] = {9, 2, 6, 5, 3};
    /* small5 greater */
    check_greater(sx, sy, 5, 0.402919960945611, 0.370290970795536, 0.400271053711563);
}

/* The generated data of correlation.R: i = 1..2000. */
enum { GENERATED_N = 2000 };

static void generate(double *x, double *y, double noise, double *codes_x, double *codes_y)
{
    for (long i = 1; i <= GENERATED_N; i++) {
        x[i - 1] = (double)((i * 7919) % 10007) / 10007;
        y[i - 1] = x[i - 1] + noise * (double)((i * 104729) % 1009) / 1009;
        codes_x[i - 1] = (double)(i % 5);
        codes_y[i - 1] = (double)((i % 5 + (i * 7919) % 11) % 5);
    }
}

static void test_large_n_tiny_p(void **state)
{
    (void)state;
    double x[GENERATED_N], y[GENERATED_N], cx[GENERATED_N], cy[GENERATED_N];
    generate(x, y, 0.8, cx, cy);
    check_all(x, y, GENERATED_N,
              /* large pearson: cor.test(large_x, large_y); p underflows to 0 in R */
              (expected_test){0.780947510037061, 55.8881751800831, 0, 0.763242092987629,
                              0.797480942971207},
              /* large spearman */
              (expected_test){0.778295501573875, 295605924, 0, NO_CI},
              /* large kendall */
              (expected_test){0.566732366183092, 37.9843245073393, 0, NO_CI});
    generate(x, y, 7, cx, cy);
    check_all(x, y, GENERATED_N,
              /* medium pearson: cor.test(large_x, medium_y) */
              (expected_test){0.141725256331316, 6.39957337031039, 1.93588256603013e-10,
                              0.0985062395407081, 0.184410639271938},
              /* medium spearman */
              (expected_test){0.136660432165108, 1151119136, 8.42902090417861e-10, NO_CI},
              /* medium kendall */
              (expected_test){0.09040020010005, 6.05892788381769, 1.37031807599772e-09, NO_CI});
    check_all(cx, cy, GENERATED_N,
              /* codes pearson: cor.test(codes_x, codes_y) */
              (expected_test){0.090579635992037, 4.0655310623511, 4.97809167658121e-05,
                              0.04693504439089, 0.133879043404361},
              /* codes spearman */
              (expected_test){0.0905808649806242, 1212558543.55279, 4.976914348851e-05, NO_CI},
              /* codes kendall */
              (expected_test){0.0740989125239832, 4.14105052275671, 3.45718793693156e-05, NO_CI});
    double binary[GENERATED_N];
    for (size_t i = 0; i < GENERATED_N; i++)
        binary[i] = cy[i] >= 2;
    generate(x, y, 0.8, cx, cy);
    check_all(x, binary, GENERATED_N,
              /* mixed pearson: cor.test(large_x, as.numeric(codes_y >= 2)) */
              (expected_test){-0.0128958168189627, -0.5764779660343, 0.564357093758313,
                              -0.056694703591183, 0.0309526113427696},
              /* mixed spearman */
              (expected_test){-0.0129099529006433, 1350546266.23087, 0.563930172451634, NO_CI},
              /* mixed kendall */
              (expected_test){-0.0105435673070923, -0.577206289735101, 0.563800108652679,
                              NO_CI});
}

static void test_edge_cases_return_status(void **state)
{
    (void)state;
    const double x[] = {1, 2, 3, 4}, constant[] = {2, 2, 2, 2}, with_nan[] = {1, NAN, 3, 4};
    qa_correlation c;
    qa_error error;
    assert_int_equal(qa_pearson(x, constant, 4, 0.95, &c, &error), QA_ERR_NUMERIC);
    assert_non_null(strstr(error.message, "no variation"));
    assert_true(isnan(c.estimate));
    assert_int_equal(qa_pearson(constant, x, 4, 0.95, &c, &error), QA_ERR_NUMERIC);
    assert_int_equal(qa_spearman(x, constant, 4, &c, &error), QA_ERR_NUMERIC);
    assert_int_equal(qa_kendall(constant, x, 4, &c, &error), QA_ERR_NUMERIC);
    assert_non_null(strstr(error.message, "tied"));
    assert_int_equal(qa_kendall_using(x, constant, 4, QA_KENDALL_MERGE_SORT, &c, &error),
                     QA_ERR_NUMERIC);
    assert_int_equal(qa_pearson(x, x, 2, 0.95, &c, &error), QA_ERR_NUMERIC);
    assert_non_null(strstr(error.message, "at least 3"));
    assert_int_equal(qa_spearman(x, x, 2, &c, &error), QA_ERR_NUMERIC);
    assert_int_equal(qa_kendall(x, x, 0, &c, &error), QA_ERR_NUMERIC);
    assert_int_equal(qa_pearson(x, with_nan, 4, 0.95, &c, &error), QA_ERR_NUMERIC);
    assert_int_equal(qa_spearman(with_nan, x, 4, &c, &error), QA_ERR_NUMERIC);
    assert_int_equal(qa_kendall(x, with_nan, 4, &c, &error), QA_ERR_NUMERIC);
    assert_int_equal(qa_pearson(x, x, 4, 1.5, &c, &error), QA_ERR_USAGE);
    qa_correlation p, s, k;
    assert_int_equal(qa_correlation_all(x, constant, 4, 0.95, &p, &s, &k, &error),
                     QA_ERR_NUMERIC);
    assert_non_null(strstr(error.message, "no variation"));
    assert_true(isnan(p.estimate) && isnan(s.estimate) && isnan(k.estimate));
    assert_int_equal(qa_correlation_all(constant, x, 4, 0.95, &p, &s, &k, &error),
                     QA_ERR_NUMERIC);
    assert_int_equal(qa_correlation_all(x, x, 2, 0.95, &p, &s, &k, &error), QA_ERR_NUMERIC);
    assert_int_equal(qa_correlation_all(x, with_nan, 4, 0.95, &p, &s, &k, &error),
                     QA_ERR_NUMERIC);
    /* A perfect correlation is a result, not an error: p = 0 as in cor.test. */
    assert_int_equal(qa_pearson(x, x, 4, 0.95, &c, &error), QA_OK);
    assert_true(c.estimate == 1 && c.p == 0);
}

static void test_ranks(void **state)
{
    (void)state;
    const double x[] = {3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5};
    /* rank: rank(c(3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5)) */
    const double expected[] = {4.5, 1.5, 6, 1.5, 8, 11, 3, 10, 8, 4.5, 8};
    double ranks[COUNT(x)];
    assert_int_equal(qa_rank_average(x, COUNT(x), ranks), QA_OK);
    for (size_t i = 0; i < COUNT(x); i++)
        assert_close(ranks[i], expected[i]);
    /* rank_negative: rank(c(-0.5, 2.25, -0.5, 0, -3, 2.25)), here with -0 for 0 (radix path) */
    const double y[] = {-0.5, 2.25, -0.5, -0.0, -3, 2.25};
    const double expected_y[] = {2.5, 5.5, 2.5, 4, 1, 5.5};
    double ranks_y[COUNT(y)];
    assert_int_equal(qa_rank_average(y, COUNT(y), ranks_y), QA_OK);
    for (size_t i = 0; i < COUNT(y); i++)
        assert_close(ranks_y[i], expected_y[i]);
    const double with_nan[] = {1, NAN};
    assert_int_equal(qa_rank_average(with_nan, 2, ranks_y), QA_ERR_NUMERIC);
    size_t order[COUNT(x)];
    assert_int_equal(qa_rank_order(with_nan, 2, order), QA_ERR_NUMERIC);
    /* order: order(c(3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5)) - 1 (counting path) */
    const size_t expected_order[] = {1, 3, 6, 0, 9, 2, 4, 8, 10, 7, 5};
    assert_int_equal(qa_rank_order(x, COUNT(x), order), QA_OK);
    assert_memory_equal(order, expected_order, sizeof expected_order);
    /* order_radix: order(c(-0.5, 2.25, -0.5, 0, -3, 2.25, 1e300, -Inf)) - 1 */
    const double z[] = {-0.5, 2.25, -0.5, 0, -3, 2.25, 1e300, -INFINITY};
    const size_t expected_z[] = {7, 4, 0, 2, 3, 1, 5, 6};
    assert_int_equal(qa_rank_order(z, COUNT(z), order), QA_OK);
    assert_memory_equal(order, expected_z, sizeof expected_z);
}

/* A deterministic generator for the large agreement tests (xorshift64*). */
static uint64_t next_random(uint64_t *state)
{
    *state ^= *state >> 12;
    *state ^= *state << 25;
    *state ^= *state >> 27;
    return *state * UINT64_C(2685821657736338717);
}

/* Kendall on 200,000 random pairs: the table and merge-sort algorithms give the identical
 * result, and on a 3,000-case subsample both agree with the O(n²) definition. */
static void test_kendall_algorithms_agree(void **state)
{
    (void)state;
    enum { N = 200000, SUBSAMPLE = 3000 };
    double *x = malloc(N * sizeof *x), *y = malloc(N * sizeof *y);
    double *fine = malloc(N * sizeof *fine);
    assert_non_null(x);
    assert_non_null(y);
    assert_non_null(fine);
    uint64_t seed = 20240601;
    for (size_t i = 0; i < N; i++) {
        x[i] = (double)(next_random(&seed) % 5);
        y[i] = (double)((next_random(&seed) % 4 + (uint64_t)x[i]) % 7);
        /* Many distinct values with ties: the merge-sort path in AUTO. */
        fine[i] = (double)(next_random(&seed) % 2000) / 7 + x[i];
        if (i % 10 == 0) /* one large tie group: sorted by qsort, not insertion */
            fine[i] = -1;
    }
    qa_correlation table, merge, pairs, automatic;
    qa_error error;
    assert_int_equal(qa_kendall_using(x, y, N, QA_KENDALL_TABLE, &table, &error), QA_OK);
    assert_int_equal(qa_kendall_using(x, y, N, QA_KENDALL_MERGE_SORT, &merge, &error), QA_OK);
    assert_true(table.estimate == merge.estimate && table.statistic == merge.statistic);
    assert_true(table.estimate > 0.1);
    assert_int_equal(qa_kendall_using(fine, y, N, QA_KENDALL_TABLE, &table, &error),
                     QA_ERR_USAGE);
    assert_int_equal(qa_kendall(fine, y, N, &automatic, &error), QA_OK);
    assert_int_equal(qa_kendall_using(fine, y, N, QA_KENDALL_MERGE_SORT, &merge, &error),
                     QA_OK);
    assert_true(automatic.statistic == merge.statistic);
    /* x with 5 levels against many: the scan with the roles swapped. */
    assert_int_equal(qa_kendall(x, fine, N, &automatic, &error), QA_OK);
    assert_int_equal(qa_kendall_using(x, fine, N, QA_KENDALL_MERGE_SORT, &merge, &error),
                     QA_OK);
    assert_true(automatic.statistic == merge.statistic && automatic.statistic > 5);
    assert_int_equal(qa_kendall_using(fine, y, SUBSAMPLE, QA_KENDALL_PAIRS, &pairs, &error),
                     QA_OK);
    assert_int_equal(qa_kendall_using(fine, y, SUBSAMPLE, QA_KENDALL_MERGE_SORT, &merge, &error),
                     QA_OK);
    assert_true(pairs.estimate == merge.estimate && pairs.statistic == merge.statistic);
    assert_int_equal(qa_kendall(fine, y, SUBSAMPLE, &automatic, &error), QA_OK);
    assert_true(pairs.estimate == automatic.estimate && pairs.statistic == automatic.statistic);
    assert_int_equal(qa_kendall_using(x, y, SUBSAMPLE, QA_KENDALL_PAIRS, &pairs, &error), QA_OK);
    assert_int_equal(qa_kendall_using(x, y, SUBSAMPLE, QA_KENDALL_TABLE, &table, &error), QA_OK);
    assert_true(pairs.estimate == table.estimate && pairs.statistic == table.statistic);
    free(x);
    free(y);
    free(fine);
}

/* Spearman of integer codes comes from a contingency table; shifted off the integers the
 * same data go through the rank arrays. Both must agree. */
static void test_spearman_paths_agree(void **state)
{
    (void)state;
    enum { N = 200000 };
    double *x = malloc(N * sizeof *x), *y = malloc(N * sizeof *y);
    double *x_shifted = malloc(N * sizeof *x), *y_shifted = malloc(N * sizeof *y);
    assert_non_null(x);
    assert_non_null(y);
    assert_non_null(x_shifted);
    assert_non_null(y_shifted);
    uint64_t seed = 977;
    for (size_t i = 0; i < N; i++) {
        x[i] = (double)(next_random(&seed) % 5);
        y[i] = (double)((next_random(&seed) % 3 + (uint64_t)x[i]) > 3);
        x_shifted[i] = x[i] + 0.5;
        y_shifted[i] = y[i] * 0.25 + 0.125;
    }
    qa_correlation table, ranks;
    qa_error error;
    assert_int_equal(qa_spearman(x, y, N, &table, &error), QA_OK);
    assert_int_equal(qa_spearman(x_shifted, y_shifted, N, &ranks, &error), QA_OK);
    assert_close_tol(table.estimate, ranks.estimate, 1e-12);
    assert_close_tol(table.statistic, ranks.statistic, 1e-9);
    assert_true(table.estimate > 0.3);
    free(x);
    free(y);
    free(x_shifted);
    free(y_shifted);
}

/* Centred sums: a huge offset in x changes nothing (Pearson r is shift invariant). */
static void test_pearson_large_offset(void **state)
{
    (void)state;
    const double y[] = {1.2, 2.9, 2.1, 3.3, 6.0, 4.4, 2.7, 0.8, 5.1, 3.9,
                        2.2, 3.0, 4.8, 5.5, 1.9, 3.6, 4.1, 1.7, 5.9, 2.5};
    double x[COUNT(y)];
    for (size_t i = 0; i < COUNT(y); i++)
        x[i] = 1e9 + ordinal_x[i];
    qa_correlation c;
    qa_error error;
    assert_int_equal(qa_pearson(x, y, COUNT(y), 0.95, &c, &error), QA_OK);
    /* ordinal pearson: cor.test(ordinal_x, continuous_y), the offset does not change it */
    check(&c, COUNT(y), (expected_test){0.958480653233193, 14.2604984184725, 2.9944458179354e-11,
                                        0.895993276331755, 0.983747349765222});
}

/* Pairwise-complete Pearson: correlation.R, cor.test(x, y) with NA in both variables
 * (R drops the two incomplete pairs). */
static void test_pearson_complete(void **state)
{
    (void)state;
    const double x[] = {1, 2, NAN, 4, 5, 6, 2, 3};
    const double y[] = {2, NAN, 3, 5, 4, 7, 1, 3};
    qa_correlation c;
    qa_error error;
    assert_int_equal(qa_pearson_complete(x, y, 8, 0.95, &c, &error), QA_OK);
    assert_int_equal(c.n, 6);
    assert_close(c.estimate, 0.890768986749708);
    assert_close(c.p, 0.0172454811491994);
    assert_close(c.ci_lower, 0.285859260189071);
    assert_close(c.ci_upper, 0.988053172096354);
    const double few[] = {1, NAN, 2, NAN};
    assert_int_equal(qa_pearson_complete(few, few, 4, 0.95, &c, &error), QA_ERR_NUMERIC);
}

/* qa_correlation_all_counts gives what qa_correlation_all gives on the cases the counts
 * stand for, bit for bit (status, message and every field): codes from an offset, an
 * outcome of one level, a single level, and random tables. */
static void counts_against_cases(const double *counts, size_t levels)
{
    size_t n = 0;
    for (size_t c = 0; c < 2 * levels; c++)
        n += (size_t)counts[c];
    double *x = malloc((n + 1) * sizeof *x), *y = malloc((n + 1) * sizeof *y);
    assert_non_null(x);
    assert_non_null(y);
    size_t i = 0;
    for (size_t v = 0; v < levels; v++) /* cases in an order unlike the counts' */
        for (size_t r = 0; r < 2; r++)
            for (size_t k = 0; k < (size_t)counts[2 * (levels - 1 - v) + 1 - r]; k++, i++) {
                x[i] = (double)(levels - 1 - v);
                y[i] = (double)(1 - r);
            }
    qa_correlation a[3], b[3];
    memset(a, 0, sizeof a);
    memset(b, 0, sizeof b);
    qa_error ea, eb;
    qa_error_clear(&ea);
    qa_error_clear(&eb);
    qa_status sa = qa_correlation_all(x, y, n, 0.95, &a[0], &a[1], &a[2], &ea);
    qa_status sb = qa_correlation_all_counts(counts, levels, 0.95, &b[0], &b[1], &b[2], &eb);
    assert_int_equal(sb, sa);
    assert_string_equal(eb.message, ea.message);
    for (int k = 0; k < 3; k++) {
        assert_int_equal(b[k].n, a[k].n);
        const double fa[] = {a[k].estimate, a[k].statistic, a[k].p,
                             a[k].ci_lower, a[k].ci_upper,  a[k].p_greater};
        const double fb[] = {b[k].estimate, b[k].statistic, b[k].p,
                             b[k].ci_lower, b[k].ci_upper,  b[k].p_greater};
        assert_memory_equal(fb, fa, sizeof fa); /* (NaN and -0 included) */
    }
    free(x);
    free(y);
}

static void test_counts_equal_cases(void **state)
{
    (void)state;
    double offset[2 * 8] = {0, 0, 0, 0, 0, 0, 7, 3, 2, 9, 5, 5, 4, 1, 8, 6}; /* codes 3..7 */
    counts_against_cases(offset, 8);
    double ones[2 * 6] = {0, 0, 0, 4, 0, 9, 0, 2, 0, 0, 0, 5}; /* outcome all 1 */
    counts_against_cases(ones, 6);
    double single[2 * 4] = {0, 0, 0, 0, 6, 9, 0, 0}; /* one code */
    counts_against_cases(single, 4);
    unsigned seed = 20261206u;
    for (int round = 0; round < 40; round++) {
        double counts[2 * 12] = {0};
        size_t low = (size_t)(round % 5), levels = 12;
        for (size_t c = 2 * low; c < 2 * levels; c++) {
            seed = seed * 1103515245u + 12345u;
            counts[c] = (double)((seed >> 16) % (round % 3 == 0 ? 3 : 40));
        }
        counts_against_cases(counts, levels);
    }
    double empty[2 * 3] = {0};
    qa_correlation c[3];
    qa_error error;
    assert_int_equal(qa_correlation_all_counts(empty, 3, 0.95, &c[0], &c[1], &c[2], &error),
                     QA_ERR_NUMERIC);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pearson_complete),
        cmocka_unit_test(test_ties),
        cmocka_unit_test(test_small_n),
        cmocka_unit_test(test_three_cases_have_no_interval),
        cmocka_unit_test(test_binary_outcome),
        cmocka_unit_test(test_ordinal_and_continuous),
        cmocka_unit_test(test_negative),
        cmocka_unit_test(test_one_sided),
        cmocka_unit_test(test_large_n_tiny_p),
        cmocka_unit_test(test_edge_cases_return_status),
        cmocka_unit_test(test_ranks),
        cmocka_unit_test(test_kendall_algorithms_agree),
        cmocka_unit_test(test_spearman_paths_agree),
        cmocka_unit_test(test_pearson_large_offset),
        cmocka_unit_test(test_counts_equal_cases),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
