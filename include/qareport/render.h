/* render.h: the renderers. JSON writes the results themselves (SPEC's shape); the xlsx and
 * text renderers draw the tables that the report module lays out (report.h): the workbook
 * and the terminal summary of the ten verdicts. None of them computes anything. */
#ifndef QAREPORT_RENDER_H
#define QAREPORT_RENDER_H

#include <stdio.h>

#include "qareport/codebook.h"
#include "qareport/dataset.h"
#include "qareport/error.h"
#include "qareport/results.h"

/* Language of labels in the workbook and terminal summary. */
typedef enum { QA_LANG_EN = 0, QA_LANG_ZH = 1 } qa_language;

/* Tool and library identification written into every output. */
typedef struct {
    const char *command_line; /* the exact command that reproduces the output */
} qa_render_context;

/* `analyze --json`: one JSON document (SPEC "The workbook", --json shape). */
void qa_render_json_analysis(const qa_results *results, const qa_render_context *context,
                             FILE *out);

/* `analyze --by --json`: the groups side by side with the difference z tests. */
void qa_render_json_groups(const qa_group_results *groups, const qa_render_context *context,
                           FILE *out);

/* `analyze --by`: each group's verdicts, then the difference z tests. */
void qa_render_text_groups(const qa_group_results *groups, qa_language language, FILE *out);

/* The ten verdicts as an aligned table that fits 80 columns (English labels). */
void qa_render_text_summary(const qa_results *results, FILE *out);
/* The same in a chosen language (Chinese characters count two columns). */
void qa_render_text_summary_language(const qa_results *results, qa_language language, FILE *out);

/* Everything the workbook shows. Only results is required; the others may be NULL and
 * their sheets then say so. */
typedef struct {
    const qa_results *results;      /* the analysis */
    const qa_group_results *groups; /* --by: NULL when not grouped */
    const qa_dataset *dataset;      /* Data and Codebook sheets */
    const qa_derived *derived;      /* duration/durable/event per row */
    const qa_codebook *codebook;
    const char *command_line;  /* About: the exact reproducing command */
    const char *tool_versions; /* About: "libxlsxwriter 1.1.4, GSL 2.7, ..." */
    qa_language language;
    qa_data_sheet_mode data_sheet; /* auto: included up to 100,000 cases */
    const unsigned char *rows;     /* Data sheet: rows[row] = 1 for the rows analysed
                                    * (--where); NULL = all rows */
} qa_workbook_input;

/* Writes the workbook to `path` (the caller passes a temporary path and renames it).
 * Document timestamps are fixed (SOURCE_DATE_EPOCH when set, else a constant), so the
 * same input gives a byte-identical file. */
qa_status qa_render_xlsx(const qa_workbook_input *input, const char *path, qa_error *error);

#endif
