/* json_flat.h: flattens a JSON document into `key value` pairs for tests, so that program
 * output can be compared with the reference files in tests/reference/ (the .expected files).
 * Keys join object keys with '.'; an array element that is an object is named by its
 * "name", else its "term", else "<hypothesis>.<outcome>", else its index; other array
 * elements by index. Values: numbers as text, strings bare, null, true/false. */
#ifndef QAREPORT_JSON_FLAT_H
#define QAREPORT_JSON_FLAT_H

#include <stddef.h>

typedef struct {
    char *key;
    char *value;
    int is_string;
} qa_flat_entry;

typedef struct {
    qa_flat_entry *entries;
    size_t count, capacity;
} qa_flat;

/* Returns 0 on success, -1 on a syntax error (position in *error_offset when not NULL). */
int qa_flat_parse(const char *json, qa_flat *flat, size_t *error_offset);
const qa_flat_entry *qa_flat_find(const qa_flat *flat, const char *key);
/* The value of key; fails the running cmocka test, naming the key, when there is none. */
const char *qa_flat_value(const qa_flat *flat, const char *key);
void qa_flat_free(qa_flat *flat);

#endif
