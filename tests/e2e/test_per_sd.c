/* End-to-end check of the effect per standard deviation (docs/METHODS.md §4.14) against R
 * (tests/reference/per_sd.R): the program's `--json` is flattened and every key of
 * tests/reference/per_sd_<name>.expected is compared — the measure's SD on each primary
 * model's sample, OR per SD = exp(B sd) with exp(CI sd) from the reported CI of B (Wald for
 * maximum likelihood, profile penalized likelihood for Firth) and the Cox HR per SD. */
#include "test_support.h"
#include "json_flat.h"
#include "reference_file.h"

#include <stdio.h>
#include <stdlib.h>

static size_t check_per_sd(const char *name)
{
    char *dir = qa_test_temp_dir();
    assert_non_null(dir);
    char csv[256], xlsx[4096], expected[256];
    snprintf(csv, sizeof csv, "tests/data/e2e/%s.csv", name);
    snprintf(xlsx, sizeof xlsx, "%s/r.xlsx", dir);
    snprintf(expected, sizeof expected, "tests/reference/per_sd_%s.expected", name);
    const char *args[] = {"analyze", csv, "--json", "-", "--quiet", "-o", xlsx, NULL};
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

/* Maximum-likelihood fits: Wald intervals (confint.default) times the SD. */
static void test_per_sd_ml(void **state)
{
    (void)state;
    assert_true(check_per_sd("default_n200") >= 70);
}

/* Small samples, one Firth fit: its profile interval times the SD. */
static void test_per_sd_firth(void **state)
{
    (void)state;
    assert_true(check_per_sd("firth_n40") >= 70);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_per_sd_ml),
        cmocka_unit_test(test_per_sd_firth),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
