/* The figures of an analysis (--figures): the forest plot of the ten primary odds ratios and
 * one Kaplan–Meier figure per measure. Everything a figure shows is decided here, in data
 * units and in the report's language; the figure renderer only draws (METHODS §8.2). */
#include <math.h>
#include <string.h>

#include "labels.h"
#include "report_internal.h"

/* The measure's term of a test's primary logit (not the intercept), or NULL. */
static const qa_term_result *measure_term(const qa_results *results, const qa_test_result *t)
{
    if (t->logit_model < 0 || (size_t)t->logit_model >= results->model_count)
        return NULL;
    return qa_report_measure_term(&results->models[t->logit_model], t->hypothesis);
}

static void forest(qa_report *report, const qa_results *results, qa_figure *figure)
{
    figure->kind = QA_FIGURE_FOREST;
    figure->file_stem = "forest";
    figure->title = qa_report_label(report, "Odds ratios of the primary tests");
    bool any_per_sd = false;
    for (int i = 0; i < QA_TEST_COUNT; i++) {
        const qa_test_result *t = &results->tests[i];
        const qa_term_result *term = t->testable ? measure_term(results, t) : NULL;
        /* a measure of type interval: its odds ratio per SD (METHODS §4.14) */
        bool per_sd = term && term->interval && isfinite(term->ratio_sd);
        any_per_sd |= per_sd;
        qa_figure_row *row = &figure->rows[figure->row_count++];
        row->label =
            qa_report_text(report, "%s %s %s%s%s", qa_hypothesis_id(t->hypothesis),
                           qa_label_measure(report->language, t->hypothesis),
                           qa_label_outcome(report->language, t->outcome), per_sd ? " " : "",
                           per_sd ? qa_report_label(report, "(per SD)") : "");
        row->estimate = term ? term->ratio : NAN;
        row->lower = term ? exp(term->ci_lower) : NAN;
        row->upper = term ? exp(term->ci_upper) : NAN;
        if (per_sd) {
            row->estimate = term->ratio_sd;
            row->lower = term->ratio_sd_lower;
            row->upper = term->ratio_sd_upper;
        }
    }
    figure->x_title = qa_report_label(report, any_per_sd ? "Odds ratio (log scale; per SD for "
                                                           "interval measures)"
                                                         : "Odds ratio (log scale)");
    figure->note = qa_report_label(
        report, any_per_sd ? "Points: odds ratio per unit, or per standard deviation (per SD); "
                             "whiskers: 95% confidence interval."
                           : "Points: odds ratio per unit of the measure; whiskers: 95% "
                             "confidence interval.");
}

/* Ticks at 0, step, 2·step, ... covering [0, last] with at most QA_FIGURE_MAX_TICKS - 1
 * intervals, step one of 1, 2, 5 times a power of ten. */
static void survival_ticks(double last, qa_figure *figure)
{
    if (!(last > 0))
        last = 1;
    double step = 1;
    static const double steps[] = {1, 2, 5};
    for (double scale = 1; scale < 1e9; scale *= 10) {
        bool found = false;
        for (int s = 0; s < 3 && !found; s++) {
            step = steps[s] * scale;
            found = ceil(last / step) <= QA_FIGURE_MAX_TICKS - 2;
        }
        if (found)
            break;
    }
    size_t count = (size_t)ceil(last / step) + 1;
    if (count > QA_FIGURE_MAX_TICKS)
        count = QA_FIGURE_MAX_TICKS;
    figure->tick_count = count;
    for (size_t i = 0; i < count; i++)
        figure->ticks[i] = step * (double)i;
}

/* The number at risk at t: n at risk at the first estimate row at or after t (the cases whose
 * time is at least t); 0 past the last row. */
static size_t at_risk(const qa_km_curve *curve, double t)
{
    for (size_t i = 0; i < curve->row_count; i++)
        if (curve->row_time[i] >= t)
            return (size_t)llround(curve->row_n_risk[i]);
    return 0;
}

static qa_status survival_curve(qa_report *report, const qa_km_curve *km, const char *name,
                                qa_figure *figure)
{
    qa_figure_curve *curve = &figure->curves[figure->curve_count++];
    curve->name = name;
    curve->count = km->count;
    curve->time = km->time;
    curve->survival = km->survival;
    size_t censored = 0;
    for (size_t i = 0; i < km->row_count; i++)
        censored += km->row_n_censor[i] > 0;
    double *time = qa_report_allocate(report, (censored + 1) * sizeof(double));
    double *survival = qa_report_allocate(report, (censored + 1) * sizeof(double));
    if (!time || !survival)
        return QA_ERR_MEMORY;
    for (size_t i = 0; i < km->row_count; i++)
        if (km->row_n_censor[i] > 0) {
            time[curve->censor_count] = km->row_time[i];
            survival[curve->censor_count++] = km->row_survival[i];
        }
    curve->censor_time = time;
    curve->censor_survival = survival;
    return QA_OK;
}

static qa_status survival(qa_report *report, const qa_results *results, int h, qa_figure *figure)
{
    static const char *const groups[2] = {"above median", "at or below median"};
    const qa_test_result *t = NULL;
    for (int i = 0; i < QA_TEST_COUNT; i++)
        if ((int)results->tests[i].hypothesis == h &&
            results->tests[i].outcome == QA_OUTCOME_DURABILITY)
            t = &results->tests[i];
    figure->kind = QA_FIGURE_SURVIVAL;
    figure->file_stem = qa_report_text(report, "km_%s", qa_measure_name(h));
    figure->title = qa_report_text(report, "%s: %s", qa_report_label(report, "Kaplan-Meier curves"),
                                   qa_label_measure(report->language, h));
    figure->x_title = qa_report_label(report, "Years");
    figure->y_title = qa_report_label(report, "Survival probability");
    figure->at_risk_title = qa_report_label(report, "Number at risk");
    double last = 0;
    for (int g = 0; g < 2; g++) {
        const qa_km_curve *km = &results->km_curves[h][g];
        for (size_t i = 0; i < km->row_count; i++)
            last = fmax(last, km->row_time[i]);
    }
    survival_ticks(last, figure);
    for (int g = 0; g < 2; g++) {
        const qa_km_curve *km = &results->km_curves[h][g];
        if (km->count == 0 || km->row_count == 0)
            continue;
        const char *name =
            qa_report_text(report, "%s (%s %.3g)", qa_report_label(report, groups[g]),
                           g == 0 ? ">" : "≤", t ? t->km.split : NAN);
        qa_status status = survival_curve(report, km, name, figure);
        if (status != QA_OK)
            return status;
        qa_figure_curve *curve = &figure->curves[figure->curve_count - 1];
        for (size_t i = 0; i < figure->tick_count; i++)
            curve->at_risk[i] = at_risk(km, figure->ticks[i]);
    }
    if (t && t->km.available && isfinite(t->km.logrank_p))
        figure->note =
            qa_report_text(report, "%s p = %.3f; %s", qa_report_label(report, "Log-rank"),
                           t->km.logrank_p, qa_report_label(report, "ticks mark censored cases."));
    else
        figure->note = qa_report_label(report, "Ticks mark censored cases.");
    return QA_OK;
}

qa_status qa_report_build_figures(const qa_results *results, qa_report *report, qa_error *error)
{
    qa_error_clear(error);
    report->figure_count = 0;
    forest(report, results, &report->figures[report->figure_count++]);
    for (int h = 0; h < QA_HYPOTHESIS_COUNT; h++) {
        bool any = results->km_curves[h][0].row_count > 0 || results->km_curves[h][1].row_count > 0;
        if (!any)
            continue;
        qa_figure *figure = &report->figures[report->figure_count];
        memset(figure, 0, sizeof *figure);
        if (survival(report, results, h, figure) != QA_OK)
            report->out_of_memory = true;
        report->figure_count++;
    }
    if (report->out_of_memory)
        return qa_error_set(error, QA_ERR_MEMORY, NULL, 0, NULL, NULL,
                            "out of memory laying out figures");
    return QA_OK;
}
