/* suggest.h: "did you mean" for names a person typed (options, codebook roles, types and
 * columns, header names): the closest candidate by Damerau-Levenshtein distance (optimal
 * string alignment: insertions, deletions, substitutions and transpositions of neighbours
 * each cost one), when it is close enough to be a likely typo. */
#ifndef QAREPORT_SUGGEST_H
#define QAREPORT_SUGGEST_H

#include <stddef.h>

/* Edit distance of a and b, compared case-insensitively for ASCII; capped at limit + 1 (the
 * work stops early once the distance must exceed limit). */
size_t qa_edit_distance(const char *a, const char *b, size_t limit);

/* The candidate closest to word, or NULL when none is within a third of the longer name's
 * length (at least 1, at most 3 edits) or the word is itself a candidate. The first
 * candidate wins a tie. */
const char *qa_suggest(const char *word, const char *const *candidates, size_t count);

/* " (did you mean 'x'?)" into buffer when qa_suggest finds one, else "". Returns buffer. */
const char *qa_suggest_hint(const char *word, const char *const *candidates, size_t count,
                            char *buffer, size_t size);

#endif
