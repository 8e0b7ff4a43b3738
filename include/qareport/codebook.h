/* codebook.h: what each column of a coded case dataset means. A codebook maps the file's
 * column names to roles (id, formed, the five measures, years, controls, ...) and types, with
 * ranges and extra missing-value codes. The default of docs/METHODS.md §2.2 applies without `-c
 * FILE`; `qareport codebook` prints it as a template. */
#ifndef QAREPORT_CODEBOOK_H
#define QAREPORT_CODEBOOK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "qareport/domain.h"
#include "qareport/error.h"

typedef enum {
    QA_ROLE_ID = 0,
    QA_ROLE_NAME,
    QA_ROLE_MEMBERS,        /* `;`-separated actors (METHODS §2.5, §6.4) */
    QA_ROLE_FORMED,
    QA_ROLE_START_YEAR,
    QA_ROLE_END_YEAR,
    QA_ROLE_ONGOING,
    QA_ROLE_OBSERVED_UNTIL,
    QA_ROLE_MEASURE, /* with measure = 0..4 (security .. value) */
    QA_ROLE_CONTROL,
    QA_ROLE_GROUP,
    QA_ROLE_TEXT,
    QA_ROLE_IGNORE
} qa_role;

typedef enum {
    QA_TYPE_BINARY = 0,
    QA_TYPE_ORDINAL,
    QA_TYPE_INTERVAL,
    QA_TYPE_CATEGORY,
    QA_TYPE_YEAR,
    QA_TYPE_TEXT
} qa_value_type;

/* A transformation applied to a numeric column after reading (and after its range check):
 * reverse = min + max - x (the codebook's bounds, else the observed ones), log, log1p,
 * z = (x - mean) / sd over the file's non-missing values (n - 1 SD). */
typedef enum {
    QA_TRANSFORM_NONE = 0,
    QA_TRANSFORM_REVERSE,
    QA_TRANSFORM_LOG,
    QA_TRANSFORM_LOG1P,
    QA_TRANSFORM_Z
} qa_transform;

enum { QA_MAX_MISSING_CODES = 8, QA_CODEBOOK_TEXT = 128, QA_CONSTANT_TEXT = 64 };

typedef struct {
    char column[QA_CODEBOOK_TEXT]; /* name in the data file's header */
    qa_role role;
    int measure; /* 0..4 for QA_ROLE_MEASURE, else -1 */
    qa_value_type type;
    double min, max;      /* NaN: no bound */
    size_t missing_count; /* extra missing codes beyond "", NA and "." */
    char missing[QA_MAX_MISSING_CODES][32];
    char label[256]; /* valid UTF-8, cut at a character boundary */
    qa_transform transform;
    bool has_constant; /* the column is not read: every row gets `constant` */
    char constant[QA_CONSTANT_TEXT];
    long line; /* line in the codebook file; 0 for the default */
} qa_codebook_entry;

typedef struct {
    size_t count;
    qa_codebook_entry *entries;
    char path[256]; /* "" for the default codebook */
} qa_codebook;

/* The default codebook (docs/METHODS.md §2.2) (case_id, case_name, members, years, formed, the five
 * ordinal 0–4 measures, the six typology categories, source, notes). */
qa_status qa_codebook_default(qa_codebook *codebook, qa_error *error);
/* Reads a codebook CSV (column,role,type[,min,max,missing,label,transform,constant], see
 * docs/CODEBOOK.md); errors name line and codebook column, unknown names come with the valid
 * list and a did-you-mean. Near-linear in the number of rows. */
qa_status qa_codebook_read(const char *path, qa_codebook *codebook, qa_error *error);
void qa_codebook_free(qa_codebook *codebook);
/* Writes the codebook as CSV in the same layout (the `qareport codebook` template). */
void qa_codebook_write(const qa_codebook *codebook, FILE *out);
/* The entry for a column name, or NULL. */
const qa_codebook_entry *qa_codebook_find(const qa_codebook *codebook, const char *column);

const char *qa_role_name(qa_role role); /* "id", "measure", ... */
const char *qa_value_type_name(qa_value_type type);
const char *qa_transform_name(qa_transform transform); /* "" for none */
/* "measure:security" for a measure, else the role's name, into buffer. */
const char *qa_codebook_role_text(const qa_codebook_entry *entry, char *buffer, size_t size);

#endif
