/* Big arrays in transparent huge pages; see large_alloc.h. */
#define _DEFAULT_SOURCE /* madvise(MADV_HUGEPAGE) */
#include "qareport/large_alloc.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

enum { HUGE_PAGE = 2 << 20 }; /* the x86-64 and arm64 (4 KiB base pages) huge page */

#if defined(MADV_HUGEPAGE) || defined(MADV_POPULATE_WRITE) || defined(MADV_DONTNEED)
/* The pages of [memory, memory + bytes): every page it touches, or with `inside` only the
 * pages wholly within it (then *end <= *start when there are none). */
static void page_range(const void *memory, size_t bytes, bool inside, uintptr_t *start,
                       uintptr_t *end)
{
    long page_size = sysconf(_SC_PAGESIZE);
    uintptr_t page = page_size > 0 ? (uintptr_t)page_size : 4096;
    uintptr_t first = (uintptr_t)memory, last = first + bytes;
    *start = (inside ? first + page - 1 : first) & ~(page - 1);
    *end = (inside ? last : last + page - 1) & ~(page - 1);
}
#endif

/* madvise(MADV_HUGEPAGE) over the whole pages of [memory, memory + bytes). */
static void advise_huge(void *memory, size_t bytes)
{
#ifdef MADV_HUGEPAGE
    uintptr_t start, end;
    page_range(memory, bytes, false, &start, &end);
    madvise((void *)start, end - start, MADV_HUGEPAGE); /* advice only: failure is fine */
#else
    (void)memory;
    (void)bytes;
#endif
}

void qa_large_advise(void *memory, size_t bytes)
{
    if (memory && bytes >= (size_t)QA_LARGE_ALLOC_MIN)
        advise_huge(memory, bytes);
}

/* A block of whole huge pages from an aligned start (every 2 MiB of it can be one page;
 * malloc's blocks start anywhere, leaving a partial page at each end). The size is whole
 * huge pages less the 8 bytes of glibc's chunk header, so that the chunk ends on a 2 MiB
 * boundary and the next such block can start there: blocks allocated in a row (a dataset's
 * columns) then leave no 2 MiB holes between them for small allocations to scatter into
 * (13 MB less resident at a million rows). */
static void *huge_alloc(size_t bytes)
{
#ifdef MADV_HUGEPAGE
    if (bytes <= SIZE_MAX - HUGE_PAGE) {
        size_t rounded = (bytes + 8 + HUGE_PAGE - 1) / HUGE_PAGE * HUGE_PAGE - 8;
        void *block = NULL;
        if (posix_memalign(&block, HUGE_PAGE, rounded) != 0)
            return NULL;
        advise_huge(block, rounded);
        return block;
    }
#endif
    return malloc(bytes);
}

void *qa_large_alloc(size_t bytes)
{
    return bytes >= (size_t)QA_LARGE_ALLOC_MIN ? huge_alloc(bytes) : malloc(bytes);
}

void *qa_scratch_alloc(size_t bytes)
{
    return bytes >= (size_t)QA_SCRATCH_ALLOC_MIN ? huge_alloc(bytes) : malloc(bytes);
}

void qa_large_populate(void *memory, size_t bytes)
{
#ifdef MADV_POPULATE_WRITE
    uintptr_t start, end;
    page_range(memory, bytes, true, &start, &end);
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
        page_range(block, bytes, true, &start, &end);
        if (end > start) {
            madvise((void *)start, end - start, MADV_DONTNEED);
#ifdef MADV_NOHUGEPAGE
            madvise((void *)start, end - start, MADV_NOHUGEPAGE);
#endif
        }
    }
#else
    (void)bytes;
#endif
    free(block);
}

void *qa_large_calloc(size_t count, size_t size)
{
    if (size && count > SIZE_MAX / size)
        return NULL;
    size_t bytes = count * size;
    if (bytes < (size_t)QA_LARGE_ALLOC_MIN)
        return calloc(count, size);
    void *block = qa_large_alloc(bytes);
    if (block)
        memset(block, 0, bytes);
    return block;
}

void *qa_large_realloc(void *block, size_t old_bytes, size_t bytes)
{
    if (!block)
        return qa_large_alloc(bytes);
    if (bytes < (size_t)QA_LARGE_ALLOC_MIN)
        return realloc(block, bytes ? bytes : 1);
    void *grown = qa_large_alloc(bytes);
    if (!grown)
        return NULL;
    memcpy(grown, block, old_bytes < bytes ? old_bytes : bytes);
    free(block);
    return grown;
}
