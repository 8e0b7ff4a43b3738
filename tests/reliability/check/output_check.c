/* Strict checks of workbooks and JSON; see output_check.h. */
#include "output_check.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

static int fail(char *message, size_t size, const char *format, ...)
{
    if (message && size) {
        va_list args;
        va_start(args, format);
        vsnprintf(message, size, format, args);
        va_end(args);
    }
    return -1;
}

/* One UTF-8 sequence at s (RFC 3629: no overlong forms, no surrogates, at most U+10FFFF).
 * Returns its length and the code point in *cp, or 0 when it is not valid. */
static size_t utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
    if (n == 0)
        return 0;
    unsigned char c = s[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    size_t len;
    uint32_t min, v;
    if (c >= 0xc2 && c <= 0xdf) {
        len = 2, min = 0x80, v = c & 0x1f;
    } else if (c >= 0xe0 && c <= 0xef) {
        len = 3, min = 0x800, v = c & 0x0f;
    } else if (c >= 0xf0 && c <= 0xf4) {
        len = 4, min = 0x10000, v = c & 0x07;
    } else {
        return 0;
    }
    if (n < len)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xc0) != 0x80)
            return 0;
        v = (v << 6) | (s[i] & 0x3f);
    }
    if (v < min || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))
        return 0;
    *cp = v;
    return len;
}

size_t qa_check_utf8_prefix(const char *text, size_t length)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t at = 0;
    uint32_t cp;
    while (at < length) {
        size_t step = utf8_decode(s + at, length - at, &cp);
        if (!step)
            break;
        at += step;
    }
    return at;
}

/* ---------------------------------------------------------------- XML ---------------- */

static bool xml_char(uint32_t c) /* XML 1.0 production [2] Char */
{
    return c == 0x9 || c == 0xa || c == 0xd || (c >= 0x20 && c <= 0xd7ff) ||
           (c >= 0xe000 && c <= 0xfffd) || (c >= 0x10000 && c <= 0x10ffff);
}

static bool name_start(uint32_t c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || c == ':' || c >= 0xc0;
}

static bool name_char(uint32_t c)
{
    return name_start(c) || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == 0xb7;
}

typedef struct {
    const unsigned char *s;
    size_t n, at;
    char *message;
    size_t size;
    size_t text_units; /* UTF-16 units of character data in the current element */
    size_t longest_t;  /* longest character data of an element named "t" */
} xml_parser;

static int xml_fail(xml_parser *p, const char *what)
{
    return fail(p->message, p->size, "XML not well-formed at byte %zu: %s", p->at, what);
}

/* The character at p->at (already known to be valid UTF-8). */
static uint32_t peek(const xml_parser *p, size_t *len)
{
    uint32_t cp = 0;
    *len = utf8_decode(p->s + p->at, p->n - p->at, &cp);
    return cp;
}

static bool starts(const xml_parser *p, const char *prefix)
{
    size_t k = strlen(prefix);
    return p->n - p->at >= k && memcmp(p->s + p->at, prefix, k) == 0;
}

static void skip_space(xml_parser *p)
{
    while (p->at < p->n && strchr(" \t\r\n", p->s[p->at]) && p->s[p->at])
        p->at++;
}

/* A Name; its bytes are [*begin, p->at). */
static int parse_name(xml_parser *p, size_t *begin)
{
    size_t len;
    *begin = p->at;
    if (p->at >= p->n || !name_start(peek(p, &len)))
        return xml_fail(p, "name expected");
    while (p->at < p->n && name_char(peek(p, &len)))
        p->at += len;
    return 0;
}

/* A reference after '&' (XML 1.0 [66]-[68]); counts one character. */
static int parse_reference(xml_parser *p)
{
    p->at++; /* '&' */
    if (starts(p, "#x") || starts(p, "#")) {
        bool hex = starts(p, "#x");
        p->at += hex ? 2 : 1;
        uint32_t v = 0;
        size_t digits = 0;
        while (p->at < p->n && p->s[p->at] != ';') {
            unsigned char c = p->s[p->at];
            int d = c >= '0' && c <= '9'          ? c - '0'
                    : hex && c >= 'a' && c <= 'f' ? c - 'a' + 10
                    : hex && c >= 'A' && c <= 'F' ? c - 'A' + 10
                                                  : -1;
            if (d < 0 || digits > 8)
                return xml_fail(p, "bad character reference");
            v = v * (hex ? 16u : 10u) + (uint32_t)d;
            digits++;
            p->at++;
        }
        if (!digits || p->at >= p->n || !xml_char(v))
            return xml_fail(p, "bad character reference");
        p->at++;
        p->text_units += v >= 0x10000 ? 2 : 1;
        return 0;
    }
    static const char *const known[] = {"amp;", "lt;", "gt;", "quot;", "apos;"};
    for (size_t i = 0; i < sizeof known / sizeof *known; i++)
        if (starts(p, known[i])) {
            p->at += strlen(known[i]);
            p->text_units++;
            return 0;
        }
    return xml_fail(p, "unknown entity reference");
}

/* Skips up to and past `end`; the bytes between must be characters. */
static int skip_until(xml_parser *p, const char *end, const char *what)
{
    while (p->at < p->n && !starts(p, end))
        p->at++;
    if (p->at >= p->n)
        return xml_fail(p, what);
    p->at += strlen(end);
    return 0;
}

static int parse_misc(xml_parser *p) /* comments, processing instructions and space */
{
    for (;;) {
        skip_space(p);
        if (starts(p, "<!--")) {
            p->at += 4;
            if (skip_until(p, "-->", "unterminated comment"))
                return -1;
        } else if (starts(p, "<?")) {
            p->at += 2;
            if (skip_until(p, "?>", "unterminated processing instruction"))
                return -1;
        } else {
            return 0;
        }
    }
}

typedef struct {
    size_t begin, end;
} span;

static int parse_attributes(xml_parser *p, bool *empty)
{
    span seen[64];
    size_t count = 0;
    for (;;) {
        size_t before = p->at;
        skip_space(p);
        if (starts(p, "/>")) {
            p->at += 2;
            *empty = true;
            return 0;
        }
        if (starts(p, ">")) {
            p->at++;
            *empty = false;
            return 0;
        }
        if (p->at == before)
            return xml_fail(p, "space expected before an attribute");
        size_t begin;
        if (parse_name(p, &begin))
            return -1;
        span name = {begin, p->at};
        for (size_t i = 0; i < count; i++)
            if (seen[i].end - seen[i].begin == name.end - name.begin &&
                memcmp(p->s + seen[i].begin, p->s + name.begin, name.end - name.begin) == 0)
                return xml_fail(p, "attribute given twice");
        if (count < sizeof seen / sizeof *seen)
            seen[count++] = name;
        skip_space(p);
        if (!starts(p, "="))
            return xml_fail(p, "'=' expected");
        p->at++;
        skip_space(p);
        if (p->at >= p->n || (p->s[p->at] != '"' && p->s[p->at] != '\''))
            return xml_fail(p, "quoted attribute value expected");
        unsigned char quote = p->s[p->at++];
        while (p->at < p->n && p->s[p->at] != quote) {
            if (p->s[p->at] == '<')
                return xml_fail(p, "'<' in an attribute value");
            if (p->s[p->at] == '&') {
                if (parse_reference(p))
                    return -1;
            } else {
                p->at++;
            }
        }
        if (p->at >= p->n)
            return xml_fail(p, "unterminated attribute value");
        p->at++;
    }
}

static int parse_document(xml_parser *p)
{
    span *stack = NULL;
    size_t depth = 0, capacity = 0;
    int result = 0;
    if (parse_misc(p))
        return -1;
    if (starts(p, "<!DOCTYPE"))
        return xml_fail(p, "DOCTYPE not expected");
    bool root_done = false;
    while (result == 0) {
        if (depth == 0) {
            if (parse_misc(p)) {
                result = -1;
                break;
            }
            if (p->at >= p->n)
                break;
            if (root_done) {
                result = xml_fail(p, "content after the root element");
                break;
            }
            if (!starts(p, "<")) {
                result = xml_fail(p, "text outside the root element");
                break;
            }
        }
        if (p->at >= p->n) {
            result = xml_fail(p, "unclosed element");
            break;
        }
        if (starts(p, "<!--")) {
            p->at += 4;
            result = skip_until(p, "-->", "unterminated comment");
        } else if (starts(p, "<?")) {
            p->at += 2;
            result = skip_until(p, "?>", "unterminated processing instruction");
        } else if (starts(p, "<![CDATA[")) {
            p->at += 9;
            result = depth ? skip_until(p, "]]>", "unterminated CDATA")
                           : xml_fail(p, "CDATA outside the root element");
        } else if (starts(p, "</")) {
            p->at += 2;
            size_t begin;
            if ((result = parse_name(p, &begin)) != 0)
                break;
            span open = stack[depth - 1];
            if (open.end - open.begin != p->at - begin ||
                memcmp(p->s + open.begin, p->s + begin, p->at - begin) != 0) {
                result = xml_fail(p, "end tag does not match the start tag");
                break;
            }
            skip_space(p);
            if (!starts(p, ">")) {
                result = xml_fail(p, "'>' expected");
                break;
            }
            p->at++;
            if (open.end - open.begin == 1 && p->s[open.begin] == 't' &&
                p->text_units > p->longest_t)
                p->longest_t = p->text_units;
            p->text_units = 0;
            if (--depth == 0)
                root_done = true;
        } else if (starts(p, "<")) {
            p->at++;
            size_t begin;
            if ((result = parse_name(p, &begin)) != 0)
                break;
            span name = {begin, p->at};
            bool empty;
            if ((result = parse_attributes(p, &empty)) != 0)
                break;
            p->text_units = 0;
            if (empty) {
                if (depth == 0)
                    root_done = true;
                continue;
            }
            if (depth == capacity) {
                capacity = capacity ? capacity * 2 : 32;
                span *grown = realloc(stack, capacity * sizeof *stack);
                if (!grown) {
                    result = fail(p->message, p->size, "out of memory");
                    break;
                }
                stack = grown;
            }
            stack[depth++] = name;
        } else if (starts(p, "&")) {
            result = parse_reference(p);
        } else if (starts(p, "]]>")) {
            result = xml_fail(p, "']]>' in character data");
        } else {
            size_t len;
            uint32_t c = peek(p, &len);
            p->text_units += c >= 0x10000 ? 2 : 1;
            p->at += len;
        }
    }
    free(stack);
    if (result == 0 && !root_done)
        return xml_fail(p, "no root element");
    return result;
}

static int xml_check(const char *text, size_t length, size_t *longest_t, char *message, size_t size)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t at = 0;
    while (at < length) {
        uint32_t cp;
        size_t step = utf8_decode(s + at, length - at, &cp);
        if (!step)
            return fail(message, size, "XML not valid UTF-8 at byte %zu", at);
        if (!xml_char(cp))
            return fail(message, size, "XML has the illegal character U+%04X at byte %zu",
                        (unsigned)cp, at);
        at += step;
    }
    xml_parser p = {s, length, 0, message, size, 0, 0};
    if (parse_document(&p))
        return -1;
    if (longest_t && p.longest_t > *longest_t)
        *longest_t = p.longest_t;
    return 0;
}

int qa_check_xml(const char *text, size_t length, char *message, size_t size)
{
    return xml_check(text, length, NULL, message, size);
}

/* ---------------------------------------------------------------- JSON --------------- */

typedef struct {
    const unsigned char *s;
    size_t n, at;
    char *message;
    size_t size;
} json_parser;

static int json_fail(json_parser *p, const char *what)
{
    return fail(p->message, p->size, "JSON invalid at byte %zu: %s", p->at, what);
}

static void json_space(json_parser *p)
{
    while (p->at < p->n && (p->s[p->at] == ' ' || p->s[p->at] == '\t' || p->s[p->at] == '\n' ||
                            p->s[p->at] == '\r'))
        p->at++;
}

static int json_string(json_parser *p)
{
    p->at++; /* '"' */
    while (p->at < p->n && p->s[p->at] != '"') {
        unsigned char c = p->s[p->at];
        if (c < 0x20)
            return json_fail(p, "control character in a string");
        if (c == '\\') {
            p->at++;
            if (p->at >= p->n)
                break;
            c = p->s[p->at];
            if (c == 'u') {
                for (int i = 1; i <= 4; i++)
                    if (p->at + (size_t)i >= p->n ||
                        !strchr("0123456789abcdefABCDEF", p->s[p->at + (size_t)i]) ||
                        !p->s[p->at + (size_t)i])
                        return json_fail(p, "bad \\u escape");
                p->at += 5;
            } else if (c && strchr("\"\\/bfnrt", c)) {
                p->at++;
            } else {
                return json_fail(p, "bad escape");
            }
            continue;
        }
        uint32_t cp;
        size_t step = utf8_decode(p->s + p->at, p->n - p->at, &cp);
        if (!step)
            return json_fail(p, "not valid UTF-8");
        p->at += step;
    }
    if (p->at >= p->n)
        return json_fail(p, "unterminated string");
    p->at++;
    return 0;
}

static bool digit(json_parser *p)
{
    return p->at < p->n && p->s[p->at] >= '0' && p->s[p->at] <= '9';
}

static int json_number(json_parser *p)
{
    if (p->s[p->at] == '-')
        p->at++;
    if (!digit(p))
        return json_fail(p, "digit expected");
    if (p->s[p->at] == '0')
        p->at++;
    else
        while (digit(p))
            p->at++;
    if (p->at < p->n && p->s[p->at] == '.') {
        p->at++;
        if (!digit(p))
            return json_fail(p, "digit expected after '.'");
        while (digit(p))
            p->at++;
    }
    if (p->at < p->n && (p->s[p->at] == 'e' || p->s[p->at] == 'E')) {
        p->at++;
        if (p->at < p->n && (p->s[p->at] == '+' || p->s[p->at] == '-'))
            p->at++;
        if (!digit(p))
            return json_fail(p, "digit expected in the exponent");
        while (digit(p))
            p->at++;
    }
    return 0;
}

static int json_value(json_parser *p, int depth)
{
    if (depth > 512)
        return json_fail(p, "nested too deeply");
    json_space(p);
    if (p->at >= p->n)
        return json_fail(p, "value expected");
    unsigned char c = p->s[p->at];
    if (c == '"')
        return json_string(p);
    if (c == '-' || (c >= '0' && c <= '9'))
        return json_number(p);
    static const char *const words[] = {"true", "false", "null"};
    for (size_t i = 0; i < 3; i++) {
        size_t k = strlen(words[i]);
        if (p->n - p->at >= k && memcmp(p->s + p->at, words[i], k) == 0) {
            p->at += k;
            return 0;
        }
    }
    if (c != '{' && c != '[')
        return json_fail(p, "value expected");
    unsigned char close = c == '{' ? '}' : ']';
    p->at++;
    json_space(p);
    if (p->at < p->n && p->s[p->at] == close) {
        p->at++;
        return 0;
    }
    for (;;) {
        json_space(p);
        if (c == '{') {
            if (p->at >= p->n || p->s[p->at] != '"')
                return json_fail(p, "key expected");
            if (json_string(p))
                return -1;
            json_space(p);
            if (p->at >= p->n || p->s[p->at] != ':')
                return json_fail(p, "':' expected");
            p->at++;
        }
        if (json_value(p, depth + 1))
            return -1;
        json_space(p);
        if (p->at < p->n && p->s[p->at] == ',') {
            p->at++;
            continue;
        }
        if (p->at < p->n && p->s[p->at] == close) {
            p->at++;
            return 0;
        }
        return json_fail(p, "',' or end expected");
    }
}

int qa_check_json(const char *text, size_t length, char *message, size_t size)
{
    json_parser p = {(const unsigned char *)text, length, 0, message, size};
    if (json_value(&p, 0))
        return -1;
    json_space(&p);
    if (p.at != p.n)
        return json_fail(&p, "text after the value");
    return 0;
}

/* ---------------------------------------------------------------- files -------------- */

static char *read_whole(const char *path, size_t *size)
{
    FILE *file = fopen(path, "rb");
    if (!file)
        return NULL;
    size_t capacity = 1 << 16, n = 0, got;
    char *data = malloc(capacity);
    while (data && (got = fread(data + n, 1, capacity - n, file)) > 0) {
        n += got;
        if (n == capacity) {
            char *grown = realloc(data, capacity *= 2);
            if (!grown) {
                free(data);
                data = NULL;
            }
            data = grown;
        }
    }
    fclose(file);
    *size = n;
    return data;
}

int qa_check_json_file(const char *path, char *message, size_t size)
{
    size_t n;
    char *data = read_whole(path, &n);
    if (!data)
        return fail(message, size, "cannot read %s", path);
    int result = qa_check_json(data, n, message, size);
    free(data);
    return result;
}

static uint32_t le16(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8;
}

static uint32_t le32(const unsigned char *p)
{
    return le16(p) | le16(p + 2) << 16;
}

/* Member data (stored or deflated) into a fresh buffer of `expected` bytes. */
static unsigned char *member_data(const unsigned char *data, size_t compressed, uint32_t method,
                                  size_t expected)
{
    unsigned char *out = malloc(expected + 1);
    if (!out)
        return NULL;
    if (method == 0) {
        if (compressed != expected) {
            free(out);
            return NULL;
        }
        memcpy(out, data, expected);
        return out;
    }
    z_stream z;
    memset(&z, 0, sizeof z);
    if (inflateInit2(&z, -MAX_WBITS) != Z_OK) {
        free(out);
        return NULL;
    }
    z.next_in = (unsigned char *)data;
    z.avail_in = (uInt)compressed;
    z.next_out = out;
    z.avail_out = (uInt)expected + 1;
    int rc = inflate(&z, Z_FINISH);
    size_t produced = z.total_out;
    inflateEnd(&z);
    if (rc != Z_STREAM_END || produced != expected) {
        free(out);
        return NULL;
    }
    return out;
}

int qa_check_workbook(const char *path, size_t *longest_text, char *message, size_t size)
{
    size_t n;
    unsigned char *zip = (unsigned char *)read_whole(path, &n);
    if (!zip)
        return fail(message, size, "cannot read %s", path);
    int result = 0;
    size_t eocd = n >= 22 ? n - 22 : 0;
    while (n >= 22 && eocd > 0 && le32(zip + eocd) != 0x06054b50)
        eocd--;
    if (n < 22 || le32(zip + eocd) != 0x06054b50) {
        free(zip);
        return fail(message, size, "%s: not a zip archive (no end of central directory)", path);
    }
    size_t entries = le16(zip + eocd + 10), cd = le32(zip + eocd + 16);
    size_t xml_members = 0;
    for (size_t e = 0; e < entries && result == 0; e++) {
        if (cd + 46 > n || le32(zip + cd) != 0x02014b50) {
            result = fail(message, size, "%s: bad central directory entry %zu", path, e);
            break;
        }
        uint32_t method = le16(zip + cd + 10), crc = le32(zip + cd + 16);
        size_t compressed = le32(zip + cd + 20), plain = le32(zip + cd + 24);
        size_t name_length = le16(zip + cd + 28), extra = le16(zip + cd + 30),
               comment = le16(zip + cd + 32), local = le32(zip + cd + 42);
        char name[512];
        snprintf(name, sizeof name, "%.*s", (int)(name_length < 511 ? name_length : 511),
                 (const char *)zip + cd + 46);
        cd += 46 + name_length + extra + comment;
        if (local + 30 > n || le32(zip + local) != 0x04034b50) {
            result = fail(message, size, "%s: %s: bad local header", path, name);
            break;
        }
        size_t start = local + 30 + le16(zip + local + 26) + le16(zip + local + 28);
        if (start + compressed > n || (method != 0 && method != 8)) {
            result = fail(message, size, "%s: %s: truncated or unknown method", path, name);
            break;
        }
        unsigned char *plain_data = member_data(zip + start, compressed, method, plain);
        if (!plain_data) {
            result = fail(message, size, "%s: %s: cannot inflate", path, name);
            break;
        }
        if ((uint32_t)crc32(0L, plain_data, (uInt)plain) != crc) {
            result = fail(message, size, "%s: %s: CRC mismatch", path, name);
        } else {
            size_t name_len = strlen(name);
            bool xml = (name_len > 4 && strcmp(name + name_len - 4, ".xml") == 0) ||
                       (name_len > 5 && strcmp(name + name_len - 5, ".rels") == 0) ||
                       (name_len > 4 && strcmp(name + name_len - 4, ".vml") == 0);
            if (xml) {
                char inner[384];
                xml_members++;
                if (xml_check((const char *)plain_data, plain, longest_text, inner, sizeof inner))
                    result = fail(message, size, "%s: %s: %s", path, name, inner);
            }
        }
        free(plain_data);
    }
    free(zip);
    if (result == 0 && xml_members == 0)
        return fail(message, size, "%s: no XML member", path);
    return result;
}
