/* output_file.h: writing output files safely. A report is written to a temporary file in
 * the destination's folder and renamed into place only when complete, so a failure never
 * leaves a half-written file nor destroys the previous one; and the tool refuses to write
 * over one of its own inputs. */
#ifndef QAREPORT_OUTPUT_FILE_H
#define QAREPORT_OUTPUT_FILE_H

#include <stdbool.h>
#include <stdio.h>

#include "qareport/error.h"

enum { QA_PATH_TEXT = 4096 };

typedef struct {
    char final_path[QA_PATH_TEXT];
    char temp_path[QA_PATH_TEXT];
    FILE *stream; /* open for writing when created with qa_output_begin(.., true, ..) */
    bool direct;  /* the destination is not a regular file (/dev/null, a pipe): written in
                     place, never renamed over nor removed; temp_path is the path itself */
    int pending;  /* the temporary file's entry for the signal handler, -1 when none */
} qa_output_file;

/* Refuses (QA_ERR_USAGE) when `path` is one of the `input_count` inputs; creates the
 * destination folder's temporary file "<path>.tmp-XXXXXX". With open_stream, opens it as
 * `stream`; otherwise the caller writes temp_path itself (e.g. libxlsxwriter) after this
 * call has created and closed it. */
qa_status qa_output_begin(qa_output_file *file, const char *path, const char *const *inputs,
                          int input_count, bool open_stream, qa_error *error);
/* Until it is committed or aborted, SIGINT, SIGTERM or SIGHUP removes the temporary file and
 * then ends the program as the signal would have (output_file.c explains why). */
/* Closes the stream if open and renames the temporary file over the destination. */
qa_status qa_output_commit(qa_output_file *file, qa_error *error);
/* Closes and removes the temporary file; the destination is untouched. */
void qa_output_abort(qa_output_file *file);

#endif
