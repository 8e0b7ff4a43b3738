/* End-to-end tests of the command line's manners: --help, --version, unknown verbs. */
#include "test_support.h"

#include <string.h>

static void test_help_goes_to_stdout_and_exits_0(void **state)
{
    (void)state;
    const char *args[] = {"--help", NULL};
    qa_test_run run = qa_test_run_program(args);
    assert_int_equal(run.exit_code, 0);
    assert_non_null(strstr(run.out, "qareport analyze DATA [options]"));
    assert_string_equal(run.err, "");
    qa_test_run_free(&run);
}

static void test_version(void **state)
{
    (void)state;
    const char *args[] = {"--version", NULL};
    qa_test_run run = qa_test_run_program(args);
    assert_int_equal(run.exit_code, 0);
    assert_non_null(strstr(run.out, "qareport " QA_VERSION));
    qa_test_run_free(&run);
}

static void test_unknown_verb_is_usage_error(void **state)
{
    (void)state;
    const char *args[] = {"frobnicate", NULL};
    qa_test_run run = qa_test_run_program(args);
    assert_int_equal(run.exit_code, 2);
    assert_non_null(strstr(run.err, "unknown command 'frobnicate'"));
    qa_test_run_free(&run);
}

static void test_no_arguments_prints_usage(void **state)
{
    (void)state;
    const char *args[] = {NULL};
    qa_test_run run = qa_test_run_program(args);
    assert_int_equal(run.exit_code, 2);
    assert_non_null(strstr(run.err, "usage:"));
    qa_test_run_free(&run);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_help_goes_to_stdout_and_exits_0),
        cmocka_unit_test(test_version),
        cmocka_unit_test(test_unknown_verb_is_usage_error),
        cmocka_unit_test(test_no_arguments_prints_usage),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
