/* Minimum detectable effects against R (tests/reference/mde.R: the same definition written
 * out with uniroot). The simulation in mde.R (seed 20261205, 4000 replications of y drawn
 * at the MDE with x fixed, glm's Wald test at level 0.01) gives power 0.8185 for the coded
 * design below with every count times ten (460 cases): the MDE has its 80% power. On the 46
 * cases themselves it gives 0.9875: at so small a sample the Wald z of an effect this large
 * is compressed (Hauck & Donner 1977) and the asymptotic power understates the real one. */
#include "test_support.h"

#include "qareport/mde.h"

#include <math.h>

/* A coded measure 1..5 on 46 cases with 20 events; level 0.05 / 5 (Holm over five tests). */
static const double coded_x[5] = {1, 2, 3, 4, 5};
static const double coded_w[5] = {4, 9, 14, 12, 7};

static void test_logit_coded(void **state)
{
    (void)state;
    qa_mde m;
    qa_mde_logit(coded_x, coded_w, 5, 20.0 / 46, 0.01, true, 0.80, &m);
    assert_close_tol(m.b, 1.63671384111344, 1e-9);
    assert_close_tol(m.ratio, 5.13825661059134, 1e-9);
    assert_close_tol(m.ratio_sd, 6.96054532303704, 1e-9);
    assert_close_tol(m.z, 2.5758293035489, 1e-12); /* qnorm(0.995) */
}

/* 30 cases of a continuous measure (mde.R's x2), event rate 0.3, one-sided at 0.05. */
static void test_logit_continuous_one_sided(void **state)
{
    (void)state;
    static const double x[30] = {1.23, 1.77, 2.21, 1.08, 2.16, 2.02, 2.07, 2.89, 1.02, 3.01,
                                 1.40, 1.10, 1.43, 2.20, 2.12, 1.75, 1.24, 1.48, 2.98, 2.16,
                                 1.54, 1.25, 1.84, 0.67, 1.61, 1.41, 2.93, 2.81, 1.94, 1.09};
    qa_mde m;
    qa_mde_logit(x, NULL, 30, 0.3, 0.05, false, 0.80, &m);
    assert_close_tol(m.b, 2.09987468626712, 1e-9);
    assert_close_tol(m.ratio, 8.16514664344874, 1e-9);
    assert_close_tol(m.ratio_sd, 3.89644212953611, 1e-9);
}

/* One exposed case of ten: power stays near the level (R: at most 0.031 on the grid). */
static void test_logit_none(void **state)
{
    (void)state;
    static const double x[2] = {0, 1}, w[2] = {9, 1};
    qa_mde m;
    qa_mde_logit(x, w, 2, 0.5, 0.01, true, 0.80, &m);
    assert_true(isnan(m.b) && isnan(m.ratio) && isnan(m.ratio_sd));
    /* and no measure spread or no events: nothing to detect */
    qa_mde_logit(x, (const double[2]){5, 0}, 2, 0.5, 0.01, true, 0.80, &m);
    assert_true(isnan(m.b));
    qa_mde_logit(coded_x, coded_w, 5, 0.0, 0.01, true, 0.80, &m);
    assert_true(isnan(m.b));
}

static void test_cox(void **state)
{
    (void)state;
    static const double w[5] = {2, 6, 10, 8, 4};
    qa_mde m;
    qa_mde_cox(coded_x, w, 5, 9, 0.01, true, 0.80, &m);
    assert_close_tol(m.b, -1.02853174461918, 1e-9);
    assert_close_tol(m.ratio, 0.357531522961533, 1e-9);
    assert_close_tol(m.ratio_sd, 0.313917759097777, 1e-9);
    qa_mde_cox(coded_x, w, 5, 9, 0.05, false, 0.80, &m);
    assert_close_tol(m.b, -0.748340993151369, 1e-9);
    assert_close_tol(m.ratio, 0.473150862494814, 1e-9);
    assert_close_tol(m.ratio_sd, 0.43041994620464, 1e-9);
    qa_mde_cox(coded_x, w, 5, 0, 0.05, false, 0.80, &m);
    assert_true(isnan(m.b));
}

static void test_power_function(void **state)
{
    (void)state;
    /* pnorm(3 - 1.959964) + pnorm(-3 - 1.959964) in R */
    assert_close_tol(qa_mde_power(3, 1, 1.959963984540054, true), 0.850838768327056, 1e-12);
    assert_true(qa_mde_power(3, INFINITY, 1.96, true) == 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_logit_coded),    cmocka_unit_test(test_logit_continuous_one_sided),
        cmocka_unit_test(test_logit_none),     cmocka_unit_test(test_cox),
        cmocka_unit_test(test_power_function),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
