/* End-to-end check of `--durability cox` and `--controls-in all` against R
 * (tests/reference/durability_controls.R): on tests/data/e2e/default_n200.csv the program's
 * JSON is flattened (tests/support/json_flat.h) and every key of the option's .expected file
 * is compared — the adjusted models' coefficients, each test's n, which model decided, the
 * Holm-adjusted p and the verdict. Numbers relative 1e-6 (absolute 1e-10 when tiny), strings
 * exactly. Also: the robustness matrix under --durability cox carries the T-year logit as a
 * specification instead of the Cox one. */
#include "test_support.h"
#include "json_flat.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char data[] = "tests/data/e2e/default_n200.csv";

/* Runs analyze with the extra arguments (NULL-terminated) and flattens its JSON. */
static void run_flat(const char *const *extra, qa_flat *flat, char *dir)
{
    char xlsx[4096];
    snprintf(xlsx, sizeof xlsx, "%s/r.xlsx", dir);
    const char *args[24] = {"analyze", data, "--json", "-", "--quiet", "-o", xlsx};
    size_t n = 7;
    for (size_t i = 0; extra[i] && n < 23; i++)
        args[n++] = extra[i];
    args[n] = NULL;
    qa_test_run run = qa_test_run_program(args);
    if (run.exit_code != 0)
        print_message("exit %d\n%s", run.exit_code, run.err ? run.err : "");
    assert_int_equal(run.exit_code, 0);
    size_t offset = 0;
    if (qa_flat_parse(run.out, flat, &offset) != 0)
        fail_msg("output is not JSON (offset %zu)", offset);
    qa_test_run_free(&run);
}

/* Compares every `key value` line of the expected file; returns the mismatches. */
static size_t compare_file(const qa_flat *flat, const char *path, size_t *compared)
{
    char *text = qa_test_read_file(path, NULL);
    assert_non_null(text);
    size_t mismatches = 0;
    char *save = NULL;
    for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        char *space = strchr(line, ' ');
        if (!space)
            continue;
        *space = '\0';
        const char *expected = space + 1;
        const qa_flat_entry *entry = qa_flat_find(flat, line);
        (*compared)++;
        if (!entry) {
            print_message("%s: %s missing, expected %s\n", path, line, expected);
            mismatches++;
            continue;
        }
        char *end;
        double want = strtod(expected, &end);
        bool number = end != expected && *end == '\0' && !entry->is_string;
        bool same = number ? qa_test_close(strtod(entry->value, NULL), want, 1e-6, 1e-10)
                           : strcmp(entry->value, expected) == 0;
        if (!same) {
            print_message("%s: %s = %s, expected %s\n", path, line, entry->value, expected);
            mismatches++;
        }
    }
    free(text);
    return mismatches;
}

static void check(const char *const *extra, const char *expected_path)
{
    char *dir = qa_test_temp_dir();
    assert_non_null(dir);
    qa_flat flat;
    run_flat(extra, &flat, dir);
    size_t compared = 0;
    size_t mismatches = compare_file(&flat, expected_path, &compared);
    assert_true(compared > 60); /* the reference file was read */
    qa_flat_free(&flat);
    qa_test_remove_tree(dir);
    free(dir);
    if (mismatches)
        fail_msg("%zu of %zu reference values differ (listed above)", mismatches, compared);
}

static void test_durability_cox(void **state)
{
    (void)state;
    const char *extra[] = {"--durability", "cox", NULL};
    check(extra, "tests/reference/options_durability_cox.expected");
}

static void test_controls_in_all(void **state)
{
    (void)state;
    const char *extra[] = {"--controls", "era", "--controls-in", "all", NULL};
    check(extra, "tests/reference/options_controls_all.expected");
}

static void test_cox_with_controls_in_all(void **state)
{
    (void)state;
    const char *extra[] = {"--controls", "era", "--controls-in", "all", "--durability",
                           "cox",        NULL};
    check(extra, "tests/reference/options_cox_controls_all.expected");
}

/* Under --durability cox a durability test's specifications are the Cox primary, the three
 * correlations, the joint Cox model, the member-robust p, the three thresholds and the T-year
 * logit (ten; no method switch, no separate Cox); formation keeps its seven. */
static void test_cox_specifications(void **state)
{
    (void)state;
    char *dir = qa_test_temp_dir();
    assert_non_null(dir);
    const char *extra[] = {"--durability", "cox", NULL};
    qa_flat flat;
    run_flat(extra, &flat, dir);
    assert_string_equal(qa_flat_find(&flat, "robustness.H1.durability.of_m")->value, "10");
    assert_string_equal(qa_flat_find(&flat, "robustness.H1.formation.of_m")->value, "7");
    assert_non_null(qa_flat_find(&flat, "robustness.H1.durability.specifications.logit.verdict"));
    assert_null(qa_flat_find(&flat, "robustness.H1.durability.specifications.cox.verdict"));
    assert_null(qa_flat_find(&flat, "robustness.H1.durability.specifications.firth.verdict"));
    /* the logit specification is the default run's primary verdict (R: analysis.R) */
    assert_string_equal(
        qa_flat_find(&flat, "robustness.H1.durability.specifications.logit.verdict")->value,
        "supported");
    qa_flat_free(&flat);
    const char *wrong[] = {"analyze", data, "--durability", "weibull", NULL};
    qa_test_run run = qa_test_run_program(wrong);
    assert_int_equal(run.exit_code, 2);
    assert_non_null(strstr(run.err, "--durability"));
    qa_test_run_free(&run);
    qa_test_remove_tree(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_durability_cox),
        cmocka_unit_test(test_controls_in_all),
        cmocka_unit_test(test_cox_with_controls_in_all),
        cmocka_unit_test(test_cox_specifications),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
