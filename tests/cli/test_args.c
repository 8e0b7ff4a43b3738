/* Argument parsing of analyze and compare. */
#include "test_support.h"

#include "cli/cli_args.h"

#include <string.h>

static void test_analyze_defaults(void **state)
{
    (void)state;
    char *argv[] = {"analyze", "data/cases.csv", NULL};
    qa_analyze_args args;
    qa_error error;
    assert_int_equal(qa_analyze_args_parse(2, argv, &args, &error), QA_OK);
    assert_string_equal(args.data_path, "data/cases.csv");
    assert_null(args.output_path);
    assert_true(args.options.alpha == 0.05);
    assert_int_equal(args.options.adjust, QA_ADJUST_HOLM);
    assert_int_equal(args.options.durable_years, 5);
    assert_int_equal(args.options.firth, QA_FIRTH_AUTO);
    assert_false(args.options.one_sided);
    assert_int_equal(args.options.influence, QA_INFLUENCE_ALL);
    char path[256];
    qa_default_report_path(args.data_path, ".xlsx", path, sizeof path);
    assert_string_equal(path, "reports/cases.xlsx");
}

static void test_analyze_every_option(void **state)
{
    (void)state;
    char *argv[] = {"analyze",
                    "x.csv",
                    "-c",
                    "cb.csv",
                    "-o",
                    "out.xlsx",
                    "--json",
                    "-",
                    "--lang",
                    "zh",
                    "--alpha=0.1",
                    "--adjust",
                    "bh",
                    "--sided",
                    "one",
                    "--durable-years",
                    "7",
                    "--as-of",
                    "2024",
                    "--controls",
                    "era,size",
                    "--where",
                    "size=bilateral",
                    "--where",
                    "era=cold_war",
                    "--by",
                    "era",
                    "--firth",
                    "never",
                    "--bootstrap",
                    "200",
                    "--seed",
                    "42",
                    "--data-sheet",
                    "always",
                    "--influence",
                    "none",
                    "--quiet",
                    NULL};
    int argc = (int)(sizeof argv / sizeof argv[0]) - 1;
    qa_analyze_args args;
    qa_error error;
    assert_int_equal(qa_analyze_args_parse(argc, argv, &args, &error), QA_OK);
    assert_string_equal(args.codebook_path, "cb.csv");
    assert_string_equal(args.output_path, "out.xlsx");
    assert_string_equal(args.json_path, "-");
    assert_int_equal(args.language, QA_LANG_ZH);
    assert_true(args.options.alpha == 0.1);
    assert_int_equal(args.options.adjust, QA_ADJUST_BH);
    assert_true(args.options.one_sided);
    assert_int_equal(args.options.durable_years, 7);
    assert_int_equal(args.options.as_of, 2024);
    assert_int_equal(args.options.control_count, 2);
    assert_string_equal(args.options.controls[1], "size");
    assert_int_equal(args.options.condition_count, 2);
    assert_string_equal(args.options.conditions[1].column, "era");
    assert_string_equal(args.options.conditions[1].value, "cold_war");
    assert_string_equal(args.options.by, "era");
    assert_int_equal(args.options.firth, QA_FIRTH_NEVER);
    assert_int_equal(args.options.bootstrap, 200);
    assert_int_equal(args.options.seed, 42);
    assert_int_equal(args.data_sheet, QA_DATA_SHEET_ALWAYS);
    assert_int_equal(args.options.influence, QA_INFLUENCE_NONE);
    assert_true(args.quiet);
}

static void test_analyze_usage_errors(void **state)
{
    (void)state;
    const char *cases[][3] = {
        {"analyze", "--alpha", "2"},
        {"analyze", "x.csv", "--adjust=bonf"},
        {"analyze", "x.csv", "--bogus"},
        {"analyze", "x.csv", "y.csv"},
        {"analyze", "x.csv", "--where"},
        {"analyze", "x.csv", "--lang=fr"},
        {"analyze", "x.csv", "--influence=some"},
        {"analyze", "x.csv", "--influence"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        qa_analyze_args args;
        qa_error error;
        assert_int_equal(qa_analyze_args_parse(3, (char **)cases[i], &args, &error), QA_ERR_USAGE);
        assert_true(strlen(error.message) > 0);
    }
    char *none[] = {"analyze", NULL};
    qa_analyze_args args;
    qa_error error;
    assert_int_equal(qa_analyze_args_parse(1, none, &args, &error), QA_ERR_USAGE);
}

static void test_compare(void **state)
{
    (void)state;
    char *argv[] = {"compare", "a.csv", "b.csv", "--seed", "7", "-o", "c.xlsx", NULL};
    qa_compare_args args;
    qa_error error;
    assert_int_equal(qa_compare_args_parse(7, argv, &args, &error), QA_OK);
    assert_string_equal(args.a_path, "a.csv");
    assert_string_equal(args.b_path, "b.csv");
    assert_int_equal(args.seed, 7);
    char *one[] = {"compare", "a.csv", NULL};
    assert_int_equal(qa_compare_args_parse(2, one, &args, &error), QA_ERR_USAGE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_analyze_defaults),
        cmocka_unit_test(test_analyze_every_option),
        cmocka_unit_test(test_analyze_usage_errors),
        cmocka_unit_test(test_compare),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
