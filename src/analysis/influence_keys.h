/* influence_keys.h (internal to src/analysis): interning of fixed-width keys of doubles —
 * each distinct key gets a dense id in order of first appearance. Used by case influence to
 * find the distinct rows of a sample and the rows that are equal in everything a removal
 * touches. Keys are compared by their bytes once -0 is made +0, so NaNs (missing values) with
 * the same bits match. */
#ifndef QAREPORT_ANALYSIS_INFLUENCE_KEYS_H
#define QAREPORT_ANALYSIS_INFLUENCE_KEYS_H

#include <stddef.h>
#include <stdint.h>

#include "qareport/error.h"

typedef struct {
    size_t width;      /* doubles per key */
    size_t count;      /* distinct keys */
    size_t capacity;   /* keys allocated */
    double *keys;      /* count × width */
    uint32_t *slots;   /* open addressing: 1 + id, 0 empty */
    size_t slot_count; /* a power of two, at least twice count */
} qa_key_table;

/* An empty table of keys of `width` doubles (width >= 1). QA_ERR_MEMORY when out of memory;
 * the table is then safe to free. */
qa_status qa_key_table_init(qa_key_table *table, size_t width);
/* *id: the id of key, added when new (ids are dense, 0 .. count - 1). QA_ERR_MEMORY when out
 * of memory, QA_ERR_INTERNAL beyond 2^32 - 1 keys. Amortised O(width). */
qa_status qa_key_table_intern(qa_key_table *table, const double *key, uint32_t *id);
/* The stored key of an id (its -0 made +0). */
const double *qa_key_table_key(const qa_key_table *table, size_t id);
void qa_key_table_free(qa_key_table *table);

/* The same for keys that fit in 64 bits (rows of small codes, packed by the caller): no
 * stored key to compare but the code itself. */
typedef struct {
    size_t count;
    uint64_t *codes;   /* slot_count: the code in each used slot */
    uint32_t *ids;     /* slot_count: 1 + id, 0 empty */
    size_t slot_count; /* a power of two, at least twice count */
} qa_packed_table;

qa_status qa_packed_table_init(qa_packed_table *table);
qa_status qa_packed_table_intern(qa_packed_table *table, uint64_t code, uint32_t *id);
void qa_packed_table_free(qa_packed_table *table);

#endif
