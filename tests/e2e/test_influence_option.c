/* End-to-end check of `analyze --influence none` (issue 14, docs/METHODS.md §6.5): on the bundled
 * dyadic coding, whose default run names flipping members, the option leaves case and member
 * influence out and changes nothing else — the tests, models, specification verdicts and PH
 * tests of the JSON are those of the run without it, byte for byte — while the JSON says
 * influence was not computed (options.influence, influence {computed, option}, flipping_cases
 * null), with no warning, and the workbook says so on the Robustness and About sheets.
 * `--influence bogus` is a usage error naming the valid values. */
#include "test_support.h"
#include "json_flat.h"
#include "xlsx_read.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const data = "tests/data/e2e/dyadic_n200.csv";
static const char *const codebook = "tests/data/e2e/dyadic_n200.codebook.csv";

/* Runs analyze with the extra arguments, writing xlsx; fills the flattened JSON. */
static void run_analyze(const char *xlsx, const char *const *extra, qa_flat *flat)
{
    const char *args[20] = {"analyze", data, "-c", codebook, "--json", "-", "--quiet", "-o", xlsx};
    size_t argc = 9;
    for (size_t i = 0; extra[i]; i++)
        args[argc++] = extra[i];
    args[argc] = NULL;
    qa_test_run run = qa_test_run_program(args);
    if (run.exit_code != 0)
        print_message("exit %d\n%s", run.exit_code, run.err ? run.err : "");
    assert_int_equal(run.exit_code, 0);
    /* an explicit choice is recorded, not warned about */
    assert_null(strstr(run.err, "influence"));
    size_t offset = 0;
    assert_int_equal(qa_flat_parse(run.out, flat, &offset), 0);
    qa_test_run_free(&run);
}

/* The index of the sheet named `name`. */
static size_t sheet_index(const char *xlsx, const char *name)
{
    char names[16][64];
    size_t count = qa_xlsx_sheet_names(xlsx, names, 16);
    for (size_t i = 0; i < count; i++)
        if (strcmp(names[i], name) == 0)
            return i;
    fail_msg("no sheet %s", name);
    return 0;
}

/* The text of the cell `columns` to the right of the first cell whose text is `item`. */
static void value_beside(const char *xlsx, const char *sheet, const char *item, unsigned columns,
                         char *value, size_t size)
{
    char *xml = qa_xlsx_sheet_xml(xlsx, sheet_index(xlsx, sheet));
    assert_non_null(xml);
    char *shared = qa_xlsx_member(xlsx, "xl/sharedStrings.xml");
    char ref[16];
    if (!qa_xlsx_find_text(xml, item, ref, sizeof ref))
        fail_msg("no cell '%s' on %s", item, sheet);
    unsigned row, column;
    assert_true(qa_xlsx_parse_ref(ref, &row, &column));
    qa_xlsx_ref(ref, sizeof ref, row, column + columns);
    snprintf(value, size, "%s", qa_xlsx_cell_at(xml, shared, ref).text);
    free(shared);
    free(xml);
}

/* Every entry of `a` whose key starts with prefix has the same value in `b`, and b has no
 * other such entry; keys containing `except` are left out of both. Returns the count. */
static size_t same_entries(const qa_flat *a, const qa_flat *b, const char *prefix,
                           const char *except)
{
    size_t n = strlen(prefix), count = 0, count_b = 0;
    for (size_t i = 0; i < a->count; i++) {
        const qa_flat_entry *e = &a->entries[i];
        if (strncmp(e->key, prefix, n) != 0 || (except && strstr(e->key, except)))
            continue;
        const qa_flat_entry *f = qa_flat_find(b, e->key);
        if (!f)
            fail_msg("%s missing under --influence none", e->key);
        if (strcmp(e->value, f->value) != 0)
            fail_msg("%s: %s without the option, %s with --influence none", e->key, e->value,
                     f->value);
        count++;
    }
    for (size_t i = 0; i < b->count; i++)
        if (strncmp(b->entries[i].key, prefix, n) == 0 &&
            !(except && strstr(b->entries[i].key, except)))
            count_b++;
    assert_int_equal(count, count_b);
    return count;
}

static const char *const outcomes[] = {"formation", "durability"};

static void test_influence_none(void **state)
{
    (void)state;
    char *dir = qa_test_temp_dir();
    assert_non_null(dir);
    char xlsx[4096], value[2048];
    snprintf(xlsx, sizeof xlsx, "%s/r.xlsx", dir);

    /* the default: influence computed, and on these data members flip verdicts */
    qa_flat all;
    const char *none_given[] = {NULL};
    run_analyze(xlsx, none_given, &all);
    assert_string_equal(qa_flat_value(&all, "options.influence"), "all");
    assert_string_equal(qa_flat_value(&all, "influence.computed"), "true");
    assert_string_equal(qa_flat_value(&all, "influence.option"), "null");
    assert_string_equal(qa_flat_value(&all, "robustness.H1.durability.flipping_cases.0"),
                        "member:S02");
    value_beside(xlsx, "About", "Case and member influence (--influence)", 1, value, sizeof value);
    assert_string_equal(value,
                        "all: leave one case out, leave one shared member out (Robustness sheet)");

    qa_flat none;
    const char *extra[] = {"--influence", "none", NULL};
    run_analyze(xlsx, extra, &none);
    assert_string_equal(qa_flat_value(&none, "options.influence"), "none");
    assert_string_equal(qa_flat_value(&none, "influence.computed"), "false");
    assert_string_equal(qa_flat_value(&none, "influence.option"), "--influence none");
    for (int k = 1; k <= 5; k++)
        for (int o = 0; o < 2; o++) {
            char key[128];
            snprintf(key, sizeof key, "robustness.H%d.%s.flipping_cases", k, outcomes[o]);
            assert_string_equal(qa_flat_value(&none, key), "null");
            snprintf(key, sizeof key, "robustness.H%d.%s.flipping_cases.0", k, outcomes[o]);
            assert_null(qa_flat_find(&none, key));
        }
    assert_null(qa_flat_find(&none, "warnings.0"));
    assert_null(qa_flat_find(&all, "warnings.0"));

    /* nothing else changes: every number and verdict of the tests, the models, the
     * specification matrix and the PH tests is the same text */
    assert_true(same_entries(&all, &none, "tests.", NULL) > 200);
    assert_true(same_entries(&all, &none, "models.", NULL) > 200);
    assert_true(same_entries(&all, &none, "robustness.", "flipping_cases") > 100);
    assert_true(same_entries(&all, &none, "ph_tests.", NULL) > 0);
    assert_true(same_entries(&all, &none, "samples.", NULL) == 5);

    /* the workbook: About records the option, Robustness says "not computed" in every row */
    value_beside(xlsx, "About", "Case and member influence (--influence)", 1, value, sizeof value);
    assert_string_equal(value, "none: not computed (--influence none)");
    char *robustness = qa_xlsx_sheet_xml(xlsx, sheet_index(xlsx, "Robustness"));
    assert_non_null(robustness);
    size_t said = 0;
    for (const char *at = robustness; (at = strstr(at, ">not computed (--influence none)<")); at++)
        said++;
    free(robustness);
    assert_int_equal(said, 10);

    /* Chinese labels */
    const char *zh[] = {"--influence", "none", "--lang", "zh", NULL};
    qa_flat chinese;
    run_analyze(xlsx, zh, &chinese);
    value_beside(xlsx, "关于", "案例与成员影响(--influence)", 1, value, sizeof value);
    assert_string_equal(value, "none:未计算(--influence none)");

    qa_flat_free(&chinese);
    qa_flat_free(&none);
    qa_flat_free(&all);
    qa_test_remove_tree(dir);
    free(dir);
}

static void expect_usage(const char *const *args, const char *expected)
{
    qa_test_run run = qa_test_run_program(args);
    assert_int_equal(run.exit_code, 2);
    if (!strstr(run.err, expected))
        fail_msg("expected in stderr: %s\ngot: %s", expected, run.err);
    qa_test_run_free(&run);
}

static void test_influence_usage(void **state)
{
    (void)state;
    const char *bogus[] = {"analyze", data, "-c", codebook, "--influence", "bogus", NULL};
    expect_usage(bogus, "qareport: --influence must be all or none, not 'bogus'\n");
    const char *typo[] = {"analyze", data, "-c", codebook, "--influence=nnone", NULL};
    expect_usage(typo,
                 "qareport: --influence must be all or none, not 'nnone' (did you mean 'none'?)\n");
    const char *option[] = {"analyze", data, "-c", codebook, "--influense", "none", NULL};
    expect_usage(option, "unknown option --influense (did you mean '--influence'?)");

    /* given twice: the last counts, with the warning every option gives */
    char *dir = qa_test_temp_dir();
    assert_non_null(dir);
    char xlsx[4096];
    snprintf(xlsx, sizeof xlsx, "%s/r.xlsx", dir);
    const char *twice[] = {"analyze", data,          "-c",  codebook, "--influence",
                           "none",    "--influence", "all", "--json", "-",
                           "--quiet", "-o",          xlsx,  NULL};
    qa_test_run run = qa_test_run_program(twice);
    assert_int_equal(run.exit_code, 0);
    assert_non_null(strstr(run.err, "--influence is given more than once; the last one counts"));
    qa_flat flat;
    size_t offset = 0;
    assert_int_equal(qa_flat_parse(run.out, &flat, &offset), 0);
    assert_string_equal(qa_flat_value(&flat, "options.influence"), "all");
    assert_string_equal(qa_flat_value(&flat, "influence.computed"), "true");
    qa_flat_free(&flat);
    qa_test_run_free(&run);
    qa_test_remove_tree(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_influence_none),
        cmocka_unit_test(test_influence_usage),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
