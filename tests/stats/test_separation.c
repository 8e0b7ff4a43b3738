/* The Konis (2007) separation check. Expected outcomes are argued from the data and from R's
 * glm (tests/reference/logit.R, "---- separation ----"): separated data draw glm's "fitted
 * probabilities numerically 0 or 1" warning and coefficients that keep growing (|b| ~ 30 to
 * 150 after 100 iterations) in exactly the directions tested for infinite[]. */
#include "test_support.h"
#include "test_logit_data.h"

#include "qareport/logit.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static void check(size_t n, const double *x, size_t p, const double *y, bool expected,
                  const int *expected_infinite)
{
    qa_logit_data data = {n, p, x, y, NULL};
    bool separated = !expected;
    int infinite[8];
    qa_error error;
    qa_status status = qa_logit_separation(&data, &separated, infinite, &error);
    if (status != QA_OK)
        fail_msg("%s", error.message);
    assert_int_equal(separated, expected);
    for (size_t j = 0; j < p; j++)
        assert_int_equal(infinite[j], expected_infinite[j]);
    /* infinite may be NULL */
    assert_int_equal(qa_logit_separation(&data, &separated, NULL, &error), QA_OK);
    assert_int_equal(separated, expected);
}

/* y = 1 exactly when x >= 3: b0 -> -inf, b1 -> +inf (glm: -155, 62). */
static void test_complete(void **state)
{
    (void)state;
    double y[20];
    for (int i = 0; i < 20; i++)
        y[i] = sep_x[i] >= 3;
    const double *columns[] = {sep_x};
    double *x = test_logit_design(20, 1, columns, 1);
    check(20, x, 2, y, true, (int[]){-1, 1});
    free(x);
}

/* Both outcomes only at x = 2: quasi-complete, along (-2, 1) (glm: -63, 32). */
static void test_quasi_complete(void **state)
{
    (void)state;
    const double *columns[] = {quasi_x};
    double *x = test_logit_design(20, 1, columns, 1);
    check(20, x, 2, quasi_y, true, (int[]){-1, 1});
    free(x);
}

/* Reference category all 0, the others mixed: intercept -inf, both dummies +inf (glm: -32,
 * 32, 33). */
static void test_dummies(void **state)
{
    (void)state;
    double x[15 * 3];
    const double y[] = {0, 0, 0, 0, 0, 0, 1, 1, 0, 1, 1, 1, 0, 1, 1};
    for (int i = 0; i < 15; i++) {
        x[i * 3] = 1;
        x[i * 3 + 1] = i / 5 == 1;
        x[i * 3 + 2] = i / 5 == 2;
    }
    check(15, x, 3, y, true, (int[]){-1, 1, 1});
}

/* A dummy whose rows are all 1, beside an overlapping continuous x: only the dummy's
 * coefficient diverges (glm: -1.5, 33, 0.2). */
static void test_partial(void **state)
{
    (void)state;
    const double d[] = {1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    const double v[] = {3, 5, 7, 9, 11, 13, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14};
    const double y[] = {1, 1, 1, 1, 1, 1, 0, 0, 1, 0, 0, 1, 0, 1, 1, 0, 1, 1, 0, 1};
    const double *columns[] = {d, v};
    double *x = test_logit_design(20, 1, columns, 2);
    check(20, x, 3, y, true, (int[]){0, 1, 0});
    free(x);
}

/* Separated on a fine scale but for one overlapping pair: finite, however large (glm: -13.8,
 * 1310, no warning). Not separation (METHODS §5.7). */
static void test_huge_but_finite(void **state)
{
    (void)state;
    double v[20], y[20];
    for (int i = 0; i < 20; i++) {
        v[i] = (i + 1) / 1000.0;
        y[i] = i + 1 > 10;
    }
    y[9] = 1;
    y[10] = 0;
    const double *columns[] = {v};
    double *x = test_logit_design(20, 1, columns, 1);
    check(20, x, 2, y, false, (int[]){0, 0});
    free(x);
}

static void test_overlapping(void **state)
{
    (void)state;
    const double *columns[] = {small_x};
    double *x = test_logit_design(40, 1, columns, 1);
    check(40, x, 2, small_y, false, (int[]){0, 0});
    free(x);
    const double *joint[] = {joint_x1, joint_x2, joint_x3, joint_x4, joint_x5, joint_d};
    x = test_logit_design(80, 1, joint, 6);
    check(80, x, 7, joint_y, false, (int[]){0, 0, 0, 0, 0, 0, 0});
    free(x);
}

/* An outcome without variation is separated: the intercept runs to +inf for all ones. */
static void test_no_variation(void **state)
{
    (void)state;
    const double x[] = {1, 0, 1, 1, 1, 2, 1, 3};
    qa_logit_data data = {4, 2, x, (double[]){1, 1, 1, 1}, NULL};
    bool separated = false;
    int infinite[2];
    qa_error error;
    assert_int_equal(qa_logit_separation(&data, &separated, infinite, &error), QA_OK);
    assert_true(separated);
    assert_int_equal(infinite[0], 1);
}

/* Columns the design cannot tell apart do not make separation (the decision uses the LP
 * optimum, not b): fine for the decision, refused when infinite[] is wanted. */
static void test_rank_deficient(void **state)
{
    (void)state;
    double x[40 * 3], y[20];
    for (int i = 0; i < 40; i++) {
        x[i * 3] = 1;
        x[i * 3 + 1] = small_x[i];
        x[i * 3 + 2] = 2 * small_x[i]; /* collinear */
    }
    qa_logit_data data = {40, 3, x, small_y, NULL};
    bool separated = true;
    int infinite[3];
    qa_error error;
    assert_int_equal(qa_logit_separation(&data, &separated, NULL, &error), QA_OK);
    assert_false(separated);
    assert_int_equal(qa_logit_separation(&data, &separated, infinite, &error), QA_ERR_NUMERIC);
    assert_non_null(strstr(error.message, "column 2"));
    for (int i = 0; i < 20; i++) {
        x[i * 3 + 1] = sep_x[i];
        x[i * 3 + 2] = 1; /* constant: a copy of the intercept */
        y[i] = sep_x[i] >= 3;
    }
    data = (qa_logit_data){20, 3, x, y, NULL};
    assert_int_equal(qa_logit_separation(&data, &separated, NULL, &error), QA_OK);
    assert_true(separated);
}

static void test_refusal(void **state)
{
    (void)state;
    const double x[] = {1, 0, 1, 1, 1, 2, 1, 3};
    qa_logit_data data = {4, 2, x, (double[]){0, 2, 0, 1}, NULL};
    bool separated = true;
    qa_error error;
    assert_int_equal(qa_logit_separation(&data, &separated, NULL, &error), QA_ERR_INPUT);
    assert_false(separated);
    assert_non_null(strstr(error.message, "not 0 or 1"));
    const double infinite_x[] = {1, 0, 1, INFINITY, 1, 2, 1, 3};
    data = (qa_logit_data){4, 2, infinite_x, (double[]){0, 1, 0, 1}, NULL};
    assert_int_equal(qa_logit_separation(&data, &separated, NULL, &error), QA_ERR_INPUT);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_complete),        cmocka_unit_test(test_quasi_complete),
        cmocka_unit_test(test_dummies),         cmocka_unit_test(test_partial),
        cmocka_unit_test(test_huge_but_finite), cmocka_unit_test(test_overlapping),
        cmocka_unit_test(test_no_variation),    cmocka_unit_test(test_rank_deficient),
        cmocka_unit_test(test_refusal),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
