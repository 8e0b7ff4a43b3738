/* render.h: the renderers. JSON writes the results themselves (SPEC's shape); the text
 * renderer draws the terminal summary of the ten verdicts. Neither computes anything. */
#ifndef QAREPORT_RENDER_H
#define QAREPORT_RENDER_H

#include <stdio.h>

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

/* The ten verdicts as an aligned table that fits 80 columns. */
void qa_render_text_summary(const qa_results *results, FILE *out);

#endif
