/* report_draw.h: "build, then draw" in one call for the tests of the report and the
 * renderers (the command does the same two steps in src/cli/). */
#ifndef QAREPORT_TEST_REPORT_DRAW_H
#define QAREPORT_TEST_REPORT_DRAW_H

#include <stdio.h>

#include "qareport/render.h"
#include "qareport/report.h"

/* qa_report_build, then qa_render_xlsx into `path`. */
qa_status qa_test_write_workbook(const qa_workbook_input *input, const char *path, qa_error *error);
/* The compact Summary table as the terminal shows it. */
void qa_test_print_summary(const qa_results *results, qa_language language, FILE *out);

#endif
