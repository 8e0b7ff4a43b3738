/* Progress of --bootstrap (issue 15): on a terminal one line rewritten in place and wiped when
 * the stage ends, so nothing of it is left on the screen in front of the summary; in a log or
 * a pipe plain lines, never a carriage return, and nothing at all for a quick run. The
 * terminal is a pseudo-terminal (forkpty), whose output is replayed as a screen would show it. */
#define _GNU_SOURCE
#include "test_support.h"

#include <errno.h>
#include <pty.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static const char *const data = "datasets/quasi_alliance_cases.csv";

/* Replicates of the runs: AddressSanitizer makes the bootstrap some 100 times slower. */
#if defined(__SANITIZE_ADDRESS__)
#define TERMINAL_REPLICATES "100"
#define SLOW_REPLICATES "300"
#define QUICK_REPLICATES "1"
#else
#define TERMINAL_REPLICATES "1500"
#define SLOW_REPLICATES "6000"
#define QUICK_REPLICATES "20"
#endif

/* Whether this system can give the test a pseudo-terminal: a chroot or container without a
 * mounted devpts cannot (openpty fails), and the test is then skipped, not failed. */
static bool terminal_available(void)
{
    int master, slave;
    if (openpty(&master, &slave, NULL, NULL, NULL) != 0)
        return false;
    close(master);
    close(slave);
    return true;
}

/* Everything the program writes to a terminal, and its exit status. */
static char *run_on_terminal(const char *const *args, int *exit_code)
{
    int master;
    pid_t pid = forkpty(&master, NULL, NULL, NULL);
    assert_true(pid >= 0);
    if (pid == 0) {
        char *argv[32];
        size_t n = 0;
        argv[n++] = (char *)"qareport";
        for (; args[n - 1] && n < 31; n++)
            argv[n] = (char *)args[n - 1];
        argv[n] = NULL;
        execv(qa_test_binary(), argv);
        _exit(127);
    }
    size_t size = 0, capacity = 1 << 16;
    char *text = malloc(capacity);
    assert_non_null(text);
    for (;;) {
        if (size + 4096 + 1 > capacity) {
            capacity *= 2;
            text = realloc(text, capacity);
            assert_non_null(text);
        }
        ssize_t got = read(master, text + size, 4096);
        if (got > 0)
            size += (size_t)got;
        else if (got < 0 && errno == EINTR)
            continue;
        else
            break; /* EIO once the child has closed the terminal */
    }
    text[size] = '\0';
    close(master);
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    *exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return text;
}

/* The screen lines the output leaves: a carriage return goes back to the line's start and
 * the characters after it overwrite; trailing spaces trimmed. Lines joined by '\n'. */
static char *replay(const char *text)
{
    size_t length = strlen(text);
    char *screen = calloc(length + 2, 1), *line = calloc(length + 2, 1);
    assert_non_null(screen);
    assert_non_null(line);
    size_t used = 0, column = 0, line_length = 0;
    for (const char *c = text;; c++) {
        if (*c == '\r') {
            column = 0;
        } else if (*c == '\n' || *c == '\0') {
            while (line_length > 0 && line[line_length - 1] == ' ')
                line_length--;
            memcpy(screen + used, line, line_length);
            used += line_length;
            if (*c == '\0')
                break;
            screen[used++] = '\n';
            column = line_length = 0;
        } else {
            line[column++] = *c;
            if (column > line_length)
                line_length = column;
        }
    }
    screen[used] = '\0';
    free(line);
    return screen;
}

static void test_terminal_progress_is_wiped(void **state)
{
    (void)state;
    if (!terminal_available()) {
        fprintf(stderr, "no pseudo-terminal here (openpty: %s): terminal test skipped\n",
                strerror(errno));
        skip();
    }
    char *dir = qa_test_temp_dir();
    char xlsx[4096];
    snprintf(xlsx, sizeof xlsx, "%s/out.xlsx", dir);
    const char *args[] = {"analyze", data, "--bootstrap", TERMINAL_REPLICATES, "-o", xlsx, NULL};
    int exit_code;
    char *text = run_on_terminal(args, &exit_code);
    assert_int_equal(exit_code, 0);
    /* shown while it ran ... */
    assert_non_null(strstr(text, "\rqareport: bootstrap "));
    /* ... and gone: the screen holds the summary with nothing in front of its first line */
    char *screen = replay(text);
    if (strstr(screen, "bootstrap"))
        print_message("%s\n", screen);
    assert_null(strstr(screen, "qareport: bootstrap"));
    assert_true(strncmp(screen, "   measure", 10) == 0);
    free(screen);
    free(text);
    qa_test_remove_tree(dir);
    free(dir);
}

static void test_log_has_no_carriage_return(void **state)
{
    (void)state;
    char *dir = qa_test_temp_dir();
    char xlsx[4096];
    snprintf(xlsx, sizeof xlsx, "%s/out.xlsx", dir);
    /* long enough to log on a loaded machine (more than 2 s), or quietly short */
    const char *slow[] = {"analyze", data, "--bootstrap", SLOW_REPLICATES, "-o", xlsx, NULL};
    qa_test_run run = qa_test_run_program(slow);
    assert_int_equal(run.exit_code, 0);
    assert_null(strchr(run.err, '\r'));
    assert_null(strchr(run.out, '\r'));
    for (const char *line = run.err; *line; line = strchr(line, '\n') + 1) {
        int percent, consumed = 0;
        if (sscanf(line, "qareport: bootstrap %d%%%n", &percent, &consumed) == 1)
            assert_true(percent % 10 == 0 && line[consumed] == '\n');
        if (!strchr(line, '\n'))
            break;
    }
    qa_test_run_free(&run);
    /* a quick run logs no progress */
    const char *quick[] = {"analyze", data, "--bootstrap", QUICK_REPLICATES, "-o", xlsx, NULL};
    run = qa_test_run_program(quick);
    assert_int_equal(run.exit_code, 0);
    assert_null(strstr(run.err, "bootstrap"));
    assert_null(strchr(run.err, '\r'));
    qa_test_run_free(&run);
    qa_test_remove_tree(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_terminal_progress_is_wiped),
        cmocka_unit_test(test_log_has_no_carriage_return),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
