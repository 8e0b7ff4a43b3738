/* How the workbook prints (page setup only, no cells): the Charts sheet prints its charts,
 * model sheets break pages between model blocks, the Data sheet repeats its header and case
 * ids on every page. LibreOffice and Excel both honour these settings. */
#include "xlsx_internal.h"

enum { QA_XLSX_MAX_PAGE_BREAKS = 1000 }; /* libxlsxwriter allows 1023 */

/* A chart sheet prints its charts, two bands to a page, not the tables they draw from
 * (the curves' step points would take a dozen pages). */
void qa_xlsx_print_charts_only(lxw_worksheet *worksheet, const qa_xlsx_sheet_layout *layout)
{
    lxw_row_t rows = qa_xlsx_chart_rows(layout->sheet);
    lxw_col_t last = 0;
    double pixels = 0; /* a column of width w is about 7w + 5 pixels wide */
    for (size_t c = 0; pixels < 2 * QA_XLSX_CHART_WIDTH_PIXELS + 20; c++) {
        pixels += c < layout->width_count ? 7 * layout->widths[c] + 5 : 64; /* default */
        last = (lxw_col_t)c;
    }
    worksheet_print_area(worksheet, 0, 0, rows > 0 ? rows - 1 : 0, last);
    lxw_row_t breaks[QA_SHEET_MAX_CHARTS + 1]; /* 0-terminated; libxlsxwriter copies it */
    size_t count = 0;
    for (lxw_row_t row = 2 * QA_XLSX_CHART_BAND_ROWS; row < rows;
         row += 2 * QA_XLSX_CHART_BAND_ROWS)
        breaks[count++] = row;
    breaks[count] = 0;
    worksheet_set_h_pagebreaks(worksheet, breaks);
}

/* Sheets of model blocks break pages between blocks, so that no block starts at the foot of
 * a page and ends on the next. The page is estimated for landscape A4 or Letter with the
 * default margins (about 920 × 640 pixels) scaled to fit the sheet's width. */
void qa_xlsx_break_between_blocks(lxw_worksheet *worksheet, const qa_xlsx_sheet_layout *layout)
{
    const qa_sheet *sheet = layout->sheet;
    const qa_xlsx_placement *placements = layout->placements;
    double pixels = 0;
    for (size_t c = 0; c < layout->width_count; c++)
        pixels += 7 * layout->widths[c] + 5;
    double scale = pixels > 920 ? 920 / pixels : 1;
    lxw_row_t page_rows = (lxw_row_t)(640 / (20 * scale)), page_start = 0;
    lxw_row_t breaks[QA_XLSX_MAX_PAGE_BREAKS + 1];
    size_t count = 0;
    for (size_t t = 0; t < sheet->table_count && count < QA_XLSX_MAX_PAGE_BREAKS; t++) {
        if (!sheet->tables[t].heading || placements[t].first == 0)
            continue;
        size_t next = t + 1;
        while (next < sheet->table_count && !sheet->tables[next].heading)
            next++;
        lxw_row_t end = next < sheet->table_count ? placements[next].first
                                                  : placements[sheet->table_count - 1].end;
        if (end - page_start > page_rows) {
            breaks[count++] = placements[t].first;
            page_start = placements[t].first;
        }
    }
    breaks[count] = 0; /* 0-terminated; libxlsxwriter copies it */
    if (count > 0)
        worksheet_set_h_pagebreaks(worksheet, breaks);
}

/* The Data sheet prints many pages wide: each page repeats the header row and the first two
 * columns (line, case id), and long text does not spill past the last column onto pages of
 * its own. */
void qa_xlsx_print_data(lxw_worksheet *worksheet, const qa_xlsx_sheet_layout *layout)
{
    const qa_sheet *sheet = layout->sheet;
    const qa_table *table = &sheet->tables[0];
    const qa_xlsx_placement *p = &layout->placements[0];
    if (table->column_count == 0)
        return;
    worksheet_print_area(worksheet, 0, 0, p->end > 0 ? p->end - 1 : 0,
                         (lxw_col_t)(table->column_count - 1));
    worksheet_repeat_rows(worksheet, p->header, p->header);
    if (table->column_count > 2)
        worksheet_repeat_columns(worksheet, 0, 1);
}
