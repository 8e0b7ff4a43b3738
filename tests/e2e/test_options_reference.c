/* End-to-end checks of the options of `qareport analyze` that change numbers, against R
 * (tests/reference/options_e2e.R and bootstrap.R): the program's `--json` under each option
 * is flattened and every key of tests/reference/options_<name>.expected is compared
 * (tests/support/reference_file.h). Each R reference recomputes the analysis on the sample or
 * with the rule the option asks for, so an option that is parsed but ignored, or applied the
 * wrong way round, fails here. */
#include "test_support.h"
#include "json_flat.h"
#include "reference_file.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_EXTRA = 8 };

/* Runs analyze on csv with the extra arguments (NULL-terminated) and compares its JSON with
 * tests/reference/options_<name>.expected; returns the number of lines compared. */
static size_t check_options(const char *csv, const char *name, const char *const *extra)
{
    char *dir = qa_test_temp_dir();
    assert_non_null(dir);
    char xlsx[4096], expected[256];
    snprintf(xlsx, sizeof xlsx, "%s/r.xlsx", dir);
    snprintf(expected, sizeof expected, "tests/reference/options_%s.expected", name);
    const char *args[8 + MAX_EXTRA] = {"analyze", csv, "--json", "-", "--quiet", "-o", xlsx};
    size_t argc = 7;
    for (size_t i = 0; extra[i]; i++) {
        assert_true(i < MAX_EXTRA);
        args[argc++] = extra[i];
    }
    args[argc] = NULL;
    qa_test_run run = qa_test_run_program(args);
    if (run.exit_code != 0)
        print_message("%s: exit %d\n%s", name, run.exit_code, run.err ? run.err : "");
    assert_int_equal(run.exit_code, 0);
    qa_flat flat;
    size_t error_offset = 0;
    if (qa_flat_parse(run.out, &flat, &error_offset) != 0)
        fail_msg("%s: output is not JSON (offset %zu)", name, error_offset);
    size_t compared = 0;
    size_t mismatches = qa_flat_compare_file(&flat, expected, name, &compared);
    qa_flat_free(&flat);
    qa_test_run_free(&run);
    qa_test_remove_tree(dir);
    free(dir);
    if (mismatches)
        fail_msg("%s: %zu of %zu reference values differ (listed above)", name, mismatches,
                 compared);
    return compared;
}

static const char *const default_n200 = "tests/data/e2e/default_n200.csv";

/* --durable-years 7: the durability samples (87 cases at 5 years, fewer at 7), their models
 * and the verdicts. */
static void test_durable_years(void **state)
{
    (void)state;
    const char *extra[] = {"--durable-years", "7", NULL};
    assert_true(check_options(default_n200, "durable7", extra) > 500);
}

/* --where: one column's values are alternatives, different columns must all hold. */
static void test_where(void **state)
{
    (void)state;
    const char *extra[] = {"--where", "size=bilateral",    "--where", "era=cold_war",
                           "--where", "era=post_cold_war", NULL};
    assert_true(check_options(default_n200, "where", extra) > 500);
}

static void test_alpha_and_no_adjustment(void **state)
{
    (void)state;
    const char *extra[] = {"--alpha", "0.0005", "--adjust", "none", NULL};
    assert_true(check_options(default_n200, "alpha_none", extra) > 100);
}

static void test_one_sided_bh(void **state)
{
    (void)state;
    const char *extra[] = {"--sided", "one", "--adjust", "bh", NULL};
    assert_true(check_options(default_n200, "one_bh", extra) > 100);
}

static void test_firth_always(void **state)
{
    (void)state;
    const char *extra[] = {"--firth", "always", NULL};
    assert_true(check_options(default_n200, "firth", extra) > 100);
}

/* --by era: each era's tests, and the z tests of the differences against the first era. */
static void test_by(void **state)
{
    (void)state;
    const char *extra[] = {"--by", "era", NULL};
    assert_true(check_options(default_n200, "by_era", extra) > 200);
}

/* --as-of: the observation year of ongoing cases that have none in the file. */
static void test_as_of(void **state)
{
    (void)state;
    const char *extra[] = {"--as-of", "2021", NULL};
    assert_true(check_options("tests/data/e2e/censored_n120_as_of.csv", "as_of", extra) > 500);
}

/* A negative effect (security reversed): B < 0 with p adj. < alpha is "contradicted". */
static void test_contradicted(void **state)
{
    (void)state;
    const char *extra[] = {NULL};
    assert_true(check_options("tests/data/e2e/reversed_n200.csv", "reversed", extra) > 100);
}

/* --sided one with B < 0: p = 1 - p/2, so the negative effect is not significant. */
static void test_one_sided_negative(void **state)
{
    (void)state;
    const char *extra[] = {"--sided", "one", NULL};
    assert_true(check_options("tests/data/e2e/reversed_n200.csv", "reversed_one", extra) > 100);
}

/* Samples under 10 cases are "not testable" (the first 20 cases: H4 durability has 9). */
static void test_small_samples(void **state)
{
    (void)state;
    const char *extra[] = {NULL};
    assert_true(check_options("tests/data/e2e/small_n20.csv", "small", extra) > 50);
}

/* The T = 7 specification of the Robustness matrix is the 7-year analysis: with --alpha 0.04,
 * R's Holm-adjusted p of H1 durability is 0.0048 at T = 5 (supported) and 0.0478 at T = 7
 * (options_durable7.expected: not supported at 0.04), so the two verdicts differ. */
static void test_threshold_specification(void **state)
{
    (void)state;
    char *dir = qa_test_temp_dir();
    char xlsx[4096];
    snprintf(xlsx, sizeof xlsx, "%s/r.xlsx", dir);
    const char *args[] = {"analyze", default_n200, "--json",  "-",    "--quiet",
                          "-o",      xlsx,         "--alpha", "0.04", NULL};
    qa_test_run run = qa_test_run_program(args);
    assert_int_equal(run.exit_code, 0);
    qa_flat flat;
    size_t offset = 0;
    assert_int_equal(qa_flat_parse(run.out, &flat, &offset), 0);
    const char *prefix = "robustness.H1.durability.specifications.";
    char key[256];
    snprintf(key, sizeof key, "%sprimary.verdict", prefix);
    assert_string_equal(qa_flat_find(&flat, key)->value, "supported");
    snprintf(key, sizeof key, "%sthreshold_7.verdict", prefix);
    assert_string_equal(qa_flat_find(&flat, key)->value, "not_supported");
    qa_flat_free(&flat);
    qa_test_run_free(&run);
    qa_test_remove_tree(dir);
    free(dir);
}

/* --bootstrap 200 --seed 5: percentile CIs recomputed in R on the same resamples
 * (tests/reference/bootstrap.R draws them with GSL's MT19937 as the program does). */
/* --bootstrap 200 --seed 5: the percentile CIs of Spearman, Kendall and the odds ratio.
 * The program draws each replicate as multinomial counts of the distinct rows (METHODS
 * §4.11), a resampling R does not reproduce draw for draw; options_bootstrap.expected holds
 * R's percentile CIs of the same statistics on 200 other resamples of the same cases
 * (bootstrap.R). Two percentile bounds from B = 200 independent replicates differ by their
 * Monte-Carlo error: here at most 0.035 on a correlation and 0.14 on the log odds ratio; the
 * tolerances (0.08 and 0.25) are about twice that. A broken pairing of x and y (a CI
 * around 0 for rho = 0.48) or swapped bounds fail by far more. */
static void test_bootstrap(void **state)
{
    (void)state;
    char *dir = qa_test_temp_dir();
    char xlsx[4096];
    snprintf(xlsx, sizeof xlsx, "%s/r.xlsx", dir);
    const char *args[] = {"analyze", default_n200, "--json", "-", "--quiet", "-o", xlsx,
                          "--bootstrap", "200", "--seed", "5", NULL};
    qa_test_run run = qa_test_run_program(args);
    assert_int_equal(run.exit_code, 0);
    qa_flat flat;
    size_t error_offset = 0;
    assert_int_equal(qa_flat_parse(run.out, &flat, &error_offset), 0);
    FILE *expected = fopen("tests/reference/options_bootstrap.expected", "r");
    assert_non_null(expected);
    char key[256];
    double value;
    size_t compared = 0, failed = 0;
    while (fscanf(expected, "%255s %lf", key, &value) == 2) {
        const qa_flat_entry *entry = qa_flat_find(&flat, key);
        assert_non_null(entry);
        double actual = strtod(entry->value, NULL);
        bool ratio = strstr(key, "or_bootstrap_ci") != NULL;
        double distance = ratio ? fabs(log(actual / value)) : fabs(actual - value);
        if (!(distance <= (ratio ? 0.25 : 0.08))) {
            print_message("bootstrap: %s = %.6g, R %.6g\n", key, actual, value);
            failed++;
        }
        compared++;
    }
    fclose(expected);
    assert_true(compared > 50);
    assert_int_equal(failed, 0);
    qa_flat_free(&flat);
    qa_test_run_free(&run);
    qa_test_remove_tree(dir);
    free(dir);
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_durable_years),
        cmocka_unit_test(test_where),
        cmocka_unit_test(test_alpha_and_no_adjustment),
        cmocka_unit_test(test_one_sided_bh),
        cmocka_unit_test(test_firth_always),
        cmocka_unit_test(test_by),
        cmocka_unit_test(test_as_of),
        cmocka_unit_test(test_contradicted),
        cmocka_unit_test(test_one_sided_negative),
        cmocka_unit_test(test_small_samples),
        cmocka_unit_test(test_threshold_specification),
        cmocka_unit_test(test_bootstrap),
    };
    return qa_test_main(argc, argv, tests);
}
