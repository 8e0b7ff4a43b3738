/* import_internal.h: pieces shared by the importer's files (not a public API): a string
 * interning table, the import state, and the per-field and per-row checks. */
#ifndef QAREPORT_IMPORT_INTERNAL_H
#define QAREPORT_IMPORT_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "qareport/codebook.h"
#include "qareport/dataset.h"
#include "qareport/error.h"

enum { QA_IMPORT_FIELD_LIMIT = 1 << 20 }; /* METHODS §2.1: a field over 1 MiB is an error */

/* Distinct strings, each with a dense index in first-seen order (category levels, case ids). */
typedef struct {
    uint32_t index_plus_one; /* 0 = empty */
    uint32_t hash;           /* compared before the bytes */
} qa_string_slot;

typedef struct {
    char *chars;
    size_t chars_size, chars_capacity;
    size_t *offsets;   /* index -> offset in chars */
    uint32_t *lengths; /* index -> length */
    size_t count, capacity;
    qa_string_slot *slots; /* open addressing, linear probing */
    size_t slot_count;     /* power of two */
    size_t last;           /* index found last time (consecutive rows often repeat a level) */
} qa_string_table;

void qa_string_table_free(qa_string_table *table);
/* Index of the string, inserting it when new (*inserted = 1). -1 when out of memory. */
int qa_string_table_intern(qa_string_table *table, const char *text, size_t size, size_t *index,
                           int *inserted);
/* 1 and *index when the string is in the table, else 0 (nothing inserted). */
int qa_string_table_find(const qa_string_table *table, const char *text, size_t size,
                         size_t *index);
const char *qa_string_table_get(const qa_string_table *table, size_t index);
uint32_t qa_string_hash(const char *text, size_t size);

/* How a header field's values are stored, decided once from the codebook (hot path). */
typedef enum {
    QA_PLAN_SKIP = 0,
    QA_PLAN_ID,
    QA_PLAN_TEXT,
    QA_PLAN_NUMBER,
    QA_PLAN_LEVEL
} qa_plan_action;

typedef struct {
    qa_plan_action action;
    int column;       /* dataset column, -1 = not stored */
    int has_codes;    /* extra missing codes: always take the general path */
    double low, high; /* a whole number in [low, high] is valid without further checks */
} qa_field_plan;

typedef struct {
    const char *path;
    const qa_codebook *codebook;
    qa_dataset *dataset;
    qa_error_list *errors;
    size_t error_limit;     /* stop when errors->count reaches this */
    int skip_text_columns;  /* role `text` columns are not stored */
    unsigned skip_measures; /* bit k: measure k is neither required nor read */
    char delimiter;         /* field separator (',' ';' or tab) */
    int decimal_comma;      /* ';'-separated: "1,5" is read as 1.5 (Excel's European CSV) */
    const char *const *variable_labels;   /* header field -> label from the file (ReadStat),
                                             used when the codebook gives none; may be NULL */
    void (*before_growth)(void *context); /* called before the row arrays or the text pool
                                             move (the CSV reader stops mapping their pages) */
    void *growth_context;
    qa_status fatal; /* QA_ERR_MEMORY stops everything */
    int stop;        /* error limit reached or unrecoverable syntax error */

    int header_done;
    size_t header_count;
    char **header_names;
    int *file_to_column;  /* header field -> dataset column, -1 = not stored */
    qa_field_plan *plans; /* header field -> how to store it */
    size_t header_capacity;

    size_t capacity;         /* rows allocated in every column */
    size_t text_capacity;    /* bytes allocated for the dataset's text pool */
    qa_string_table *levels; /* per dataset column (CATEGORY only used) */
    size_t level_count;      /* entries of levels */
    size_t suggestions;      /* did-you-mean searches made over the header */
    uint64_t *id_keys;       /* hash << 32 | row of every non-empty case id, checked for
                                duplicates after the last row (sorting beats probing a
                                table far bigger than the cache) */
    size_t id_key_count, id_key_capacity;
    size_t id_size; /* length of the current row's case id */

    size_t field_index; /* within the current row */
    long row_line;
    size_t row_first_error;
    int check_encoding; /* validate UTF-8 / NUL in the current line's fields */
} qa_importer;

void qa_importer_out_of_memory(qa_importer *importer);
/* The header row's fields, then its end (builds the columns and plans). */
void qa_importer_header_field(qa_importer *importer, const char *text, size_t size, long line);
void qa_importer_header_finish(qa_importer *importer);
void qa_importer_report(qa_importer *importer, long line, const char *column, const char *format,
                        ...) __attribute__((format(printf, 4, 5)));
/* One field of the current row (text need not be NUL-terminated); line = where it starts. */
void qa_importer_field(qa_importer *importer, const char *text, size_t size, long line);
/* A whole row of a quote-free line, split at its delimiters (the fast path). */
void qa_importer_split_row(qa_importer *importer, const char *text, size_t size, long line);
/* End of the current row (no-op for a row without fields). */
void qa_importer_row_end(qa_importer *importer);
/* Room for `rows` rows and `text_bytes` of text at once (estimates from the file size, so
 * the big arrays are allocated once instead of doubling); text that cannot be reserved is
 * not an error (the pool doubles as it fills). */
void qa_importer_reserve(qa_importer *importer, size_t rows, size_t text_bytes);
/* The arrays with one element per row (line numbers, case id keys, every column), at most
 * `most`, each with its bytes per row; all hold im->capacity rows. */
size_t qa_importer_row_arrays(qa_importer *importer, char **arrays, size_t *widths, size_t most);
/* Drops the current row after a syntax error. */
void qa_importer_row_abandon(qa_importer *importer);
/* After the last row: empty-file and header-only checks, level sorting. */
void qa_importer_finish(qa_importer *importer, size_t first_error);
void qa_importer_free(qa_importer *importer);
/* The header's name for field index ("" when out of range or before the header). */
const char *qa_importer_column_name(const qa_importer *importer, size_t index);

/* Bytes that are not plain ASCII or are NUL somewhere in text (fast word-wise scan). */
int qa_text_needs_encoding_check(const unsigned char *text, size_t size);
/* Offset of the first invalid UTF-8 byte or NUL, or size when valid. */
size_t qa_utf8_invalid_offset(const unsigned char *text, size_t size);
/* Parses a whole number or decimal; 0 when text is not a number. */
int qa_parse_number(const char *text, size_t size, double *value);

#endif
