/* fuzz_common.h: what the libFuzzer targets share. Each run gets a private temporary folder
 * (made once per process, emptied after every input); the whole-program targets run the
 * command in-process through qa_cli_main and then hold the outputs to the promises of
 * docs/RELIABILITY.md: exit status 0 or 2 only, on 0 a workbook whose every XML member is
 * well-formed and a JSON document that is valid UTF-8 RFC 8259, on 2 no output at all, and
 * never a temporary file left behind. A broken promise prints why and aborts, so libFuzzer
 * keeps the input. */
#ifndef QAREPORT_FUZZ_COMMON_H
#define QAREPORT_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>

/* The process's temporary folder (created on first use). */
const char *fuzz_dir(void);

/* Writes size bytes to <fuzz_dir>/<name>; returns the path (static buffer per name slot). */
const char *fuzz_write(const char *name, const uint8_t *data, size_t size, char *path,
                       size_t path_size);

/* Removes every file in fuzz_dir. */
void fuzz_clean(void);

/* Splits data at the first occurrence of marker: [data, *first_size) and the rest after the
 * marker in *rest, *rest_size (NULL, 0 when the marker is absent). */
void fuzz_split(const uint8_t *data, size_t size, const char *marker, size_t *first_size,
                const uint8_t **rest, size_t *rest_size);

/* Options from a first line "#! --opt value ..." (at most 16 words, each at most 64 bytes),
 * for options in allowed (NULL-terminated). Returns the number of words put in words[];
 * -1 when a word is not allowed (the input is then skipped). *body is set past the line. */
int fuzz_options(const uint8_t **data, size_t *size, const char *const *allowed, char words[][65],
                 int max_words);

/* Runs `qareport argv...` in-process and checks the outputs (workbook, json may be NULL)
 * against the promises above; aborts on a broken one. */
void fuzz_run_and_check(int argc, char **argv, const char *workbook, const char *json);

/* Aborts with a message (the finding). */
void fuzz_finding(const char *format, ...) __attribute__((format(printf, 1, 2), noreturn));

#endif
