/* The robustness matrix under `--durability cox` against R
 * (tests/reference/durability_cox_robustness.R) on tests/data/e2e/default_n200.csv: the joint
 * Cox model's estimates, the Joint specification (durability judged on -B of the joint Cox
 * model, not the joint logit) and the T-year logit specification, each Holm-adjusted over the
 * ten tests. Numbers relative 1e-6, verdicts exactly. */
#include "test_support.h"
#include "json_flat.h"
#include "reference_file.h"

#include <stdio.h>
#include <stdlib.h>

static void test_joint_and_logit_specifications(void **state)
{
    (void)state;
    char *dir = qa_test_temp_dir();
    assert_non_null(dir);
    char xlsx[4096];
    snprintf(xlsx, sizeof xlsx, "%s/r.xlsx", dir);
    const char *args[] = {"analyze",      "tests/data/e2e/default_n200.csv",
                          "--durability", "cox",
                          "--json",       "-",
                          "--quiet",      "-o",
                          xlsx,           NULL};
    qa_test_run run = qa_test_run_program(args);
    if (run.exit_code != 0)
        print_message("exit %d\n%s", run.exit_code, run.err ? run.err : "");
    assert_int_equal(run.exit_code, 0);
    qa_flat flat;
    size_t offset = 0;
    if (qa_flat_parse(run.out, &flat, &offset) != 0)
        fail_msg("output is not JSON (offset %zu)", offset);
    size_t compared = 0;
    size_t mismatches = qa_flat_compare_file(
        &flat, "tests/reference/options_durability_cox_robustness.expected", "cox", &compared);
    assert_int_equal(compared, 31);
    assert_int_equal(mismatches, 0);
    qa_flat_free(&flat);
    qa_test_run_free(&run);
    qa_test_remove_tree(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_joint_and_logit_specifications),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
