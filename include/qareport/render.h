/* render.h: the renderers. JSON writes the results themselves (SPEC's shape); the xlsx and
 * text renderers draw the tables that the report module has laid out (report.h): the
 * workbook and the terminal summaries. None of them computes or lays out anything: the
 * caller builds a report (qa_report_build...) and hands it to a renderer. */
#ifndef QAREPORT_RENDER_H
#define QAREPORT_RENDER_H

#include <stdio.h>

#include "qareport/error.h"
#include "qareport/report.h"
#include "qareport/results.h"

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

/* Draws a laid-out report as an .xlsx workbook at `path` (the caller passes a temporary path
 * and renames it). Document timestamps are fixed (SOURCE_DATE_EPOCH when set, else a
 * constant), so the same report gives a byte-identical file. */
qa_status qa_render_xlsx(const qa_report *report, const char *path, qa_error *error);

/* Draws one table as aligned plain text (title, headers, rows, notes), wide characters
 * counted as two columns; numbers formatted as their number format shows them. */
void qa_render_text_table(const qa_table *table, FILE *out);

#endif
