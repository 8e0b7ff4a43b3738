/* A control with missing values under both --controls-in rules, against R
 * (tests/reference/controls_missing.R) on tests/data/e2e/era_gaps_n200.csv (default_n200 with
 * era blank in 33 cases): with --controls-in joint the ten primary tests keep every case
 * (only the joint model needs era); with --controls-in all a case without era is in no
 * sample. Each test's n, the measure's B and p, the joint model's n and B, Holm p and verdicts;
 * numbers relative 1e-6, strings exactly. */
#include "test_support.h"
#include "json_flat.h"
#include "reference_file.h"

#include <stdio.h>
#include <stdlib.h>

static void check(const char *rule, const char *expected)
{
    char *dir = qa_test_temp_dir();
    assert_non_null(dir);
    char xlsx[4096];
    snprintf(xlsx, sizeof xlsx, "%s/r.xlsx", dir);
    const char *args[] = {"analyze",
                          "tests/data/e2e/era_gaps_n200.csv",
                          "--controls",
                          "era",
                          "--controls-in",
                          rule,
                          "--json",
                          "-",
                          "--quiet",
                          "-o",
                          xlsx,
                          NULL};
    qa_test_run run = qa_test_run_program(args);
    if (run.exit_code != 0)
        print_message("exit %d\n%s", run.exit_code, run.err ? run.err : "");
    assert_int_equal(run.exit_code, 0);
    qa_flat flat;
    size_t offset = 0;
    if (qa_flat_parse(run.out, &flat, &offset) != 0)
        fail_msg("output is not JSON (offset %zu)", offset);
    size_t compared = 0;
    size_t mismatches = qa_flat_compare_file(&flat, expected, rule, &compared);
    assert_int_equal(compared, 57);
    assert_int_equal(mismatches, 0);
    qa_flat_free(&flat);
    qa_test_run_free(&run);
    qa_test_remove_tree(dir);
    free(dir);
}

static void test_joint_keeps_cases_without_the_control(void **state)
{
    (void)state;
    check("joint", "tests/reference/options_era_gaps_joint.expected");
}

static void test_all_drops_cases_without_the_control(void **state)
{
    (void)state;
    check("all", "tests/reference/options_era_gaps_all.expected");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_joint_keeps_cases_without_the_control),
        cmocka_unit_test(test_all_drops_cases_without_the_control),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
