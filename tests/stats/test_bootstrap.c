/* The seeded bootstrap: the same seed gives the same draws, draws stay in range; the
 * percentile CI and the coefficient-difference test against R (tests/reference/
 * descriptives.R, run with Rscript; each value labelled with its output line). */
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
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
