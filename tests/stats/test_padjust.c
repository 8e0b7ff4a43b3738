/* p-value adjustment against R's p.adjust, from tests/reference/padjust.R (run with
 * Rscript); each value is labelled with the line of that script's output it was copied
 * from. NaN holes are skipped: R's values are for the vector without them. */
#include "test_support.h"

#include "qareport/padjust.h"

#include <math.h>
#include <string.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static void check(const double *p, size_t n, qa_padjust_method method, const double *expected)
{
    double adjusted[16];
    assert_true(n <= COUNT(adjusted));
    assert_int_equal(qa_p_adjust(p, n, method, adjusted), QA_OK);
    for (size_t i = 0; i < n; i++) {
        if (isnan(expected[i]))
            assert_true(isnan(adjusted[i]));
        else
            assert_close(adjusted[i], expected[i]);
    }
    /* In place gives the same. */
    double copy[16];
    memcpy(copy, p, n * sizeof *p);
    assert_int_equal(qa_p_adjust(copy, n, method, copy), QA_OK);
    for (size_t i = 0; i < n; i++)
        assert_true(copy[i] == adjusted[i] || (isnan(copy[i]) && isnan(adjusted[i])));
}

static const double ten[] = {0.0012, 0.041, 0.2, 0.0005, 0.03, 0.049, 0.73, 0.0125, 0.009, 0.5};

static void test_ten_tests(void **state)
{
    (void)state;
    /* ten holm: p.adjust(ten, "holm") */
    const double holm[] = {0.0108, 0.205, 0.6, 0.005, 0.18, 0.205, 1, 0.0875, 0.072, 1};
    check(ten, COUNT(ten), QA_PADJUST_HOLM, holm);
    /* ten BH: p.adjust(ten, "BH") */
    const double bh[] = {0.006, 0.0683333333333333, 0.25, 0.005, 0.06, 0.07, 0.73, 0.03125,
                         0.03, 0.555555555555556};
    check(ten, COUNT(ten), QA_PADJUST_BH, bh);
    check(ten, COUNT(ten), QA_PADJUST_NONE, ten);
}

static void test_ties(void **state)
{
    (void)state;
    const double tied[] = {0.02, 0.02, 0.001, 0.3, 1, 0.02};
    /* tied holm: p.adjust(tied, "holm") */
    const double holm[] = {0.1, 0.1, 0.006, 0.6, 1, 0.1};
    check(tied, COUNT(tied), QA_PADJUST_HOLM, holm);
    /* tied BH: p.adjust(tied, "BH") */
    const double bh[] = {0.03, 0.03, 0.006, 0.36, 1, 0.03};
    check(tied, COUNT(tied), QA_PADJUST_BH, bh);
}

static void test_nan_holes(void **state)
{
    (void)state;
    const double holes[] = {0.04, NAN, 0.01, 0.03, NAN, 0.2, NAN};
    /* holes holm: p.adjust(c(0.04, 0.01, 0.03, 0.2), "holm"), NaN kept in place
     * (holes_na holm: the same with NA in R) */
    const double holm[] = {0.09, NAN, 0.04, 0.09, NAN, 0.2, NAN};
    check(holes, COUNT(holes), QA_PADJUST_HOLM, holm);
    /* holes BH: p.adjust(c(0.04, 0.01, 0.03, 0.2), "BH") */
    const double bh[] = {0.0533333333333333, NAN, 0.04, 0.0533333333333333, NAN, 0.2, NAN};
    check(holes, COUNT(holes), QA_PADJUST_BH, bh);
    check(holes, COUNT(holes), QA_PADJUST_NONE, holes);
    /* all holes, and nothing at all */
    const double none[] = {NAN, NAN};
    check(none, 2, QA_PADJUST_HOLM, none);
    double out[1];
    assert_int_equal(qa_p_adjust(NULL, 0, QA_PADJUST_BH, out), QA_OK);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ten_tests),
        cmocka_unit_test(test_ties),
        cmocka_unit_test(test_nan_holes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
