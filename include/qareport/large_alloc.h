/* large_alloc.h: allocation of the big arrays (a value per case: the imported columns and
 * derived years, the analysis's short-lived per-case keys, groups and sort scratch) in
 * transparent huge pages where the system offers them. At a
 * million cases such arrays fill a few hundred MB, and faulting that memory in 4 KiB pages
 * costs the kernel a fifth of the run; 2 MiB pages cost a 512th of the faults.
 *
 * A block of QA_LARGE_ALLOC_MIN bytes or more is allocated aligned to 2 MiB and marked with
 * madvise(MADV_HUGEPAGE) before anything touches it; a smaller one is a plain malloc. Either
 * way the block is released with free(). The advice is only a hint: where huge pages are
 * unsupported or disabled, or the call fails, the memory is ordinary memory. */
#ifndef QAREPORT_LARGE_ALLOC_H
#define QAREPORT_LARGE_ALLOC_H

#include <stddef.h>

enum { QA_LARGE_ALLOC_MIN = 4 << 20 }; /* 4 MiB: below, a huge page would be mostly waste */

/* Like malloc(bytes); NULL when out of memory. */
void *qa_large_alloc(size_t bytes);
/* The same from QA_SCRATCH_ALLOC_MIN up, for an array that lives briefly (a test's sample, a
 * sort's keys, a model's per-case keys): its last huge page may be mostly unused, but it is
 * freed soon, and faulting in a few MB in 4 KiB pages costs far more (on a virtual machine
 * each fault is a trip through the hypervisor: 3.8 MB took 12 ms here, in 2 MiB pages well
 * under 1 ms). Released with free(). */
enum { QA_SCRATCH_ALLOC_MIN = 1 << 20 };
void *qa_scratch_alloc(size_t bytes);
/* Like calloc(count, size) (zeroed; NULL on overflow or out of memory). */
void *qa_large_calloc(size_t count, size_t size);
/* Like realloc(block, bytes) for a block of old_bytes from these functions (or malloc): the
 * first min(old_bytes, bytes) bytes are kept; on failure NULL and block is unchanged. */
void *qa_large_realloc(void *block, size_t old_bytes, size_t bytes);
/* free(block) of a block of `bytes` from these functions (or malloc), its memory given back
 * to the system first: malloc keeps a freed block inside its heap resident for reuse, where
 * a big array only adds to the peak. */
void qa_large_free(void *block, size_t bytes);
/* Maps the whole pages inside [memory, memory + bytes) as if written, without changing
 * their contents (MADV_POPULATE_WRITE, Linux 5.14; elsewhere nothing). Safe beside a thread
 * that writes the same memory: a thread that will fill a big array can have another thread
 * take the page faults, the kernel's zeroing of fresh pages, off its path. */
void qa_large_populate(void *memory, size_t bytes);
/* Marks [memory, memory + bytes) for huge pages, rounded out to whole pages (a hint; does
 * nothing below QA_LARGE_ALLOC_MIN). For memory that realloc may have moved. */
void qa_large_advise(void *memory, size_t bytes);

#endif
