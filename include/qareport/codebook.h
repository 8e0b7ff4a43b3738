/* codebook.h: what each column of a coded case dataset means. A codebook maps the file's
 * column names to roles (id, formed, the five measures, years, controls, ...) and types, with
 * ranges and extra missing-value codes. SPEC's default applies without `-c FILE`;
 * `qareport codebook` prints it as a template. */
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
    QA_ROLE_MEMBERS,        /* `;`-separated actors (an extension of SPEC's roles) */
    QA_ROLE_FORMED,
    QA_ROLE_START_YEAR,
    QA_ROLE_END_YEAR,
    QA_ROLE_ONGOING,
    QA_ROLE_OBSERVED_UNTIL,
    QA_ROLE_MEASURE,        /* with measure = 0..4 (security .. value) */
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

enum { QA_MAX_MISSING_CODES = 8, QA_CODEBOOK_TEXT = 128 };

typedef struct {
    char column[QA_CODEBOOK_TEXT];   /* name in the data file's header */
    qa_role role;
    int measure;                     /* 0..4 for QA_ROLE_MEASURE, else -1 */
    qa_value_type type;
    double min, max;                 /* NaN: no bound */
    size_t missing_count;            /* extra missing codes beyond "", NA and "." */
    char missing[QA_MAX_MISSING_CODES][32];
    char label[256];
} qa_codebook_entry;

typedef struct {
    size_t count;
    qa_codebook_entry *entries;
    char path[256];                  /* "" for the default codebook */
} qa_codebook;

/* SPEC's default codebook (case_id, case_name, members, years, formed, the five ordinal
 * 0–4 measures, the six typology categories, source, notes). */
qa_status qa_codebook_default(qa_codebook *codebook, qa_error *error);
/* Reads a codebook CSV (column,role,type,min,max,missing,label); errors name line/column. */
qa_status qa_codebook_read(const char *path, qa_codebook *codebook, qa_error *error);
void qa_codebook_free(qa_codebook *codebook);
/* Writes the codebook as CSV in the same layout (the `qareport codebook` template). */
void qa_codebook_write(const qa_codebook *codebook, FILE *out);
/* The entry for a column name, or NULL. */
const qa_codebook_entry *qa_codebook_find(const qa_codebook *codebook, const char *column);

const char *qa_role_name(qa_role role);       /* "id", "measure", ... */
const char *qa_value_type_name(qa_value_type type);

#endif
