/* The output text sanitiser; see text_clean.h. */
#include "qareport/text_clean.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum {
    REPLACEMENT = 0xFFFD,
    INVALID = 0x110000,
    MARK_BYTES = sizeof QA_TEXT_MARK - 1,
    MARK_UNITS = 13
};

/* Decodes the character at p: its code point in *code (INVALID for an ill-formed
 * subsequence) and the bytes it takes (at least 1; an ill-formed subsequence is the lead byte
 * and the continuation bytes that were still valid, Unicode Table 3-7). */
static size_t decode(const unsigned char *p, uint32_t *code)
{
    unsigned char lead = p[0];
    if (lead < 0x80) {
        *code = lead;
        return 1;
    }
    size_t length;
    uint32_t value;
    unsigned char low = 0x80, high = 0xBF; /* range of the second byte */
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
        value = lead & 0x1F;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        value = lead & 0x0F;
        if (lead == 0xE0)
            low = 0xA0; /* no overlong form */
        else if (lead == 0xED)
            high = 0x9F; /* no surrogate */
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        value = lead & 0x07;
        if (lead == 0xF0)
            low = 0x90; /* no overlong form */
        else if (lead == 0xF4)
            high = 0x8F; /* nothing above U+10FFFF */
    } else {
        *code = INVALID; /* a continuation byte, C0, C1 or F5..FF */
        return 1;
    }
    for (size_t i = 1; i < length; i++) {
        unsigned char byte = p[i]; /* the NUL ends the scan: it is below every range */
        if (byte < (i == 1 ? low : 0x80) || byte > (i == 1 ? high : 0xBF)) {
            *code = INVALID;
            return i;
        }
        value = value << 6 | (byte & 0x3F);
    }
    *code = value;
    return length;
}

/* The character as it is output: 0 when dropped (a control character). */
static uint32_t filtered(uint32_t code)
{
    if (code < 0x20)
        return code == '\t' || code == '\n' || code == '\r' ? code : 0;
    if (code >= 0x7F && code <= 0x9F)
        return 0;
    if (code == INVALID || code == 0xFFFE || code == 0xFFFF)
        return REPLACEMENT;
    return code;
}

static size_t encoded_bytes(uint32_t code)
{
    return code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
}

static size_t encode(uint32_t code, char *out)
{
    unsigned char *o = (unsigned char *)out;
    switch (encoded_bytes(code)) {
    case 1:
        o[0] = (unsigned char)code;
        return 1;
    case 2:
        o[0] = (unsigned char)(0xC0 | code >> 6);
        o[1] = (unsigned char)(0x80 | (code & 0x3F));
        return 2;
    case 3:
        o[0] = (unsigned char)(0xE0 | code >> 12);
        o[1] = (unsigned char)(0x80 | (code >> 6 & 0x3F));
        o[2] = (unsigned char)(0x80 | (code & 0x3F));
        return 3;
    default:
        o[0] = (unsigned char)(0xF0 | code >> 18);
        o[1] = (unsigned char)(0x80 | (code >> 12 & 0x3F));
        o[2] = (unsigned char)(0x80 | (code >> 6 & 0x3F));
        o[3] = (unsigned char)(0x80 | (code & 0x3F));
        return 4;
    }
}

/* Bytes and UTF-16 units of the whole cleaned text, and whether it differs from the input. */
static void measure(const char *text, size_t *bytes, size_t *units, bool *changed)
{
    *bytes = *units = 0;
    *changed = false;
    for (const unsigned char *p = (const unsigned char *)text; *p;) {
        uint32_t code;
        size_t length = decode(p, &code);
        uint32_t out = filtered(code);
        if (out != code)
            *changed = true;
        if (out) {
            *bytes += encoded_bytes(out);
            *units += out >= 0x10000 ? 2 : 1;
        }
        p += length;
    }
}

bool qa_text_is_clean(const char *text, size_t limit)
{
    size_t bytes, units;
    bool changed;
    measure(text, &bytes, &units, &changed);
    return !changed && units <= limit;
}

size_t qa_text_clean_into(char *out, size_t size, const char *text, size_t limit)
{
    size_t bytes, units;
    bool changed;
    if (size == 0)
        return 0;
    measure(text, &bytes, &units, &changed);
    bool cut = units > limit || bytes > size - 1;
    bool mark = cut && limit >= MARK_UNITS && size - 1 >= MARK_BYTES;
    size_t byte_room = size - 1 - (mark ? MARK_BYTES : 0);
    size_t unit_room = limit == QA_TEXT_NO_LIMIT ? limit : limit - (mark ? MARK_UNITS : 0);
    size_t used = 0, used_units = 0;
    for (const unsigned char *p = (const unsigned char *)text; *p;) {
        uint32_t code;
        p += decode(p, &code);
        uint32_t c = filtered(code);
        if (!c)
            continue;
        size_t n = encoded_bytes(c), u = c >= 0x10000 ? 2 : 1;
        if (used + n > byte_room || used_units + u > unit_room)
            break;
        used += encode(c, out + used);
        used_units += u;
    }
    if (mark) {
        memcpy(out + used, QA_TEXT_MARK, MARK_BYTES);
        used += MARK_BYTES;
    }
    out[used] = '\0';
    return used;
}

char *qa_text_clean(const char *text, size_t limit)
{
    size_t bytes, units;
    bool changed;
    measure(text, &bytes, &units, &changed);
    size_t size = bytes + MARK_BYTES + 1; /* a cut text is never longer than this */
    char *out = malloc(size);
    if (out)
        qa_text_clean_into(out, size, text, limit);
    return out;
}

const char *qa_text_clean_view(const char *text, size_t limit, char **owned)
{
    size_t bytes, units;
    bool changed;
    *owned = NULL;
    measure(text, &bytes, &units, &changed);
    if (!changed && units <= limit)
        return text;
    *owned = qa_text_clean(text, limit);
    return *owned;
}
