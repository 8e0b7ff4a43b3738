/* Per-case score contributions for the member-robust sandwich (member_robust.h): the logit
 * scores (ML and Firth's modified score) with their bread (X′WX)⁻¹, and the Cox score
 * residuals with Efron ties and their dfbeta. */
#include "qareport/member_robust.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "logit_internal.h"
#include "survival_internal.h"

qa_status qa_logit_score_contributions(const qa_logit_data *data, const qa_logit_result *fit,
                                       double *u, double *bread, qa_error *error)
{
    size_t n = data->n, p = data->p;
    if (!fit->b || fit->p != p)
        return qa_error_set(error, QA_ERR_INTERNAL, NULL, 0, NULL, NULL,
                            "score contributions: the fit does not match the design");
    double *work = malloc((3 * p * p + p + n + 1) * sizeof *work);
    if (!work)
        return qa_error_set(error, QA_ERR_MEMORY, NULL, 0, NULL, NULL, "out of memory");
    double *factor = work, *inverse = factor + p * p, *solve = inverse + p * p;
    double *fitted = solve + p;
    qa_logit_accumulate(data, fit->b, NULL, factor, fitted);
    if (!qa_logit_cholesky(factor, p)) {
        free(work);
        return qa_error_set(error, QA_ERR_NUMERIC, NULL, 0, NULL, NULL,
                            "the information matrix is singular at the estimate");
    }
    if (bread) {
        qa_logit_cholesky_invert(factor, p, inverse);
        memcpy(bread, inverse, p * p * sizeof *bread);
    }
    bool firth = fit->method == QA_LOGIT_FIRTH;
    for (size_t i = 0; i < n; i++) {
        const double *row = data->x + i * p;
        double mu = fitted[i], residual = data->y[i] - mu;
        if (firth) { /* h_i = w_i |L⁻¹ x_i|² (Heinze & Schemper 2002, eq. 2) */
            double leverage = 0;
            for (size_t a = 0; a < p; a++) {
                double sum = row[a];
                for (size_t c = 0; c < a; c++)
                    sum -= factor[a * p + c] * solve[c];
                solve[a] = sum / factor[a * p + a];
                leverage += solve[a] * solve[a];
            }
            residual += mu * (1 - mu) * leverage * (0.5 - mu);
        }
        for (size_t j = 0; j < p; j++)
            u[i * p + j] = row[j] * residual;
    }
    free(work);
    return QA_OK;
}

/* What one event time contributes, recorded by the backward pass (Efron 1977: the d tied
 * deaths leave in d steps, den_k = S0 − (k/d) E0, mean_k = (S1 − (k/d) E1)/den_k). */
typedef struct {
    size_t first_row;           /* sorted position of the time's first case */
    double hazard;              /* Σ_k 1/den_k */
    double tied_hazard;         /* Σ_k f_k/den_k */
    double *weighted_mean;      /* Σ_k mean_k/den_k        = S1 b0 − E1 b1 */
    double *tied_weighted_mean; /* Σ_k f_k mean_k/den_k    = S1 b1 − E1 b2 */
    double *mean;               /* Σ_k mean_k / d */
} event_time;

typedef struct {
    size_t p, count;
    event_time *times;
    double *values; /* 3p per time */
} event_times;

static void record_time(const qa_cox_risk_sums *sums, size_t first_row, void *context)
{
    event_times *list = context;
    size_t p = list->p;
    event_time *e = &list->times[list->count];
    e->weighted_mean = list->values + 3 * p * list->count;
    e->tied_weighted_mean = e->weighted_mean + p;
    e->mean = e->tied_weighted_mean + p;
    list->count++;
    qa_cox_efron k;
    qa_cox_efron_weights(sums->s0, sums->e0, sums->deaths, &k);
    e->first_row = first_row;
    e->hazard = k.a0;
    e->tied_hazard = k.a1;
    for (size_t j = 0; j < p; j++) {
        double s1 = sums->s1[j], e1 = sums->e1[j];
        e->weighted_mean[j] = s1 * k.b0 - e1 * k.b1;
        e->tied_weighted_mean[j] = s1 * k.b1 - e1 * k.b2;
        e->mean[j] = (s1 * k.a0 - e1 * k.a1) / (double)sums->deaths;
    }
}

/* Forward in time: a case at time t was at risk at every event time <= t, and
 *   r_i = −e^{η_i} Σ_{t_k <= t_i} Σ_steps (x_i − mean)/den                      (at risk)
 *         + δ_i [(x_i − Σ_steps mean/d) + e^{η_i} Σ_steps f (x_i − mean)/den]   (own deaths)
 * (survival's coxscore2 with Efron ties, meanwt 1 for expanded frequency weights). */
static void residuals_forward(const qa_cox_sorted *s, const double *beta, const event_times *list,
                              double *residuals, double *cumulative_mean)
{
    size_t p = s->p, next = list->count; /* times were recorded from the last backwards */
    double cumulative_hazard = 0;
    memset(cumulative_mean, 0, p * sizeof *cumulative_mean);
    const event_time *own = NULL;
    for (size_t i = 0; i < s->n; i++) {
        if (i == 0 || s->time[i] != s->time[i - 1]) {
            own = NULL;
            if (next > 0 && list->times[next - 1].first_row == i) {
                own = &list->times[--next];
                cumulative_hazard += own->hazard;
                for (size_t j = 0; j < p; j++)
                    cumulative_mean[j] += own->weighted_mean[j];
            }
        }
        const double *x = s->x + i * p;
        double eta = 0;
        for (size_t j = 0; j < p; j++)
            eta += x[j] * beta[j];
        double risk = exp(eta);
        double *r = residuals + s->order[i] * p;
        for (size_t j = 0; j < p; j++) {
            double value = -risk * (x[j] * cumulative_hazard - cumulative_mean[j]);
            if (s->event[i] && own)
                value += x[j] - own->mean[j] +
                         risk * (x[j] * own->tied_hazard - own->tied_weighted_mean[j]);
            r[j] = value;
        }
    }
}

qa_status qa_cox_score_residuals(const qa_cox_data *data, const qa_cox_result *fit,
                                 double *residuals, qa_error *error)
{
    size_t p = data->p;
    if (!fit->b || fit->p != p)
        return qa_error_set(error, QA_ERR_INTERNAL, NULL, 0, NULL, NULL,
                            "score residuals: the fit does not match the design");
    qa_cox_sorted sorted;
    qa_status status = qa_cox_sorted_init(data, &sorted, error);
    if (status != QA_OK)
        return status;
    qa_cox_risk_sums sums;
    event_times list = {p, 0, malloc((data->n + 1) * sizeof *list.times),
                        malloc((3 * p * data->n + 1) * sizeof *list.values)};
    double *cumulative = malloc((p + 1) * sizeof *cumulative);
    bool sums_ok = qa_cox_risk_sums_alloc(&sums, p);
    if (!list.times || !list.values || !cumulative || !sums_ok) {
        status = qa_error_set(error, QA_ERR_MEMORY, NULL, 0, NULL, NULL, "out of memory");
    } else {
        qa_cox_backward_pass(&sorted, fit->b, &sums, record_time, &list);
        residuals_forward(&sorted, fit->b, &list, residuals, cumulative);
    }
    if (sums_ok)
        qa_cox_risk_sums_free(&sums);
    free(list.times);
    free(list.values);
    free(cumulative);
    qa_cox_sorted_free(&sorted);
    return status;
}

qa_status qa_cox_dfbeta(const qa_cox_data *data, const qa_cox_result *fit, double *dfbeta,
                        qa_error *error)
{
    size_t n = data->n, p = data->p;
    qa_status status = qa_cox_score_residuals(data, fit, dfbeta, error);
    if (status != QA_OK)
        return status;
    double *row = malloc((p + 1) * sizeof *row);
    if (!row)
        return qa_error_set(error, QA_ERR_MEMORY, NULL, 0, NULL, NULL, "out of memory");
    for (size_t i = 0; i < n; i++) {
        double *d = dfbeta + i * p;
        for (size_t l = 0; l < p; l++) {
            double sum = 0;
            for (size_t j = 0; j < p; j++)
                sum += d[j] * fit->variance[j * p + l];
            row[l] = sum;
        }
        memcpy(d, row, p * sizeof *row);
    }
    free(row);
    return QA_OK;
}
