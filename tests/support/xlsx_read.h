/* xlsx_read.h: a tiny .xlsx reader for tests, without new dependencies: `unzip -p` takes a
 * member out of the zip, and cells are picked out of the sheet XML by their reference
 * (inline strings, shared strings and numbers). Enough to check what a workbook holds. */
#ifndef QAREPORT_XLSX_READ_H
#define QAREPORT_XLSX_READ_H

#include <stdbool.h>
#include <stddef.h>

/* The member's bytes (NUL-terminated), or NULL when unzip fails. Caller frees. */
char *qa_xlsx_member(const char *xlsx_path, const char *member);

/* Sheet names in workbook order (XML-unescaped); returns how many (at most max). */
size_t qa_xlsx_sheet_names(const char *xlsx_path, char names[][64], size_t max);

/* The XML of the index-th sheet (0-based, workbook order). Caller frees. */
char *qa_xlsx_sheet_xml(const char *xlsx_path, size_t index);

typedef struct {
    bool found;
    bool is_number; /* the cell holds <v>number</v> without a string type */
    double number;
    char text[2048]; /* string cells: the text (shared strings resolved if given) */
    int style;       /* s="" attribute, -1 when absent */
} qa_xlsx_cell;

/* The cell at `ref` ("B3"); shared_strings may be NULL (constant-memory workbooks write
 * inline strings). */
qa_xlsx_cell qa_xlsx_cell_at(const char *sheet_xml, const char *shared_strings, const char *ref);

/* Reference of the first cell (in document order) whose text equals `text`; false if none. */
bool qa_xlsx_find_text(const char *sheet_xml, const char *text, char *ref, size_t size);

/* "B3" ⇄ 0-based row and column. */
void qa_xlsx_ref(char *ref, size_t size, unsigned row, unsigned column);
bool qa_xlsx_parse_ref(const char *ref, unsigned *row, unsigned *column);

/* Calls visit for every cell of the sheet; stops when visit returns false. */
void qa_xlsx_each_cell(const char *sheet_xml,
                       bool (*visit)(const char *ref, const qa_xlsx_cell *cell, void *context),
                       void *context);

#endif
