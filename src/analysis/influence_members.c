/* The members of case influence (influence_members.h), read off the dataset's member index. */
#include "influence_members.h"

#include <stdlib.h>
#include <string.h>

static int first_order(const void *a, const void *b)
{
    const qa_member *m = a, *n = b;
    return (m->first > n->first) - (m->first < n->first);
}

/* Two passes over the rows' distinct member ids (the plan's): per member the analysed rows,
 * the first analysed row and all rows; then the rows of the members kept. */
qa_status qa_member_rows_build(const qa_member_index *index, const unsigned char *analysed,
                               qa_member_rows *members)
{
    memset(members, 0, sizeof *members);
    if (!index || !index->present || !index->plan || index->count == 0)
        return QA_OK;
    if (index->rows >= UINT32_MAX)
        return QA_ERR_INTERNAL;
    size_t count = index->count;
    uint32_t *analysed_count = calloc(count, sizeof *analysed_count);
    uint32_t *all_count = calloc(count, sizeof *all_count);
    uint32_t *first_row = malloc(count * sizeof *first_row);
    uint32_t *kept_of = malloc(count * sizeof *kept_of);
    qa_member *kept = malloc(count * sizeof *kept);
    qa_status status =
        analysed_count && all_count && first_row && kept_of && kept ? QA_OK : QA_ERR_MEMORY;
    size_t kept_count = 0;
    if (status == QA_OK) {
        for (size_t id = 0; id < count; id++)
            first_row[id] = UINT32_MAX;
        for (size_t row = 0; row < index->rows; row++) {
            size_t k;
            const uint32_t *ids = qa_member_plan_case_members(index->plan, row, &k);
            for (size_t j = 0; j < k; j++) {
                all_count[ids[j]]++;
                if (analysed[row]) {
                    if (analysed_count[ids[j]]++ == 0)
                        first_row[ids[j]] = (uint32_t)row;
                }
            }
        }
        for (size_t id = 0; id < count; id++) {
            kept_of[id] = UINT32_MAX;
            if (analysed_count[id] >= 2) {
                const char *name = index->names[id];
                /* order: first analysed row, then id (first appearance in the file) */
                kept[kept_count++] =
                    (qa_member){name, (uint32_t)strlen(name), analysed_count[id], (uint32_t)id,
                                (uint64_t)first_row[id] << 32 | (uint64_t)id};
            }
        }
        qsort(kept, kept_count, sizeof *kept, first_order);
        for (size_t i = 0; i < kept_count; i++)
            kept_of[kept[i].last_row] = (uint32_t)i;
        members->row_start = calloc(kept_count + 1, sizeof *members->row_start);
        if (!members->row_start)
            status = QA_ERR_MEMORY;
    }
    if (status == QA_OK) {
        for (size_t i = 0; i < kept_count; i++)
            members->row_start[i + 1] = members->row_start[i] + all_count[kept[i].last_row];
        size_t total = members->row_start[kept_count];
        members->rows = malloc((total ? total : 1) * sizeof *members->rows);
        size_t *fill = malloc((kept_count ? kept_count : 1) * sizeof *fill);
        if (members->rows && fill) {
            memcpy(fill, members->row_start, kept_count * sizeof *fill);
            for (size_t row = 0; row < index->rows; row++) { /* rows ascend */
                size_t k;
                const uint32_t *ids = qa_member_plan_case_members(index->plan, row, &k);
                for (size_t j = 0; j < k; j++)
                    if (kept_of[ids[j]] != UINT32_MAX)
                        members->rows[fill[kept_of[ids[j]]]++] = (uint32_t)row;
            }
        } else {
            status = QA_ERR_MEMORY;
        }
        free(fill);
    }
    free(analysed_count);
    free(all_count);
    free(first_row);
    free(kept_of);
    if (status == QA_OK) {
        members->count = kept_count;
        members->members = kept;
    } else {
        free(kept);
        qa_member_rows_free(members);
    }
    return status;
}

void qa_member_rows_free(qa_member_rows *members)
{
    free(members->members);
    free(members->row_start);
    free(members->rows);
    memset(members, 0, sizeof *members);
}
