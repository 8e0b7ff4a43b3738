/* import.h: reading a coded case dataset from CSV (RFC 4180, UTF-8, optional BOM, CRLF or
 * LF) with libcsv in strict mode, streamed in chunks, into a qa_dataset guided by a codebook.
 * Every problem of the file is collected (`qareport validate` reports them all), each naming
 * file, physical line, column and case id. */
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
} qa_import_options;

/* Reads path into dataset. On QA_OK the dataset is complete and every problem list empty;
 * on QA_ERR_INPUT errors holds every problem found (the dataset is freed); QA_ERR_IO when
 * the file cannot be read. */
qa_status qa_import_csv(const char *path, const qa_codebook *codebook,
                        const qa_import_options *options, qa_dataset *dataset,
                        qa_error_list *errors);

#endif
