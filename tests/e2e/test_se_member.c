/* `--se member` end to end against R (tests/reference/se_member.R): on the bundled coding,
 * whose cases share members, the ten tests are decided by the member-robust Wald p of the
 * measure — the adjusted p (Holm) and the verdicts match R's explicit n × n sandwich; under
 * --se model the Member specification judges that p.
 * Numbers relative 1e-6, verdicts exactly. */
#include "test_support.h"
#include "json_flat.h"
#include "reference_file.h"

#include <stdio.h>
#include <stdlib.h>

/* Runs analyze on the bundled coding with the extra arguments and compares its JSON with
 * the expected file, which has `lines` lines. */
static void check(const char *const *extra, const char *expected, size_t lines)
{
    char *dir = qa_test_temp_dir();
    assert_non_null(dir);
    char xlsx[4096];
    snprintf(xlsx, sizeof xlsx, "%s/r.xlsx", dir);
    const char *args[16] = {
        "analyze", "datasets/quasi_alliance_cases.csv", "--json", "-", "-q", "-o", xlsx};
    size_t n = 7;
    for (size_t i = 0; extra[i] && n < 15; i++)
        args[n++] = extra[i];
    args[n] = NULL;
    qa_test_run run = qa_test_run_program(args);
    if (run.exit_code != 0)
        print_message("exit %d\n%s", run.exit_code, run.err ? run.err : "");
    assert_int_equal(run.exit_code, 0);
    qa_flat flat;
    size_t offset = 0;
    if (qa_flat_parse(run.out, &flat, &offset) != 0)
        fail_msg("output is not JSON (offset %zu)", offset);
    size_t compared = 0;
    size_t mismatches = qa_flat_compare_file(&flat, expected, extra[0], &compared);
    assert_int_equal(compared, lines);
    assert_int_equal(mismatches, 0);
    qa_flat_free(&flat);
    qa_test_run_free(&run);
    qa_test_remove_tree(dir);
    free(dir);
}

static void test_member_p_decides(void **state)
{
    (void)state;
    const char *extra[] = {"--se", "member", NULL};
    check(extra, "tests/reference/options_se_member.expected", 20);
}

/* --se model: the Member specification judges the member-robust p (H1 formation: supported
 * at alpha 0.06 by its member p 0.056, not by its model-based p 0.086) */
static void test_member_specification(void **state)
{
    (void)state;
    const char *extra[] = {"--adjust", "none", "--alpha", "0.06", NULL};
    check(extra, "tests/reference/options_member_specification.expected", 10);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_member_p_decides),
        cmocka_unit_test(test_member_specification),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
