/* End-to-end robustness checks: on a constructed dataset where exactly one case carries the
 * verdict of H1 formation (tests/reference/influence.R), the report names that case and no
 * other; the specification matrix has the names and sizes of docs/METHODS.md §6.2; every Cox model
 * has PH rows. */
#include "test_support.h"
#include "json_flat.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    qa_test_run run;
    qa_flat flat;
    char *dir;
} analysis_run;

static void analyse(analysis_run *a, const char *csv)
{
    char xlsx[4096];
    a->dir = qa_test_temp_dir();
    assert_non_null(a->dir);
    snprintf(xlsx, sizeof xlsx, "%s/r.xlsx", a->dir);
    const char *args[] = {"analyze", csv, "--json", "-", "--quiet", "-o", xlsx, NULL};
    a->run = qa_test_run_program(args);
    if (a->run.exit_code != 0)
        print_message("%s", a->run.err);
    assert_int_equal(a->run.exit_code, 0);
    size_t offset = 0;
    assert_int_equal(qa_flat_parse(a->run.out, &a->flat, &offset), 0);
}

static void analysis_done(analysis_run *a)
{
    qa_flat_free(&a->flat);
    qa_test_run_free(&a->run);
    qa_test_remove_tree(a->dir);
    free(a->dir);
}

static const char *value_of(const analysis_run *a, const char *key)
{
    const qa_flat_entry *e = qa_flat_find(&a->flat, key);
    if (!e)
        fail_msg("missing key %s", key);
    return e->value;
}

static double number_of(const analysis_run *a, const char *key)
{
    return strtod(value_of(a, key), NULL);
}

static void test_one_case_carries_the_verdict(void **state)
{
    (void)state;
    analysis_run a;
    analyse(&a, "tests/data/e2e/influence_one_case.csv");
    /* R: glm(formed ~ security, binomial) on all 24 cases (tests/reference/influence.R) */
    assert_close(number_of(&a, "tests.H1.formation.logit.b"), 1.47565039233727);
    assert_close(number_of(&a, "tests.H1.formation.logit.p"), 0.0258993872430018);
    assert_string_equal(value_of(&a, "tests.H1.formation.verdict"), "supported");
    /* the only flipping case is "pivot"; R: without it p = 0.0517115930579467 >= 0.05 */
    assert_string_equal(value_of(&a, "robustness.H1.formation.flipping_cases.0"), "pivot");
    assert_null(qa_flat_find(&a.flat, "robustness.H1.formation.flipping_cases.1"));
    /* the other tests are not testable (constant measures, all formed cases durable) */
    assert_string_equal(value_of(&a, "tests.H2.formation.verdict"), "not_testable");
    assert_string_equal(value_of(&a, "tests.H1.durability.verdict"), "not_testable");
    assert_null(qa_flat_find(&a.flat, "robustness.H2.formation.flipping_cases.0"));
    analysis_done(&a);
}

static void test_specification_matrix_shape(void **state)
{
    (void)state;
    analysis_run a;
    analyse(&a, "tests/data/e2e/default_n200.csv");
    assert_int_equal((int)number_of(&a, "robustness.H1.formation.of_m"), 7);
    assert_int_equal((int)number_of(&a, "robustness.H1.durability.of_m"), 11);
    const char *formation[] = {"primary", "pearson", "spearman", "kendall", "joint", "member"};
    char key[256];
    for (size_t i = 0; i < sizeof formation / sizeof *formation; i++) {
        snprintf(key, sizeof key, "robustness.H1.formation.specifications.%s.verdict",
                 formation[i]);
        assert_non_null(qa_flat_find(&a.flat, key));
    }
    const char *durability[] = {"threshold_3", "threshold_7", "threshold_10", "cox"};
    for (size_t i = 0; i < sizeof durability / sizeof *durability; i++) {
        snprintf(key, sizeof key, "robustness.H3.durability.specifications.%s.verdict",
                 durability[i]);
        assert_non_null(qa_flat_find(&a.flat, key));
    }
    /* the primary specification agrees with itself: k >= 1; k <= m */
    double k = number_of(&a, "robustness.H1.formation.stable_k");
    assert_true(k >= 1 && k <= 7);
    assert_string_equal(value_of(&a, "robustness.H1.formation.specifications.primary.verdict"),
                        value_of(&a, "tests.H1.formation.verdict"));
    /* PH test rows: every term of every Cox model plus GLOBAL */
    assert_non_null(qa_flat_find(&a.flat, "ph_tests.cox_security.security.p"));
    assert_non_null(qa_flat_find(&a.flat, "ph_tests.cox_security.GLOBAL.p"));
    assert_non_null(qa_flat_find(&a.flat, "ph_tests.cox_joint.value.chi2"));
    assert_non_null(qa_flat_find(&a.flat, "ph_tests.cox_joint.GLOBAL.df"));
    analysis_done(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_one_case_carries_the_verdict),
        cmocka_unit_test(test_specification_matrix_shape),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
