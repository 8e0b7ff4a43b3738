/* Native, editable charts over the Charts sheet's tables. libxlsxwriter 1.1.4 has no
 * custom error bars, so the forest plot is a scatter: one two-point series per test from
 * the lower to the upper confidence limit, named and labelled by its test (each whisker
 * is exactly the CI, and LibreOffice draws it too, unlike high-low lines on a line
 * chart), and the odds ratios as markers. The vertical axis crosses at OR = 1, the line of no
 * effect. Kaplan–Meier curves are straight-line scatters over step points, with their censored
 * cases as marker-only series. */
#include "qareport/text_clean.h"
#include "xlsx_internal.h"

/* A chart or series title as written: cleaned and shortened (text_clean.h); a leading '=',
 * which libxlsxwriter would read as a cell reference, is kept as text behind a space.
 * libxlsxwriter copies the names it is given. */
static const char *chart_text(const char *text, char *buffer, size_t size)
{
    buffer[0] = ' ';
    qa_text_clean_into(buffer + 1, size - 1, text ? text : "", QA_TEXT_TITLE_LIMIT - 1);
    return buffer[1] == '=' ? buffer : buffer + 1;
}

enum { CHART_TEXT = 4 * QA_TEXT_TITLE_LIMIT + 2 };

static void set_titles(lxw_chart *chart, const qa_chart *spec)
{
    char buffer[CHART_TEXT];
    if (spec->title)
        chart_title_set_name(chart, chart_text(spec->title, buffer, sizeof buffer));
    if (spec->x_title)
        chart_axis_set_name(chart->x_axis, chart_text(spec->x_title, buffer, sizeof buffer));
    if (spec->y_title)
        chart_axis_set_name(chart->y_axis, chart_text(spec->y_title, buffer, sizeof buffer));
}

static lxw_chart_series *column_series(lxw_chart *chart, const char *sheet_name,
                                       const qa_table *table, const qa_xlsx_placement *place,
                                       size_t category_column, size_t value_column)
{
    lxw_row_t last = place->data + (lxw_row_t)table->row_count - 1;
    lxw_chart_series *series = chart_add_series(chart, NULL, NULL);
    if (!series)
        return NULL;
    chart_series_set_categories(series, sheet_name, place->data, (lxw_col_t)category_column, last,
                                (lxw_col_t)category_column);
    chart_series_set_values(series, sheet_name, place->data, (lxw_col_t)value_column, last,
                            (lxw_col_t)value_column);
    char buffer[CHART_TEXT];
    chart_series_set_name(series,
                          chart_text(table->columns[value_column].header, buffer, sizeof buffer));
    return series;
}

static lxw_chart_series *range_series(lxw_chart *chart, const char *sheet_name, lxw_row_t first,
                                      lxw_row_t last, size_t x_column, size_t y_column)
{
    lxw_chart_series *series = chart_add_series(chart, NULL, NULL);
    if (!series)
        return NULL;
    chart_series_set_categories(series, sheet_name, first, (lxw_col_t)x_column, last,
                                (lxw_col_t)x_column);
    chart_series_set_values(series, sheet_name, first, (lxw_col_t)y_column, last,
                            (lxw_col_t)y_column);
    return series;
}

/* Each whisker labelled with its series' name (the test) at its upper end: the first
 * point's label is hidden. Series-name labels render in Excel and LibreOffice alike. */
static void label_whisker(lxw_chart_series *series)
{
    lxw_chart_data_label hidden = {.hide = LXW_TRUE}, shown = {0};
    lxw_chart_data_label *list[] = {&hidden, &shown, NULL};
    chart_series_set_labels_custom(series, list);
    chart_series_set_labels_position(series, LXW_CHART_LABEL_POSITION_RIGHT);
    /* last: the two calls above switch the value label back on */
    chart_series_set_labels_options(series, LXW_TRUE, LXW_FALSE, LXW_FALSE);
}

static lxw_chart *forest_chart(lxw_workbook *workbook, const char *sheet_name, const qa_chart *spec,
                               const qa_sheet *sheet, const qa_xlsx_placement *placements)
{
    const qa_table *table = &sheet->tables[spec->table];
    const qa_xlsx_placement *place = &placements[spec->table];
    const qa_xlsx_placement *whiskers = &placements[spec->series_table];
    lxw_chart *chart = workbook_add_chart(workbook, LXW_CHART_SCATTER_STRAIGHT);
    if (!chart)
        return NULL;
    lxw_chart_line whisker = {.color = LXW_COLOR_BLACK, .width = 1.5};
    for (size_t s = 0; s < spec->series_count; s++) {
        const qa_chart_series *c = &spec->series[s];
        lxw_row_t first = whiskers->data + (lxw_row_t)c->first_row;
        lxw_chart_series *series =
            range_series(chart, sheet_name, first, first + 1, c->x_column, c->y_column);
        if (!series)
            return NULL;
        chart_series_set_line(series, &whisker);
        chart_series_set_marker_type(series, LXW_CHART_MARKER_NONE);
        char buffer[CHART_TEXT];
        chart_series_set_name(series, chart_text(c->name, buffer, sizeof buffer));
        label_whisker(series);
    }
    lxw_chart_series *odds =
        range_series(chart, sheet_name, place->data, place->data + (lxw_row_t)table->row_count - 1,
                     spec->value_column, spec->position_column);
    if (!odds)
        return NULL;
    lxw_chart_line no_line = {.none = LXW_TRUE};
    chart_series_set_line(odds, &no_line);
    chart_series_set_marker_type(odds, LXW_CHART_MARKER_DIAMOND);
    chart_series_set_marker_size(odds, 8);
    lxw_chart_fill marker_fill = {.color = 0x1F4E79};
    lxw_chart_line marker_border = {.color = 0x1F4E79};
    chart_series_set_marker_fill(odds, &marker_fill); /* dark: the default is pale on a print */
    chart_series_set_marker_line(odds, &marker_border);
    chart_axis_set_log_base(chart->x_axis, 10);
    chart_axis_set_crossing(chart->x_axis, 1); /* the vertical axis at OR = 1: no effect */
    if (spec->x_min > 0 && spec->x_max > spec->x_min) {
        chart_axis_set_min(chart->x_axis, spec->x_min);
        chart_axis_set_max(chart->x_axis, spec->x_max);
    }
    chart_axis_set_min(chart->y_axis, 0);
    chart_axis_set_max(chart->y_axis, (double)table->row_count + 1);
    chart_axis_set_label_position(chart->y_axis, LXW_CHART_AXIS_LABEL_POSITION_NONE);
    chart_axis_major_gridlines_set_visible(chart->y_axis, LXW_FALSE);
    chart_axis_set_label_position(chart->x_axis, LXW_CHART_AXIS_LABEL_POSITION_LOW);
    chart_legend_set_position(chart, LXW_CHART_LEGEND_NONE);
    return chart;
}

static lxw_chart *bar_chart(lxw_workbook *workbook, const char *sheet_name, const qa_chart *spec,
                            const qa_table *table, const qa_xlsx_placement *place)
{
    lxw_chart *chart = workbook_add_chart(workbook, LXW_CHART_COLUMN);
    if (!chart ||
        !column_series(chart, sheet_name, table, place, spec->category_column, spec->value_column))
        return NULL;
    chart_axis_set_min(chart->y_axis, -1);
    chart_axis_set_max(chart->y_axis, 1);
    chart_axis_set_major_unit(chart->y_axis, 0.5); /* ticks at -1, -0.5, 0, 0.5, 1: zero shown */
    chart_axis_set_label_position(chart->x_axis, LXW_CHART_AXIS_LABEL_POSITION_LOW);
    chart_legend_set_position(chart, LXW_CHART_LEGEND_NONE);
    return chart;
}

static lxw_chart *step_chart(lxw_workbook *workbook, const char *sheet_name, const qa_chart *spec,
                             const qa_xlsx_placement *placements)
{
    lxw_chart *chart = workbook_add_chart(workbook, LXW_CHART_SCATTER_STRAIGHT);
    if (!chart)
        return NULL;
    for (size_t s = 0; s < spec->series_count; s++) {
        const qa_chart_series *c = &spec->series[s];
        if (c->row_count == 0)
            continue;
        const qa_xlsx_placement *place = &placements[c->table];
        lxw_row_t first = place->data + (lxw_row_t)c->first_row;
        lxw_row_t last = first + (lxw_row_t)c->row_count - 1;
        lxw_chart_series *series = chart_add_series(chart, NULL, NULL);
        if (!series)
            return NULL;
        chart_series_set_categories(series, sheet_name, first, (lxw_col_t)c->x_column, last,
                                    (lxw_col_t)c->x_column);
        chart_series_set_values(series, sheet_name, first, (lxw_col_t)c->y_column, last,
                                (lxw_col_t)c->y_column);
        char buffer[CHART_TEXT];
        chart_series_set_name(series, chart_text(c->name, buffer, sizeof buffer));
        if (c->markers_only) {
            /* censoring marks: no line, a small plus in the colour of the curve before */
            lxw_chart_line no_line = {.none = LXW_TRUE};
            chart_series_set_line(series, &no_line);
            chart_series_set_marker_type(series, LXW_CHART_MARKER_PLUS);
            chart_series_set_marker_size(series, 6);
        }
    }
    chart_axis_set_min(chart->y_axis, 0);
    chart_axis_set_max(chart->y_axis, 1);
    chart_axis_set_min(chart->x_axis, 0);
    chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
    return chart;
}

lxw_row_t qa_xlsx_chart_rows(const qa_sheet *sheet)
{
    if (sheet->chart_count == 0)
        return 0;
    return (lxw_row_t)((sheet->chart_count + 1) / 2 * QA_XLSX_CHART_BAND_ROWS + 1);
}

qa_status qa_xlsx_insert_charts(lxw_workbook *workbook, lxw_worksheet *worksheet,
                                const qa_sheet *sheet, const qa_xlsx_placement *placements,
                                qa_error *error)
{
    size_t placed = 0;
    for (size_t i = 0; i < sheet->chart_count; i++) {
        const qa_chart *spec = &sheet->charts[i];
        const qa_table *table = &sheet->tables[spec->table];
        const qa_xlsx_placement *place = &placements[spec->table];
        lxw_chart *chart = NULL;
        if (table->row_count > 0) {
            if (spec->kind == QA_CHART_FOREST)
                chart = forest_chart(workbook, sheet->name, spec, sheet, placements);
            else if (spec->kind == QA_CHART_BAR)
                chart = bar_chart(workbook, sheet->name, spec, table, place);
            else
                chart = step_chart(workbook, sheet->name, spec, placements);
        }
        if (!chart)
            continue;
        set_titles(chart, spec);
        lxw_chart_options options = {.x_scale = 1.0,
                                     .y_scale = 1.1,
                                     .x_offset =
                                         (int32_t)(placed % 2) * QA_XLSX_CHART_WIDTH_PIXELS};
        lxw_row_t row = (lxw_row_t)(placed / 2 * QA_XLSX_CHART_BAND_ROWS);
        placed++;
        lxw_error status = worksheet_insert_chart_opt(worksheet, row, 0, chart, &options);
        if (status != LXW_NO_ERROR)
            return qa_error_set(error, QA_ERR_IO, NULL, 0, NULL, NULL, "workbook chart: %s",
                                lxw_strerror(status));
    }
    return QA_OK;
}
