/* Descriptives against R's mean, sd and quantile(type = 7), from
 * tests/reference/descriptives.R (run with Rscript); each value is labelled with the line of
 * that script's output it was copied from. */
#include "test_support.h"

#include "qareport/descriptives.h"
#include "stats/stats_internal.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static void check(const double *x, size_t count, qa_descriptives e)
{
    qa_descriptives d;
    assert_int_equal(qa_descriptives_compute(x, count, &d), QA_OK);
    assert_int_equal(d.n, e.n);
    assert_int_equal(d.missing, e.missing);
    assert_close(d.mean, e.mean);
    assert_close(d.sd, e.sd);
    assert_close(d.min, e.min);
    assert_close(d.q1, e.q1);
    assert_close(d.median, e.median);
    assert_close(d.q3, e.q3);
    assert_close(d.max, e.max);
}

static void test_codes_with_missing(void **state)
{
    (void)state;
    const double x[] = {0, 1, NAN, 4, 2, 2, 3, NAN, 1, 0, 4, 4, 2, 3};
    /* codes: n 12 mean 2.16666666666667 sd 1.46680440124618 min 0 q1 1 median 2 q3 3.25 max 4 */
    check(x, COUNT(x), (qa_descriptives){12, 2, 2.16666666666667, 1.46680440124618, 0, 1, 2, 3.25, 4});
}

static void test_continuous_with_missing(void **state)
{
    (void)state;
    const double x[] = {3.7, -1.25, 10.5, NAN, 0.001, 2.2, 8.9, 5.5, 5.5, -7.0, 1e3, 6.25};
    /* continuous: n 11 mean 94.0273636363636 sd 300.517140736522 min -7 q1 1.1005 median 5.5
     * q3 7.575 max 1000 */
    check(x, COUNT(x),
          (qa_descriptives){11, 1, 94.0273636363636, 300.517140736522, -7, 1.1005, 5.5, 7.575, 1000});
}

static void test_small_samples(void **state)
{
    (void)state;
    const double two[] = {4.5, 1.5};
    /* two: n 2 mean 3 sd 2.12132034355964 min 1.5 q1 2.25 median 3 q3 3.75 max 4.5 */
    check(two, 2, (qa_descriptives){2, 0, 3, 2.12132034355964, 1.5, 2.25, 3, 3.75, 4.5});
    const double five[] = {1, 5, 2, 8, 3};
    /* five: n 5 mean 3.8 sd 2.77488738510232 min 1 q1 2 median 3 q3 5 max 8 */
    check(five, 5, (qa_descriptives){5, 0, 3.8, 2.77488738510232, 1, 2, 3, 5, 8});
    /* five + 0.5 (the R values above shifted by 0.5): off the integers, the selection path. */
    const double five_half[] = {1.5, 5.5, 2.5, 8.5, 3.5};
    check(five_half, 5, (qa_descriptives){5, 0, 4.3, 2.77488738510232, 1.5, 2.5, 3.5, 5.5, 8.5});
    /* one: mean 4 sd NA (R's sd of one value) */
    const double one[] = {4, NAN};
    qa_descriptives d;
    assert_int_equal(qa_descriptives_compute(one, 2, &d), QA_OK);
    assert_int_equal(d.n, 1);
    assert_int_equal(d.missing, 1);
    assert_close(d.mean, 4);
    assert_true(isnan(d.sd));
    assert_true(d.min == 4 && d.q1 == 4 && d.median == 4 && d.q3 == 4 && d.max == 4);
    const double none[] = {NAN, NAN};
    assert_int_equal(qa_descriptives_compute(none, 2, &d), QA_OK);
    assert_int_equal(d.n, 0);
    assert_int_equal(d.missing, 2);
    assert_true(isnan(d.mean) && isnan(d.median) && isnan(d.max));
    assert_int_equal(qa_descriptives_compute(NULL, 0, &d), QA_OK);
    assert_int_equal(d.n, 0);
}

static void test_years_and_wide_integers(void **state)
{
    (void)state;
    const double years[] = {1991, 2003, 1999, 2015, 1991, 2008, 1949, 1979, 2001};
    /* years: n 9 mean 1992.88888888889 sd 19.5220672857951 min 1949 q1 1991 median 1999
     * q3 2003 max 2015 */
    check(years, COUNT(years),
          (qa_descriptives){9, 0, 1992.88888888889, 19.5220672857951, 1949, 1991, 1999, 2003, 2015});
    const double wide[] = {100000, 3, 70000, 12, 5, 99999, 40, 12};
    /* wide: n 8 mean 33758.875 sd 47483.0929201948 min 3 q1 10.25 median 26 q3 77499.75
     * max 100000 */
    check(wide, COUNT(wide),
          (qa_descriptives){8, 0, 33758.875, 47483.0929201948, 3, 10.25, 26, 77499.75, 100000});
}

static void test_generated(void **state)
{
    (void)state;
    enum { N = 1001 };
    double x[N];
    for (long i = 1; i <= N; i++)
        x[i - 1] = (double)((i * 7919) % 10007) / 10007 - 0.3;
    /* generated: n 1001 mean 0.200338973507755 sd 0.288641290198659 min -0.299100629559308
     * q1 -0.0500749475367243 median 0.199950034975517 q3 0.449975017487759
     * max 0.699000699510343 */
    check(x, N,
          (qa_descriptives){N, 0, 0.200338973507755, 0.288641290198659, -0.299100629559308,
                            -0.0500749475367243, 0.199950034975517, 0.449975017487759,
                            0.699000699510343});
}

/* Selection must give the same quartiles as sorting, whatever the order and ties. */
static int compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static void test_selection_matches_sorting(void **state)
{
    (void)state;
    enum { N = 997 };
    double x[N], sorted[N];
    uint64_t seed = 88172645463325252u;
    for (size_t n = 1; n <= N; n += 37) {
        for (size_t i = 0; i < n; i++) {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            /* few distinct non-integer values: many ties */
            x[i] = (double)(seed % 23) * 0.5 + 0.25;
            sorted[i] = x[i];
        }
        qsort(sorted, n, sizeof *sorted, compare_doubles);
        qa_descriptives d;
        assert_int_equal(qa_descriptives_compute(x, n, &d), QA_OK);
        const double probs[3] = {0.25, 0.5, 0.75};
        const double got[3] = {d.q1, d.median, d.q3};
        for (int j = 0; j < 3; j++) {
            double h = (double)(n - 1) * probs[j];
            size_t k = (size_t)h;
            double next = k + 1 < n ? sorted[k + 1] : sorted[k];
            assert_close(got[j], sorted[k] + (h - (double)k) * (next - sorted[k]));
        }
    }
}

static void test_category_counts(void **state)
{
    (void)state;
    const int32_t codes[] = {0, 2, 2, -1, 1, 5, 2, 0, -1};
    size_t counts[3], missing;
    qa_category_counts(codes, COUNT(codes), 3, counts, &missing);
    assert_int_equal(counts[0], 2);
    assert_int_equal(counts[1], 1);
    assert_int_equal(counts[2], 3);
    assert_int_equal(missing, 3);
}

/* The summary from counts equals the summary of the values the counts stand for, bit for
 * bit: random groups of codes around 0, around 1990 (years), with missing values, of one
 * value, of one case and of none. */
static void test_from_counts_matches_values(void **state)
{
    (void)state;
    uint64_t seed = 20261206;
    const double bases[] = {-3, 0, 1990};
    for (int round = 0; round < 60; round++) {
        double base = bases[round % 3];
        size_t levels = 1 + (size_t)(round % 7), n = (size_t)(round * 37 % 400);
        size_t count[8] = {0}, missing = 0;
        double *x = malloc((n ? n : 1) * sizeof *x), sum = 0;
        assert_non_null(x);
        for (size_t i = 0; i < n; i++) {
            seed = seed * 6364136223846793005ull + 1442695040888963407ull;
            size_t draw = (size_t)(seed >> 33);
            if (draw % 10 == 0) {
                x[i] = NAN;
                missing++;
                continue;
            }
            size_t level = draw % levels;
            x[i] = base + (double)level;
            count[level]++;
            sum += x[i];
        }
        /* the caller's window: from the first to the last level that occurs */
        size_t first = 0, last = levels;
        while (first < levels && count[first] == 0)
            first++;
        while (last > first && count[last - 1] == 0)
            last--;
        if (first == last)
            first = last = 0;
        qa_descriptives from_counts, from_values;
        qa_descriptives_from_counts(count + first, first == last ? 1 : last - first,
                                    base + (double)first, sum, missing, &from_counts);
        assert_int_equal(qa_descriptives_compute(x, n, &from_values), QA_OK);
        assert_memory_equal(&from_counts, &from_values, sizeof from_values);
        free(x);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_codes_with_missing),
        cmocka_unit_test(test_continuous_with_missing),
        cmocka_unit_test(test_small_samples),
        cmocka_unit_test(test_years_and_wide_integers),
        cmocka_unit_test(test_generated),
        cmocka_unit_test(test_selection_matches_sorting),
        cmocka_unit_test(test_category_counts),
        cmocka_unit_test(test_from_counts_matches_values),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
