/* json_writer.h: a small streaming JSON writer with deterministic number formatting
 * (%.15g; NaN and infinities as null), used by the JSON renderers. Commas and nesting are
 * tracked by the writer, so callers only say what comes next. */
#ifndef QAREPORT_JSON_WRITER_H
#define QAREPORT_JSON_WRITER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

enum { QA_JSON_MAX_DEPTH = 32 };

typedef struct {
    FILE *out;
    int depth;
    bool needs_comma[QA_JSON_MAX_DEPTH];
    bool after_key;
} qa_json_writer;

void qa_json_init(qa_json_writer *writer, FILE *out);
void qa_json_begin_object(qa_json_writer *writer);
void qa_json_end_object(qa_json_writer *writer);
void qa_json_begin_array(qa_json_writer *writer);
void qa_json_end_array(qa_json_writer *writer);
void qa_json_key(qa_json_writer *writer, const char *key);
void qa_json_string(qa_json_writer *writer, const char *value); /* NULL writes null */
void qa_json_number(qa_json_writer *writer, double value);
void qa_json_integer(qa_json_writer *writer, long long value);
void qa_json_bool(qa_json_writer *writer, bool value);
void qa_json_null(qa_json_writer *writer);

/* Shorthands for "key": value inside an object. */
void qa_json_key_string(qa_json_writer *writer, const char *key, const char *value);
void qa_json_key_number(qa_json_writer *writer, const char *key, double value);
void qa_json_key_integer(qa_json_writer *writer, const char *key, long long value);
void qa_json_key_bool(qa_json_writer *writer, const char *key, bool value);
/* "key": [lo, hi] */
void qa_json_key_pair(qa_json_writer *writer, const char *key, double low, double high);

/* The "tool" member every document starts with: name, version and, when known, the command
 * that reproduces it. */
void qa_json_write_tool(qa_json_writer *writer, const char *command_line);

#endif
