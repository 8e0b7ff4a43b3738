/* Comparison of flattened JSON with a reference file; see reference_file.h. */
#include "reference_file.h"

#include "test_support.h"

#include <stdlib.h>
#include <string.h>

/* Parses text as a whole number; 1 when it is one. */
static int parse_number(const char *text, double *value)
{
    char *end;
    *value = strtod(text, &end);
    return end != text && *end == '\0';
}

/* Compares one expected `key value` with the flattened output; prints and returns 1 on a
 * mismatch. */
static int compare_entry(const qa_flat *flat, const char *key, const char *expected,
                         const char *label)
{
    const qa_flat_entry *entry = qa_flat_find(flat, key);
    if (!entry) {
        print_message("%s: %s missing, expected %s\n", label, key, expected);
        return 1;
    }
    double want, got;
    if (strcmp(expected, "null") == 0 || strcmp(expected, "true") == 0 ||
        strcmp(expected, "false") == 0) {
        if (entry->is_string || strcmp(entry->value, expected) != 0) {
            print_message("%s: %s = %s, expected %s\n", label, key, entry->value, expected);
            return 1;
        }
        return 0;
    }
    /* Case ids and other strings are written bare too: a string entry compares as text. */
    if (entry->is_string) {
        if (strcmp(entry->value, expected) != 0) {
            print_message("%s: %s = \"%s\", expected \"%s\"\n", label, key, entry->value, expected);
            return 1;
        }
        return 0;
    }
    if (!parse_number(expected, &want) || !parse_number(entry->value, &got) ||
        !qa_test_close(got, want, 1e-6, 1e-10)) {
        print_message("%s: %s = %s, expected %s\n", label, key, entry->value, expected);
        return 1;
    }
    return 0;
}

size_t qa_flat_compare_file(const qa_flat *flat, const char *expected_path, const char *label,
                            size_t *compared)
{
    *compared = 0;
    char *text = qa_test_read_file(expected_path, NULL);
    if (!text) {
        print_message("%s: cannot read %s\n", label, expected_path);
        return 1;
    }
    size_t mismatches = 0;
    char *save = NULL;
    for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        char *space = strchr(line, ' ');
        if (!space)
            continue;
        *space = '\0';
        mismatches += (size_t)compare_entry(flat, line, space + 1, label);
        (*compared)++;
    }
    free(text);
    return mismatches;
}
