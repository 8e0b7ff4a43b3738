/* The big-array allocator (large_alloc.h): blocks below and above the huge-page threshold
 * hold what is written to them, calloc zeroes, realloc keeps the contents, populating pages
 * (also beside a writing thread) changes nothing, and every block is released with free or
 * qa_large_free. Whether the system gives huge pages is not observable here (a hint). */
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

static void test_small_and_large_blocks(void **state)
{
    (void)state;
    const size_t sizes[] = {1,
                            4096,
                            QA_LARGE_ALLOC_MIN - 1,
                            QA_LARGE_ALLOC_MIN,
                            QA_LARGE_ALLOC_MIN + 12345,
                            (size_t)9 << 20};
    for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
        unsigned char *block = qa_large_alloc(sizes[s]);
        assert_non_null(block);
        assert_int_equal((uintptr_t)block % 16, 0);
        fill(block, sizes[s], (unsigned)s);
        expect_filled(block, sizes[s], (unsigned)s);
        if (s % 2)
            free(block);
        else
            qa_large_free(block, sizes[s]);
    }
}

/* Scratch blocks: huge-page aligned (2 MiB) from QA_SCRATCH_ALLOC_MIN up where the system has
 * MADV_HUGEPAGE, plain malloc below; each holds its bytes and is released with free. */
static void test_scratch_blocks(void **state)
{
    (void)state;
    const size_t sizes[] = {1, QA_SCRATCH_ALLOC_MIN - 1, QA_SCRATCH_ALLOC_MIN, (size_t)3999999,
                            (size_t)5 << 20};
    for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
        unsigned char *block = qa_scratch_alloc(sizes[s]);
        assert_non_null(block);
        assert_int_equal((uintptr_t)block % 16, 0);
#ifdef __linux__
        if (sizes[s] >= (size_t)QA_SCRATCH_ALLOC_MIN)
            assert_int_equal((uintptr_t)block % ((uintptr_t)2 << 20), 0);
#endif
        fill(block, sizes[s], (unsigned)s + 40);
        expect_filled(block, sizes[s], (unsigned)s + 40);
        free(block);
    }
}

static void test_calloc_zeroes(void **state)
{
    (void)state;
    const size_t counts[] = {10, (size_t)QA_LARGE_ALLOC_MIN / 8 + 3};
    for (size_t c = 0; c < 2; c++) {
        double *values = qa_large_calloc(counts[c], sizeof *values);
        assert_non_null(values);
        for (size_t i = 0; i < counts[c]; i++)
            assert_true(values[i] == 0.0);
        free(values);
    }
    assert_null(qa_large_calloc(SIZE_MAX / 2, 4)); /* count * size overflows */
}

static void test_realloc_keeps_contents(void **state)
{
    (void)state;
    size_t small = 100000, large = (size_t)6 << 20, larger = (size_t)11 << 20;
    unsigned char *block = qa_large_realloc(NULL, 0, small);
    assert_non_null(block);
    fill(block, small, 7);
    block = qa_large_realloc(block, small, large); /* small -> large */
    assert_non_null(block);
    expect_filled(block, small, 7);
    fill(block, large, 9);
    block = qa_large_realloc(block, large, larger); /* large -> larger */
    assert_non_null(block);
    expect_filled(block, large, 9);
    block = qa_large_realloc(block, larger, small); /* back below the threshold */
    assert_non_null(block);
    expect_filled(block, small, 9);
    free(block);
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
    unsigned char *block = qa_large_alloc(bytes);
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
    qa_large_advise(block, bytes); /* again: harmless */
    expect_filled(block, bytes, 3);
    qa_large_free(block, bytes);
    qa_large_free(NULL, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_small_and_large_blocks),
        cmocka_unit_test(test_scratch_blocks),
        cmocka_unit_test(test_calloc_zeroes),
        cmocka_unit_test(test_realloc_keeps_contents),
        cmocka_unit_test(test_populate_changes_nothing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
