/* render_tables.h: the regression tables (report_tables.h) drawn as a journal takes them, in
 * the conventions of R's modelsummary and Stata's esttab: a standalone LaTeX document with
 * booktabs rules (pdflatex; xelatex with xeCJK for Chinese), Markdown pipe tables, or a plain
 * HTML page. The text is escaped for each syntax; nothing is computed or laid out here. */
#ifndef QAREPORT_RENDER_TABLES_H
#define QAREPORT_RENDER_TABLES_H

#include <stdio.h>

#include "qareport/error.h"
#include "qareport/report_tables.h"

typedef enum { QA_TABLES_LATEX = 0, QA_TABLES_MARKDOWN, QA_TABLES_HTML } qa_tables_format;

/* The format of `path` by its extension (case-insensitive): .tex, .md or .markdown, .html or
 * .htm. QA_ERR_USAGE with a message naming the path for any other. */
qa_status qa_tables_format_for_path(const char *path, qa_tables_format *format, qa_error *error);

/* Draws every table of `tables` as one document in `format`. */
void qa_render_tables(const qa_paper_tables *tables, qa_tables_format format, FILE *out);

#endif
