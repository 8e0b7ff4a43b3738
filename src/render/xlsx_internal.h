/* xlsx_internal.h: shared between the workbook renderer (xlsx.c) and its charts
 * (xlsx_charts.c): where each table of a sheet was placed. */
#ifndef QAREPORT_XLSX_INTERNAL_H
#define QAREPORT_XLSX_INTERNAL_H

#include <xlsxwriter.h>

#include "qareport/report.h"

/* Rows (0-based) of one table as laid out on its sheet. */
typedef struct {
    lxw_row_t first;  /* heading or title row */
    lxw_row_t header; /* column headers */
    lxw_row_t data;   /* first data row */
    lxw_row_t end;    /* one past the blank row after the notes */
} qa_xlsx_placement;

/* Charts come first on their sheet, two side by side per band of rows; the tables they draw
 * from start below them. */
enum { QA_XLSX_CHART_BAND_ROWS = 18, QA_XLSX_CHART_WIDTH_PIXELS = 500 };

/* Rows the charts of a sheet take above its tables (0 without charts). */
lxw_row_t qa_xlsx_chart_rows(const qa_sheet *sheet);

/* Inserts the sheet's charts at the top of the sheet. */
qa_status qa_xlsx_insert_charts(lxw_workbook *workbook, lxw_worksheet *worksheet,
                                const qa_sheet *sheet, const qa_xlsx_placement *placements,
                                qa_error *error);

/* A sheet as laid out: its tables' placements and its column widths (characters). */
typedef struct {
    const qa_sheet *sheet;
    const qa_xlsx_placement *placements;
    const double *widths;
    size_t width_count;
} qa_xlsx_sheet_layout;

/* Page setup (xlsx_print.c), called before the sheet's cells are written. */
void qa_xlsx_print_charts_only(lxw_worksheet *worksheet, const qa_xlsx_sheet_layout *layout);
void qa_xlsx_break_between_blocks(lxw_worksheet *worksheet, const qa_xlsx_sheet_layout *layout);
void qa_xlsx_print_data(lxw_worksheet *worksheet, const qa_xlsx_sheet_layout *layout);

#endif
