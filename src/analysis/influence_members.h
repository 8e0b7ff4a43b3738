/* influence_members.h (internal to src/analysis): the members named in at least two analysed
 * cases, each with every row that names it — what leaving one member out removes. Members are
 * the member index's (members.h): the union over every column of role `members`, names
 * trimmed, missing spellings dropped, a member named twice in a case counted once. */
#ifndef QAREPORT_ANALYSIS_INFLUENCE_MEMBERS_H
#define QAREPORT_ANALYSIS_INFLUENCE_MEMBERS_H

#include <stddef.h>
#include <stdint.h>

#include "members.h"
#include "qareport/error.h"

typedef struct {
    const char *name;  /* the index's name (NUL-terminated; valid while the index lives) */
    uint32_t length;   /* strlen(name) */
    uint32_t analysed; /* analysed rows naming it */
    uint32_t last_row; /* while building: the member's id in the index */
    uint64_t first;    /* first analysed row << 32 | id: the order of the members */
} qa_member;

typedef struct {
    size_t count; /* shared members, by first analysed row, then order of first appearance */
    qa_member *members;
    size_t *row_start; /* count + 1: the rows of member m are rows[row_start[m] ..
                          row_start[m + 1]), ascending, each once (analysed or not) */
    uint32_t *rows;
} qa_member_rows;

/* The shared members of the index (none when index is NULL or has no members column);
 * analysed[row] != 0 for the analysed rows. Two passes over the rows' distinct member ids:
 * O(memberships) time, O(members + rows of the shared ones) memory. QA_ERR_MEMORY when out of
 * memory; `members` is then safe to free. */
qa_status qa_member_rows_build(const qa_member_index *index, const unsigned char *analysed,
                               qa_member_rows *members);
void qa_member_rows_free(qa_member_rows *members);

#endif
