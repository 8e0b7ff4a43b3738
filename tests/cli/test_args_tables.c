/* Argument parsing of analyze's table options: --tables FILE (format by extension, checked
 * before anything runs), --tables-ci, --stars, and the last two refused without --tables. */
#include "test_support.h"

#include "cli/cli_args.h"

#include <string.h>

static void test_tables_options(void **state)
{
    (void)state;
    char *argv[] = {"analyze", "x.csv", "--tables", "out/t.tex", "--tables-ci", "--stars", NULL};
    qa_analyze_args args;
    qa_error error;
    assert_int_equal(qa_analyze_args_parse(6, argv, &args, &error), QA_OK);
    assert_string_equal(args.tables_path, "out/t.tex");
    assert_int_equal(args.tables.uncertainty, QA_PAPER_CI);
    assert_true(args.tables.stars);
    char *plain[] = {"analyze", "x.csv", "--tables=t.md", NULL};
    assert_int_equal(qa_analyze_args_parse(3, plain, &args, &error), QA_OK);
    assert_string_equal(args.tables_path, "t.md");
    assert_int_equal(args.tables.uncertainty, QA_PAPER_SE);
    assert_false(args.tables.stars);
    char *defaults[] = {"analyze", "x.csv", NULL};
    assert_int_equal(qa_analyze_args_parse(2, defaults, &args, &error), QA_OK);
    assert_null(args.tables_path);
}

static void test_tables_usage_errors(void **state)
{
    (void)state;
    const char *cases[][4] = {
        {"analyze", "x.csv", "--tables", "t.docx"},
        {"analyze", "x.csv", "--tables", ""},
        {"analyze", "x.csv", "--stars", "--quiet"},
        {"analyze", "x.csv", "--tables-ci", "--quiet"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        qa_analyze_args args;
        qa_error error;
        assert_int_equal(qa_analyze_args_parse(4, (char **)cases[i], &args, &error), QA_ERR_USAGE);
        assert_true(strlen(error.message) > 0);
    }
    qa_analyze_args args;
    qa_error error;
    char *wrong[] = {"analyze", "x.csv", "--tables", "t.docx", NULL};
    assert_int_equal(qa_analyze_args_parse(4, wrong, &args, &error), QA_ERR_USAGE);
    assert_non_null(strstr(error.message, "t.docx"));
    char hint[160];
    assert_non_null(strstr(qa_option_hint("analyze", "--tabels", hint, sizeof hint), "--tables"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tables_options),
        cmocka_unit_test(test_tables_usage_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
