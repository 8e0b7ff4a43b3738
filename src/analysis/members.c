/* The member index (members.h): names interned to ids by open addressing on a hash of the
 * name, cells split once. */
#include "members.h"

#include <stdlib.h>
#include <string.h>

#include "qareport/codebook.h"

typedef struct {
    uint32_t *slot; /* 0 = empty, else id + 1 */
    size_t capacity;
    qa_member_index *index;
    size_t names_capacity;
    size_t *offset;   /* the CSR being built: rows + 1 */
    uint32_t *member; /* members_used of them */
    size_t members_used, members_capacity;
    const unsigned char *counters; /* NULL: intern every name; else names counted once skip */
    uint32_t row_private;          /* the current row's names skipped so */
} interner;

enum {
    COUNTER_BITS = 25,      /* 2^25 two-bit saturating counters in 8 MB */
    DIRECT_LIMIT = 1 << 16, /* names interned directly before the counters are used */
};

/* Eight bytes at a time, multiply and fold (member names are short). */
static uint64_t name_hash(const char *text, size_t length)
{
    uint64_t h = 0x9E3779B97F4A7C15ull ^ (length * 0xFF51AFD7ED558CCDull);
    for (; length >= 8; text += 8, length -= 8) {
        uint64_t word;
        memcpy(&word, text, 8);
        h = (h ^ word) * 0xC4CEB9FE1A85EC53ull;
        h ^= h >> 29;
    }
    uint64_t last = 0;
    memcpy(&last, text, length);
    h = (h ^ last) * 0xC4CEB9FE1A85EC53ull;
    return h ^ (h >> 32);
}

static bool interner_grow(interner *t)
{
    size_t capacity = t->capacity ? t->capacity * 2 : 1024;
    uint32_t *slot = calloc(capacity, sizeof *slot);
    if (!slot)
        return false;
    for (uint32_t id = 0; id < t->index->count; id++) {
        const char *name = t->index->names[id];
        size_t h = name_hash(name, strlen(name)) & (capacity - 1);
        while (slot[h])
            h = (h + 1) & (capacity - 1);
        slot[h] = id + 1;
    }
    free(t->slot);
    t->slot = slot;
    t->capacity = capacity;
    return true;
}

/* The counters: each name raises two two-bit saturating counters (0, 1, 2), at two positions
 * taken from the two halves of its hash, and reads as the smaller of the two. A name named
 * twice reads 2; a name named once reads 2 only when other names raised both of its counters
 * (at 2.5 million names about 2 % of them, against 26 % with one counter per name): it is then
 * interned and dropped later as private (keep_shared), so the result is the same either way,
 * only slower. */
static inline size_t counter_at(uint64_t hash, int half)
{
    return (size_t)(half ? hash >> 32 : hash) & (((size_t)1 << COUNTER_BITS) - 1);
}

static inline unsigned counter_get(const unsigned char *counters, size_t at)
{
    return (counters[at >> 2] >> ((at & 3) * 2)) & 3u;
}

static inline void counter_raise(unsigned char *counters, size_t at)
{
    if (counter_get(counters, at) < 2)
        counters[at >> 2] = (unsigned char)(counters[at >> 2] + (1u << ((at & 3) * 2)));
}

static inline bool named_once(const unsigned char *counters, uint64_t hash)
{
    return counter_get(counters, counter_at(hash, 0)) < 2 ||
           counter_get(counters, counter_at(hash, 1)) < 2;
}

static bool intern_name(interner *t, const char *text, size_t length, uint64_t hash, uint32_t *id)
{
    qa_member_index *index = t->index;
    size_t mask = t->capacity - 1, h = hash & mask;
    for (; t->slot[h]; h = (h + 1) & mask) {
        const char *name = index->names[t->slot[h] - 1];
        if (strncmp(name, text, length) == 0 && name[length] == '\0') {
            *id = t->slot[h] - 1;
            return true;
        }
    }
    if (index->count == t->names_capacity) {
        size_t capacity = t->names_capacity ? 2 * t->names_capacity : 256;
        char **names = realloc(index->names, capacity * sizeof *names);
        if (!names)
            return false;
        index->names = names;
        t->names_capacity = capacity;
    }
    if (!(index->names[index->count] = strndup(text, length)))
        return false;
    *id = (uint32_t)index->count;
    t->slot[h] = (uint32_t)++index->count;
    return 2 * index->count <= t->capacity || interner_grow(t);
}

static bool is_missing(const char *text, size_t length, const qa_codebook_entry *entry)
{
    if (length == 0 || (length == 1 && text[0] == '.') ||
        (length == 2 && text[0] == 'N' && text[1] == 'A'))
        return true;
    for (size_t m = 0; m < entry->missing_count; m++)
        if (strlen(entry->missing[m]) == length && memcmp(entry->missing[m], text, length) == 0)
            return true;
    return false;
}

static bool add_member(interner *t, uint32_t id)
{
    if (t->members_used == t->members_capacity) {
        size_t capacity = t->members_capacity ? 2 * t->members_capacity : 4096;
        uint32_t *member = realloc(t->member, capacity * sizeof *member);
        if (!member)
            return false;
        t->member = member;
        t->members_capacity = capacity;
    }
    t->member[t->members_used++] = id;
    return true;
}

/* The members of one cell, trimmed of spaces and tabs, appended to the current row. */
static bool add_cell(interner *t, const char *cell, const qa_codebook_entry *entry)
{
    for (const char *p = cell; p;) {
        const char *end = strchr(p, ';');
        const char *stop = end ? end : p + strlen(p);
        while (p < stop && (*p == ' ' || *p == '\t'))
            p++;
        while (stop > p && (stop[-1] == ' ' || stop[-1] == '\t'))
            stop--;
        uint32_t id;
        size_t length = (size_t)(stop - p);
        if (!is_missing(p, length, entry)) {
            uint64_t hash = name_hash(p, length);
            if (t->counters && named_once(t->counters, hash))
                t->row_private++; /* named once in the whole file: never shared */
            else if (!intern_name(t, p, length, hash, &id) || !add_member(t, id))
                return false;
        }
        p = end ? end + 1 : NULL;
    }
    return true;
}

static const char *cell_text(const qa_dataset *dataset, const qa_column *column, size_t row)
{
    if (column->kind == QA_COLUMN_TEXT)
        return qa_dataset_text(dataset, column, row);
    int32_t code = column->codes[row];
    return code >= 0 ? column->levels[code] : NULL;
}

/* Every name of every cell into the counters (counter_at): a name that reads below two is
 * named once in the file (collisions only raise counters). */
static void count_names(const qa_dataset *dataset, const int *columns, size_t count,
                        unsigned char *counters)
{
    for (size_t row = 0; row < dataset->rows; row++)
        for (size_t c = 0; c < count; c++) {
            const qa_column *column = &dataset->columns[columns[c]];
            const char *cell = cell_text(dataset, column, row);
            for (const char *p = cell; p;) {
                const char *end = strchr(p, ';');
                const char *stop = end ? end : p + strlen(p);
                while (p < stop && (*p == ' ' || *p == '\t'))
                    p++;
                while (stop > p && (stop[-1] == ' ' || stop[-1] == '\t'))
                    stop--;
                size_t length = (size_t)(stop - p);
                if (!is_missing(p, length, &column->entry)) {
                    uint64_t hash = name_hash(p, length);
                    counter_raise(counters, counter_at(hash, 0));
                    counter_raise(counters, counter_at(hash, 1));
                }
                p = end ? end + 1 : NULL;
            }
        }
}

/* Keeps in the CSR only the members named by two or more rows, renumbered 0.. in order of
 * first appearance (index->names likewise; the others' names are freed): a member of one
 * case alone makes it depend on no other, so it only counts as a cluster, through
 * *private_count (per row: its distinct such members; NULL when there are none). With a
 * million cases of their own members (Ai;Bi) the plan then holds no member sets at all. */
static bool keep_shared(interner *t, size_t rows, uint32_t *skipped, uint32_t **private_count)
{
    qa_member_index *index = t->index;
    size_t count = index->count;
    uint32_t *occurs = calloc(count ? count : 1, sizeof *occurs);
    uint32_t *stamp = calloc(count ? count : 1, sizeof *stamp); /* last row + 1 */
    if (!occurs || !stamp) {
        free(occurs);
        free(stamp);
        return false;
    }
    for (size_t row = 0; row < rows; row++)
        for (size_t k = t->offset[row]; k < t->offset[row + 1]; k++) {
            uint32_t id = t->member[k];
            if (stamp[id] != row + 1) {
                stamp[id] = (uint32_t)(row + 1);
                occurs[id]++;
            }
        }
    size_t shared = 0;
    for (size_t id = 0; id < count; id++) { /* occurs[id] becomes the new id (or UINT32_MAX) */
        if (occurs[id] >= 2) {
            occurs[id] = (uint32_t)shared;
            index->names[shared++] = index->names[id];
        } else {
            occurs[id] = UINT32_MAX;
            free(index->names[id]);
        }
    }
    *private_count = skipped; /* the names skipped by the counters are private already */
    if (!skipped && shared < count &&
        !(*private_count = calloc(rows ? rows : 1, sizeof **private_count))) {
        /* the names are already renumbered: finish without the counts */
        free(occurs);
        free(stamp);
        index->count = shared;
        return false;
    }
    size_t used = 0, begin = 0;
    for (size_t row = 0; row < rows; row++) {
        size_t end = t->offset[row + 1];
        for (size_t k = begin; k < end; k++) {
            uint32_t id = t->member[k];
            if (occurs[id] != UINT32_MAX) {
                t->member[used++] = occurs[id];
            } else if (stamp[id] != 0) { /* a private member, counted once */
                stamp[id] = 0;
                (*private_count)[row]++;
            }
        }
        begin = end;
        t->offset[row + 1] = used;
    }
    index->count = shared;
    free(occurs);
    free(stamp);
    return true;
}

/* The rows' members into the CSR (one pass over the cells). QA_ERR_NUMERIC when interning
 * directly (no counters) passes DIRECT_LIMIT distinct names: the caller then counts first.
 * skipped (with counters): per row, its names skipped as named once. */
static qa_status scan_rows(interner *t, const qa_dataset *dataset, const int *columns, size_t count,
                           uint32_t *skipped)
{
    /* per column, the previous row's cell and the ids it gave: panels repeat a dyad's cells
     * in consecutive rows, which then cost a string comparison instead of a split and a hash
     * lookup per name (a repeated cell's names are never skipped: they occur twice) */
    const char *previous[QA_MAX_MEMBER_COLUMNS] = {NULL};
    size_t previous_start[QA_MAX_MEMBER_COLUMNS] = {0}, previous_end[QA_MAX_MEMBER_COLUMNS] = {0};
    t->offset[0] = 0;
    for (size_t row = 0; row < dataset->rows; row++) {
        t->row_private = 0;
        for (size_t c = 0; c < count; c++) {
            const qa_column *column = &dataset->columns[columns[c]];
            const char *cell = cell_text(dataset, column, row);
            size_t start = t->members_used;
            bool memo = c < QA_MAX_MEMBER_COLUMNS;
            if (!cell) {
                /* no members in this column */
            } else if (memo && previous[c] && strcmp(previous[c], cell) == 0) {
                for (size_t k = previous_start[c]; k < previous_end[c]; k++)
                    if (!add_member(t, t->member[k]))
                        return QA_ERR_MEMORY;
            } else if (!add_cell(t, cell, &column->entry)) {
                return QA_ERR_MEMORY;
            }
            if (memo) {
                previous[c] = cell;
                previous_start[c] = start;
                previous_end[c] = t->members_used;
            }
        }
        t->offset[row + 1] = t->members_used;
        if (skipped)
            skipped[row] = t->row_private;
        if (!t->counters && t->index->count > DIRECT_LIMIT)
            return QA_ERR_NUMERIC;
    }
    return QA_OK;
}

static void interner_reset(interner *t)
{
    qa_member_index *index = t->index;
    for (size_t id = 0; id < index->count; id++)
        free(index->names[id]);
    free(index->names);
    index->names = NULL;
    index->count = 0;
    free(t->slot);
    free(t->member);
    size_t *offset = t->offset;
    *t = (interner){.index = index, .offset = offset};
}

/* The CSR of the rows' members, then the plan; the CSR is freed (the plan holds the sets).
 * Names are interned directly while there are at most DIRECT_LIMIT distinct ones (states in
 * dyadic data); beyond that (cases with their own members) a first pass of counters picks
 * the names seen twice, and the others are only counted, never stored. */
static qa_status build_plan(const qa_dataset *dataset, const int *columns, size_t count,
                            qa_member_index *index, qa_error *error)
{
    interner t = {0};
    t.index = index;
    t.offset = malloc((dataset->rows + 1) * sizeof *t.offset);
    unsigned char *counters = NULL;
    uint32_t *skipped = NULL;
    qa_status status = t.offset && interner_grow(&t) ? QA_OK : QA_ERR_MEMORY;
    if (status == QA_OK && dataset->rows >= UINT32_MAX)
        status = QA_ERR_INTERNAL;
    if (status == QA_OK)
        status = scan_rows(&t, dataset, columns, count, NULL);
    if (status == QA_ERR_NUMERIC) {
        interner_reset(&t);
        counters = calloc((size_t)1 << (COUNTER_BITS - 2), 1); /* four counters a byte */
        skipped = calloc(dataset->rows ? dataset->rows : 1, sizeof *skipped);
        status = counters && skipped && interner_grow(&t) ? QA_OK : QA_ERR_MEMORY;
        if (status == QA_OK) {
            count_names(dataset, columns, count, counters);
            t.counters = counters;
            status = scan_rows(&t, dataset, columns, count, skipped);
        }
    }
    free(counters);
    free(t.slot);
    uint32_t *private_count = NULL;
    if (status == QA_OK && !keep_shared(&t, dataset->rows, skipped, &private_count))
        status = QA_ERR_MEMORY;
    if (status != QA_OK) {
        free(skipped);
        free(t.offset);
        free(t.member);
        return qa_error_set(error, status, NULL, 0, NULL, NULL,
                            status == QA_ERR_MEMORY ? "out of memory" : "too many rows");
    }
    qa_members members = {dataset->rows, index->count, t.offset, t.member, private_count};
    status = qa_member_plan_build(&members, &index->plan, error);
    free(private_count);
    free(t.offset);
    free(t.member);
    return status;
}

qa_status qa_member_index_build(const qa_dataset *dataset, const int *columns, size_t count,
                                qa_member_index *index, qa_error *error)
{
    memset(index, 0, sizeof *index);
    for (size_t c = 0; c < count; c++) {
        const qa_column *column = &dataset->columns[columns[c]];
        if (column->kind != QA_COLUMN_TEXT && column->kind != QA_COLUMN_CATEGORY)
            return qa_error_set(error, QA_ERR_INPUT, dataset->path, 0, column->name, NULL,
                                "a members column must hold names (text), not numbers");
    }
    index->present = count > 0;
    index->rows = dataset->rows;
    qa_status status = build_plan(dataset, columns, count, index, error);
    if (status != QA_OK)
        qa_member_index_free(index);
    return status;
}

qa_status qa_member_index_build_dataset(const qa_dataset *dataset, qa_member_index *index,
                                        qa_error *error)
{
    /* every column of role `members` (dyads keep the two states in two columns): a case's
     * members are the union of their cells (METHODS §6.4) */
    int columns[QA_MAX_MEMBER_COLUMNS];
    size_t count = 0;
    for (size_t c = 0; c < dataset->members_column_count && c < QA_MAX_MEMBER_COLUMNS; c++)
        columns[count++] = dataset->members_columns[c];
    if (count == 0 && dataset->members_column >= 0)
        columns[count++] = dataset->members_column;
    return qa_member_index_build(dataset, columns, count, index, error);
}

void qa_member_index_free(qa_member_index *index)
{
    for (size_t id = 0; id < index->count; id++)
        free(index->names[id]);
    free(index->names);
    qa_member_plan_free(index->plan);
    memset(index, 0, sizeof *index);
}
