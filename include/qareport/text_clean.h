/* text_clean.h: the one sanitiser for text that reaches an output (workbook cells, sheet and
 * chart titles, JSON strings, the terminal, error messages, figures). Any byte string becomes
 * valid UTF-8 (each ill-formed subsequence, an overlong form, a surrogate, a value above
 * U+10FFFF or a sequence cut short, replaced by one U+FFFD, as the Unicode Standard §3.9
 * recommends: "maximal subparts"), without the control characters XML 1.0 forbids or a
 * terminal would act on (U+0000..U+001F except tab, line feed and carriage return, U+007F,
 * U+0080..U+009F; the noncharacters U+FFFE and U+FFFF become U+FFFD), and at most `limit`
 * characters long counted as Excel counts them (UTF-16 code units: a character above U+FFFF
 * counts two). Longer text is cut at a character boundary and ends with QA_TEXT_MARK, so a cut
 * is visible and the whole stays within the limit. */
#ifndef QAREPORT_TEXT_CLEAN_H
#define QAREPORT_TEXT_CLEAN_H

#include <stdbool.h>
#include <stddef.h>

/* Excel's limit for the text of one cell, in characters (UTF-16 code units). */
enum { QA_TEXT_CELL_LIMIT = 32767 };
/* Chart titles and series names: Excel shows at most 255 characters. */
enum { QA_TEXT_TITLE_LIMIT = 255 };
#define QA_TEXT_NO_LIMIT ((size_t)-1)
/* Ends a text that was cut (13 characters, 15 bytes). */
#define QA_TEXT_MARK "\xE2\x80\xA6 [truncated]"

/* True when `text` is already clean and at most `limit` characters (then it is output as is). */
bool qa_text_is_clean(const char *text, size_t limit);

/* The cleaned text into `out` (`size` bytes, NUL-terminated, size > 0), cut with the mark when
 * it has more than `limit` characters or more than size - 1 bytes (without the mark when even
 * the mark does not fit). Returns the bytes written, without the NUL. */
size_t qa_text_clean_into(char *out, size_t size, const char *text, size_t limit);

/* A cleaned copy to free(), or NULL when out of memory. */
char *qa_text_clean(const char *text, size_t limit);

/* `text` itself when clean, else a cleaned copy that is also stored in *owned for the caller
 * to free (*owned is NULL when nothing was allocated); NULL when out of memory. */
const char *qa_text_clean_view(const char *text, size_t limit, char **owned);

#endif
