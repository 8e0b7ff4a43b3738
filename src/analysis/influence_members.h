/* influence_members.h (internal to src/analysis): the members named in at least two analysed
 * cases (the `members` column, ";"-separated, spaces around a name ignored), each with every
 * row that names it — what leaving one member out removes. */
#ifndef QAREPORT_ANALYSIS_INFLUENCE_MEMBERS_H
#define QAREPORT_ANALYSIS_INFLUENCE_MEMBERS_H

#include <stddef.h>
#include <stdint.h>

#include "qareport/dataset.h"
#include "qareport/error.h"

typedef struct {
    const char *name; /* into the dataset's text pool: not NUL-terminated at length */
    uint32_t length;
    uint32_t analysed; /* analysed rows naming it */
    uint32_t last_row; /* while building: the last row counted (+1), to count a row once */
    uint64_t first;    /* row << 32 | byte offset of its first appearance in an analysed row */
} qa_member;

typedef struct {
    size_t count; /* shared members, in order of first appearance in analysed rows */
    qa_member *members;
    size_t *row_start; /* count + 1: the rows of member m are rows[row_start[m] ..
                          row_start[m + 1]), ascending, each once (analysed or not) */
    uint32_t *rows;
} qa_member_rows;

/* The shared members of the dataset's members column (none without one). One pass interning
 * every name while there are at most 65,536 distinct ones; beyond that two passes: the first
 * counts every name in a table of saturating counters indexed by its hash (so names seen
 * once, the bulk of a dataset with case-specific members, are never stored), the second
 * interns only names whose counter reached two and collects their rows. O(total length)
 * time; memory O(candidate names + their rows), plus 8 MB of counters in the second way.
 * QA_ERR_MEMORY when out of memory; `members` is then safe to free. */
qa_status qa_member_rows_build(const qa_dataset *dataset, const unsigned char *analysed,
                               qa_member_rows *members);
void qa_member_rows_free(qa_member_rows *members);

#endif
