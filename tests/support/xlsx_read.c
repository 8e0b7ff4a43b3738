/* A tiny .xlsx reader for tests; see xlsx_read.h. */
#include "xlsx_read.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *qa_xlsx_member(const char *xlsx_path, const char *member)
{
    char command[2048];
    snprintf(command, sizeof command, "unzip -p '%s' '%s' 2>/dev/null", xlsx_path, member);
    FILE *pipe = popen(command, "r");
    if (!pipe)
        return NULL;
    size_t size = 0, capacity = 1 << 16;
    char *data = malloc(capacity);
    size_t got;
    while (data && (got = fread(data + size, 1, capacity - size - 1, pipe)) > 0) {
        size += got;
        if (capacity - size < 2) {
            char *grown = realloc(data, capacity * 2);
            if (!grown) {
                free(data);
                data = NULL;
                break;
            }
            data = grown;
            capacity *= 2;
        }
    }
    int status = pclose(pipe);
    if (!data || status != 0 || size == 0) {
        free(data);
        return NULL;
    }
    data[size] = '\0';
    return data;
}

/* XML text between begin and end, unescaped, into out. */
static void unescape(const char *begin, const char *end, char *out, size_t size)
{
    static const struct {
        const char *entity;
        char c;
    } entities[] = {
        {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&apos;", '\''}};
    size_t n = 0;
    while (begin < end && n + 1 < size) {
        char c = *begin++;
        if (c == '&')
            for (size_t e = 0; e < 5; e++) {
                size_t length = strlen(entities[e].entity);
                if (strncmp(begin - 1, entities[e].entity, length) == 0) {
                    c = entities[e].c;
                    begin += length - 1;
                    break;
                }
            }
        out[n++] = c;
    }
    out[n] = '\0';
}

size_t qa_xlsx_sheet_names(const char *xlsx_path, char names[][64], size_t max)
{
    char *xml = qa_xlsx_member(xlsx_path, "xl/workbook.xml");
    size_t count = 0;
    for (const char *p = xml; p && count < max && (p = strstr(p, "<sheet ")); p++) {
        const char *name = strstr(p, "name=\"");
        if (!name)
            break;
        name += 6;
        const char *end = strchr(name, '"');
        unescape(name, end, names[count++], 64);
    }
    free(xml);
    return count;
}

char *qa_xlsx_sheet_xml(const char *xlsx_path, size_t index)
{
    char member[64];
    snprintf(member, sizeof member, "xl/worksheets/sheet%zu.xml", index + 1);
    return qa_xlsx_member(xlsx_path, member);
}

static const char *attribute(const char *tag, const char *tag_end, const char *name, char *out,
                             size_t size)
{
    char key[32];
    snprintf(key, sizeof key, " %s=\"", name);
    const char *p = strstr(tag, key);
    if (!p || p > tag_end)
        return NULL;
    p += strlen(key);
    const char *end = strchr(p, '"');
    unescape(p, end, out, size);
    return out;
}

/* The n-th <si> of the shared strings. */
static void shared_string(const char *shared, long index, char *out, size_t size)
{
    const char *p = shared;
    for (long i = 0; p && i <= index; i++)
        p = strstr(p + 1, "<si>");
    out[0] = '\0';
    if (!p)
        return;
    const char *t = strstr(p, "<t");
    t = t ? strchr(t, '>') : NULL;
    const char *end = t ? strstr(t, "</t>") : NULL;
    if (end)
        unescape(t + 1, end, out, size);
}

/* Parses the <c ...> element at p into cell and ref; returns the element's end. */
static const char *parse_cell(const char *p, const char *shared, char *ref, size_t ref_size,
                              qa_xlsx_cell *cell)
{
    memset(cell, 0, sizeof *cell);
    cell->found = true;
    cell->style = -1;
    const char *tag_end = strchr(p, '>');
    char type[16] = "", style[16];
    attribute(p, tag_end, "r", ref, ref_size);
    attribute(p, tag_end, "t", type, sizeof type);
    if (attribute(p, tag_end, "s", style, sizeof style))
        cell->style = atoi(style);
    if (tag_end[-1] == '/')
        return tag_end + 1;
    const char *close = strstr(tag_end, "</c>");
    if (strcmp(type, "inlineStr") == 0) {
        const char *t = strstr(tag_end, "<t");
        t = t ? strchr(t, '>') : NULL;
        const char *end = t ? strstr(t, "</t>") : NULL;
        if (end && end < close)
            unescape(t + 1, end, cell->text, sizeof cell->text);
    } else {
        const char *v = strstr(tag_end, "<v>");
        if (v && v < close) {
            const char *end = strstr(v, "</v>");
            char value[64];
            unescape(v + 3, end, value, sizeof value);
            if (strcmp(type, "s") == 0 && shared)
                shared_string(shared, atol(value), cell->text, sizeof cell->text);
            else if (type[0] == '\0' || strcmp(type, "n") == 0) {
                cell->is_number = true;
                cell->number = strtod(value, NULL);
            } else
                snprintf(cell->text, sizeof cell->text, "%s", value);
        }
    }
    return close ? close + 4 : tag_end + 1;
}

void qa_xlsx_each_cell(const char *sheet_xml,
                       bool (*visit)(const char *, const qa_xlsx_cell *, void *), void *context)
{
    const char *p = sheet_xml;
    while (p && (p = strstr(p, "<c "))) {
        char ref[16];
        qa_xlsx_cell cell;
        p = parse_cell(p, NULL, ref, sizeof ref, &cell);
        if (!visit(ref, &cell, context))
            return;
    }
}

qa_xlsx_cell qa_xlsx_cell_at(const char *sheet_xml, const char *shared_strings, const char *ref)
{
    qa_xlsx_cell cell = {0};
    char key[32];
    snprintf(key, sizeof key, "<c r=\"%s\"", ref);
    const char *p = strstr(sheet_xml, key);
    if (p) {
        char found[16];
        parse_cell(p, shared_strings, found, sizeof found, &cell);
    }
    return cell;
}

typedef struct {
    const char *text;
    char *ref;
    size_t size;
    bool found;
} find_context;

static bool find_visit(const char *ref, const qa_xlsx_cell *cell, void *context)
{
    find_context *f = context;
    if (!cell->is_number && strcmp(cell->text, f->text) == 0) {
        snprintf(f->ref, f->size, "%s", ref);
        f->found = true;
        return false;
    }
    return true;
}

bool qa_xlsx_find_text(const char *sheet_xml, const char *text, char *ref, size_t size)
{
    find_context f = {text, ref, size, false};
    qa_xlsx_each_cell(sheet_xml, find_visit, &f);
    return f.found;
}

void qa_xlsx_ref(char *ref, size_t size, unsigned row, unsigned column)
{
    char letters[8];
    int n = 0;
    unsigned c = column + 1;
    while (c > 0 && n < 7) {
        letters[n++] = (char)('A' + (c - 1) % 26);
        c = (c - 1) / 26;
    }
    char reversed[8];
    for (int i = 0; i < n; i++)
        reversed[i] = letters[n - 1 - i];
    reversed[n] = '\0';
    snprintf(ref, size, "%s%u", reversed, row + 1);
}

bool qa_xlsx_parse_ref(const char *ref, unsigned *row, unsigned *column)
{
    unsigned c = 0;
    const char *p = ref;
    while (*p >= 'A' && *p <= 'Z')
        c = c * 26 + (unsigned)(*p++ - 'A' + 1);
    if (c == 0 || *p < '1' || *p > '9')
        return false;
    *column = c - 1;
    *row = (unsigned)atoi(p) - 1;
    return true;
}
