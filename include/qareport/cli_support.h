/* cli_support.h: what the commands share — loading a dataset with its codebook and printing
 * every problem, the reproducing command line, library versions, and writing JSON and
 * workbooks safely (temporary file, rename, never over an input). */
#ifndef QAREPORT_CLI_SUPPORT_H
#define QAREPORT_CLI_SUPPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "qareport/codebook.h"
#include "qareport/dataset.h"
#include "qareport/error.h"
#include "qareport/report.h"

/* Reads the codebook (NULL path: the default) and the dataset; prints problems to stderr
 * (at most `shown`, then a count and a hint to run validate). skip_text: the `text` columns
 * (source, notes) are checked but not kept (no Data sheet will show them). Returns the exit status
 * (0 on success). */
int qa_cli_load(const char *data_path, const char *codebook_path, size_t shown, bool skip_text,
                qa_codebook *codebook, qa_dataset *dataset);

/* "qareport analyze data.csv --alpha 0.01 ..." with arguments shell-quoted as needed. */
void qa_cli_command_line(const char *program, int argc, char **argv, char *buffer, size_t size);

/* "qareport 0.1.0; libxlsxwriter 1.1.4; GSL 2.7; libcsv 3.0.3; GLPK 5.0; nettle" */
void qa_cli_tool_versions(char *buffer, size_t size);

/* Prints an error once, as "qareport: FILE:LINE:COLUMN: case ID: message". */
void qa_cli_print_error(const qa_error *error);

/* Writes with a callback into `path` ("-" = stdout) through a temporary file. */
typedef void (*qa_cli_writer)(FILE *out, const void *context);
int qa_cli_write_text(const char *path, const char *const *inputs, int input_count,
                      qa_cli_writer write, const void *context);

/* Draws a laid-out report as a workbook into `path` through a temporary file (renamed when
 * complete, removed on failure; never over one of the inputs). Returns the exit status. */
int qa_cli_write_workbook(const char *path, const char *const *inputs, int input_count,
                          const qa_report *report);

/* Draws every table of the report's first sheet as plain text, a blank line between them:
 * the terminal summaries. */
void qa_cli_print_tables(const qa_report *report, FILE *out);

#endif
