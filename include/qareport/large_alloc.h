/* large_alloc.h: the pages of the big arrays (a value per case: the imported columns and the
 * derived years), which are plain malloc, calloc and realloc blocks: mapped ahead of the
 * thread that fills them, and given back to the system when freed.
 *
 * Why not huge pages (bench/README.md has the figures): they were requested here
 * (MADV_HUGEPAGE) until measured on the 2-core virtual machine the budgets are for. There a fresh process's first
 * touch of 2 MiB pages ran at 0.7–1.1 GB/s against 2.5 GB/s for 4 KiB pages (the
 * hypervisor backs each huge page anew), and a million-case analyze took 10 % more CPU and
 * 5–7 MB more peak memory with them. */
#ifndef QAREPORT_LARGE_ALLOC_H
#define QAREPORT_LARGE_ALLOC_H

#include <stddef.h>

/* 4 MiB: from this size an array is worth mapping ahead, and giving back at once. */
enum { QA_LARGE_ALLOC_MIN = 4 << 20 };

/* free(block) of a block of `bytes` (from malloc, calloc or realloc), its memory given back
 * to the system first: malloc keeps a freed block inside its heap resident for reuse, where
 * a big array only adds to the peak. */
void qa_large_free(void *block, size_t bytes);
/* Maps the whole pages inside [memory, memory + bytes) as if written, without changing
 * their contents (MADV_POPULATE_WRITE, Linux 5.14; elsewhere nothing). Safe beside a thread
 * that writes the same memory: a thread that will fill a big array can have another thread
 * take the page faults, the kernel's zeroing of fresh pages, off its path. */
void qa_large_populate(void *memory, size_t bytes);

#endif
