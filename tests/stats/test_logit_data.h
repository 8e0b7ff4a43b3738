/* Data sets shared by the logistic-regression tests, as printed by tests/reference/logit.R
 * (its "---- data ----" section), plus a helper that builds a row-major design. */
#ifndef QAREPORT_TEST_LOGIT_DATA_H
#define QAREPORT_TEST_LOGIT_DATA_H

#include <stdlib.h>

static const double small_x[] = {0, 0, 0, 4, 4, 3, 3, 3, 0, 1, 3, 2, 2, 0, 3, 2, 3, 0, 3, 3,
                                 1, 1, 2, 0, 1, 0, 0, 0, 1, 0, 2, 0, 2, 1, 1, 3, 1, 1, 4, 1};
static const double small_y[] = {1, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 1, 0, 0, 1, 1, 0, 0, 0, 1,
                                 0, 0, 1, 1, 1, 0, 1, 0, 1, 1, 1, 0, 0, 0, 0, 1, 0, 1, 1, 1};
static const double joint_x1[] = {3, 3, 1, 3, 3, 1, 2, 1, 3, 2, 2, 4, 4, 0, 3, 2, 3, 1, 3, 1,
                                  2, 3, 2, 1, 4, 1, 3, 3, 1, 2, 1, 1, 4, 3, 1, 2, 2, 2, 1, 4,
                                  0, 3, 2, 0, 1, 3, 2, 3, 4, 1, 0, 3, 2, 4, 3, 0, 3, 2, 1, 2,
                                  3, 1, 1, 2, 2, 0, 1, 2, 2, 2, 1, 3, 2, 2, 2, 0, 2, 2, 2, 1};
static const double joint_x2[] = {3, 1, 2, 2, 2, 2, 4, 1, 1, 1, 3, 4, 4, 1, 1, 2, 3, 1, 1, 4,
                                  1, 1, 2, 3, 4, 1, 1, 3, 3, 1, 1, 2, 2, 3, 3, 3, 2, 2, 1, 4,
                                  3, 4, 2, 1, 1, 2, 1, 2, 4, 1, 2, 3, 2, 3, 1, 1, 4, 2, 1, 3,
                                  3, 1, 0, 2, 3, 2, 2, 3, 2, 2, 2, 2, 1, 3, 4, 2, 2, 2, 1, 2};
static const double joint_x3[] = {3, 1, 1, 3, 3, 1, 3, 1, 2, 1, 3, 2, 3, 2, 1, 3, 2, 2, 1, 2,
                                  3, 3, 2, 4, 1, 1, 1, 0, 2, 1, 1, 3, 3, 1, 1, 3, 1, 4, 2, 4,
                                  1, 3, 2, 2, 2, 4, 2, 1, 4, 1, 0, 2, 2, 3, 4, 3, 3, 1, 3, 1,
                                  3, 3, 3, 0, 3, 2, 3, 1, 3, 2, 1, 4, 2, 4, 3, 1, 1, 1, 1, 1};
static const double joint_x4[] = {2, 2, 0, 1, 4, 3, 4, 1, 2, 1, 2, 4, 4, 2, 3, 2, 2, 3, 3, 2,
                                  3, 1, 2, 1, 3, 2, 3, 3, 3, 1, 1, 2, 3, 0, 2, 4, 2, 4, 2, 4,
                                  1, 4, 1, 2, 2, 3, 4, 2, 4, 2, 1, 2, 3, 4, 4, 0, 3, 1, 3, 1,
                                  2, 2, 1, 4, 2, 1, 4, 0, 2, 3, 4, 3, 2, 2, 3, 4, 1, 3, 2, 1};
static const double joint_x5[] = {3, 1, 3, 2, 3, 0, 4, 1, 1, 2, 2, 3, 4, 1, 1, 1, 4, 1, 2, 1,
                                  2, 2, 3, 4, 4, 2, 3, 1, 2, 2, 1, 2, 3, 3, 1, 2, 1, 3, 0, 4,
                                  2, 3, 2, 3, 2, 3, 1, 2, 4, 1, 1, 1, 2, 4, 4, 0, 3, 3, 3, 2,
                                  4, 3, 1, 4, 0, 3, 4, 2, 1, 2, 3, 4, 2, 3, 4, 3, 4, 0, 2, 2};
static const double joint_d[] = {0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 1, 1, 1, 0, 1,
                                 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0,
                                 1, 0, 0, 0, 0, 1, 0, 1, 0, 1, 1, 0, 1, 1, 1, 0, 0, 1, 1, 0,
                                 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 1, 0, 1, 0, 0, 1, 1, 1, 0, 1};
static const double joint_y[] = {0, 0, 0, 1, 0, 0, 1, 1, 0, 0, 0, 1, 1, 0, 1, 0, 0, 1, 1, 1,
                                 0, 1, 0, 1, 1, 0, 1, 1, 0, 1, 0, 0, 1, 1, 0, 0, 0, 0, 0, 1,
                                 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0,
                                 1, 0, 0, 1, 0, 0, 1, 1, 0, 0, 0, 1, 1, 1, 0, 1, 1, 1, 1, 0};
static const double quasi_x[] = {0, 0, 1, 1, 1, 2, 2, 2, 2, 3, 3, 4, 4, 3, 4, 0, 1, 2, 3, 4};
static const double quasi_y[] = {0, 0, 0, 0, 0, 0, 1, 0, 1, 1, 1, 1, 1, 1, 1, 0, 0, 1, 1, 1};
static const double sep_x[] = {0, 0, 1, 1, 1, 2, 2, 2, 0, 1, 2, 3, 3, 4, 4, 3, 4, 3, 4, 4};

/* Row-major design: an intercept column when intercept, then the given columns. */
static inline double *test_logit_design(size_t n, int intercept, const double *const *columns,
                                        size_t count)
{
    size_t p = count + (intercept ? 1 : 0);
    double *x = malloc(n * p * sizeof *x);
    for (size_t i = 0; i < n; i++) {
        size_t j = 0;
        if (intercept)
            x[i * p + j++] = 1.0;
        for (size_t c = 0; c < count; c++)
            x[i * p + j++] = columns[c][i];
    }
    return x;
}

#endif
