/* render_compare.h: the outputs of `qareport compare` — JSON in SPEC's compare shape, the
 * terminal summary, and the workbook (Agreement, Disagreements, Verdicts, Coefficients,
 * Cases, About). */
#ifndef QAREPORT_RENDER_COMPARE_H
#define QAREPORT_RENDER_COMPARE_H

#include <stdio.h>

#include "qareport/codebook.h"
#include "qareport/compare.h"
#include "qareport/render.h"

void qa_render_json_compare(const qa_compare_result *result, const qa_render_context *context,
                            FILE *out);
void qa_render_text_compare(const qa_compare_result *result, FILE *out);

typedef struct {
    const qa_compare_result *result;
    const qa_codebook *codebook;
    const char *command_line;
    const char *tool_versions;
    qa_language language;
} qa_compare_workbook_input;
/* Writes the compare workbook to path (the caller passes a temporary path and renames). */
qa_status qa_render_xlsx_compare(const qa_compare_workbook_input *input, const char *path,
                                 qa_error *error);

#endif
