/* Interning of fixed-width keys of doubles (influence_keys.h): open addressing with linear
 * probing, grown by doubling at half full. */
#include "influence_keys.h"

#include <stdlib.h>
#include <string.h>

/* splitmix64's finalizer (Steele, Lea & Flood 2014): spreads the folded key over 64 bits. */
static uint64_t mix64(uint64_t z)
{
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

static uint64_t key_hash(const double *key, size_t width)
{
    uint64_t hash = width, bits;
    for (size_t j = 0; j < width; j++) {
        memcpy(&bits, &key[j], sizeof bits);
        hash = (hash ^ bits) * 0x9fb21c651e98df25u;
        hash = hash << 29 | hash >> 35;
    }
    return mix64(hash);
}

qa_status qa_key_table_init(qa_key_table *table, size_t width)
{
    memset(table, 0, sizeof *table);
    table->width = width ? width : 1;
    table->slot_count = 64;
    table->capacity = 16;
    table->slots = calloc(table->slot_count, sizeof *table->slots);
    table->keys = malloc(table->capacity * table->width * sizeof *table->keys);
    return table->slots && table->keys ? QA_OK : QA_ERR_MEMORY;
}

static size_t slot_find(const qa_key_table *table, const double *key, uint64_t hash)
{
    size_t mask = table->slot_count - 1;
    for (size_t slot = hash & mask;; slot = (slot + 1) & mask) {
        uint32_t entry = table->slots[slot];
        if (entry == 0 || memcmp(table->keys + (size_t)(entry - 1) * table->width, key,
                                 table->width * sizeof *key) == 0)
            return slot;
    }
}

static qa_status slots_grow(qa_key_table *table)
{
    size_t count = table->slot_count * 2, mask = count - 1;
    uint32_t *slots = calloc(count, sizeof *slots);
    if (!slots)
        return QA_ERR_MEMORY;
    for (size_t id = 0; id < table->count; id++) {
        size_t slot = key_hash(table->keys + id * table->width, table->width) & mask;
        while (slots[slot])
            slot = (slot + 1) & mask;
        slots[slot] = (uint32_t)(id + 1);
    }
    free(table->slots);
    table->slots = slots;
    table->slot_count = count;
    return QA_OK;
}

qa_status qa_key_table_intern(qa_key_table *table, const double *key, uint32_t *id)
{
    enum { WIDTH_MAX = 128 };
    double normal[WIDTH_MAX];
    if (table->width > WIDTH_MAX)
        return QA_ERR_INTERNAL;
    for (size_t j = 0; j < table->width; j++)
        normal[j] = key[j] + 0.0; /* -0 + 0 is +0; NaN bits are kept */
    uint64_t hash = key_hash(normal, table->width);
    size_t slot = slot_find(table, normal, hash);
    if (table->slots[slot]) {
        *id = table->slots[slot] - 1;
        return QA_OK;
    }
    if (table->count >= UINT32_MAX - 1)
        return QA_ERR_INTERNAL;
    if (table->count == table->capacity) {
        size_t capacity = table->capacity * 2;
        double *keys = realloc(table->keys, capacity * table->width * sizeof *keys);
        if (!keys)
            return QA_ERR_MEMORY;
        table->keys = keys;
        table->capacity = capacity;
    }
    memcpy(table->keys + table->count * table->width, normal, table->width * sizeof *normal);
    table->slots[slot] = (uint32_t)(table->count + 1);
    *id = (uint32_t)table->count++;
    if (2 * table->count > table->slot_count)
        return slots_grow(table);
    return QA_OK;
}

const double *qa_key_table_key(const qa_key_table *table, size_t id)
{
    return table->keys + id * table->width;
}

void qa_key_table_free(qa_key_table *table)
{
    free(table->keys);
    free(table->slots);
    memset(table, 0, sizeof *table);
}

qa_status qa_packed_table_init(qa_packed_table *table)
{
    table->count = 0;
    table->slot_count = 256;
    table->codes = malloc(table->slot_count * sizeof *table->codes);
    table->ids = calloc(table->slot_count, sizeof *table->ids);
    return table->codes && table->ids ? QA_OK : QA_ERR_MEMORY;
}

static qa_status packed_grow(qa_packed_table *table)
{
    size_t count = table->slot_count * 2, mask = count - 1;
    uint64_t *codes = malloc(count * sizeof *codes);
    uint32_t *ids = calloc(count, sizeof *ids);
    if (!codes || !ids) {
        free(codes);
        free(ids);
        return QA_ERR_MEMORY;
    }
    for (size_t s = 0; s < table->slot_count; s++) {
        if (!table->ids[s])
            continue;
        size_t slot = mix64(table->codes[s]) & mask;
        while (ids[slot])
            slot = (slot + 1) & mask;
        codes[slot] = table->codes[s];
        ids[slot] = table->ids[s];
    }
    free(table->codes);
    free(table->ids);
    table->codes = codes;
    table->ids = ids;
    table->slot_count = count;
    return QA_OK;
}

qa_status qa_packed_table_intern(qa_packed_table *table, uint64_t code, uint32_t *id)
{
    size_t mask = table->slot_count - 1, slot = mix64(code) & mask;
    for (; table->ids[slot]; slot = (slot + 1) & mask)
        if (table->codes[slot] == code) {
            *id = table->ids[slot] - 1;
            return QA_OK;
        }
    if (table->count >= UINT32_MAX - 1)
        return QA_ERR_INTERNAL;
    table->codes[slot] = code;
    table->ids[slot] = (uint32_t)(table->count + 1);
    *id = (uint32_t)table->count++;
    return 2 * table->count > table->slot_count ? packed_grow(table) : QA_OK;
}

void qa_packed_table_free(qa_packed_table *table)
{
    free(table->codes);
    free(table->ids);
    memset(table, 0, sizeof *table);
}
