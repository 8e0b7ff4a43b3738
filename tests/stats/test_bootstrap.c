/* The seeded bootstrap: the same seed gives the same draws, draws stay in range; the
 * percentile CI and the coefficient-difference test against R (tests/reference/
 * descriptives.R, run with Rscript; each value labelled with its output line); multinomial
 * replicates over distinct rows and the rank correlations of weighted rows (against R in
 * tests/reference/bootstrap_weighted.R). */
#include "test_support.h"

#include "qareport/bootstrap.h"
#include "stats/stats_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static void test_same_seed_same_indices(void **state)
{
    (void)state;
    enum { N = 257 };
    size_t first[N], second[N], other[N];
    qa_bootstrap *a = qa_bootstrap_alloc(20240601);
    qa_bootstrap *b = qa_bootstrap_alloc(20240601);
    qa_bootstrap *c = qa_bootstrap_alloc(7);
    assert_non_null(a);
    assert_non_null(b);
    assert_non_null(c);
    size_t hits[N] = {0};
    for (int replicate = 0; replicate < 20; replicate++) {
        qa_bootstrap_sample(a, N, first);
        qa_bootstrap_sample(b, N, second);
        qa_bootstrap_sample(c, N, other);
        assert_memory_equal(first, second, sizeof first);
        assert_true(memcmp(first, other, sizeof first) != 0);
        for (size_t i = 0; i < N; i++) {
            assert_true(first[i] < N);
            hits[first[i]]++;
        }
    }
    /* 20 x 257 draws: every case drawn, with replacement (some twice in a replicate). */
    for (size_t i = 0; i < N; i++)
        assert_true(hits[i] > 0);
    const double values[] = {10, 11, 12, 13};
    const size_t picks[] = {3, 3, 0, 2};
    double gathered[4];
    qa_bootstrap_gather(values, picks, 4, gathered);
    assert_true(gathered[0] == 13 && gathered[1] == 13 && gathered[2] == 10 && gathered[3] == 12);
    qa_bootstrap_free(a);
    qa_bootstrap_free(b);
    qa_bootstrap_free(c);
    qa_bootstrap_free(NULL);
}

static void test_percentile_ci(void **state)
{
    (void)state;
    const double values[] = {0.42, 0.37, 0.51, 0.29, 0.44, 0.47, 0.33, 0.58, 0.40, 0.36,
                             0.49, 0.31, 0.45, 0.52, 0.38, 0.41, 0.55, 0.34, 0.46, 0.43};
    double replicates[COUNT(values) + 3];
    memcpy(replicates, values, sizeof values);
    double lower, upper;
    qa_bootstrap_percentile_ci(replicates, COUNT(values), 0.95, &lower, &upper);
    /* percentile95: quantile(replicates, c(0.025, 0.975), type = 7) */
    assert_close(lower, 0.2995);
    assert_close(upper, 0.56575);
    /* Failed replicates (NaN, infinite) are skipped. */
    memcpy(replicates, values, sizeof values);
    replicates[COUNT(values)] = NAN;
    replicates[COUNT(values) + 1] = INFINITY;
    replicates[COUNT(values) + 2] = NAN;
    qa_bootstrap_percentile_ci(replicates, COUNT(replicates), 0.90, &lower, &upper);
    /* percentile90: quantile(replicates, c(0.05, 0.95), type = 7) */
    assert_close(lower, 0.309);
    assert_close(upper, 0.5515);
    double one[] = {0.5, NAN};
    qa_bootstrap_percentile_ci(one, 2, 0.95, &lower, &upper);
    assert_true(isnan(lower) && isnan(upper));
}

/* Rank correlations of weighted distinct rows against the expanded rows in R
 * (tests/reference/bootstrap_weighted.R). */
static void test_rank_correlations_weighted(void **state)
{
    (void)state;
    const uint32_t x_level[] = {0, 0, 1, 1, 2, 2, 3, 3, 4, 4};
    const uint32_t y_level[] = {0, 1, 0, 1, 0, 1, 0, 1, 0, 1};
    const double counts[] = {14, 5, 41, 11, 0, 20, 8, 30, 3, 23};
    double scratch[5 * 2 + 2 * 5 + 3 * 2], rho, tau;
    assert_true(
        qa_rank_correlations_weighted(x_level, 5, y_level, 2, counts, 10, scratch, &rho, &tau));
    /* coded */
    assert_close(rho, 0.55105458198392);
    assert_close(tau, 0.497606343762219);
    /* x = -1.3, -1.3, -0.2, 0.7, 0.7, 2.1, 2.1 (levels by order), y = 0, 2, 1, 0, 1, 1, 2 */
    const uint32_t x2[] = {0, 0, 1, 2, 2, 3, 3}, y2[] = {0, 2, 1, 0, 1, 1, 2};
    const double w2[] = {3, 1, 4, 2, 5, 1, 6};
    double scratch2[4 * 3 + 2 * 4 + 3 * 3];
    assert_true(qa_rank_correlations_weighted(x2, 4, y2, 3, w2, 7, scratch2, &rho, &tau));
    /* three_levels */
    assert_close(rho, 0.632750547099019);
    assert_close(tau, 0.579587153457275);
    /* no variation left in x: not computable */
    const double one_level[] = {0, 0, 0, 0, 7, 9, 0, 0, 0, 0};
    assert_false(
        qa_rank_correlations_weighted(x_level, 5, y_level, 2, one_level, 10, scratch, &rho, &tau));
    assert_true(isnan(rho) && isnan(tau));
}

/* A multinomial replicate keeps n, never draws an empty row, is the same for a seed, and has
 * the weights as its mean (2,000 replicates: within 4 standard errors of n p). */
static void test_multinomial(void **state)
{
    (void)state;
    const double weights[] = {14, 5, 41, 0, 11, 20, 8, 30, 3, 23};
    enum { CELLS = 10, REPLICATES = 2000 };
    double n = 0, mean[CELLS] = {0}, counts[CELLS], again[CELLS];
    for (size_t k = 0; k < CELLS; k++)
        n += weights[k];
    qa_bootstrap *a = qa_bootstrap_alloc(11), *b = qa_bootstrap_alloc(11);
    for (int r = 0; r < REPLICATES; r++) {
        qa_bootstrap_multinomial(a, CELLS, weights, (size_t)n, counts);
        qa_bootstrap_multinomial(b, CELLS, weights, (size_t)n, again);
        assert_memory_equal(counts, again, sizeof counts);
        double total = 0;
        for (size_t k = 0; k < CELLS; k++) {
            total += counts[k];
            mean[k] += counts[k] / REPLICATES;
        }
        assert_true(total == n);
        assert_true(counts[3] == 0);
    }
    for (size_t k = 0; k < CELLS; k++) {
        double p = weights[k] / n, se = sqrt(n * p * (1 - p) / REPLICATES);
        assert_true(fabs(mean[k] - n * p) <= 4 * se + 1e-12);
    }
    qa_bootstrap_free(a);
    qa_bootstrap_free(b);
}

static void test_coefficient_difference(void **state)
{
    (void)state;
    double z, p;
    qa_coefficient_difference(1.25, 0.31, 0.40, 0.22, &z, &p);
    /* difference: z = (1.25 - 0.40) / sqrt(0.31^2 + 0.22^2), 2 * pnorm(-abs(z)) */
    assert_close(z, 2.23606797749979);
    assert_close(p, 0.0253473186774683);
    qa_coefficient_difference(-2.0, 0.4, 3.1, 0.5, &z, &p);
    /* difference_large: p below 1e-6, absolute rule */
    assert_close(z, -7.96486185631891);
    assert_close(p, 1.65408458980865e-15);
    qa_coefficient_difference(1, 0, 2, 0, &z, &p);
    assert_true(isnan(z) && isnan(p));
    qa_coefficient_difference(NAN, 0.1, 2, 0.2, &z, &p);
    assert_true(isnan(z) && isnan(p));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_same_seed_same_indices),
        cmocka_unit_test(test_percentile_ci),
        cmocka_unit_test(test_coefficient_difference),
        cmocka_unit_test(test_rank_correlations_weighted),
        cmocka_unit_test(test_multinomial),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
