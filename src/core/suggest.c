/* "Did you mean": the nearest candidate by edit distance; see suggest.h. Optimal string
 * alignment distance (Damerau 1964; Levenshtein 1966), two-row dynamic programme. */
#include "qareport/suggest.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned char fold(unsigned char c)
{
    return c >= 'A' && c <= 'Z' ? (unsigned char)(c - 'A' + 'a') : c;
}

enum { LONGEST = 256 }; /* longer names are compared on their first 256 bytes */

size_t qa_edit_distance(const char *a, const char *b, size_t limit)
{
    size_t n = strlen(a), m = strlen(b);
    n = n > LONGEST ? LONGEST : n;
    m = m > LONGEST ? LONGEST : m;
    if ((n > m ? n - m : m - n) > limit)
        return limit + 1;
    size_t rows[3][LONGEST + 1];
    size_t *before = rows[0], *previous = rows[1], *current = rows[2];
    for (size_t j = 0; j <= m; j++)
        previous[j] = j;
    for (size_t i = 1; i <= n; i++) {
        current[0] = i;
        size_t row_min = current[0];
        for (size_t j = 1; j <= m; j++) {
            unsigned char x = fold((unsigned char)a[i - 1]), y = fold((unsigned char)b[j - 1]);
            size_t cost = x == y ? 0 : 1;
            size_t best = previous[j - 1] + cost;
            if (previous[j] + 1 < best)
                best = previous[j] + 1;
            if (current[j - 1] + 1 < best)
                best = current[j - 1] + 1;
            if (i > 1 && j > 1 && x == fold((unsigned char)b[j - 2]) &&
                fold((unsigned char)a[i - 2]) == y && before[j - 2] + 1 < best)
                best = before[j - 2] + 1;
            current[j] = best;
            if (best < row_min)
                row_min = best;
        }
        if (row_min > limit)
            return limit + 1;
        size_t *swap = before;
        before = previous, previous = current, current = swap;
    }
    return previous[m] > limit ? limit + 1 : previous[m];
}

const char *qa_suggest(const char *word, const char *const *candidates, size_t count)
{
    const char *best = NULL;
    size_t best_distance = (size_t)-1;
    size_t length = strlen(word);
    for (size_t i = 0; i < count; i++) {
        if (!candidates[i])
            continue;
        if (strcmp(candidates[i], word) == 0)
            return NULL;
        size_t longer = strlen(candidates[i]);
        longer = longer > length ? longer : length;
        size_t limit = longer / 3;
        limit = limit < 1 ? 1 : limit > 3 ? 3 : limit;
        size_t d = qa_edit_distance(word, candidates[i], limit);
        if (d <= limit && d < best_distance) {
            best = candidates[i];
            best_distance = d;
        }
    }
    return best;
}

const char *qa_suggest_hint(const char *word, const char *const *candidates, size_t count,
                            char *buffer, size_t size)
{
    const char *best = qa_suggest(word, candidates, count);
    if (size > 0)
        buffer[0] = '\0';
    if (best && size > 0)
        snprintf(buffer, size, " (did you mean '%s'?)", best);
    return buffer;
}
