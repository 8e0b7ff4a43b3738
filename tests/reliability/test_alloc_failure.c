/* Allocation failure at every allocation site of a small `analyze`: the program's own
 * malloc, calloc, realloc and strdup calls (linked with -Wl,--wrap, see CMakeLists.txt; the
 * shared libraries' allocations are not counted) fail at the k-th call, for k = 1..N where N
 * is the count of a clean run. Each run, in-process through qa_cli_main, must end with a
 * status (never a crash), leave no temporary file, and leave either no workbook or a
 * well-formed one. At most 400 values of k, evenly spread, keep the test short; under the
 * sanitizers (some ten times slower) at most 200 others, each halfway between two of the plain
 * build's, so that the two builds together fail 600 distinct allocations. */
#include "test_support.h"

#include <dirent.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "output_check.h"
#include "qareport/cli.h"

void *__real_malloc(size_t size);
void *__real_calloc(size_t count, size_t size);
void *__real_realloc(void *p, size_t size);
char *__real_strdup(const char *s);
void *__wrap_malloc(size_t size);
void *__wrap_calloc(size_t count, size_t size);
void *__wrap_realloc(void *p, size_t size);
char *__wrap_strdup(const char *s);

/* Under AddressSanitizer: memory left unfreed on an out-of-memory path is not checked yet
 * (docs/RELIABILITY.md, "Not yet done"); crashes and bad accesses are. */
const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
    return "detect_leaks=0";
}

static atomic_long calls, fail_at; /* fail_at 0: never */

static int fail_now(void)
{
    long n = atomic_fetch_add(&calls, 1) + 1;
    return n == atomic_load(&fail_at);
}

void *__wrap_malloc(size_t size)
{
    return fail_now() ? NULL : __real_malloc(size);
}

void *__wrap_calloc(size_t count, size_t size)
{
    return fail_now() ? NULL : __real_calloc(count, size);
}

void *__wrap_realloc(void *p, size_t size)
{
    return fail_now() ? NULL : __real_realloc(p, size);
}

char *__wrap_strdup(const char *s)
{
    return fail_now() ? NULL : __real_strdup(s);
}

static int run_analyze(const char *xlsx)
{
    char *argv[] = {"qareport", "analyze", "tests/data/good/base.csv", "-o", (char *)xlsx,
                    "--quiet",  NULL};
    return qa_cli_main(6, argv);
}

/* The values of k are split in PARTS interleaved parts, one cmocka test each, which ctest
 * runs side by side (QA_TEST_SHARDS in CMakeLists.txt); together they are every value. */
enum { PARTS = 2 };

static void test_every_allocation_fails_once(void **state)
{
    int part = *(const int *)*state;
    char *dir = qa_test_temp_dir();
    char xlsx[4096], message[512];
    snprintf(xlsx, sizeof xlsx, "%s/report.xlsx", dir);
    FILE *saved_stderr = fdopen(dup(2), "w");
    assert_non_null(freopen("/dev/null", "w", stderr));
    atomic_store(&fail_at, 0);
    atomic_store(&calls, 0);
    assert_int_equal(run_analyze(xlsx), 0);
    long total = atomic_load(&calls);
    assert_true(total > 10);
    size_t failures = 0;
    long step = total > 400 ? total / 400 : 1;
    long first = 1 + part * step, stride = PARTS * step;
    if (QA_TEST_SANITIZED && step > 1) { /* every other of the plain build's gaps */
        first = 1 + step / 2 + part * 2 * step;
        stride = PARTS * 2 * step;
    }
    long injected = 0;
    for (long k = first; k <= total; k += stride) {
        injected++;
        unlink(xlsx);
        atomic_store(&calls, 0);
        atomic_store(&fail_at, k);
        int status = run_analyze(xlsx);
        atomic_store(&fail_at, 0);
        failures += status != 0;
        DIR *d = opendir(dir);
        struct dirent *entry;
        while ((entry = readdir(d)) != NULL)
            if (strstr(entry->d_name, ".tmp-")) {
                fprintf(saved_stderr, "allocation %ld: temporary file left\n", k);
                fail();
            }
        closedir(d);
        if (access(xlsx, F_OK) == 0 && qa_check_workbook(xlsx, NULL, message, sizeof message)) {
            fprintf(saved_stderr, "allocation %ld: %s\n", k, message);
            fail();
        }
    }
    fprintf(saved_stderr,
            "alloc-failure part %d of %d: %ld allocations in a clean run, %ld injected, %zu "
            "ended in an error status\n",
            part + 1, PARTS, total, injected, failures);
    fclose(saved_stderr);
    qa_test_remove_tree(dir);
    free(dir);
}

int main(int argc, char **argv)
{
    static int parts[PARTS] = {0, 1};
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_prestate(test_every_allocation_fails_once, &parts[0]),
        cmocka_unit_test_prestate(test_every_allocation_fails_once, &parts[1]),
    };
    return qa_test_main(argc, argv, tests);
}
