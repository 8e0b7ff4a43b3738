/* The Charts sheet: the tables each chart draws from, and the charts over them — an
 * odds-ratio forest plot (log axis, 95% CI whiskers), Pearson correlation bars, and
 * Kaplan–Meier step curves per measure (above vs at or below the median). */
#include <math.h>
#include <string.h>

#include "labels.h"
#include "report_internal.h"

static const char *test_name(qa_report *report, const qa_test_result *t)
{
    return qa_report_text(report, "%s %s", qa_hypothesis_id(t->hypothesis),
                          qa_label_outcome(report->language, t->outcome));
}

/* The measure's term of a test's primary logit (not the intercept), or NULL. */
static const qa_term_result *measure_term(const qa_results *results, const qa_test_result *t)
{
    if (t->logit_model < 0 || (size_t)t->logit_model >= results->model_count)
        return NULL;
    return qa_report_measure_term(&results->models[t->logit_model], t->hypothesis);
}

/* What the forest plot shows of a test (METHODS §4.14): the odds ratio per SD for a measure
 * of type interval, per unit otherwise, with its 95% CI. */
typedef struct {
    bool per_sd;
    double ratio, lower, upper;
} forest_point;

static forest_point forest_value(const qa_term_result *term)
{
    if (term->interval && isfinite(term->ratio_sd))
        return (forest_point){true, term->ratio_sd, term->ratio_sd_lower, term->ratio_sd_upper};
    return (forest_point){false, term->ratio, exp(term->ci_lower), exp(term->ci_upper)};
}

/* The test's name on the chart, "(per SD)" after it when the ratio is per SD. */
static const char *forest_name(qa_report *report, const qa_test_result *t, forest_point point)
{
    if (!point.per_sd)
        return test_name(report, t);
    return qa_report_text(report, "%s %s", test_name(report, t),
                          qa_report_label(report, "(per SD)"));
}

/* Rows of the forest plot's whisker table: lower then upper limit at the row's height. */
static qa_status whisker_rows(qa_report *report, qa_table *whiskers, const char *name,
                              forest_point point, double position)
{
    for (int bound = 0; bound < 2; bound++) {
        qa_cell *row = qa_table_add_row(report, whiskers);
        if (!row)
            return QA_ERR_MEMORY;
        row[0] = qa_cell_text(name);
        row[1] = qa_cell_text(qa_report_label(report, bound ? "Upper 95%" : "Lower 95%"));
        row[2] = qa_cell_number(bound ? point.upper : point.lower, QA_FORMAT_RATIO);
        row[3] = qa_cell_number(position, QA_FORMAT_INTEGER);
    }
    return QA_OK;
}

/* The log axis's bounds when some value lies outside 1e-4 .. 1e4 (an open interval of
 * separated data, a measure per unit of a tiny scale): powers of ten around the values,
 * at most 1e±4, as the figure's axis; 0 (the spreadsheet's own) otherwise. */
static void forest_bounds(const double *values, size_t count, qa_chart *chart)
{
    double low = 0, high = 0; /* log10, always including OR = 1 */
    bool outside = false;
    for (size_t i = 0; i < count; i++)
        if (isfinite(values[i]) && values[i] > 0) {
            double l = log10(values[i]);
            outside |= l < -4 || l > 4;
            low = fmin(low, l);
            high = fmax(high, l);
        }
    if (!outside)
        return;
    chart->x_min = pow(10, fmax(floor(low), -4));
    chart->x_max = pow(10, fmin(ceil(high), 4));
}

static qa_status forest(qa_report *report, qa_sheet *sheet, const qa_results *results)
{
    static const char *const headers[] = {"Test", "Odds ratio", "Lower 95%", "Upper 95%",
                                          "Position"};
    static const char *const whisker_headers[] = {"Test", "Bound", "Odds ratio", "Position"};
    qa_chart chart = {.kind = QA_CHART_FOREST,
                      .table = sheet->table_count,
                      .series_table = sheet->table_count + 1,
                      .value_column = 1,
                      .position_column = 4};
    qa_table *table =
        qa_report_add_table(report, sheet, "Odds ratios of the primary tests", 5, headers);
    bool any_per_sd = false;
    double values[3 * QA_TEST_COUNT];
    size_t value_count = 0;
    for (int i = 0; table && i < QA_TEST_COUNT; i++) {
        const qa_test_result *t = &results->tests[i];
        const qa_term_result *term = t->testable ? measure_term(results, t) : NULL;
        qa_cell *row = qa_table_add_row(report, table);
        if (!row)
            return QA_ERR_MEMORY;
        forest_point point = term ? forest_value(term) : (forest_point){0};
        row[0] = qa_cell_text(forest_name(report, t, point));
        row[4] = qa_cell_number(QA_TEST_COUNT - i, QA_FORMAT_INTEGER); /* H1 at the top */
        if (term) {
            any_per_sd |= point.per_sd;
            row[1] = qa_cell_number(point.ratio, QA_FORMAT_RATIO);
            row[2] = qa_cell_number(point.lower, QA_FORMAT_RATIO);
            row[3] = qa_cell_number(point.upper, QA_FORMAT_RATIO);
            values[value_count++] = point.ratio;
            values[value_count++] = point.lower;
            values[value_count++] = point.upper;
        }
    }
    qa_table *whiskers =
        qa_report_add_table(report, sheet, "Forest plot whiskers", 4, whisker_headers);
    if (!table || !whiskers)
        return QA_ERR_MEMORY;
    qa_table_add_note(report, &sheet->tables[chart.table],
                      qa_report_label(report, "Whiskers are 95% confidence intervals."));
    if (any_per_sd)
        qa_table_add_note(
            report, &sheet->tables[chart.table],
            qa_report_label(report, "(per SD): the odds ratio for one standard deviation of a "
                                    "measure of type interval, exp(B × SD), SD with n − 1 over "
                                    "the test's cases; the other tests per unit of the measure."));
    for (int i = 0; i < QA_TEST_COUNT && chart.series_count < QA_CHART_MAX_SERIES; i++) {
        const qa_test_result *t = &results->tests[i];
        const qa_term_result *term = t->testable ? measure_term(results, t) : NULL;
        forest_point point = term ? forest_value(term) : (forest_point){0};
        if (!term || !isfinite(point.lower) || !isfinite(point.upper))
            continue;
        qa_chart_series *series = &chart.series[chart.series_count++];
        series->name = forest_name(report, t, point);
        series->first_row = whiskers->row_count;
        series->row_count = 2;
        series->x_column = 2;
        series->y_column = 3;
        if (whisker_rows(report, whiskers, series->name, point, QA_TEST_COUNT - i) != QA_OK)
            return QA_ERR_MEMORY;
    }
    forest_bounds(values, value_count, &chart);
    chart.title = qa_report_label(report, "Odds ratios of the primary tests");
    chart.x_title = qa_report_label(report, any_per_sd ? "Odds ratio (log scale; per SD for "
                                                         "interval measures)"
                                                       : "Odds ratio (log scale)");
    sheet->charts[sheet->chart_count++] = chart;
    return QA_OK;
}

static qa_status correlation_bars(qa_report *report, qa_sheet *sheet, const qa_results *results)
{
    static const char *const headers[] = {"Test", "Pearson r"};
    size_t index = sheet->table_count;
    qa_table *table =
        qa_report_add_table(report, sheet, "Pearson correlations of the primary tests", 2, headers);
    if (!table)
        return QA_ERR_MEMORY;
    for (int i = 0; i < QA_TEST_COUNT; i++) {
        const qa_test_result *t = &results->tests[i];
        qa_cell *row = qa_table_add_row(report, table);
        if (!row)
            return QA_ERR_MEMORY;
        row[0] = qa_cell_text(test_name(report, t));
        if (t->pearson.available)
            row[1] = qa_cell_number(t->pearson.value, QA_FORMAT_DECIMAL3);
    }
    qa_chart *chart = &sheet->charts[sheet->chart_count++];
    memset(chart, 0, sizeof *chart);
    chart->kind = QA_CHART_BAR;
    chart->title = qa_report_label(report, "Pearson correlations of the primary tests");
    chart->y_title = qa_report_label(report, "Pearson r");
    chart->table = index;
    chart->category_column = 0;
    chart->value_column = 1;
    return QA_OK;
}

/* Appends a step curve: each drop drawn as a horizontal then a vertical segment. */
static qa_status step_rows(qa_report *report, qa_table *table, const char *name,
                           const qa_km_curve *curve, size_t *rows)
{
    *rows = 0;
    for (size_t i = 0; i < curve->count; i++) {
        for (int corner = (i == 0); corner < 2; corner++) {
            qa_cell *row = qa_table_add_row(report, table);
            if (!row)
                return QA_ERR_MEMORY;
            double survival = corner == 0 ? curve->survival[i - 1] : curve->survival[i];
            row[0] = qa_cell_text(name);
            row[1] = qa_cell_number(curve->time[i], QA_FORMAT_DECIMAL2);
            row[2] = qa_cell_number(survival, QA_FORMAT_DECIMAL3);
            (*rows)++;
        }
    }
    return QA_OK;
}

/* The censored cases of a curve: a mark at (time, S(time)) for each time with censorings. */
static size_t censor_rows(qa_report *report, qa_table *table, const char *name,
                          const qa_km_curve *curve)
{
    size_t rows = 0;
    for (size_t i = 0; i < curve->row_count; i++) {
        if (!(curve->row_n_censor[i] > 0))
            continue;
        qa_cell *row = qa_table_add_row(report, table);
        if (!row)
            return rows;
        row[0] = qa_cell_text(name);
        row[1] = qa_cell_number(curve->row_time[i], QA_FORMAT_DECIMAL2);
        row[2] = qa_cell_number(curve->row_survival[i], QA_FORMAT_DECIMAL3);
        row[3] = qa_cell_count((size_t)llround(curve->row_n_censor[i]));
        rows++;
    }
    return rows;
}

static qa_status km_curves(qa_report *report, qa_sheet *sheet, const qa_results *results)
{
    static const char *const headers[] = {"Curve", "Time", "Survival probability"};
    static const char *const censor_headers[] = {"Curve", "Time", "Survival probability",
                                                 "Censored"};
    size_t index = sheet->table_count;
    if (!qa_report_add_table(report, sheet, "Kaplan-Meier curves", 3, headers))
        return QA_ERR_MEMORY;
    size_t censor_index = sheet->table_count;
    qa_table *censored =
        qa_report_add_table(report, sheet, "Kaplan-Meier censored cases", 4, censor_headers);
    if (!censored)
        return QA_ERR_MEMORY;
    qa_table_add_note(report, censored,
                      qa_report_label(report, "Censored cases are marked on the curves (+)."));
    qa_table *table = &sheet->tables[index];
    static const char *const groups[2] = {"above median", "at or below median"};
    for (int h = 0; h < QA_HYPOTHESIS_COUNT && sheet->chart_count < QA_SHEET_MAX_CHARTS; h++) {
        qa_chart chart = {.kind = QA_CHART_STEP, .table = index, .series_table = index};
        chart.title =
            qa_report_text(report, "%s: %s", qa_report_label(report, "Kaplan-Meier curves"),
                           qa_label_measure(report->language, h));
        chart.x_title = qa_report_label(report, "Years");
        chart.y_title = qa_report_label(report, "Survival probability");
        for (int g = 0; g < 2; g++) {
            const qa_km_curve *curve = &results->km_curves[h][g];
            if (curve->count == 0 || !curve->time || !curve->survival)
                continue;
            const char *name =
                qa_report_text(report, "%s %s", qa_label_measure(report->language, h),
                               qa_report_label(report, groups[g]));
            qa_chart_series *series = &chart.series[chart.series_count++];
            series->name = name;
            series->table = index;
            series->first_row = table->row_count;
            series->x_column = 1;
            series->y_column = 2;
            qa_status status = step_rows(report, table, name, curve, &series->row_count);
            if (status != QA_OK)
                return status;
            qa_chart_series *marks = &chart.series[chart.series_count++];
            marks->name =
                qa_report_text(report, "%s (%s)", name, qa_report_label(report, "censored"));
            marks->table = censor_index;
            marks->markers_only = true;
            marks->first_row = censored->row_count;
            marks->x_column = 1;
            marks->y_column = 2;
            marks->row_count = censor_rows(report, censored, name, curve);
        }
        if (chart.series_count > 0)
            sheet->charts[sheet->chart_count++] = chart;
    }
    return report->out_of_memory ? QA_ERR_MEMORY : QA_OK;
}

qa_status qa_report_charts_sheet(qa_report *report, const qa_results *results)
{
    qa_sheet *sheet = qa_report_add_sheet(report, qa_report_label(report, "Charts"));
    if (!sheet)
        return QA_ERR_MEMORY;
    qa_status status = forest(report, sheet, results);
    if (status == QA_OK)
        status = correlation_bars(report, sheet, results);
    if (status == QA_OK)
        status = km_curves(report, sheet, results);
    return status;
}
