/* The big arrays' pages: mapped ahead and given back; see large_alloc.h. */
#define _DEFAULT_SOURCE /* madvise */
#include "qareport/large_alloc.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#if defined(MADV_POPULATE_WRITE) || defined(MADV_DONTNEED)
/* The whole pages inside [memory, memory + bytes) (*end <= *start when there are none). */
static void pages_inside(const void *memory, size_t bytes, uintptr_t *start, uintptr_t *end)
{
    long page_size = sysconf(_SC_PAGESIZE);
    uintptr_t page = page_size > 0 ? (uintptr_t)page_size : 4096;
    uintptr_t first = (uintptr_t)memory, last = first + bytes;
    *start = (first + page - 1) & ~(page - 1);
    *end = last & ~(page - 1);
}
#endif

void qa_large_populate(void *memory, size_t bytes)
{
#ifdef MADV_POPULATE_WRITE
    uintptr_t start, end;
    pages_inside(memory, bytes, &start, &end);
    if (memory && end > start)
        madvise((void *)start, end - start, MADV_POPULATE_WRITE); /* a hint: failure is fine */
#else
    (void)memory;
    (void)bytes;
#endif
}

void qa_large_free(void *block, size_t bytes)
{
#ifdef MADV_DONTNEED
    if (block && bytes >= (size_t)QA_LARGE_ALLOC_MIN) {
        /* the whole pages inside the block are still ours: drop them now, or they stay
         * resident in malloc's free lists (a hole in its heap is never given back) */
        uintptr_t start, end;
        pages_inside(block, bytes, &start, &end);
        if (end > start)
            madvise((void *)start, end - start, MADV_DONTNEED);
    }
#else
    (void)bytes;
#endif
    free(block);
}
