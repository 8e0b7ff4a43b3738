/* error.h: errors as values. Every fallible function returns a qa_status and, for input
 * problems, fills a qa_error naming file, line, column and case, which main prints once.
 * A qa_error_list collects many problems at once (`qareport validate` reports them all). */
#ifndef QAREPORT_ERROR_H
#define QAREPORT_ERROR_H

#include <stddef.h>

typedef enum {
    QA_OK = 0,
    QA_ERR_INPUT,    /* bad data or codebook: exit status 2 */
    QA_ERR_USAGE,    /* bad command line: exit status 2 */
    QA_ERR_IO,       /* cannot read or write a file: exit status 3 */
    QA_ERR_MEMORY,   /* allocation failed */
    QA_ERR_NUMERIC,  /* a computation could not be done (singular, no variation, ...) */
    QA_ERR_INTERNAL
} qa_status;

enum { QA_ERROR_TEXT = 512 };

typedef struct {
    qa_status status;
    char file[256];   /* "" when not about a file */
    long line;        /* physical line, header = 1; 0 when unknown */
    char column[128]; /* column name; "" when unknown */
    char case_id[128];/* case id; "" when unknown */
    char message[QA_ERROR_TEXT];
} qa_error;

/* Sets every field; file/column/case_id may be NULL. Returns status, for `return qa_error_set(...)`. */
qa_status qa_error_set(qa_error *error, qa_status status, const char *file, long line,
                       const char *column, const char *case_id, const char *format, ...)
    __attribute__((format(printf, 7, 8)));

/* Clears to QA_OK. */
void qa_error_clear(qa_error *error);

/* "FILE:LINE:COLUMN: case ID: message" with the parts that are known. */
void qa_error_format(const qa_error *error, char *buffer, size_t size);

/* The process exit status for a status: 0, 2 (input/usage) or 3 (I/O), 1 otherwise. */
int qa_status_exit_code(qa_status status);

const char *qa_status_name(qa_status status);

/* A growable list of errors, for reporting every problem of a file at once. */
typedef struct {
    qa_error *items;
    size_t count;
    size_t capacity;
    size_t limit; /* stop collecting after this many (0 = no limit); `dropped` counts the rest */
    size_t dropped;
} qa_error_list;

void qa_error_list_init(qa_error_list *list, size_t limit);
/* Appends a copy. Returns QA_ERR_MEMORY when it cannot grow. */
qa_status qa_error_list_add(qa_error_list *list, const qa_error *error);
void qa_error_list_free(qa_error_list *list);

#endif
