/* End-to-end tests of `qareport compare`: the join, every disagreement listed, a flip with
 * the one case that drives it, identical codings agreeing perfectly, JSON in the shape of
 * docs/METHODS.md §8.5, the workbook written, bad input refused with exit status 2. */
#include "test_support.h"
#include "json_flat.h"
#include "reference_file.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const influence = "tests/data/e2e/influence_one_case.csv";

/* Writes a copy of `source` with `from` replaced by `to` once (a recoded cell). */
static void write_recoded(const char *source, const char *path, const char *from, const char *to)
{
    char *text = qa_test_read_file(source, NULL);
    assert_non_null(text);
    char *at = strstr(text, from);
    assert_non_null(at);
    size_t before = (size_t)(at - text);
    char *out = malloc(strlen(text) + strlen(to) + 1);
    memcpy(out, text, before);
    strcpy(out + before, to);
    strcat(out, at + strlen(from));
    assert_int_equal(qa_test_write_file(path, out), 0);
    free(out);
    free(text);
}

static void compare(const char *a, const char *b, const char *dir, qa_test_run *run, qa_flat *flat)
{
    char xlsx[4096];
    snprintf(xlsx, sizeof xlsx, "%s/c.xlsx", dir);
    const char *args[] = {"compare", a, b, "--json", "-", "--quiet", "-o", xlsx, NULL};
    *run = qa_test_run_program(args);
    if (run->exit_code != 0)
        print_message("%s", run->err);
    assert_int_equal(run->exit_code, 0);
    size_t offset = 0;
    assert_int_equal(qa_flat_parse(run->out, flat, &offset), 0);
    size_t size = 0;
    char *workbook = qa_test_read_file(xlsx, &size);
    assert_non_null(workbook);
    assert_true(size > 1000);
    assert_memory_equal(workbook, "PK", 2);
    free(workbook);
}

/* Recoding the one case that carries H1 formation (tests/reference/influence.R) flips the
 * verdict, and that case is named as the driver. */
static void test_flip_and_driving_case(void **state)
{
    (void)state;
    char *dir = qa_test_temp_dir();
    char b[4096];
    snprintf(b, sizeof b, "%s/b.csv", dir);
    /* pivot: security 4 -> 0 */
    write_recoded(influence, b, "pivot,Case 24,A24;B24,1950,1960,0,,1,4,",
                  "pivot,Case 24,A24;B24,1950,1960,0,,1,0,");
    qa_test_run run;
    qa_flat flat;
    compare(influence, b, dir, &run, &flat);
    assert_string_equal(qa_flat_value(&flat, "cases.matched"), "24");
    assert_string_equal(qa_flat_value(&flat, "disagreements.0.case_id"), "pivot");
    assert_string_equal(qa_flat_value(&flat, "disagreements.0.column"), "security");
    assert_string_equal(qa_flat_value(&flat, "disagreements.0.a"), "4");
    assert_string_equal(qa_flat_value(&flat, "disagreements.0.b"), "0");
    assert_null(qa_flat_find(&flat, "disagreements.1.case_id"));
    assert_string_equal(qa_flat_value(&flat, "verdicts.H1.formation.a"), "supported");
    assert_string_equal(qa_flat_value(&flat, "verdicts.H1.formation.flip"), "true");
    assert_string_equal(qa_flat_value(&flat, "verdicts.H1.formation.driving_cases.0"), "pivot");
    assert_string_equal(qa_flat_value(&flat, "verdicts.H2.formation.flip"), "false");
    /* one disagreement in 24: percent agreement 23/24 */
    assert_close(strtod(qa_flat_value(&flat, "agreement.security.percent"), NULL), 100.0 * 23 / 24);
    assert_string_equal(qa_flat_value(&flat, "agreement.security.level"), "ordinal");
    assert_non_null(qa_flat_find(&flat, "agreement.security.weighted_kappa"));
    assert_null(qa_flat_find(&flat, "agreement.formed.weighted_kappa"));
    /* A's B is R's glm on the original data (tests/reference/influence.R) */
    assert_close(strtod(qa_flat_value(&flat, "coefficients.H1.formation.b_a"), NULL),
                 1.47565039233727);
    qa_flat_free(&flat);
    qa_test_run_free(&run);
    qa_test_remove_tree(dir);
    free(dir);
}

static void test_identical_codings(void **state)
{
    (void)state;
    char *dir = qa_test_temp_dir();
    qa_test_run run;
    qa_flat flat;
    compare("tests/data/e2e/default_n200.csv", "tests/data/e2e/default_n200.csv", dir, &run, &flat);
    assert_string_equal(qa_flat_value(&flat, "cases.matched"), "200");
    assert_null(qa_flat_find(&flat, "disagreements.0.case_id"));
    assert_close(strtod(qa_flat_value(&flat, "agreement.security.percent"), NULL), 100);
    assert_close(strtod(qa_flat_value(&flat, "agreement.security.cohen_kappa"), NULL), 1);
    assert_close(strtod(qa_flat_value(&flat, "agreement.security.krippendorff_alpha"), NULL), 1);
    for (int h = 1; h <= 5; h++) {
        char key[64];
        snprintf(key, sizeof key, "verdicts.H%d.durability.flip", h);
        assert_string_equal(qa_flat_value(&flat, key), "false");
    }
    qa_flat_free(&flat);
    qa_test_run_free(&run);
    qa_test_remove_tree(dir);
    free(dir);
}

/* The terminal summary of compare is a report drawn as text: in Chinese with --lang zh. */
static void test_summary_in_chinese(void **state)
{
    (void)state;
    char *dir = qa_test_temp_dir();
    char xlsx[4096];
    snprintf(xlsx, sizeof xlsx, "%s/c.xlsx", dir);
    const char *args[] = {"compare",
                          "tests/data/e2e/default_n200.csv",
                          "tests/data/e2e/default_n200.csv",
                          "--lang",
                          "zh",
                          "-o",
                          xlsx,
                          NULL};
    qa_test_run run = qa_test_run_program(args);
    assert_int_equal(run.exit_code, 0);
    assert_non_null(strstr(run.out, "匹配200个案例;仅在A中0个,仅在B中0个\n"));
    assert_non_null(strstr(run.out, "0处分歧\n"));
    assert_non_null(strstr(run.out, "翻转(导致翻转的案例)"));
    assert_non_null(strstr(run.out, "安全共同体"));
    assert_null(strstr(run.out, "cases matched"));
    qa_test_run_free(&run);
    qa_test_remove_tree(dir);
    free(dir);
}

static void test_cases_only_in_one_file(void **state)
{
    (void)state;
    char *dir = qa_test_temp_dir();
    char b[4096];
    snprintf(b, sizeof b, "%s/b.csv", dir);
    write_recoded(influence, b, "pivot,", "other,");
    qa_test_run run;
    qa_flat flat;
    compare(influence, b, dir, &run, &flat);
    assert_string_equal(qa_flat_value(&flat, "cases.only_in_a.0"), "pivot");
    assert_string_equal(qa_flat_value(&flat, "cases.only_in_b.0"), "other");
    assert_string_equal(qa_flat_value(&flat, "cases.matched"), "23");
    qa_flat_free(&flat);
    qa_test_run_free(&run);
    qa_test_remove_tree(dir);
    free(dir);
}

/* The two bundled codings: agreement on `security` against the formulas in R
 * (tests/reference/compare_bundled.R). */
static void test_bundled_codings(void **state)
{
    (void)state;
    char *dir = qa_test_temp_dir();
    qa_test_run run;
    qa_flat flat;
    compare("datasets/quasi_alliance_cases.csv", "datasets/quasi_alliance_cases_coder_b.csv", dir,
            &run, &flat);
    assert_string_equal(qa_flat_value(&flat, "cases.matched"), "66");
    assert_string_equal(qa_flat_value(&flat, "cases.mode"), "codings");
    assert_close(strtod(qa_flat_value(&flat, "agreement.security.percent"), NULL),
                 78.7878787878788);
    assert_close(strtod(qa_flat_value(&flat, "agreement.security.cohen_kappa"), NULL),
                 0.715254237288136);
    assert_close(strtod(qa_flat_value(&flat, "agreement.security.weighted_kappa"), NULL),
                 0.886496186630776);
    assert_close(strtod(qa_flat_value(&flat, "agreement.security.gwet_ac1"), NULL),
                 0.739498167465464);
    assert_non_null(qa_flat_find(&flat, "agreement.security.alpha_ci.1"));
    qa_flat_free(&flat);
    qa_test_run_free(&run);
    qa_test_remove_tree(dir);
    free(dir);
}

/* Agreement of every measure of the bundled codings and the bootstrap CIs of alpha, with the
 * default seed and with --seed 9, against R on the same resamples (tests/reference/
 * bootstrap.R): a seed that is ignored, or a CI from the wrong quantiles, fails here. */
static void test_bundled_agreement_against_r(void **state)
{
    (void)state;
    static const char *const seeds[][2] = {{NULL, "1"}, {"--seed", "9"}};
    for (size_t i = 0; i < 2; i++) {
        char *dir = qa_test_temp_dir();
        char xlsx[4096], expected[256];
        snprintf(xlsx, sizeof xlsx, "%s/c.xlsx", dir);
        snprintf(expected, sizeof expected, "tests/reference/compare_seed%s.expected", seeds[i][1]);
        const char *args[] = {"compare",
                              "datasets/quasi_alliance_cases.csv",
                              "datasets/quasi_alliance_cases_coder_b.csv",
                              "--json",
                              "-",
                              "--quiet",
                              "-o",
                              xlsx,
                              seeds[i][0],
                              seeds[i][1],
                              NULL};
        if (!seeds[i][0])
            args[8] = NULL;
        qa_test_run run = qa_test_run_program(args);
        assert_int_equal(run.exit_code, 0);
        qa_flat flat;
        size_t offset = 0, compared = 0;
        assert_int_equal(qa_flat_parse(run.out, &flat, &offset), 0);
        size_t mismatches = qa_flat_compare_file(&flat, expected, expected, &compared);
        assert_true(compared >= 10);
        if (mismatches)
            fail_msg("%s: %zu of %zu values differ (listed above)", expected, mismatches, compared);
        assert_string_equal(qa_flat_value(&flat, "options.seed"), seeds[i][1]);
        qa_flat_free(&flat);
        qa_test_run_free(&run);
        qa_test_remove_tree(dir);
        free(dir);
    }
}

/* The same cases under other ids (no case matched): two case sets, compared by a z test of
 * each primary B (tests/reference/influence.R). The pivot's security is 0 in B. */
static void test_two_case_sets(void **state)
{
    (void)state;
    char *dir = qa_test_temp_dir();
    char recoded[4096], b[4096];
    snprintf(recoded, sizeof recoded, "%s/recoded.csv", dir);
    snprintf(b, sizeof b, "%s/b.csv", dir);
    write_recoded(influence, recoded, "pivot,Case 24,A24;B24,1950,1960,0,,1,4,",
                  "pivot,Case 24,A24;B24,1950,1960,0,,1,0,");
    char *text = qa_test_read_file(recoded, NULL);
    assert_non_null(text);
    /* every data line's id gets the prefix "b-" */
    char *out = malloc(strlen(text) * 2 + 1), *o = out;
    bool line_start = false;
    for (const char *c = text; *c; c++) {
        if (line_start && *c != '\n') {
            memcpy(o, "b-", 2);
            o += 2;
        }
        line_start = *c == '\n';
        *o++ = *c;
    }
    *o = '\0';
    assert_int_equal(qa_test_write_file(b, out), 0);
    qa_test_run run;
    qa_flat flat;
    compare(influence, b, dir, &run, &flat);
    assert_string_equal(qa_flat_value(&flat, "cases.mode"), "case_sets");
    assert_string_equal(qa_flat_value(&flat, "cases.matched"), "0");
    assert_string_equal(qa_flat_value(&flat, "cases.only_in_b.23"), "b-pivot");
    const char *prefix = "coefficients.H1.formation.";
    char key[128];
    static const struct {
        const char *name;
        double value;
    } expected[] = {{"b_a", 1.47565039233727},  {"se_a", 0.662404757257535},
                    {"b_b", 0.711040259645181}, {"se_b", 0.502723200584279},
                    {"z", 0.919476435264572},   {"p", 0.357846425707094}};
    for (size_t i = 0; i < sizeof expected / sizeof *expected; i++) {
        snprintf(key, sizeof key, "%s%s", prefix, expected[i].name);
        assert_close(strtod(qa_flat_value(&flat, key), NULL), expected[i].value);
    }
    free(text);
    free(out);
    qa_flat_free(&flat);
    qa_test_run_free(&run);
    qa_test_remove_tree(dir);
    free(dir);
}

static void test_bad_input(void **state)
{
    (void)state;
    const char *args[] = {"compare", influence,   "tests/data/bad/formed_not_binary.csv",
                          "-o",      "/dev/null", NULL};
    qa_test_run run = qa_test_run_program(args);
    assert_int_equal(run.exit_code, 2);
    assert_non_null(strstr(run.err, "formed_not_binary.csv:"));
    qa_test_run_free(&run);
    const char *one[] = {"compare", influence, NULL};
    run = qa_test_run_program(one);
    assert_int_equal(run.exit_code, 2);
    qa_test_run_free(&run);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_flip_and_driving_case),
        cmocka_unit_test(test_identical_codings),
        cmocka_unit_test(test_summary_in_chinese),
        cmocka_unit_test(test_cases_only_in_one_file),
        cmocka_unit_test(test_bundled_codings),
        cmocka_unit_test(test_bundled_agreement_against_r),
        cmocka_unit_test(test_two_case_sets),
        cmocka_unit_test(test_bad_input),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
