/* String interning for category levels and case ids; see import_internal.h. */
#include "import_internal.h"

#include <stdlib.h>
#include <string.h>

void qa_string_table_init(qa_string_table *table)
{
    memset(table, 0, sizeof *table);
}

void qa_string_table_free(qa_string_table *table)
{
    free(table->chars);
    free(table->offsets);
    free(table->slots);
    memset(table, 0, sizeof *table);
}

/* FNV-1a: short keys, no need for more. */
static uint64_t hash_bytes(const char *text, size_t size)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < size; i++) {
        h ^= (unsigned char)text[i];
        h *= 1099511628211ull;
    }
    return h;
}

static int rehash(qa_string_table *table, size_t slot_count)
{
    uint32_t *slots = calloc(slot_count, sizeof *slots);
    if (!slots)
        return -1;
    for (size_t i = 0; i < table->count; i++) {
        const char *s = table->chars + table->offsets[i];
        size_t slot = hash_bytes(s, strlen(s)) & (slot_count - 1);
        while (slots[slot])
            slot = (slot + 1) & (slot_count - 1);
        slots[slot] = (uint32_t)(i + 1);
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
    table->offsets[table->count++] = table->chars_size;
    memcpy(table->chars + table->chars_size, text, size);
    table->chars[table->chars_size + size] = '\0';
    table->chars_size += size + 1;
    return 0;
}

int qa_string_table_intern(qa_string_table *table, const char *text, size_t size, size_t *index,
                           int *inserted)
{
    *inserted = 0;
    if ((table->count + 1) * 2 > table->slot_count &&
        rehash(table, table->slot_count ? table->slot_count * 2 : 64) != 0)
        return -1;
    size_t mask = table->slot_count - 1;
    size_t slot = hash_bytes(text, size) & mask;
    while (table->slots[slot]) {
        size_t i = table->slots[slot] - 1;
        const char *s = table->chars + table->offsets[i];
        if (strncmp(s, text, size) == 0 && s[size] == '\0') {
            *index = i;
            return 0;
        }
        slot = (slot + 1) & mask;
    }
    if (append(table, text, size) != 0)
        return -1;
    table->slots[slot] = (uint32_t)table->count;
    *index = table->count - 1;
    *inserted = 1;
    return 0;
}

const char *qa_string_table_get(const qa_string_table *table, size_t index)
{
    return table->chars + table->offsets[index];
}
