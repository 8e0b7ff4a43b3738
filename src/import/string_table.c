/* String interning for category levels and case ids; see import_internal.h. The hash of a
 * string is kept in its slot, so a probe touches the strings only on a likely match. */
#include "import_internal.h"

#include <stdlib.h>
#include <string.h>

void qa_string_table_free(qa_string_table *table)
{
    free(table->chars);
    free(table->offsets);
    free(table->lengths);
    free(table->slots);
    memset(table, 0, sizeof *table);
}

/* Eight bytes at a time, multiply and fold: short keys, well spread low bits. */
uint32_t qa_string_hash(const char *text, size_t size)
{
    uint64_t h = 0x9E3779B97F4A7C15ull ^ (size * 0xFF51AFD7ED558CCDull);
    while (size >= 8) {
        uint64_t word;
        memcpy(&word, text, 8);
        h = (h ^ word) * 0xC4CEB9FE1A85EC53ull;
        h ^= h >> 29;
        text += 8, size -= 8;
    }
    if (size) {
        uint64_t word = 0;
        memcpy(&word, text, size);
        h = (h ^ word) * 0xC4CEB9FE1A85EC53ull;
    }
    h ^= h >> 32;
    h *= 0xFF51AFD7ED558CCDull;
    h ^= h >> 29;
    return (uint32_t)h;
}

static int rehash(qa_string_table *table, size_t slot_count)
{
    qa_string_slot *slots = calloc(slot_count, sizeof *slots);
    if (!slots)
        return -1;
    for (size_t s = 0; s < table->slot_count; s++) {
        qa_string_slot old = table->slots[s];
        if (!old.index_plus_one)
            continue;
        size_t slot = old.hash & (slot_count - 1);
        while (slots[slot].index_plus_one)
            slot = (slot + 1) & (slot_count - 1);
        slots[slot] = old;
    }
    free(table->slots);
    table->slots = slots;
    table->slot_count = slot_count;
    return 0;
}

static int append(qa_string_table *table, const char *text, size_t size)
{
    if (table->count == table->capacity) {
        size_t capacity = table->capacity ? table->capacity * 2 : 64;
        size_t *offsets = realloc(table->offsets, capacity * sizeof *offsets);
        if (!offsets)
            return -1;
        table->offsets = offsets;
        uint32_t *lengths = realloc(table->lengths, capacity * sizeof *lengths);
        if (!lengths)
            return -1;
        table->lengths = lengths;
        table->capacity = capacity;
    }
    if (table->chars_size + size + 1 > table->chars_capacity) {
        size_t capacity = table->chars_capacity ? table->chars_capacity * 2 : 1024;
        while (capacity < table->chars_size + size + 1)
            capacity *= 2;
        char *chars = realloc(table->chars, capacity);
        if (!chars)
            return -1;
        table->chars = chars;
        table->chars_capacity = capacity;
    }
    table->offsets[table->count] = table->chars_size;
    table->lengths[table->count++] = (uint32_t)size;
    memcpy(table->chars + table->chars_size, text, size);
    table->chars[table->chars_size + size] = '\0';
    table->chars_size += size + 1;
    return 0;
}

static inline int same(const qa_string_table *table, size_t index, const char *text, size_t size)
{
    if (table->lengths[index] != size)
        return 0;
    const char *s = table->chars + table->offsets[index];
    for (size_t i = 0; i < size; i++) /* short strings: a loop beats a call */
        if (s[i] != text[i])
            return 0;
    return 1;
}

int qa_string_table_intern(qa_string_table *table, const char *text, size_t size, size_t *index,
                           int *inserted)
{
    *inserted = 0;
    if (table->count && same(table, table->last, text, size)) {
        *index = table->last;
        return 0;
    }
    if (table->count <= 8) { /* a few levels: a scan beats hashing */
        for (size_t i = 0; i < table->count; i++)
            if (same(table, i, text, size)) {
                *index = table->last = i;
                return 0;
            }
    }
    if ((table->count + 1) * 2 > table->slot_count &&
        rehash(table, table->slot_count ? table->slot_count * 2 : 64) != 0)
        return -1;
    uint32_t hash = qa_string_hash(text, size);
    size_t mask = table->slot_count - 1;
    size_t slot = hash & mask;
    while (table->slots[slot].index_plus_one) {
        size_t i = table->slots[slot].index_plus_one - 1;
        if (table->slots[slot].hash == hash && same(table, i, text, size)) {
            *index = table->last = i;
            return 0;
        }
        slot = (slot + 1) & mask;
    }
    if (size > UINT32_MAX || table->count >= UINT32_MAX || append(table, text, size) != 0)
        return -1;
    table->slots[slot].index_plus_one = (uint32_t)table->count;
    table->slots[slot].hash = hash;
    *index = table->last = table->count - 1;
    *inserted = 1;
    return 0;
}

int qa_string_table_find(const qa_string_table *table, const char *text, size_t size, size_t *index)
{
    if (table->count <= 8) {
        for (size_t i = 0; i < table->count; i++)
            if (same(table, i, text, size)) {
                *index = i;
                return 1;
            }
        if (table->slot_count == 0)
            return 0;
    }
    uint32_t hash = qa_string_hash(text, size);
    size_t mask = table->slot_count - 1;
    for (size_t slot = hash & mask; table->slots[slot].index_plus_one; slot = (slot + 1) & mask) {
        size_t i = table->slots[slot].index_plus_one - 1;
        if (table->slots[slot].hash == hash && same(table, i, text, size)) {
            *index = i;
            return 1;
        }
    }
    return 0;
}

const char *qa_string_table_get(const qa_string_table *table, size_t index)
{
    return table->chars + table->offsets[index];
}
