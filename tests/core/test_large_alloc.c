/* The big arrays' pages (large_alloc.h): populating pages (also beside a writing thread)
 * changes nothing, and qa_large_free releases any block. */
#include "test_support.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "qareport/large_alloc.h"

static void fill(unsigned char *block, size_t bytes, unsigned seed)
{
    for (size_t i = 0; i < bytes; i++)
        block[i] = (unsigned char)(i * 31u + seed);
}

static void expect_filled(const unsigned char *block, size_t bytes, unsigned seed)
{
    for (size_t i = 0; i < bytes; i++)
        if (block[i] != (unsigned char)(i * 31u + seed))
            fail_msg("byte %zu changed", i);
}

/* qa_large_free gives back blocks of any size, from malloc, calloc or realloc, below and
 * above QA_LARGE_ALLOC_MIN (whose whole pages it drops first); NULL is fine. */
static void test_free_any_block(void **state)
{
    (void)state;
    const size_t sizes[] = {1,
                            4096,
                            QA_LARGE_ALLOC_MIN - 1,
                            QA_LARGE_ALLOC_MIN,
                            QA_LARGE_ALLOC_MIN + 12345,
                            (size_t)9 << 20};
    for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
        unsigned char *block = s % 3 == 0   ? malloc(sizes[s])
                               : s % 3 == 1 ? calloc(sizes[s], 1)
                                            : realloc(malloc(16), sizes[s]);
        assert_non_null(block);
        fill(block, sizes[s], (unsigned)s);
        expect_filled(block, sizes[s], (unsigned)s);
        qa_large_free(block, sizes[s]);
    }
    qa_large_free(NULL, 0);
}

typedef struct {
    unsigned char *block;
    size_t bytes;
} writer_job;

static void *write_all(void *argument)
{
    writer_job *job = argument;
    fill(job->block, job->bytes, 3);
    return NULL;
}

static void test_populate_changes_nothing(void **state)
{
    (void)state;
    size_t bytes = (size_t)8 << 20;
    unsigned char *block = malloc(bytes);
    assert_non_null(block);
    fill(block, bytes / 2, 5);
    qa_large_populate(block, bytes); /* half written, half fresh */
    expect_filled(block, bytes / 2, 5);
    qa_large_populate(block + 1, 100); /* less than a page inside: nothing */
    qa_large_populate(NULL, 0);
    /* beside a thread that writes the same memory, as the CSV import does */
    writer_job job = {block, bytes};
    pthread_t writer;
    assert_int_equal(pthread_create(&writer, NULL, write_all, &job), 0);
    for (size_t at = 0; at < bytes; at += (size_t)1 << 18)
        qa_large_populate(block + at, (size_t)1 << 18);
    pthread_join(writer, NULL);
    expect_filled(block, bytes, 3);
    qa_large_free(block, bytes);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_free_any_block),
        cmocka_unit_test(test_populate_changes_nothing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
