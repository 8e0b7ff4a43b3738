/* Draws the report's figures (report.h, qa_figure) with cairo as PDF, SVG and PNG files a
 * journal takes: the forest plot with its labels left of the plot and the numbers right of
 * it (so neither can overlap an interval), and Kaplan–Meier curves with censoring ticks and
 * the numbers at risk beneath. Output is deterministic: the PDF's dates are fixed
 * (SOURCE_DATE_EPOCH when set), and each file is written through a temporary file. */
#include "qareport/render.h"

#include <cairo/cairo-pdf.h>
#include <cairo/cairo-svg.h>
#include <cairo/cairo.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "qareport/output_file.h"
#include "qareport/text_clean.h"

enum { PNG_SCALE = 2 };
static const double FIGURE_WIDTH = 468;    /* points: 6.5 inches, a journal's text width */
static const double FOREST_HEIGHT = 324;   /* 4.5 inches */
static const double SURVIVAL_HEIGHT = 360; /* 5 inches: the numbers at risk need room */
static const double FONT_SIZE = 9;

typedef struct {
    double r, g, b;
    double dash; /* 0: solid */
} line_style;

static const line_style CURVE_STYLES[QA_FIGURE_MAX_CURVES] = {{0.12, 0.30, 0.55, 0},
                                                              {0.80, 0.40, 0.05, 4}};

static double figure_height(const qa_figure *figure)
{
    return figure->kind == QA_FIGURE_FOREST ? FOREST_HEIGHT : SURVIVAL_HEIGHT;
}

static void set_font(cairo_t *cr, const char *family, double size, bool bold)
{
    cairo_select_font_face(cr, family, CAIRO_FONT_SLANT_NORMAL,
                           bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, size);
}

/* Figure text, cleaned (text_clean.h): cairo puts its context in an error state, and draws
 * nothing more, on text that is not valid UTF-8. A figure's labels are short. */
enum { FIGURE_TEXT = 1024 };

static const char *figure_text(const char *text, char *buffer)
{
    qa_text_clean_into(buffer, FIGURE_TEXT, text ? text : "", QA_TEXT_TITLE_LIMIT);
    return buffer;
}

static double text_width(cairo_t *cr, const char *text)
{
    char buffer[FIGURE_TEXT];
    cairo_text_extents_t extents;
    cairo_text_extents(cr, figure_text(text, buffer), &extents);
    return extents.x_advance;
}

static void show_text(cairo_t *cr, const char *text)
{
    char buffer[FIGURE_TEXT];
    cairo_show_text(cr, figure_text(text, buffer));
}

/* Text at (x, y) (baseline), aligned by `anchor`: 0 left, 0.5 centre, 1 right. */
static void text_at(cairo_t *cr, const char *text, double x, double y, double anchor)
{
    if (!text || !*text)
        return;
    cairo_move_to(cr, x - anchor * text_width(cr, text), y);
    show_text(cr, text);
}

static void grey(cairo_t *cr, double level)
{
    cairo_set_source_rgb(cr, level, level, level);
}

static void line(cairo_t *cr, double x0, double y0, double x1, double y1, double width)
{
    cairo_set_line_width(cr, width);
    cairo_move_to(cr, x0, y0);
    cairo_line_to(cr, x1, y1);
    cairo_stroke(cr);
}

static void title_and_note(cairo_t *cr, const qa_figure *figure, const char *font, double height)
{
    grey(cr, 0);
    set_font(cr, font, 11, true);
    text_at(cr, figure->title, FIGURE_WIDTH / 2, 18, 0.5);
    set_font(cr, font, 7.5, false);
    grey(cr, 0.3);
    text_at(cr, figure->note, 12, height - 8, 0);
}

/* ---- forest plot ---- */

typedef struct {
    double low, high; /* log10 range of the axis */
} log_axis;

static log_axis forest_axis(const qa_figure *figure)
{
    double low = 0, high = 0; /* always include OR = 1 */
    for (size_t i = 0; i < figure->row_count; i++) {
        const qa_figure_row *row = &figure->rows[i];
        const double values[3] = {row->estimate, row->lower, row->upper};
        for (int v = 0; v < 3; v++)
            if (isfinite(values[v]) && values[v] > 0) {
                low = fmin(low, log10(values[v]));
                high = fmax(high, log10(values[v]));
            }
    }
    /* Open intervals (separation) would stretch the axis without bound: at most 1e±4. */
    low = fmax(floor(low * 2 - 0.2) / 2, -4);
    high = fmin(ceil(high * 2 + 0.2) / 2, 4);
    return (log_axis){low, high};
}

static double forest_x(log_axis axis, double left, double right, double value)
{
    double l = log10(value);
    l = fmin(fmax(l, axis.low), axis.high);
    return left + (right - left) * (l - axis.low) / (axis.high - axis.low);
}

static void forest_ticks(cairo_t *cr, log_axis axis, double left, double right, double bottom)
{
    static const double mantissas[] = {1, 2, 5};
    bool dense = axis.high - axis.low <= 2.5;
    for (int e = (int)floor(axis.low); e <= (int)ceil(axis.high); e++)
        for (int m = 0; m < 3; m++) {
            if (!dense && m > 0)
                continue;
            double value = mantissas[m] * pow(10, e);
            double l = log10(value);
            if (l < axis.low - 1e-9 || l > axis.high + 1e-9)
                continue;
            double x = forest_x(axis, left, right, value);
            grey(cr, 0);
            line(cr, x, bottom, x, bottom + 3, 0.6);
            char label[32];
            snprintf(label, sizeof label, "%g", value);
            text_at(cr, label, x, bottom + 12, 0.5);
        }
}

static void forest_interval_text(const qa_figure_row *row, char *out, size_t size)
{
    if (!isfinite(row->estimate))
        snprintf(out, size, "—");
    else if (isfinite(row->lower) && isfinite(row->upper))
        snprintf(out, size, "%.2f (%.2f–%.2f)", row->estimate, row->lower, row->upper);
    else
        snprintf(out, size, "%.2f", row->estimate);
}

static void draw_forest(cairo_t *cr, const qa_figure *figure, const char *font)
{
    double height = FOREST_HEIGHT;
    title_and_note(cr, figure, font, height);
    set_font(cr, font, FONT_SIZE, false);
    double label_width = 0, number_width = text_width(cr, "0.00 (0.00–0.00)");
    for (size_t i = 0; i < figure->row_count; i++) {
        char numbers[64];
        forest_interval_text(&figure->rows[i], numbers, sizeof numbers);
        label_width = fmax(label_width, text_width(cr, figure->rows[i].label));
        number_width = fmax(number_width, text_width(cr, numbers));
    }
    double left = 12 + label_width + 10, right = FIGURE_WIDTH - 12 - number_width - 10;
    double top = 34, bottom = height - 46;
    log_axis axis = forest_axis(figure);
    double step = (bottom - top) / (double)(figure->row_count ? figure->row_count : 1);

    /* reference line at OR = 1, then the axis */
    grey(cr, 0.55);
    cairo_set_dash(cr, (const double[]){3, 3}, 2, 0);
    double one = forest_x(axis, left, right, 1);
    line(cr, one, top, one, bottom, 0.6);
    cairo_set_dash(cr, NULL, 0, 0);
    grey(cr, 0);
    line(cr, left, bottom, right, bottom, 0.6);
    forest_ticks(cr, axis, left, right, bottom);
    text_at(cr, figure->x_title, (left + right) / 2, bottom + 26, 0.5);
    set_font(cr, font, FONT_SIZE, true);
    text_at(cr, "OR (95% CI)", FIGURE_WIDTH - 12, top - 4, 1);
    set_font(cr, font, FONT_SIZE, false);

    for (size_t i = 0; i < figure->row_count; i++) {
        const qa_figure_row *row = &figure->rows[i];
        double y = top + step * ((double)i + 0.5);
        char numbers[64];
        forest_interval_text(row, numbers, sizeof numbers);
        grey(cr, 0);
        text_at(cr, row->label, 12, y + 3, 0);
        text_at(cr, numbers, FIGURE_WIDTH - 12, y + 3, 1);
        if (!isfinite(row->estimate)) {
            grey(cr, 0.5);
            text_at(cr, "not estimable", (left + right) / 2, y + 3, 0.5);
            continue;
        }
        double lower = isfinite(row->lower) ? row->lower : pow(10, axis.low);
        double upper = isfinite(row->upper) ? row->upper : pow(10, axis.high);
        double x0 = forest_x(axis, left, right, lower), x1 = forest_x(axis, left, right, upper);
        grey(cr, 0);
        line(cr, x0, y, x1, y, 1.0);
        line(cr, x0, y - 3, x0, y + 3, 1.0);
        line(cr, x1, y - 3, x1, y + 3, 1.0);
        double x = forest_x(axis, left, right, row->estimate);
        cairo_rectangle(cr, x - 3, y - 3, 6, 6);
        cairo_fill(cr);
    }
}

/* ---- Kaplan–Meier ---- */

static void draw_survival(cairo_t *cr, const qa_figure *figure, const char *font)
{
    double height = SURVIVAL_HEIGHT;
    title_and_note(cr, figure, font, height);
    double left = 56, right = FIGURE_WIDTH - 16, top = 34;
    double bottom = height - 40 - 14 * (double)(figure->curve_count + 1) - 30;
    double last = figure->tick_count ? figure->ticks[figure->tick_count - 1] : 1;
    if (!(last > 0))
        last = 1;
#define X(t) (left + (right - left) * (t) / last)
#define Y(s) (bottom - (bottom - top) * (s))
    set_font(cr, font, FONT_SIZE, false);
    grey(cr, 0);
    line(cr, left, bottom, right, bottom, 0.6);
    line(cr, left, top, left, bottom, 0.6);
    for (int i = 0; i <= 4; i++) {
        double s = i / 4.0;
        line(cr, left - 3, Y(s), left, Y(s), 0.6);
        char label[16];
        snprintf(label, sizeof label, "%.2f", s);
        text_at(cr, label, left - 5, Y(s) + 3, 1);
    }
    for (size_t i = 0; i < figure->tick_count; i++) {
        double x = X(figure->ticks[i]);
        line(cr, x, bottom, x, bottom + 3, 0.6);
        char label[32];
        snprintf(label, sizeof label, "%g", figure->ticks[i]);
        text_at(cr, label, x, bottom + 12, 0.5);
    }
    text_at(cr, figure->x_title, (left + right) / 2, bottom + 24, 0.5);
    cairo_save(cr);
    cairo_move_to(cr, 14, (top + bottom) / 2 + text_width(cr, figure->y_title) / 2);
    cairo_rotate(cr, -2 * atan(1.0)); /* a quarter turn */
    show_text(cr, figure->y_title);
    cairo_restore(cr);

    for (size_t c = 0; c < figure->curve_count; c++) {
        const qa_figure_curve *curve = &figure->curves[c];
        const line_style *style = &CURVE_STYLES[c];
        cairo_set_source_rgb(cr, style->r, style->g, style->b);
        if (style->dash > 0)
            cairo_set_dash(cr, (const double[]){style->dash, style->dash / 2}, 2, 0);
        cairo_set_line_width(cr, 1.3);
        for (size_t i = 0; i < curve->count; i++) {
            double x = X(fmin(curve->time[i], last)), y = Y(curve->survival[i]);
            if (i == 0)
                cairo_move_to(cr, x, y);
            else
                cairo_line_to(cr, x, y);
        }
        cairo_stroke(cr);
        cairo_set_dash(cr, NULL, 0, 0);
        for (size_t i = 0; i < curve->censor_count; i++) {
            double x = X(fmin(curve->censor_time[i], last)), y = Y(curve->censor_survival[i]);
            line(cr, x, y - 3.5, x, y + 3.5, 0.9);
        }
        /* legend, top right inside the plot */
        double ly = top + 10 + 12 * (double)c;
        double lx = right - 8 - text_width(cr, curve->name) - 26;
        if (style->dash > 0)
            cairo_set_dash(cr, (const double[]){style->dash, style->dash / 2}, 2, 0);
        line(cr, lx, ly - 3, lx + 20, ly - 3, 1.3);
        cairo_set_dash(cr, NULL, 0, 0);
        grey(cr, 0);
        text_at(cr, curve->name, lx + 24, ly, 0);
    }

    /* numbers at risk beneath the axis, one row per curve in its colour */
    double y = bottom + 44;
    grey(cr, 0);
    set_font(cr, font, FONT_SIZE, true);
    text_at(cr, figure->at_risk_title, 12, y, 0);
    set_font(cr, font, FONT_SIZE, false);
    for (size_t c = 0; c < figure->curve_count; c++) {
        const line_style *style = &CURVE_STYLES[c];
        y += 14;
        cairo_set_source_rgb(cr, style->r, style->g, style->b);
        if (style->dash > 0)
            cairo_set_dash(cr, (const double[]){style->dash, style->dash / 2}, 2, 0);
        line(cr, 14, y - 3, left - 14, y - 3, 1.3);
        cairo_set_dash(cr, NULL, 0, 0);
        for (size_t i = 0; i < figure->tick_count; i++) {
            char count[32];
            snprintf(count, sizeof count, "%zu", figure->curves[c].at_risk[i]);
            text_at(cr, count, X(figure->ticks[i]), y, 0.5);
        }
    }
#undef X
#undef Y
}

static void draw(cairo_t *cr, const qa_figure *figure, const char *font)
{
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    if (figure->kind == QA_FIGURE_FOREST)
        draw_forest(cr, figure, font);
    else
        draw_survival(cr, figure, font);
}

/* ---- files ---- */

static cairo_status_t write_stream(void *closure, const unsigned char *data, unsigned int length)
{
    return fwrite(data, 1, length, (FILE *)closure) == length ? CAIRO_STATUS_SUCCESS
                                                              : CAIRO_STATUS_WRITE_ERROR;
}

static void pdf_dates(cairo_surface_t *surface)
{
    time_t when = 946684800; /* 2000-01-01, as the workbook's fixed creation time */
    const char *epoch = getenv("SOURCE_DATE_EPOCH");
    if (epoch && *epoch) {
        char *end;
        long long value = strtoll(epoch, &end, 10);
        if (*end == '\0' && value > 0)
            when = (time_t)value;
    }
    struct tm utc;
    gmtime_r(&when, &utc);
    char date[32];
    strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%S", &utc);
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, date);
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_MOD_DATE, date);
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "qareport");
}

typedef enum { FIGURE_PDF = 0, FIGURE_SVG, FIGURE_PNG } figure_format;
static const char *const EXTENSIONS[] = {"pdf", "svg", "png"};

static qa_status render_one(const qa_figure *figure, const char *font, figure_format format,
                            FILE *out)
{
    double height = figure_height(figure);
    cairo_surface_t *surface;
    if (format == FIGURE_PDF) {
        surface = cairo_pdf_surface_create_for_stream(write_stream, out, FIGURE_WIDTH, height);
        pdf_dates(surface);
    } else if (format == FIGURE_SVG) {
        surface = cairo_svg_surface_create_for_stream(write_stream, out, FIGURE_WIDTH, height);
    } else {
        surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)(FIGURE_WIDTH * PNG_SCALE),
                                             (int)(height * PNG_SCALE));
    }
    cairo_t *cr = cairo_create(surface);
    if (format == FIGURE_PNG)
        cairo_scale(cr, PNG_SCALE, PNG_SCALE);
    draw(cr, figure, font);
    cairo_status_t status = cairo_status(cr);
    cairo_destroy(cr);
    if (format == FIGURE_PNG && status == CAIRO_STATUS_SUCCESS)
        status = cairo_surface_write_to_png_stream(surface, write_stream, out);
    cairo_surface_finish(surface);
    if (status == CAIRO_STATUS_SUCCESS)
        status = cairo_surface_status(surface);
    cairo_surface_destroy(surface);
    return status == CAIRO_STATUS_SUCCESS ? QA_OK : QA_ERR_IO;
}

qa_status qa_render_figures(const qa_report *report, const char *directory,
                            const char *const *inputs, int input_count, qa_error *error)
{
    /* A CJK face for Chinese labels: cairo's text API does no per-glyph fallback. */
    const char *font = report->language == QA_LANG_ZH ? "WenQuanYi Micro Hei" : "DejaVu Sans";
    for (size_t f = 0; f < report->figure_count; f++)
        for (int format = 0; format < 3; format++) {
            char path[QA_PATH_TEXT];
            int written = snprintf(path, sizeof path, "%s/%s.%s", directory,
                                   report->figures[f].file_stem, EXTENSIONS[format]);
            if (written < 0 || (size_t)written >= sizeof path)
                return qa_error_set(error, QA_ERR_USAGE, directory, 0, NULL, NULL,
                                    "the figures folder's path is too long");
            qa_output_file file; /* qa_output_begin creates missing folders */
            qa_status status = qa_output_begin(&file, path, inputs, input_count, true, error);
            if (status != QA_OK)
                return status;
            if (render_one(&report->figures[f], font, (figure_format)format, file.stream) !=
                QA_OK) {
                qa_output_abort(&file);
                return qa_error_set(error, QA_ERR_IO, path, 0, NULL, NULL,
                                    "cannot write the figure");
            }
            status = qa_output_commit(&file, error);
            if (status != QA_OK)
                return status;
        }
    return QA_OK;
}
