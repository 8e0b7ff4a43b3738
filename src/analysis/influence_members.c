/* The member index of case influence (influence_members.h). */
#include "influence_members.h"

#include <stdlib.h>
#include <string.h>

enum {
    COUNTER_BITS = 23,     /* 8 MB of counters: few false candidates below ~1e6 names */
    DIRECT_LIMIT = 1 << 16 /* distinct names interned directly before the counters are used */
};

static uint64_t name_hash(const char *name, size_t length)
{
    uint64_t hash = 0xcbf29ce484222325u; /* FNV-1a */
    for (size_t i = 0; i < length; i++)
        hash = (hash ^ (unsigned char)name[i]) * 0x100000001b3u;
    return hash ^ (hash >> 32);
}

/* Calls visit(context, row, name, length, hash) for each name of each row (analysed rows
 * only when only_analysed); stops at the first status other than QA_OK. */
typedef qa_status (*name_visitor)(void *context, size_t row, const char *name, size_t length,
                                  uint64_t hash);

static qa_status names_visit(const qa_dataset *dataset, const unsigned char *analysed,
                             bool only_analysed, name_visitor visit, void *context)
{
    const qa_column *column = &dataset->columns[dataset->members_column];
    for (size_t row = 0; row < dataset->rows; row++) {
        if (only_analysed && !analysed[row])
            continue;
        const char *text = qa_dataset_text(dataset, column, row);
        for (const char *at = text; at && *at;) {
            while (*at == ' ')
                at++;
            const char *end = strchr(at, ';');
            const char *stop = end ? end : at + strlen(at);
            while (stop > at && stop[-1] == ' ')
                stop--;
            size_t length = (size_t)(stop - at);
            if (length > 0) {
                qa_status status = visit(context, row, at, length, name_hash(at, length));
                if (status != QA_OK)
                    return status;
            }
            at = end ? end + 1 : NULL;
        }
    }
    return QA_OK;
}

static qa_status count_name(void *context, size_t row, const char *name, size_t length,
                            uint64_t hash)
{
    (void)row, (void)name, (void)length;
    unsigned char *counter = (unsigned char *)context + (hash & ((1u << COUNTER_BITS) - 1));
    *counter += *counter < 2;
    return QA_OK;
}

typedef struct {
    const qa_dataset *dataset;
    const unsigned char *analysed, *counters;
    qa_member *members;
    size_t count, capacity;
    uint64_t *slots; /* hash tag << 32 | (1 + member), 0 empty */
    size_t slot_count;
    uint32_t *pair_member, *pair_row;
    size_t pairs, pair_capacity;
} builder;

static qa_status slots_grow(builder *b)
{
    size_t count = b->slot_count ? 2 * b->slot_count : 1024, mask = count - 1;
    uint64_t *slots = calloc(count, sizeof *slots);
    if (!slots)
        return QA_ERR_MEMORY;
    for (size_t s = 0; s < b->slot_count; s++) {
        if (!b->slots[s])
            continue;
        size_t slot = (b->slots[s] >> 32) & mask;
        while (slots[slot])
            slot = (slot + 1) & mask;
        slots[slot] = b->slots[s];
    }
    free(b->slots);
    b->slots = slots;
    b->slot_count = count;
    return QA_OK;
}

static qa_status grow(void **array, size_t *capacity, size_t size, size_t needed)
{
    if (needed <= *capacity)
        return QA_OK;
    size_t next = *capacity ? 2 * *capacity : 256;
    void *grown = realloc(*array, next * size);
    if (!grown)
        return QA_ERR_MEMORY;
    *array = grown;
    *capacity = next;
    return QA_OK;
}

/* The member of a candidate name, added when new. */
static qa_status member_find(builder *b, const char *name, size_t length, uint64_t hash, size_t *id)
{
    if (4 * (b->count + 1) > 3 * b->slot_count && slots_grow(b) != QA_OK)
        return QA_ERR_MEMORY;
    uint32_t tag = (uint32_t)(hash >> 32);
    size_t mask = b->slot_count - 1;
    size_t slot = tag & mask;
    for (; b->slots[slot]; slot = (slot + 1) & mask) {
        const qa_member *m = &b->members[(uint32_t)b->slots[slot] - 1];
        if ((uint32_t)(b->slots[slot] >> 32) == tag && m->length == length &&
            memcmp(m->name, name, length) == 0) {
            *id = (uint32_t)b->slots[slot] - 1;
            return QA_OK;
        }
    }
    size_t capacity = b->capacity;
    if (grow((void **)&b->members, &capacity, sizeof *b->members, b->count + 1) != QA_OK)
        return QA_ERR_MEMORY;
    b->capacity = capacity;
    b->members[b->count] = (qa_member){name, (uint32_t)length, 0, 0, UINT64_MAX};
    b->slots[slot] = (uint64_t)tag << 32 | (uint64_t)(b->count + 1);
    *id = b->count++;
    return QA_OK;
}

static qa_status collect_name(void *context, size_t row, const char *name, size_t length,
                              uint64_t hash)
{
    builder *b = context;
    if (b->counters && b->counters[hash & ((1u << COUNTER_BITS) - 1)] < 2)
        return QA_OK; /* named once in the analysed rows: never shared */
    if (!b->counters && b->count >= DIRECT_LIMIT)
        return QA_ERR_NUMERIC; /* many names: most are the case's own; count first */
    size_t id;
    if (member_find(b, name, length, hash, &id) != QA_OK)
        return QA_ERR_MEMORY;
    qa_member *m = &b->members[id];
    if (m->last_row == row + 1)
        return QA_OK; /* named twice in one case: the case is removed once */
    m->last_row = (uint32_t)(row + 1);
    if (b->analysed[row]) {
        m->analysed++;
        if (m->first == UINT64_MAX) {
            const char *text =
                qa_dataset_text(b->dataset, &b->dataset->columns[b->dataset->members_column], row);
            m->first = (uint64_t)row << 32 | (uint64_t)(name - text);
        }
    }
    if (b->pairs == b->pair_capacity) {
        size_t capacity = b->pair_capacity ? 2 * b->pair_capacity : 1024;
        uint32_t *grown_member = realloc(b->pair_member, capacity * sizeof *grown_member);
        if (grown_member)
            b->pair_member = grown_member;
        uint32_t *grown_row = realloc(b->pair_row, capacity * sizeof *grown_row);
        if (grown_row)
            b->pair_row = grown_row;
        if (!grown_member || !grown_row)
            return QA_ERR_MEMORY;
        b->pair_capacity = capacity;
    }
    b->pair_member[b->pairs] = (uint32_t)id;
    b->pair_row[b->pairs++] = (uint32_t)row;
    return QA_OK;
}

static int first_order(const void *a, const void *b)
{
    const qa_member *m = a, *n = b;
    return (m->first > n->first) - (m->first < n->first);
}

/* Keeps the members with two analysed rows, in order of first appearance, with their rows. */
static qa_status shared_index(builder *b, qa_member_rows *out)
{
    uint32_t *shared_of = malloc((b->count ? b->count : 1) * sizeof *shared_of);
    qa_member *kept = malloc((b->count ? b->count : 1) * sizeof *kept);
    if (!shared_of || !kept) {
        free(shared_of);
        free(kept);
        return QA_ERR_MEMORY;
    }
    size_t count = 0;
    for (size_t i = 0; i < b->count; i++)
        if (b->members[i].analysed >= 2) {
            kept[count] = b->members[i];
            kept[count++].last_row = (uint32_t)i; /* reused: the builder's id */
        }
    qsort(kept, count, sizeof *kept, first_order);
    for (size_t i = 0; i < b->count; i++)
        shared_of[i] = UINT32_MAX;
    for (size_t i = 0; i < count; i++)
        shared_of[kept[i].last_row] = (uint32_t)i;
    out->count = count;
    out->members = kept;
    out->row_start = calloc(count + 1, sizeof *out->row_start);
    if (!out->row_start) {
        free(shared_of);
        return QA_ERR_MEMORY;
    }
    for (size_t p = 0; p < b->pairs; p++)
        if (shared_of[b->pair_member[p]] != UINT32_MAX)
            out->row_start[shared_of[b->pair_member[p]] + 1]++;
    for (size_t i = 0; i < count; i++)
        out->row_start[i + 1] += out->row_start[i];
    out->rows = malloc((out->row_start[count] ? out->row_start[count] : 1) * sizeof *out->rows);
    size_t *fill = malloc((count ? count : 1) * sizeof *fill);
    qa_status status = out->rows && fill ? QA_OK : QA_ERR_MEMORY;
    if (status == QA_OK) {
        memcpy(fill, out->row_start, count * sizeof *fill);
        for (size_t p = 0; p < b->pairs; p++) /* pairs are in row order: rows ascend */
            if (shared_of[b->pair_member[p]] != UINT32_MAX)
                out->rows[fill[shared_of[b->pair_member[p]]]++] = b->pair_row[p];
    }
    free(fill);
    free(shared_of);
    return status;
}

static void builder_free(builder *b)
{
    free(b->slots);
    free(b->members);
    free(b->pair_member);
    free(b->pair_row);
    memset(b, 0, sizeof *b);
}

/* Every name interned in one pass while there are few distinct ones (states in dyadic
 * data); past DIRECT_LIMIT, a first pass of counters picks the names seen twice. */
qa_status qa_member_rows_build(const qa_dataset *dataset, const unsigned char *analysed,
                               qa_member_rows *members)
{
    memset(members, 0, sizeof *members);
    if (dataset->members_column < 0 ||
        dataset->columns[dataset->members_column].kind != QA_COLUMN_TEXT)
        return QA_OK;
    if (dataset->rows >= UINT32_MAX)
        return QA_ERR_INTERNAL;
    builder b = {.dataset = dataset, .analysed = analysed};
    unsigned char *counters = NULL;
    qa_status status = names_visit(dataset, analysed, false, collect_name, &b);
    if (status == QA_ERR_NUMERIC) {
        builder_free(&b);
        counters = calloc((size_t)1 << COUNTER_BITS, 1);
        b = (builder){.dataset = dataset, .analysed = analysed, .counters = counters};
        status =
            counters ? names_visit(dataset, analysed, true, count_name, counters) : QA_ERR_MEMORY;
        if (status == QA_OK)
            status = names_visit(dataset, analysed, false, collect_name, &b);
    }
    free(counters);
    if (status == QA_OK)
        status = shared_index(&b, members);
    builder_free(&b);
    if (status != QA_OK)
        qa_member_rows_free(members);
    return status;
}

void qa_member_rows_free(qa_member_rows *members)
{
    free(members->members);
    free(members->row_start);
    free(members->rows);
    memset(members, 0, sizeof *members);
}
