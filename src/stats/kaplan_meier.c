/* Kaplan–Meier estimate with Greenwood's variance (Kaplan & Meier 1958; Greenwood 1926) and the
 * median with its confidence interval, following R's survfit and quantile.survfit. */
#include "qareport/survival.h"
#include "survival_internal.h"

#include <gsl/gsl_cdf.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

void qa_km_result_free(qa_km_result *result)
{
    if (!result)
        return;
    free(result->time);
    free(result->n_risk);
    free(result->n_event);
    free(result->n_censor);
    free(result->survival);
    free(result->std_error);
    memset(result, 0, sizeof *result);
}

/* quantile.survfit's findq for one probability: x, y (length m) are the times and 1 - S with a
 * leading (0, 0); y is non-decreasing, NaN where undefined. Values of y within tol of p count as
 * equal to it, and a flat stretch at p gives the midpoint of its two ends. */
static double find_quantile(const double *x, const double *y, size_t m, double p, double tol)
{
    double y_max = -INFINITY;
    for (size_t k = 0; k < m; k++)
        if (!isnan(y[k]) && y[k] > y_max)
            y_max = y[k];
    if (y_max < p)
        return NAN;
    double x_max = x[m - 1];
    /* duplicated(y) dropped: keep the first time of each value */
    size_t first = SIZE_MAX, second = SIZE_MAX, last = 0;
    bool last_defined = false;
    for (size_t k = 0; k < m; k++) {
        bool duplicate = k > 0 && (y[k] == y[k - 1] || (isnan(y[k]) && isnan(y[k - 1])));
        if (duplicate)
            continue;
        last = k;
        last_defined = !isnan(y[k]);
        if (isnan(y[k]))
            continue;
        if (first == SIZE_MAX && y[k] + tol >= p)
            first = k;
        if (second == SIZE_MAX && y[k] - tol >= p)
            second = k;
    }
    if (first == SIZE_MAX)
        return NAN;
    if (last_defined && fabs(p - y[last]) < tol)
        return 0.5 * (x[first] + x_max);
    if (second == SIZE_MAX)
        return NAN;
    return 0.5 * (x[first] + x[second]);
}

/* Median and its CI from the log-transformed pointwise band, as survfit(conf.type = "log"). */
static qa_status km_median(qa_km_result *r, const double *log_se, qa_error *error)
{
    size_t m = r->count + 1;
    double *x = malloc(m * sizeof *x), *y = malloc(3 * m * sizeof *y);
    if (!x || !y) {
        free(x);
        free(y);
        return qa_error_set(error, QA_ERR_MEMORY, NULL, 0, NULL, NULL,
                            "out of memory for the Kaplan-Meier median");
    }
    double *y_lower = y + m, *y_upper = y + 2 * m;
    double z = gsl_cdf_ugaussian_Pinv(0.975);
    x[0] = 0.0;
    y[0] = y_lower[0] = y_upper[0] = 0.0;
    for (size_t k = 0; k < r->count; k++) {
        double s = r->survival[k];
        x[k + 1] = r->time[k];
        y[k + 1] = 1.0 - s;
        y_lower[k + 1] = s > 0 ? 1.0 - exp(log(s) - z * log_se[k]) : NAN;
        y_upper[k + 1] = s > 0 ? 1.0 - fmin(exp(log(s) + z * log_se[k]), 1.0) : NAN;
    }
    double tol = sqrt(2.220446049250313e-16); /* quantile.survfit's default tolerance */
    r->median = find_quantile(x, y, m, 0.5, tol);
    r->median_lower = find_quantile(x, y_lower, m, 0.5, tol);
    r->median_upper = find_quantile(x, y_upper, m, 0.5, tol);
    free(x);
    free(y);
    return QA_OK;
}

static qa_status km_allocate(qa_km_result *r, size_t n, qa_error *error)
{
    r->time = malloc(n * sizeof *r->time);
    r->n_risk = malloc(n * sizeof *r->n_risk);
    r->n_event = malloc(n * sizeof *r->n_event);
    r->n_censor = malloc(n * sizeof *r->n_censor);
    r->survival = malloc(n * sizeof *r->survival);
    r->std_error = malloc(n * sizeof *r->std_error);
    if (!r->time || !r->n_risk || !r->n_event || !r->n_censor || !r->survival || !r->std_error) {
        qa_km_result_free(r);
        return qa_error_set(error, QA_ERR_MEMORY, NULL, 0, NULL, NULL,
                            "out of memory for a Kaplan-Meier curve of %zu cases", n);
    }
    return QA_OK;
}

/* The rows of the curve, one per distinct time in ascending order; log_se[k] is survfit's
 * std.err (of log S, Greenwood). */
typedef struct {
    qa_km_result *r;
    double *log_se;
    double survival, greenwood;
    size_t at_risk;
} km_curve;

/* The row of time t, at which `tied` cases end, `events` of them with an event. */
static void km_row(km_curve *c, double t, size_t tied, size_t events)
{
    qa_km_result *r = c->r;
    size_t k = r->count++;
    r->time[k] = t;
    r->n_risk[k] = (double)c->at_risk;
    r->n_event[k] = (double)events;
    r->n_censor[k] = (double)(tied - events);
    if (events > 0) {
        c->survival *= 1.0 - (double)events / (double)c->at_risk;
        c->greenwood = events < c->at_risk
                           ? c->greenwood + (double)events /
                                                ((double)c->at_risk * (double)(c->at_risk - events))
                           : INFINITY;
    }
    if (events == c->at_risk && events > 0)
        c->survival = 0.0; /* exactly, not a rounding residue */
    r->survival[k] = c->survival;
    c->log_se[k] = sqrt(c->greenwood);
    r->std_error[k] = c->survival > 0.0 ? c->survival * c->log_se[k] : 0.0;
    c->at_risk -= tied;
}

/* The rows from the cases sorted by time (order). */
static void km_rows_sorted(const double *time, const double *status, const size_t *order, size_t n,
                           km_curve *c)
{
    size_t low = 0;
    while (low < n) {
        double t = time[order[low]];
        size_t high = low, events = 0;
        for (; high < n && time[order[high]] == t; high++)
            events += status[order[high]] == 1.0;
        km_row(c, t, high - low, events);
        low = high;
    }
}

/* The rows from counts per whole-number time (survival_internal.h: the same rows, bit for
 * bit); false, nothing done, when the times are not such or out of memory. */
static bool km_rows_counted(const double *time, const double *status, size_t n, km_curve *c)
{
    double low;
    size_t range;
    if (!qa_survival_time_range(time, n, n < QA_SURVIVAL_BINS_MOST ? n : QA_SURVIVAL_BINS_MOST,
                                &low, &range))
        return false;
    size_t *count = calloc(2 * range, sizeof *count); /* per time: cases, events */
    if (!count)
        return false;
    for (size_t i = 0; i < n; i++) {
        size_t bin = (size_t)(time[i] - low);
        count[2 * bin]++;
        count[2 * bin + 1] += status[i] == 1.0;
    }
    for (size_t bin = 0; bin < range; bin++)
        if (count[2 * bin] > 0)
            km_row(c, low + (double)bin, count[2 * bin], count[2 * bin + 1]);
    free(count);
    return true;
}

qa_status qa_km_fit(const double *time, const double *status, size_t n, qa_km_result *result,
                    qa_error *error)
{
    memset(result, 0, sizeof *result);
    result->median = result->median_lower = result->median_upper = NAN;
    if (n == 0)
        return qa_error_set(error, QA_ERR_NUMERIC, NULL, 0, NULL, NULL,
                            "a Kaplan-Meier curve needs at least one case");
    qa_status status_code = qa_survival_check(time, status, n, error);
    if (status_code != QA_OK)
        return status_code;
    double *log_se = malloc(n * sizeof *log_se);
    size_t *order = NULL;
    if (!log_se)
        status_code = qa_error_set(error, QA_ERR_MEMORY, NULL, 0, NULL, NULL,
                                   "out of memory for a Kaplan-Meier curve of %zu cases", n);
    if (status_code == QA_OK)
        status_code = km_allocate(result, n, error);
    km_curve curve = {result, log_se, 1.0, 0.0, n};
    if (status_code == QA_OK && !km_rows_counted(time, status, n, &curve)) {
        order = malloc(n * sizeof *order);
        status_code = order
                          ? qa_survival_sort_order(time, n, order, error)
                          : qa_error_set(error, QA_ERR_MEMORY, NULL, 0, NULL, NULL,
                                         "out of memory for a Kaplan-Meier curve of %zu cases", n);
        if (status_code == QA_OK)
            km_rows_sorted(time, status, order, n, &curve);
    }
    if (status_code == QA_OK)
        status_code = km_median(result, log_se, error);
    free(order);
    free(log_se);
    if (status_code != QA_OK)
        qa_km_result_free(result);
    return status_code;
}
