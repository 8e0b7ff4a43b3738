/* Low-level text checks of the importer: encoding (UTF-8, NUL) and numbers. */
#include "import_internal.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

int qa_text_needs_encoding_check(const unsigned char *text, size_t size)
{
    const uint64_t high = 0x8080808080808080ull, ones = 0x0101010101010101ull;
    size_t i = 0;
    for (; i + 8 <= size; i += 8) {
        uint64_t word;
        memcpy(&word, text + i, 8);
        /* any byte >= 0x80, or any zero byte (the classic has-zero-byte test) */
        if ((word & high) || ((word - ones) & ~word & high))
            return 1;
    }
    for (; i < size; i++)
        if (text[i] == 0 || text[i] >= 0x80)
            return 1;
    return 0;
}

/* RFC 3629: no overlongs, no surrogates, nothing above U+10FFFF. */
static size_t utf8_sequence_length(const unsigned char *p, size_t left)
{
    unsigned char c = p[0];
    size_t length;
    unsigned char low = 0x80, high = 0xBF;
    if (c >= 0xC2 && c <= 0xDF)
        length = 2;
    else if (c >= 0xE0 && c <= 0xEF) {
        length = 3;
        if (c == 0xE0)
            low = 0xA0;
        else if (c == 0xED)
            high = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        length = 4;
        if (c == 0xF0)
            low = 0x90;
        else if (c == 0xF4)
            high = 0x8F;
    } else
        return 0;
    if (left < length || p[1] < low || p[1] > high)
        return 0;
    for (size_t i = 2; i < length; i++)
        if (p[i] < 0x80 || p[i] > 0xBF)
            return 0;
    return length;
}

size_t qa_utf8_invalid_offset(const unsigned char *text, size_t size)
{
    size_t i = 0;
    while (i < size) {
        if (text[i] == 0)
            return i;
        if (text[i] < 0x80) {
            i++;
            continue;
        }
        size_t length = utf8_sequence_length(text + i, size - i);
        if (length == 0)
            return i;
        i += length;
    }
    return size;
}

/* Exact powers of ten: a 15-digit integer divided by one of them is correctly rounded,
 * so the fast path gives strtod's result (Clinger 1990). */
static const double powers_of_ten[] = {1e0, 1e1, 1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                       1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};

static int parse_with_strtod(const char *text, size_t size, double *value)
{
    char buffer[64];
    if (size == 0 || size >= sizeof buffer)
        return 0;
    for (size_t i = 0; i < size; i++) {
        char c = text[i];
        /* plain decimal notation only: no hex, inf or nan */
        if (!((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.' || c == 'e' || c == 'E'))
            return 0;
    }
    memcpy(buffer, text, size);
    buffer[size] = '\0';
    char *end;
    errno = 0;
    double v = strtod(buffer, &end);
    if (end != buffer + size || !isfinite(v))
        return 0;
    *value = v;
    return 1;
}

int qa_parse_number(const char *text, size_t size, double *value)
{
    while (size > 0 && (text[0] == ' ' || text[0] == '\t'))
        text++, size--;
    while (size > 0 && (text[size - 1] == ' ' || text[size - 1] == '\t'))
        size--;
    size_t i = 0;
    int negative = 0;
    if (i < size && (text[i] == '-' || text[i] == '+'))
        negative = text[i++] == '-';
    uint64_t mantissa = 0;
    int digits = 0, fraction_digits = 0;
    while (i < size && text[i] >= '0' && text[i] <= '9')
        mantissa = mantissa * 10 + (uint64_t)(text[i++] - '0'), digits++;
    if (i < size && text[i] == '.') {
        i++;
        while (i < size && text[i] >= '0' && text[i] <= '9')
            mantissa = mantissa * 10 + (uint64_t)(text[i++] - '0'), digits++, fraction_digits++;
    }
    if (i == size && digits > 0 && digits <= 15) {
        double v = (double)mantissa;
        if (fraction_digits)
            v /= powers_of_ten[fraction_digits];
        *value = negative ? -v : v;
        return 1;
    }
    return parse_with_strtod(text, size, value);
}
