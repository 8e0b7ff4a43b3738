/* Shared helpers for the test programs; see test_support.h. */
#include "test_support.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

const char *qa_test_binary(void)
{
    const char *bin = getenv("QAREPORT_BIN");
    return (bin && *bin) ? bin : "build/qareport";
}

static char *read_fd(int fd)
{
    size_t cap = 4096, len = 0;
    char *buf = malloc(cap);
    if (!buf)
        return NULL;
    for (;;) {
        if (len + 1 >= cap) {
            cap *= 2;
            char *grown = realloc(buf, cap);
            if (!grown) {
                free(buf);
                return NULL;
            }
            buf = grown;
        }
        ssize_t n = read(fd, buf + len, cap - len - 1);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        len += (size_t)n;
    }
    buf[len] = '\0';
    return buf;
}

qa_test_run qa_test_run_program(const char *const *args)
{
    qa_test_run run = {-1, NULL, NULL};
    char out_path[] = "/tmp/qa_test_out_XXXXXX";
    char err_path[] = "/tmp/qa_test_err_XXXXXX";
    int out_fd = mkstemp(out_path);
    int err_fd = mkstemp(err_path);
    if (out_fd < 0 || err_fd < 0)
        return run;
    size_t argc = 0;
    while (args[argc])
        argc++;
    const char **argv = calloc(argc + 2, sizeof *argv);
    argv[0] = qa_test_binary();
    for (size_t i = 0; i < argc; i++)
        argv[i + 1] = args[i];
    fflush(NULL);
    pid_t pid = fork();
    if (pid == 0) {
        int devnull = open("/dev/null", O_RDONLY);
        if (devnull >= 0)
            dup2(devnull, 0);
        dup2(out_fd, 1);
        dup2(err_fd, 2);
        execv(argv[0], (char *const *)argv);
        _exit(127);
    }
    int status = 0;
    if (pid > 0)
        waitpid(pid, &status, 0);
    free(argv);
    run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    lseek(out_fd, 0, SEEK_SET);
    lseek(err_fd, 0, SEEK_SET);
    run.out = read_fd(out_fd);
    run.err = read_fd(err_fd);
    close(out_fd);
    close(err_fd);
    unlink(out_path);
    unlink(err_path);
    return run;
}

void qa_test_run_free(qa_test_run *run)
{
    free(run->out);
    free(run->err);
    run->out = run->err = NULL;
}

char *qa_test_read_file(const char *path, size_t *size)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return NULL;
    struct stat st;
    if (fstat(fd, &st) != 0) {
        close(fd);
        return NULL;
    }
    char *buf = malloc((size_t)st.st_size + 1);
    size_t len = 0;
    while (buf && len < (size_t)st.st_size) {
        ssize_t n = read(fd, buf + len, (size_t)st.st_size - len);
        if (n <= 0)
            break;
        len += (size_t)n;
    }
    close(fd);
    if (buf)
        buf[len] = '\0';
    if (size)
        *size = len;
    return buf;
}

int qa_test_write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return -1;
    size_t n = strlen(text);
    int ok = fwrite(text, 1, n, f) == n;
    return (fclose(f) == 0 && ok) ? 0 : -1;
}

char *qa_test_temp_dir(void)
{
    char *path = strdup("/tmp/qa_test_dir_XXXXXX");
    if (path && !mkdtemp(path)) {
        free(path);
        return NULL;
    }
    return path;
}

void qa_test_remove_tree(const char *path)
{
    /* Test directories are flat: remove the files, then the directory. */
    char command[1024];
    snprintf(command, sizeof command, "rm -rf '%s'", path);
    if (system(command) != 0)
        fprintf(stderr, "warning: could not remove %s\n", path);
}

int qa_test_close(double actual, double expected, double rel, double abs_floor)
{
    if (isnan(expected))
        return isnan(actual);
    if (isinf(expected))
        return actual == expected;
    double diff = fabs(actual - expected);
    /* The absolute floor only for a reference that is itself zero: any nonzero reference is
     * compared relatively, so a p-value of 1e-77 does not accept everything below the floor. */
    if (expected == 0)
        return diff <= abs_floor;
    if (diff <= rel * fabs(expected))
        return 1;
    /* Very small values (p-values in the far tail) on the log scale: |ln a - ln e| within rel
     * times |ln e|. A tail probability's relative error grows with z^2 while ln p shrinks like
     * -z^2/2, so this keeps the same relative precision on z as for ordinary values. */
    if (fabs(expected) < QA_TEST_LOG_SCALE_BELOW && actual != 0 && (actual > 0) == (expected > 0))
        return fabs(log(fabs(actual)) - log(fabs(expected))) <= rel * fabs(log(fabs(expected)));
    return 0;
}

void qa_test_assert_close(double actual, double expected, double rel, double abs_floor,
                          const char *what, const char *file, int line)
{
    if (!qa_test_close(actual, expected, rel, abs_floor)) {
        print_error("%s = %.15g, expected %.15g (rel. error %.3g)\n", what, actual, expected,
                    expected != 0 ? fabs(actual - expected) / fabs(expected) : fabs(actual));
        _fail(file, line);
    }
}

int qa_test_run_group(int argc, char **argv, const struct CMUnitTest *tests, size_t count)
{
    unsigned shard = 0, shards = 1;
    char extra;
    bool sharded = argc == 3 && strcmp(argv[1], "--shard") == 0 &&
                   sscanf(argv[2], "%u/%u%c", &shard, &shards, &extra) == 2 && shard < shards;
    if (argc != 1 && !sharded) {
        fprintf(stderr, "usage: %s [--shard I/N]\n", argv[0]);
        return 2;
    }
    struct CMUnitTest *chosen = calloc(count ? count : 1, sizeof *chosen);
    if (!chosen)
        return 1;
    size_t n = 0;
    for (size_t i = 0; i < count; i++)
        if (i % shards == shard)
            chosen[n++] = tests[i];
    char name[256];
    snprintf(name, sizeof name, "%s (shard %u/%u)", argv[0], shard, shards);
    int failed = _cmocka_run_group_tests(shards > 1 ? name : argv[0], chosen, n, NULL, NULL);
    free(chosen);
    return failed;
}
