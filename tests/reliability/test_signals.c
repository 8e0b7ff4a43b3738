/* Regression test of issue 15, class "a signal while writing": SIGINT, SIGTERM or SIGHUP sent
 * to the program while it writes a large workbook ends it by that signal, leaves no temporary
 * file, and the previous report stays byte for byte. The signal is sent as soon as the
 * workbook's temporary file appears, i.e. during the write (src/core/output_file.c). */
#define _GNU_SOURCE
#include "test_support.h"

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static const char header[] =
    "case_id,case_name,members,start_year,end_year,ongoing,observed_until,formed,security,"
    "political,economic,cognitive,value,era,size,basis,membership,commitment,agreement,source,"
    "notes\n";

/* A dataset large enough that writing its Data sheet takes a noticeable time. */
static void write_cases(const char *path, size_t n)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(header, f);
    for (size_t i = 0; i < n; i++) {
        int formed = (int)((i * 7 + i / 3) % 3 != 0);
        fprintf(f,
                "C%zu,Case %zu,A%zu;B%zu,%zu,%zu,0,,%d,%zu,%zu,%zu,%zu,%zu,cold,bilateral,"
                "security,state,mutual,law,synthetic,notes of case %zu\n",
                i, i, i, i, 1950 + i % 50, 1960 + i % 50, formed, (i * 3 + (size_t)formed) % 5,
                (i * 7) % 5, (i / 2) % 5, (i * 11 + 1) % 5, (i / 5) % 5, i);
    }
    fclose(f);
}

/* Names in dir that start with prefix. */
static size_t count_prefixed(const char *dir, const char *prefix)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    size_t count = 0;
    for (struct dirent *e; (e = readdir(d));)
        count += strncmp(e->d_name, prefix, strlen(prefix)) == 0;
    closedir(d);
    return count;
}

static void sleep_ms(long ms)
{
    struct timespec t = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&t, NULL);
}

static void signal_during_write(int signal_number)
{
    char *dir = qa_test_temp_dir();
    char big[4096], xlsx[4096];
    snprintf(big, sizeof big, "%s/big.csv", dir);
    snprintf(xlsx, sizeof xlsx, "%s/out.xlsx", dir);
    /* the previous report, from the small bundled test data */
    const char *first[] = {"analyze", "tests/data/good/base.csv", "-o", xlsx, "--quiet", NULL};
    qa_test_run run = qa_test_run_program(first);
    assert_int_equal(run.exit_code, 0);
    qa_test_run_free(&run);
    size_t previous_size;
    char *previous = qa_test_read_file(xlsx, &previous_size);
    assert_non_null(previous);
    write_cases(big, 30000);

    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        int null = open("/dev/null", O_WRONLY);
        dup2(null, STDOUT_FILENO);
        dup2(null, STDERR_FILENO);
        execl(qa_test_binary(), "qareport", "analyze", big, "-o", xlsx, "--quiet", (char *)NULL);
        _exit(127);
    }
    bool sent = false;
    int status = 0;
    for (int waited = 0; waited < 120000 && !sent; waited++) {
        if (count_prefixed(dir, "out.xlsx.tmp-") > 0) {
            kill(pid, signal_number);
            sent = true;
        } else if (waitpid(pid, &status, WNOHANG) == pid) {
            break; /* finished before its workbook was seen: the test could not interrupt */
        } else {
            sleep_ms(1);
        }
    }
    if (sent)
        assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(sent);
    assert_true(WIFSIGNALED(status));
    assert_int_equal(WTERMSIG(status), signal_number);
    assert_int_equal(count_prefixed(dir, "out.xlsx.tmp-"), 0);
    size_t size;
    char *after = qa_test_read_file(xlsx, &size);
    assert_non_null(after);
    assert_int_equal(size, previous_size);
    assert_memory_equal(after, previous, size);
    free(after);
    free(previous);
    qa_test_remove_tree(dir);
    free(dir);
}

static void test_sigint_while_writing(void **state)
{
    (void)state;
    signal_during_write(SIGINT);
}

static void test_sigterm_while_writing(void **state)
{
    (void)state;
    signal_during_write(SIGTERM);
}

static void test_sighup_while_writing(void **state)
{
    (void)state;
    signal_during_write(SIGHUP);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sigint_while_writing),
        cmocka_unit_test(test_sigterm_while_writing),
        cmocka_unit_test(test_sighup_while_writing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
