/* import.h: reading a coded case dataset into a qa_dataset guided by a codebook: CSV (RFC
 * 4180, UTF-8 or converted with iconv, optional BOM, LF, CRLF or CR line ends, comma,
 * semicolon or tab delimiter) with libcsv in strict mode, streamed in chunks; Stata, SPSS and
 * SAS files with ReadStat. The format is chosen by the file's first bytes; files it cannot
 * read (Excel, OpenDocument, UTF-16, other binary files) get one line naming the type and
 * the fix. Every problem of the file is collected (`qareport validate` reports them all),
 * each naming file, physical line (for Stata/SPSS/SAS: observation + 1, as in a CSV export
 * with a header), column and case id. */
#ifndef QAREPORT_IMPORT_H
#define QAREPORT_IMPORT_H

#include <stdbool.h>

#include "qareport/codebook.h"
#include "qareport/dataset.h"
#include "qareport/error.h"

typedef struct {
    size_t error_limit;     /* stop collecting after this many problems (0 = QA_ERROR_LIMIT) */
    bool skip_text_columns; /* columns with role `text` (source, notes) are checked but not
                               stored (not in dataset->columns): saves memory on big files
                               when no Data sheet is written */
    char delimiter;         /* CSV field separator; 0 = detected from the header line
                               (',', ';' or tab, whichever it holds most; ',' on a tie) */
    const char *encoding;   /* CSV text encoding: NULL or "UTF-8" = as is, else an iconv
                               name (latin1, cp1252, ...) converted to UTF-8 first */
    unsigned skip_measures; /* bit k set: hypothesis H(k+1) is not measured (--skip): its
                               columns are neither required nor read */
} qa_import_options;

/* What the first bytes of a file say it is. */
typedef enum {
    QA_FORMAT_CSV = 0,  /* text: read as CSV */
    QA_FORMAT_STATA,    /* .dta */
    QA_FORMAT_SPSS,     /* .sav, .zsav */
    QA_FORMAT_SPSS_POR, /* .por */
    QA_FORMAT_SAS,      /* .sas7bdat */
    QA_FORMAT_XPORT,    /* .xpt (SAS transport) */
    QA_FORMAT_XLSX,     /* unreadable from here on */
    QA_FORMAT_XLS,
    QA_FORMAT_ODS,
    QA_FORMAT_ZIP,
    QA_FORMAT_GZIP,
    QA_FORMAT_UTF16,
    QA_FORMAT_UTF32,
    QA_FORMAT_PDF,
    QA_FORMAT_RDATA,
    QA_FORMAT_BINARY
} qa_file_format;

/* Sniffs the first bytes of path. QA_ERR_IO when it cannot be opened. */
qa_status qa_detect_format(const char *path, qa_file_format *format, qa_error *error);
/* "CSV", "Stata", "SPSS", ... */
const char *qa_file_format_name(qa_file_format format);
/* For a format qareport cannot read: what it is and how to get a CSV from it (one line);
 * NULL for a readable format. */
const char *qa_file_format_advice(qa_file_format format);

/* Reads any readable format into dataset (chosen by qa_detect_format); an unreadable one is
 * one problem naming the type and the fix. Same contract as qa_import_csv. */
qa_status qa_import_file(const char *path, const qa_codebook *codebook,
                         const qa_import_options *options, qa_dataset *dataset,
                         qa_error_list *errors);

/* A Stata/SPSS/SAS file through ReadStat (value labels become category levels, declared
 * missing values missing, variable labels the labels of columns the codebook leaves
 * unlabelled). Same contract as qa_import_csv. */
qa_status qa_import_readstat(const char *path, qa_file_format format, const qa_codebook *codebook,
                             const qa_import_options *options, qa_dataset *dataset,
                             qa_error_list *errors);

/* A codebook template for a data file's own variables (`qareport codebook DATA`): each
 * column with the default codebook's role when its name is one of SPEC's, else role
 * `ignore`; the type guessed from the values (text, category for value labels or words,
 * binary for 0/1, ordinal for few whole numbers, year, interval); the variable label as
 * label. Any readable format. */
qa_status qa_codebook_template(const char *path, const qa_import_options *options,
                               qa_codebook *codebook, qa_error_list *errors);

/* Reads path into dataset. On QA_OK the dataset is complete and every problem list empty;
 * on QA_ERR_INPUT errors holds every problem found (the dataset is freed); QA_ERR_IO when
 * the file cannot be read. */
qa_status qa_import_csv(const char *path, const qa_codebook *codebook,
                        const qa_import_options *options, qa_dataset *dataset,
                        qa_error_list *errors);

#endif
