/* A minimal JSON reader for tests; see json_flat.h. */
#include "json_flat.h"

#include <ctype.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const char *text;
    size_t pos;
    qa_flat *flat;
} parser;

static void skip_space(parser *p)
{
    while (isspace((unsigned char)p->text[p->pos]))
        p->pos++;
}

static int add_entry(qa_flat *flat, const char *key, const char *value, size_t value_len,
                     int is_string)
{
    if (flat->count == flat->capacity) {
        size_t capacity = flat->capacity ? flat->capacity * 2 : 64;
        qa_flat_entry *grown = realloc(flat->entries, capacity * sizeof *grown);
        if (!grown)
            return -1;
        flat->entries = grown;
        flat->capacity = capacity;
    }
    qa_flat_entry *e = &flat->entries[flat->count++];
    e->key = strdup(key);
    e->value = strndup(value, value_len);
    e->is_string = is_string;
    return 0;
}

/* Parses a string at p->pos into a malloc'ed buffer (escapes \uXXXX kept as '?'). */
static char *parse_string(parser *p)
{
    if (p->text[p->pos] != '"')
        return NULL;
    p->pos++;
    size_t cap = 64, len = 0;
    char *out = malloc(cap);
    while (out && p->text[p->pos] && p->text[p->pos] != '"') {
        char c = p->text[p->pos++];
        if (c == '\\') {
            char e = p->text[p->pos++];
            c = e == 'n' ? '\n' : e == 't' ? '\t' : e == 'r' ? '\r' : e;
            if (e == 'u') {
                p->pos += 4;
                c = '?';
            }
        }
        if (len + 2 > cap) {
            cap *= 2;
            char *grown = realloc(out, cap);
            if (!grown) {
                free(out);
                return NULL;
            }
            out = grown;
        }
        out[len++] = c;
    }
    if (!out || p->text[p->pos] != '"') {
        free(out);
        return NULL;
    }
    p->pos++;
    out[len] = '\0';
    return out;
}

static int parse_value(parser *p, const char *key);

/* Looks ahead in an object for a string member, without consuming input. */
static char *peek_member(const parser *p, const char *member)
{
    parser probe = *p;
    probe.pos++; /* past '{' */
    int depth = 0;
    while (probe.text[probe.pos]) {
        char c = probe.text[probe.pos];
        if (c == '"') {
            char *s = parse_string(&probe);
            if (!s)
                return NULL;
            skip_space(&probe);
            if (depth == 0 && probe.text[probe.pos] == ':' && strcmp(s, member) == 0) {
                free(s);
                probe.pos++;
                skip_space(&probe);
                return probe.text[probe.pos] == '"' ? parse_string(&probe) : NULL;
            }
            free(s);
            continue;
        }
        if (c == '{' || c == '[')
            depth++;
        else if (c == '}' || c == ']') {
            if (depth == 0)
                return NULL;
            depth--;
        }
        probe.pos++;
    }
    return NULL;
}

static int parse_object(parser *p, const char *key)
{
    p->pos++;
    skip_space(p);
    if (p->text[p->pos] == '}') {
        p->pos++;
        return 0;
    }
    for (;;) {
        skip_space(p);
        char *member = parse_string(p);
        if (!member)
            return -1;
        skip_space(p);
        if (p->text[p->pos++] != ':') {
            free(member);
            return -1;
        }
        size_t len = strlen(key) + strlen(member) + 2;
        char *child = malloc(len);
        snprintf(child, len, "%s%s%s", key, key[0] ? "." : "", member);
        free(member);
        int rc = parse_value(p, child);
        free(child);
        if (rc)
            return rc;
        skip_space(p);
        char c = p->text[p->pos++];
        if (c == '}')
            return 0;
        if (c != ',')
            return -1;
    }
}

static char *element_name(const parser *p, size_t index)
{
    char buffer[512];
    char *name = peek_member(p, "name");
    if (!name)
        name = peek_member(p, "term");
    if (name)
        return name;
    char *hypothesis = peek_member(p, "hypothesis");
    char *outcome = peek_member(p, "outcome");
    if (hypothesis && outcome)
        snprintf(buffer, sizeof buffer, "%s.%s", hypothesis, outcome);
    else if (hypothesis)
        snprintf(buffer, sizeof buffer, "%s", hypothesis);
    else
        snprintf(buffer, sizeof buffer, "%zu", index);
    free(hypothesis);
    free(outcome);
    return strdup(buffer);
}

static int parse_array(parser *p, const char *key)
{
    p->pos++;
    skip_space(p);
    if (p->text[p->pos] == ']') {
        p->pos++;
        return 0;
    }
    for (size_t index = 0;; index++) {
        skip_space(p);
        char *name;
        if (p->text[p->pos] == '{')
            name = element_name(p, index);
        else {
            char buffer[32];
            snprintf(buffer, sizeof buffer, "%zu", index);
            name = strdup(buffer);
        }
        size_t len = strlen(key) + strlen(name) + 2;
        char *child = malloc(len);
        snprintf(child, len, "%s.%s", key, name);
        free(name);
        int rc = parse_value(p, child);
        free(child);
        if (rc)
            return rc;
        skip_space(p);
        char c = p->text[p->pos++];
        if (c == ']')
            return 0;
        if (c != ',')
            return -1;
    }
}

static int parse_value(parser *p, const char *key)
{
    skip_space(p);
    char c = p->text[p->pos];
    if (c == '{')
        return parse_object(p, key);
    if (c == '[')
        return parse_array(p, key);
    if (c == '"') {
        char *s = parse_string(p);
        if (!s)
            return -1;
        int rc = add_entry(p->flat, key, s, strlen(s), 1);
        free(s);
        return rc;
    }
    size_t start = p->pos;
    while (p->text[p->pos] && !strchr(",]} \t\r\n", p->text[p->pos]))
        p->pos++;
    if (p->pos == start)
        return -1;
    return add_entry(p->flat, key, p->text + start, p->pos - start, 0);
}

int qa_flat_parse(const char *json, qa_flat *flat, size_t *error_offset)
{
    memset(flat, 0, sizeof *flat);
    parser p = {json, 0, flat};
    int rc = parse_value(&p, "");
    if (rc && error_offset)
        *error_offset = p.pos;
    return rc;
}

const qa_flat_entry *qa_flat_find(const qa_flat *flat, const char *key)
{
    for (size_t i = 0; i < flat->count; i++)
        if (strcmp(flat->entries[i].key, key) == 0)
            return &flat->entries[i];
    return NULL;
}

const char *qa_flat_value(const qa_flat *flat, const char *key)
{
    const qa_flat_entry *entry = qa_flat_find(flat, key);
    if (!entry)
        fail_msg("the JSON has no key %s", key);
    return entry->value;
}

void qa_flat_free(qa_flat *flat)
{
    for (size_t i = 0; i < flat->count; i++) {
        free(flat->entries[i].key);
        free(flat->entries[i].value);
    }
    free(flat->entries);
    memset(flat, 0, sizeof *flat);
}
