/* render.h: the renderers. JSON writes the results themselves (docs/METHODS.md §8.3); the xlsx and
 * text renderers draw the tables that the report module has laid out (report.h): the
 * workbook and the terminal summaries. None of them computes or lays out anything: the
 * caller builds a report (qa_report_build...) and hands it to a renderer. */
#ifndef QAREPORT_RENDER_H
#define QAREPORT_RENDER_H

#include <stdio.h>

#include "qareport/compare.h"
#include "qareport/error.h"
#include "qareport/report.h"
#include "qareport/results.h"

/* Tool and library identification written into every output. */
typedef struct {
    const char *command_line; /* the exact command that reproduces the output */
} qa_render_context;

/* `analyze --json`: one JSON document (docs/METHODS.md §8.3). */
void qa_render_json_analysis(const qa_results *results, const qa_render_context *context,
                             FILE *out);

/* `analyze --by --json`: the groups side by side with the difference z tests. */
void qa_render_json_groups(const qa_group_results *groups, const qa_render_context *context,
                           FILE *out);

/* `compare --json`: the comparison in the shape of docs/METHODS.md §8.5. */
void qa_render_json_compare(const qa_compare_result *result, const qa_render_context *context,
                            FILE *out);

/* Draws a laid-out report as an .xlsx workbook at `path` (the caller passes a temporary path
 * and renames it). Document timestamps are fixed (SOURCE_DATE_EPOCH when set, else a
 * constant), so the same report gives a byte-identical file. */
qa_status qa_render_xlsx(const qa_report *report, const char *path, qa_error *error);

/* Draws the report's figures (qa_report_build_figures) into `directory` (created when
 * missing): <stem>.pdf, <stem>.svg and <stem>.png each, 6.5 inches wide, PNG at 144 dpi.
 * Each file is written through a temporary file and refused when it is one of the inputs. */
qa_status qa_render_figures(const qa_report *report, const char *directory,
                            const char *const *inputs, int input_count, qa_error *error);

/* Draws every table of a sheet as aligned plain text (title, headers, rows, notes), a blank
 * line between tables: the terminal summaries. Wide characters count as two columns; numbers
 * are formatted as their number format shows them. */
void qa_render_text_sheet(const qa_sheet *sheet, FILE *out);

#endif
