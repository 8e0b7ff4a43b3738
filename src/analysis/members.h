/* members.h (internal to src/analysis): the member index of a dataset, built once from its
 * column(s) with role `members` — each cell split on `;`, names trimmed, missing spellings
 * ("", NA, ., the column's codebook codes) dropped, a case's members the union over the
 * columns — as integer ids: member_robust.h's CSR, from which the dependence plan is built (the
 * CSR itself is then freed: the plan holds each row's distinct members, 4 bytes a row plus the
 * distinct sets), so the statistics never see text. Only members named by two or more rows are
 * kept (ids and names); a member of one row alone creates no dependence and enters the plan
 * as a count (qa_members.private_count), for the cluster count only.
 *
 *     qa_member_index index;
 *     if (qa_member_index_build(dataset, columns, count, &index, &error) != QA_OK) ...
 *     ... index.plan with qa_member_sample{n, case_of = dataset rows of the sample, ...} ...
 *     qa_member_index_free(&index); */
#ifndef QAREPORT_ANALYSIS_MEMBERS_H
#define QAREPORT_ANALYSIS_MEMBERS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "qareport/dataset.h"
#include "qareport/member_robust.h"

typedef struct qa_member_index {
    bool present;         /* the dataset has a members column (else every case is alone) */
    size_t rows;          /* the dataset's rows: case i of the plan is row i */
    size_t count;         /* distinct members of two or more rows, ids 0..count-1 in order of
                             first appearance */
    char **names;         /* id -> name */
    qa_member_plan *plan; /* a row's members: qa_member_plan_case_members(plan, row, &n) */
} qa_member_index;

/* The index of the given columns (indexes into dataset->columns; TEXT or CATEGORY columns;
 * count 0: no members, every case alone). Cost: one pass over the cells, one hash lookup per
 * member name, then qa_member_plan_build (1e6 dyads: ~80 ms CPU). QA_ERR_INPUT for a column of
 * another kind; QA_ERR_MEMORY. On failure index holds nothing (freeing it is safe). */
qa_status qa_member_index_build(const qa_dataset *dataset, const int *columns, size_t count,
                                qa_member_index *index, qa_error *error);
/* The same with the dataset's columns of role `members`. */
qa_status qa_member_index_build_dataset(const qa_dataset *dataset, qa_member_index *index,
                                        qa_error *error);
void qa_member_index_free(qa_member_index *index);

#endif
