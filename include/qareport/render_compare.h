/* render_compare.h: `qareport compare --json`, which writes the comparison itself in the
 * shape of docs/METHODS.md §8.5. (The workbook and the terminal summary are reports:
 * qa_report_build_compare / qa_report_build_compare_summary, then qa_render_xlsx /
 * qa_render_text_sheet.) */
#ifndef QAREPORT_RENDER_COMPARE_H
#define QAREPORT_RENDER_COMPARE_H

#include <stdio.h>

#include "qareport/compare.h"
#include "qareport/render.h"

void qa_render_json_compare(const qa_compare_result *result, const qa_render_context *context,
                            FILE *out);

#endif
