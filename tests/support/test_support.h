/* test_support.h: helpers shared by the test programs: running the qareport binary on files
 * (end-to-end tests), reading files, temporary directories, and comparing numbers to
 * reference values with a relative tolerance. Include after <cmocka.h>'s prerequisites. */
#ifndef QAREPORT_TEST_SUPPORT_H
#define QAREPORT_TEST_SUPPORT_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

typedef struct {
    int exit_code; /* process exit status, or 128+signal when killed by a signal */
    char *out;     /* captured stdout, NUL-terminated (caller frees with qa_test_run_free) */
    char *err;     /* captured stderr */
} qa_test_run;

/* Runs "$QAREPORT_BIN" with the given arguments (argv[0] excluded, NULL-terminated list),
 * from the source root (tests run there), capturing stdout and stderr. */
qa_test_run qa_test_run_program(const char *const *args);
void qa_test_run_free(qa_test_run *run);

/* Path of the qareport binary under test (from QAREPORT_BIN, else build/qareport). */
const char *qa_test_binary(void);

/* Whole file into a NUL-terminated buffer; NULL when it cannot be read. *size may be NULL. */
char *qa_test_read_file(const char *path, size_t *size);
/* Writes text to path; returns 0 on success. */
int qa_test_write_file(const char *path, const char *text);

/* A fresh temporary directory (mkdtemp); caller frees the string and may remove it with
 * qa_test_remove_tree. */
char *qa_test_temp_dir(void);
void qa_test_remove_tree(const char *path);

/* References below this magnitude are also accepted on the log scale (see qa_test_close). */
#define QA_TEST_LOG_SCALE_BELOW 1e-6

/* |actual - expected| <= rel * |expected|; for 0 < |expected| < QA_TEST_LOG_SCALE_BELOW also
 * |ln|actual| - ln|expected|| <= rel * |ln|expected|| (same sign); for expected == 0,
 * |actual| <= abs_floor. The floor never applies to a nonzero reference. */
int qa_test_close(double actual, double expected, double rel, double abs_floor);

/* Asserts closeness with a message naming what was compared: relative 1e-6, very small
 * values (p-values below 1e-6) on the log scale, an absolute 1e-10 only for a zero reference
 * (docs/METHODS.md §1.3). */
#define assert_close(actual, expected)                                                             \
    qa_test_assert_close((actual), (expected), 1e-6, 1e-10, #actual, __FILE__, __LINE__)
#define assert_close_tol(actual, expected, rel)                                                    \
    qa_test_assert_close((actual), (expected), (rel), 1e-10, #actual, __FILE__, __LINE__)
void qa_test_assert_close(double actual, double expected, double rel, double abs_floor,
                          const char *what, const char *file, int line);

/* 1 in the sanitizer build (cmake -DQA_SANITIZE=ON, `make test-asan`), else 0. The slowest
 * tests check smaller inputs or fewer repetitions there, every kind of case still covered;
 * the plain build checks the full sizes (README, "Testing"). */
#ifndef QA_TEST_SANITIZED
#define QA_TEST_SANITIZED 0
#endif

/* A test program's main for a group ctest runs as several entries in parallel
 * (CMakeLists.txt, QA_TEST_SHARDS): without arguments every test; with "--shard I/N" only
 * the tests whose index modulo N is I (0 <= I < N), so the N shards together run each test
 * once. */
int qa_test_run_group(int argc, char **argv, const struct CMUnitTest *tests, size_t count);
#define qa_test_main(argc, argv, tests)                                                            \
    qa_test_run_group((argc), (argv), (tests), sizeof(tests) / sizeof((tests)[0]))

#endif
