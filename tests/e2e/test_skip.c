/* End-to-end check of `--skip` (issue 16): a hypothesis the user says the data do not measure
 * is "not measured" in the JSON (not testable, outside the multiplicity family) and in the
 * workbook's Summary, and the About sheet says which hypotheses were skipped — "(not given)"
 * without --skip. */
#include "test_support.h"
#include "json_flat.h"
#include "xlsx_read.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const data = "tests/data/e2e/default_n200.csv";

/* The About sheet's value of `item` (column B of the row whose column A says it). */
static void about_value(const char *xlsx, const char *item, char *value, size_t size)
{
    /* the About sheet is the last (its name is translated under --lang zh) */
    char names[16][64];
    size_t about = qa_xlsx_sheet_names(xlsx, names, 16);
    assert_true(about > 0);
    about--;
    char *xml = qa_xlsx_sheet_xml(xlsx, about);
    assert_non_null(xml);
    char *shared = qa_xlsx_member(xlsx, "xl/sharedStrings.xml");
    value[0] = '\0';
    bool found = false;
    for (unsigned row = 0; row < 200 && !found; row++) {
        char ref[16];
        qa_xlsx_ref(ref, sizeof ref, row, 0);
        qa_xlsx_cell a = qa_xlsx_cell_at(xml, shared, ref);
        if (!a.found || strcmp(a.text, item) != 0)
            continue;
        qa_xlsx_ref(ref, sizeof ref, row, 1);
        snprintf(value, size, "%s", qa_xlsx_cell_at(xml, shared, ref).text);
        found = true;
    }
    free(shared);
    free(xml);
    if (!found)
        fail_msg("no About row '%s'", item);
}

/* Runs analyze with the extra arguments; fills the flattened JSON and writes dir/r.xlsx. */
static void run_analyze(const char *xlsx, const char *const *extra, qa_flat *flat)
{
    const char *args[16] = {"analyze", data, "--json", "-", "--quiet", "-o", xlsx};
    size_t argc = 7;
    for (size_t i = 0; extra[i]; i++)
        args[argc++] = extra[i];
    args[argc] = NULL;
    qa_test_run run = qa_test_run_program(args);
    if (run.exit_code != 0)
        print_message("exit %d\n%s", run.exit_code, run.err ? run.err : "");
    assert_int_equal(run.exit_code, 0);
    size_t offset = 0;
    assert_int_equal(qa_flat_parse(run.out, flat, &offset), 0);
    qa_test_run_free(&run);
}

static void test_skip_in_json_and_about(void **state)
{
    (void)state;
    char *dir = qa_test_temp_dir();
    assert_non_null(dir);
    char xlsx[4096];
    snprintf(xlsx, sizeof xlsx, "%s/r.xlsx", dir);

    /* without --skip: all ten testable, Holm over ten */
    qa_flat all;
    const char *none[] = {NULL};
    run_analyze(xlsx, none, &all);
    char value[2048];
    about_value(xlsx, "Not measured (--skip)", value, sizeof value);
    assert_string_equal(value, "(not given)");

    /* --skip H4,value (a hypothesis id and a measure name) */
    qa_flat skipped;
    const char *extra[] = {"--skip", "H4,value", NULL};
    run_analyze(xlsx, extra, &skipped);
    about_value(xlsx, "Not measured (--skip)", value, sizeof value);
    assert_string_equal(value, "H4 cognitive, H5 value");
    static const char *const outcomes[] = {"formation", "durability"};
    for (int k = 4; k <= 5; k++)
        for (int o = 0; o < 2; o++) {
            char key[128], reason[64];
            snprintf(key, sizeof key, "tests.H%d.%s.verdict", k, outcomes[o]);
            assert_string_equal(qa_flat_value(&skipped, key), "not_testable");
            snprintf(key, sizeof key, "tests.H%d.%s.reason", k, outcomes[o]);
            snprintf(reason, sizeof reason, "not measured (--skip H%d)", k);
            assert_string_equal(qa_flat_value(&skipped, key), reason);
            snprintf(key, sizeof key, "tests.H%d.%s.p_adjusted", k, outcomes[o]);
            assert_string_equal(qa_flat_value(&skipped, key), "null");
            snprintf(key, sizeof key, "tests.H%d.%s.logit", k, outcomes[o]);
            assert_string_equal(qa_flat_value(&skipped, key), "null");
        }
    /* the skipped tests leave the family: H1 formation has the smallest p of the ten and of
     * the six, so Holm multiplies it by 10 without --skip and by 6 with it */
    double p = atof(qa_flat_value(&skipped, "tests.H1.formation.logit.p"));
    assert_true(fabs(atof(qa_flat_value(&skipped, "tests.H1.formation.p_adjusted")) - 6 * p) <=
                1e-9 * 6 * p);
    assert_true(fabs(atof(qa_flat_value(&all, "tests.H1.formation.p_adjusted")) - 10 * p) <=
                1e-9 * 10 * p);
    /* the measured tests are those of the full run */
    assert_string_equal(qa_flat_value(&skipped, "tests.H2.formation.logit.b"),
                        qa_flat_value(&all, "tests.H2.formation.logit.b"));

    /* the Summary says "not measured" for them */
    char *summary = qa_xlsx_sheet_xml(xlsx, 0);
    assert_non_null(summary);
    char *shared = qa_xlsx_member(xlsx, "xl/sharedStrings.xml");
    char ref[16];
    assert_true(qa_xlsx_find_text(summary, "not measured", ref, sizeof ref) ||
                (shared && strstr(shared, ">not measured<")));
    free(shared);
    free(summary);

    /* Chinese labels */
    const char *zh[] = {"--skip", "H4,value", "--lang", "zh", NULL};
    qa_flat_free(&skipped);
    run_analyze(xlsx, zh, &skipped);
    char names[16][64];
    size_t count = qa_xlsx_sheet_names(xlsx, names, 16);
    assert_string_equal(names[count - 1], "关于");
    about_value(xlsx, "未测量(--skip)", value, sizeof value);
    assert_string_equal(value, "H4 认知共同体, H5 价值共同体");

    qa_flat_free(&skipped);
    qa_flat_free(&all);
    qa_test_remove_tree(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_skip_in_json_and_about),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
