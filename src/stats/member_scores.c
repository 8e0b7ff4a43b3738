/* Per-case score contributions for the member-robust sandwich (member_robust.h): the logit
 * scores (ML and Firth's modified score) with their bread (X′WX)⁻¹, and the Cox score
 * residuals with Efron ties and their dfbeta, each computable case by case from the case's own
 * values so that a million cases need no n × p array. */
#include "qareport/member_robust.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "logit_internal.h"
#include "survival_internal.h"

qa_status qa_logit_bread(const qa_logit_data *data, const qa_logit_result *fit, double *bread,
                         qa_error *error)
{
    size_t p = data->p;
    if (!fit->b || fit->p != p)
        return qa_error_set(error, QA_ERR_INTERNAL, NULL, 0, NULL, NULL,
                            "logit bread: the fit does not match the design");
    double *factor = malloc((p * p + 1) * sizeof *factor);
    if (!factor)
        return qa_error_set(error, QA_ERR_MEMORY, NULL, 0, NULL, NULL, "out of memory");
    qa_logit_accumulate(data, fit->b, NULL, factor, NULL);
    bool ok = qa_logit_cholesky(factor, p);
    if (ok)
        qa_logit_cholesky_invert(factor, p, bread);
    free(factor);
    return ok ? QA_OK
              : qa_error_set(error, QA_ERR_NUMERIC, NULL, 0, NULL, NULL,
                             "the information matrix is singular at the estimate");
}

void qa_logit_case_score(const qa_logit_result *fit, const double *bread, const double *x, double y,
                         double *u)
{
    size_t p = fit->p;
    double eta = 0;
    for (size_t j = 0; j < p; j++)
        eta += x[j] * fit->b[j];
    double e = exp(-fabs(eta)), inverse = 1 / (1 + e);
    double mu = eta >= 0 ? inverse : e * inverse, w = e * inverse * inverse;
    double residual = y - mu;
    if (fit->method == QA_LOGIT_FIRTH) {
        double quadratic = 0; /* x′ (X′WX)⁻¹ x */
        for (size_t j = 0; j < p; j++) {
            double row = 0;
            for (size_t l = 0; l < p; l++)
                row += bread[j * p + l] * x[l];
            quadratic += x[j] * row;
        }
        residual += w * quadratic * (0.5 - mu);
    }
    for (size_t j = 0; j < p; j++)
        u[j] = x[j] * residual;
}

qa_status qa_logit_score_contributions(const qa_logit_data *data, const qa_logit_result *fit,
                                       double *u, double *bread, qa_error *error)
{
    size_t p = data->p;
    double *inverse = malloc((p * p + 1) * sizeof *inverse);
    if (!inverse)
        return qa_error_set(error, QA_ERR_MEMORY, NULL, 0, NULL, NULL, "out of memory");
    qa_status status = qa_logit_bread(data, fit, inverse, error);
    for (size_t i = 0; status == QA_OK && i < data->n; i++)
        qa_logit_case_score(fit, inverse, data->x + i * p, data->y[i], u + i * p);
    if (status == QA_OK && bread)
        memcpy(bread, inverse, p * p * sizeof *bread);
    free(inverse);
    return status;
}

/* The backward pass visits the event times from the last; each is stored at its index from
 * the end, and the cumulative sums are taken forward afterwards. */
typedef struct {
    qa_cox_score_table *table;
    size_t next; /* index of the time being recorded, counting down */
} table_fill;

static void record_time(const qa_cox_risk_sums *sums, size_t first_row, void *context)
{
    (void)first_row;
    table_fill *fill = context;
    qa_cox_score_table *t = fill->table;
    size_t p = t->p, k = --fill->next;
    qa_cox_efron e;
    qa_cox_efron_weights(sums->s0, sums->e0, sums->deaths, &e);
    t->hazard[k] = e.a0;
    t->tied_hazard[k] = e.a1;
    for (size_t j = 0; j < p; j++) {
        double s1 = sums->s1[j], e1 = sums->e1[j];
        t->weighted_mean[k * p + j] = s1 * e.b0 - e1 * e.b1;
        t->tied_weighted_mean[k * p + j] = s1 * e.b1 - e1 * e.b2;
        t->death_mean[k * p + j] = (s1 * e.a0 - e1 * e.a1) / (double)sums->deaths;
    }
}

void qa_cox_score_table_free(qa_cox_score_table *t)
{
    free(t->time);
    free(t->hazard);
    free(t->weighted_mean);
    free(t->tied_hazard);
    free(t->tied_weighted_mean);
    free(t->death_mean);
    free(t->center);
    free(t->b);
    free(t->variance);
    memset(t, 0, sizeof *t);
}

static bool table_allocate(qa_cox_score_table *t, size_t times, size_t p)
{
    t->p = p;
    t->times = times;
    size_t m = times + 1;
    t->time = malloc(m * sizeof *t->time);
    t->hazard = malloc(m * sizeof *t->hazard);
    t->tied_hazard = malloc(m * sizeof *t->tied_hazard);
    t->weighted_mean = malloc(m * p * sizeof *t->weighted_mean);
    t->tied_weighted_mean = malloc(m * p * sizeof *t->tied_weighted_mean);
    t->death_mean = malloc(m * p * sizeof *t->death_mean);
    t->center = malloc((p + 1) * sizeof *t->center);
    t->b = malloc((p + 1) * sizeof *t->b);
    t->variance = malloc((p * p + 1) * sizeof *t->variance);
    return t->time && t->hazard && t->tied_hazard && t->weighted_mean && t->tied_weighted_mean &&
           t->death_mean && t->center && t->b && t->variance;
}

/* Event times (with deaths of positive weight), ascending, from the sorted design. */
static size_t event_times(const qa_cox_sorted *s, double *time)
{
    size_t count = 0;
    for (size_t i = 0; i < s->n;) {
        double t = s->time[i], deaths = 0;
        for (; i < s->n && s->time[i] == t; i++)
            deaths += s->event[i] ? s->weight[i] : 0;
        if (deaths > 0) {
            if (time)
                time[count] = t;
            count++;
        }
    }
    return count;
}

qa_status qa_cox_score_table_build(const qa_cox_data *data, const qa_cox_result *fit,
                                   qa_cox_score_table *table, qa_error *error)
{
    size_t p = data->p;
    memset(table, 0, sizeof *table);
    if (!fit->b || fit->p != p)
        return qa_error_set(error, QA_ERR_INTERNAL, NULL, 0, NULL, NULL,
                            "score residuals: the fit does not match the design");
    qa_cox_sorted sorted;
    qa_status status = qa_cox_sorted_init(data, &sorted, error);
    if (status != QA_OK)
        return status;
    qa_cox_risk_sums sums;
    bool sums_ok = qa_cox_risk_sums_alloc(&sums, p);
    size_t times = event_times(&sorted, NULL);
    if (!sums_ok || !table_allocate(table, times, p)) {
        status = qa_error_set(error, QA_ERR_MEMORY, NULL, 0, NULL, NULL, "out of memory");
    } else {
        event_times(&sorted, table->time);
        memcpy(table->center, sorted.mean, p * sizeof *table->center);
        memcpy(table->b, fit->b, p * sizeof *table->b);
        memcpy(table->variance, fit->variance, p * p * sizeof *table->variance);
        table_fill fill = {table, times};
        qa_cox_backward_pass(&sorted, fit->b, &sums, record_time, &fill);
        for (size_t k = 1; k < times; k++) { /* cumulative from the first event time */
            table->hazard[k] += table->hazard[k - 1];
            for (size_t j = 0; j < p; j++)
                table->weighted_mean[k * p + j] += table->weighted_mean[(k - 1) * p + j];
        }
    }
    if (sums_ok)
        qa_cox_risk_sums_free(&sums);
    qa_cox_sorted_free(&sorted);
    if (status != QA_OK)
        qa_cox_score_table_free(table);
    return status;
}

/* Forward in time, a case at time t was at risk at every event time <= t:
 *   r = −e^η Σ_{t_k <= t} Σ_steps (x − mean)/den                              (at risk)
 *       + δ [(x − Σ_steps mean/d) + e^η Σ_steps f (x − mean)/den]   (its own time's deaths)
 * (survival's coxscore2 with Efron ties; meanwt 1 for frequency weights), x centered. */
void qa_cox_case_score_residual(const qa_cox_score_table *t, const double *x, double time,
                                double status, double *residual)
{
    size_t p = t->p, low = 0, high = t->times; /* count of event times <= time */
    while (low < high) {
        size_t middle = (low + high) / 2;
        if (t->time[middle] <= time)
            low = middle + 1;
        else
            high = middle;
    }
    double eta = 0;
    for (size_t j = 0; j < p; j++)
        eta += (x[j] - t->center[j]) * t->b[j];
    double risk = exp(eta);
    bool own = status == 1 && low > 0 && t->time[low - 1] == time;
    for (size_t j = 0; j < p; j++) {
        double centered = x[j] - t->center[j], value = 0;
        if (low > 0)
            value = -risk * (centered * t->hazard[low - 1] - t->weighted_mean[(low - 1) * p + j]);
        if (own) {
            size_t k = low - 1;
            value += centered - t->death_mean[k * p + j] +
                     risk * (centered * t->tied_hazard[k] - t->tied_weighted_mean[k * p + j]);
        }
        residual[j] = value;
    }
}

void qa_cox_case_dfbeta(const qa_cox_score_table *t, const double *x, double time, double status,
                        double *dfbeta)
{
    enum { STACK = 16 };
    size_t p = t->p;
    double stack[STACK], *r = p <= STACK ? stack : malloc(p * sizeof *r);
    if (!r) {
        for (size_t j = 0; j < p; j++)
            dfbeta[j] = NAN;
        return;
    }
    qa_cox_case_score_residual(t, x, time, status, r);
    for (size_t l = 0; l < p; l++) {
        double sum = 0;
        for (size_t j = 0; j < p; j++)
            sum += r[j] * t->variance[j * p + l];
        dfbeta[l] = sum;
    }
    if (r != stack)
        free(r);
}

static qa_status residual_rows(const qa_cox_data *data, const qa_cox_result *fit, double *out,
                               bool dfbeta, qa_error *error)
{
    qa_cox_score_table table;
    qa_status status = qa_cox_score_table_build(data, fit, &table, error);
    if (status != QA_OK)
        return status;
    size_t p = data->p;
    for (size_t i = 0; i < data->n; i++) {
        if (dfbeta)
            qa_cox_case_dfbeta(&table, data->x + i * p, data->time[i], data->status[i],
                               out + i * p);
        else
            qa_cox_case_score_residual(&table, data->x + i * p, data->time[i], data->status[i],
                                       out + i * p);
    }
    qa_cox_score_table_free(&table);
    return QA_OK;
}

qa_status qa_cox_score_residuals(const qa_cox_data *data, const qa_cox_result *fit,
                                 double *residuals, qa_error *error)
{
    return residual_rows(data, fit, residuals, false, error);
}

qa_status qa_cox_dfbeta(const qa_cox_data *data, const qa_cox_result *fit, double *dfbeta,
                        qa_error *error)
{
    return residual_rows(data, fit, dfbeta, true, error);
}
