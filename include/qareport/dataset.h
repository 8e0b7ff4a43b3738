/* dataset.h: a coded case dataset in memory, column-oriented. Numeric columns are double
 * arrays with NaN for missing; category columns are level codes (levels sorted as strcmp
 * sorts them, so the first is R's reference level); text columns share one string pool.
 * Filled by the importer (import.h) and read by the analysis; knows nothing of statistics
 * beyond the derived years of SPEC (composite measures are built by the analysis). */
#ifndef QAREPORT_DATASET_H
#define QAREPORT_DATASET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "qareport/codebook.h"
#include "qareport/domain.h"
#include "qareport/error.h"

typedef enum { QA_COLUMN_NUMERIC = 0, QA_COLUMN_CATEGORY, QA_COLUMN_TEXT } qa_column_kind;

typedef struct {
    char name[QA_CODEBOOK_TEXT];
    qa_codebook_entry entry;   /* copy of the codebook row that describes it */
    qa_column_kind kind;
    double *values;            /* NUMERIC: rows values, NaN = missing */
    int32_t *codes;            /* CATEGORY: rows level indexes, -1 = missing */
    size_t level_count;
    char **levels;             /* CATEGORY: sorted by strcmp */
    size_t *text_offset;       /* TEXT: rows offsets into the dataset's text pool; SIZE_MAX = missing */
} qa_column;

typedef struct {
    char path[1024];
    char sha256[65];           /* of the file's bytes, lowercase hex */
    size_t rows;
    long *line;                /* physical line where each row starts (header = 1) */
    size_t column_count;
    qa_column *columns;        /* the codebook's columns that appear in the file, file order */
    size_t unknown_count;
    char **unknown_columns;    /* header names the codebook does not know: ignored, listed */
    char *text_pool;           /* NUL-terminated strings of the TEXT columns */
    size_t text_pool_size;
    /* Roles resolved to column indexes (-1 = absent). Several measure columns with the same
     * role form a composite (measure_columns lists them). */
    int id_column, name_column, members_column, formed_column, start_column, end_column,
        ongoing_column, observed_column;
    size_t measure_column_count[QA_HYPOTHESIS_COUNT];
    int measure_columns[QA_HYPOTHESIS_COUNT][QA_MAX_MEASURE_COLUMNS];
} qa_dataset;

void qa_dataset_init(qa_dataset *dataset);
void qa_dataset_free(qa_dataset *dataset);

/* The column named `name`, or NULL. */
const qa_column *qa_dataset_column(const qa_dataset *dataset, const char *name);
/* Text of a TEXT column at row, or NULL when missing. */
const char *qa_dataset_text(const qa_dataset *dataset, const qa_column *column, size_t row);
/* The case id of a row ("" when the dataset has no id column). */
const char *qa_dataset_case_id(const qa_dataset *dataset, size_t row);

/* Derived per-row timing (SPEC "Durability", "Years"). */
typedef struct {
    double *formed;            /* 0/1, NaN = blank */
    double *duration;          /* years; NaN when unknown (not formed, missing years) */
    double *event;             /* 1 = ended, 0 = ongoing (censored); NaN when unknown */
    double *durable;           /* 1 = duration > T, 0 = ended with duration <= T,
                                  NaN = not formed / unknown / censored before threshold */
    unsigned char *censored_before_threshold;
    size_t formed_count, ongoing_count, censored_before_threshold_count;
} qa_derived;

/* Computes qa_derived for threshold T = durable_years and as_of (0 = not given). Every
 * ongoing formed case without an observation year is reported in errors (naming the case
 * and the fix `--as-of YEAR`); returns QA_ERR_INPUT when there was any. */
qa_status qa_dataset_derive(const qa_dataset *dataset, int durable_years, int as_of,
                            qa_derived *derived, qa_error_list *errors);
void qa_derived_free(qa_derived *derived);

#endif
