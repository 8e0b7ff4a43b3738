/* Hosmer–Lemeshow and AUC on their own, against R (tests/reference/logit.R, "---- ranking
 * ----"): many distinct fitted values (the radix-sort path), ties, negative scores, and a
 * short case (the hashing path). */
#include "test_support.h"

#include "qareport/logit.h"
#include "stats/stats_internal.h"

#include <math.h>
#include <stdlib.h>

enum { ROWS = 80000 };

/* f = frac(i * 0.618...), odd rows on a 1000-level grid; y = f > frac(i * 0.754...). */
static void make_rows(double *f, double *y)
{
    for (int i = 1; i <= ROWS; i++) {
        double value = fmod(i * 0.6180339887498949, 1.0);
        if (i % 2 == 1)
            value = (floor(value * 1000) + 0.5) / 1000;
        f[i - 1] = value;
        y[i - 1] = value > fmod(i * 0.7548776662466927, 1.0);
    }
}

static void test_many_distinct(void **state)
{
    (void)state;
    double *f = malloc(ROWS * sizeof *f), *y = malloc(ROWS * sizeof *y);
    double *s = malloc(ROWS * sizeof *s);
    make_rows(f, y);
    double chi2, p;
    int df;
    qa_hosmer_lemeshow(y, f, ROWS, &chi2, &df, &p);
    /* hosmer_lemeshow(yr, f) in logit.R (41000 distinct values) */
    assert_close(chi2, 0.149351060367186);
    assert_int_equal(df, 8);
    assert_close(p, 0.999998779354626);
    /* wilcox.test(f[yr == 1], f[yr == 0])$statistic / (n1 n0) */
    assert_close(qa_auc(y, f, ROWS), 0.833315685833289);
    for (int i = 0; i < ROWS; i++)
        s[i] = log(f[i] / (1 - f[i])); /* negative scores; same order */
    assert_close(qa_auc(y, s, ROWS), 0.833315685833289);
    free(f);
    free(y);
    free(s);
}

static void test_short_with_ties(void **state)
{
    (void)state;
    const double score[] = {-2, -1, -1, 0, 0.5, 0.5, 0.5, 3}, y[] = {0, 1, 0, 0, 1, 0, 1, 1};
    assert_close(qa_auc(y, score, 8), 0.78125); /* wilcox W / (n1 n0) */
    double fitted[8], chi2, p;
    int df;
    for (int i = 0; i < 8; i++)
        fitted[i] = 1 / (1 + exp(-score[i]));
    qa_hosmer_lemeshow(y, fitted, 8, &chi2, &df, &p);
    /* hosmer_lemeshow(ys, plogis(sc)) */
    assert_close(chi2, 1.75315095626994);
    assert_int_equal(df, 3);
    assert_close(p, 0.625182479259274);
}

static void test_degenerate(void **state)
{
    (void)state;
    const double y[] = {1, 1, 1}, same[] = {0.3, 0.3, 0.3};
    assert_true(isnan(qa_auc(y, same, 3))); /* one class only */
    double chi2, p;
    int df;
    qa_hosmer_lemeshow((double[]){0, 1, 0}, same, 3, &chi2, &df, &p);
    assert_true(isnan(chi2) && isnan(p)); /* one group: df < 1 */
    assert_int_equal(df, 0);
    qa_hosmer_lemeshow(y, same, 0, &chi2, &df, &p);
    assert_true(isnan(chi2));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_many_distinct),
        cmocka_unit_test(test_short_with_ties),
        cmocka_unit_test(test_degenerate),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
