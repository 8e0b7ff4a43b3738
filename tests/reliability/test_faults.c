/* Fault injection on the writing of reports: a disk that fills (RLIMIT_FSIZE, inherited by
 * the program, with SIGXFSZ ignored so that writes fail with EFBIG) and a full device
 * (/dev/full). The program must exit 3 with a message, keep the previous report byte for
 * byte, and leave no temporary file. */
#include "test_support.h"

#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "output_check.h"

static const char *const data = "tests/data/e2e/firth_n40.csv";

static void assert_no_temporary(const char *dir)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    struct dirent *entry;
    while ((entry = readdir(d)) != NULL)
        assert_null(strstr(entry->d_name, ".tmp-"));
    closedir(d);
}

static void test_file_size_limit_keeps_previous_report(void **state)
{
    (void)state;
    char *dir = qa_test_temp_dir();
    char xlsx[4096], message[512];
    snprintf(xlsx, sizeof xlsx, "%s/report.xlsx", dir);
    const char *args[] = {"analyze", data, "-o", xlsx, "--quiet", NULL};
    qa_test_run run = qa_test_run_program(args);
    assert_int_equal(run.exit_code, 0);
    qa_test_run_free(&run);
    size_t before_size;
    char *before = qa_test_read_file(xlsx, &before_size);
    assert_non_null(before);
    assert_int_equal(qa_check_workbook(xlsx, NULL, message, sizeof message), 0);
    struct rlimit saved, small;
    assert_int_equal(getrlimit(RLIMIT_FSIZE, &saved), 0);
    void (*old)(int) = signal(SIGXFSZ, SIG_IGN);
    for (rlim_t limit = 1024; limit < before_size; limit *= 4) {
        small = saved;
        small.rlim_cur = limit;
        assert_int_equal(setrlimit(RLIMIT_FSIZE, &small), 0);
        run = qa_test_run_program(args);
        assert_int_equal(setrlimit(RLIMIT_FSIZE, &saved), 0);
        assert_int_equal(run.exit_code, 3);
        assert_true(strlen(run.err) > 0);
        qa_test_run_free(&run);
        size_t after_size;
        char *after = qa_test_read_file(xlsx, &after_size);
        assert_non_null(after);
        assert_int_equal(after_size, before_size);
        assert_memory_equal(after, before, before_size);
        free(after);
        assert_no_temporary(dir);
    }
    signal(SIGXFSZ, old);
    free(before);
    qa_test_remove_tree(dir);
    free(dir);
}

static void test_full_device_is_an_io_error(void **state)
{
    (void)state;
    char *dir = qa_test_temp_dir();
    char xlsx[4096];
    snprintf(xlsx, sizeof xlsx, "%s/report.xlsx", dir);
    const char *json_args[] = {"analyze", data, "-o", xlsx, "--json", "/dev/full", "--quiet", NULL};
    qa_test_run run = qa_test_run_program(json_args);
    assert_int_equal(run.exit_code, 3);
    assert_non_null(strstr(run.err, "/dev/full"));
    qa_test_run_free(&run);
    const char *xlsx_args[] = {"analyze", data, "-o", "/dev/full", "--quiet", NULL};
    run = qa_test_run_program(xlsx_args);
    assert_int_equal(run.exit_code, 3);
    qa_test_run_free(&run);
    assert_no_temporary(dir);
    qa_test_remove_tree(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_file_size_limit_keeps_previous_report),
        cmocka_unit_test(test_full_device_is_an_io_error),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
