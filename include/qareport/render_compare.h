/* render_compare.h: the outputs of `qareport compare` that read the comparison directly —
 * JSON in SPEC's compare shape and the terminal summary. (The workbook is a report:
 * qa_report_build_compare, then qa_render_xlsx.) */
#ifndef QAREPORT_RENDER_COMPARE_H
#define QAREPORT_RENDER_COMPARE_H

#include <stdio.h>

#include "qareport/compare.h"
#include "qareport/render.h"

void qa_render_json_compare(const qa_compare_result *result, const qa_render_context *context,
                            FILE *out);
void qa_render_text_compare(const qa_compare_result *result, FILE *out);

#endif
