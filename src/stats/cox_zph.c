/* Proportional-hazards test of a Cox fit (Grambsch & Therneau 1994) as survival 3.x's cox.zph
 * with transform = "km": a score test, at the fitted b, of the extended model with coefficients
 * b_j + g_j g(t), g(t) = 1 - KM(t-) centered over the events. The score for g is the sum of
 * g(t) × Schoenfeld residuals; the test uses the full 2p×2p information of (b, g), Efron ties. */
#include "qareport/survival.h"
#include "survival_internal.h"

#include <gsl/gsl_cdf.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

void qa_cox_zph_result_free(qa_cox_zph_result *zph)
{
    if (!zph)
        return;
    free(zph->chi2);
    free(zph->p);
    free(zph->df);
    memset(zph, 0, sizeof *zph);
}

/* g at each sorted row: 1 - KM just before its time (over all cases), minus the mean of that
 * over the events (cox.zph's gtime). */
static void km_time_transform(const qa_cox_sorted *s, double *g)
{
    double survival = 1.0, event_sum = 0.0;
    size_t at_risk = s->n, low = 0;
    while (low < s->n) {
        size_t high = low, events = 0;
        for (; high < s->n && s->time[high] == s->time[low]; high++) {
            g[high] = 1.0 - survival;
            events += s->event[high];
        }
        event_sum += (double)events * (1.0 - survival);
        survival *= 1.0 - (double)events / (double)at_risk;
        at_risk -= high - low;
        low = high;
    }
    double mean = event_sum / (double)s->events;
    for (size_t k = 0; k < s->n; k++)
        g[k] -= mean;
}

typedef struct {
    double *s1, *s2, *e1, *e2, *mean, *x_sum;
} zph_sums;

/* Adds one event time's Efron terms (d tied deaths, transform g) to u (2p) and imat (2p×2p). */
static void zph_efron(size_t p, double s0, double e0, size_t deaths, double g, const zph_sums *w,
                      double *u, double *imat)
{
    size_t q = 2 * p;
    for (size_t j = 0; j < p; j++)
        u[p + j] += g * w->x_sum[j];
    for (size_t k = 0; k < deaths; k++) {
        double f = (double)k / (double)deaths;
        double denominator = s0 - f * e0;
        for (size_t j = 0; j < p; j++) {
            w->mean[j] = (w->s1[j] - f * w->e1[j]) / denominator;
            u[p + j] -= g * w->mean[j];
        }
        for (size_t j = 0; j < p; j++)
            for (size_t l = 0; l < p; l++) {
                size_t a = j <= l ? j * p + l : l * p + j;
                double v = (w->s2[a] - f * w->e2[a]) / denominator - w->mean[j] * w->mean[l];
                imat[j * q + l] += v;
                imat[j * q + p + l] += g * v;
                imat[(p + j) * q + l] += g * v;
                imat[(p + j) * q + p + l] += g * g * v;
            }
    }
}

/* One backward pass at b: the score of the g terms (u[p..2p)) and the 2p×2p information. */
static void zph_score(const qa_cox_sorted *s, const double *b, const double *g, zph_sums *w,
                      double *u, double *imat)
{
    size_t p = s->p;
    double s0 = 0.0;
    size_t i = s->n;
    while (i > 0) {
        double t = s->time[i - 1], e0 = 0.0, g_t = g[i - 1];
        size_t deaths = 0;
        memset(w->e1, 0, p * sizeof *w->e1);
        memset(w->e2, 0, p * p * sizeof *w->e2);
        memset(w->x_sum, 0, p * sizeof *w->x_sum);
        for (; i > 0 && s->time[i - 1] == t; i--) {
            const double *x = s->x + (i - 1) * p;
            double eta = 0.0;
            for (size_t j = 0; j < p; j++)
                eta += x[j] * b[j];
            double risk = exp(eta);
            s0 += risk;
            for (size_t j = 0; j < p; j++)
                for (size_t l = j; l < p; l++)
                    w->s2[j * p + l] += risk * x[j] * x[l];
            for (size_t j = 0; j < p; j++)
                w->s1[j] += risk * x[j];
            if (!s->event[i - 1])
                continue;
            deaths++;
            e0 += risk;
            for (size_t j = 0; j < p; j++) {
                w->x_sum[j] += x[j];
                w->e1[j] += risk * x[j];
                for (size_t l = j; l < p; l++)
                    w->e2[j * p + l] += risk * x[j] * x[l];
            }
        }
        if (deaths > 0)
            zph_efron(p, s0, e0, deaths, g_t, w, u, imat);
    }
}

/* u' A^-1 u over the rows/columns in keep (count m) of the 2p system, u zero on the b part. */
static bool score_statistic(const double *imat, const double *u, size_t q, const size_t *keep,
                            size_t m, double *scratch, double *statistic)
{
    double *a = scratch, *v = scratch + m * m;
    for (size_t r = 0; r < m; r++) {
        v[r] = u[keep[r]];
        for (size_t c = 0; c < m; c++)
            a[r * m + c] = imat[keep[r] * q + keep[c]];
    }
    double *solution = v + m;
    memcpy(solution, v, m * sizeof *v);
    if (!qa_survival_cholesky(a, m))
        return false;
    qa_survival_cholesky_solve(a, m, solution);
    *statistic = 0.0;
    for (size_t r = 0; r < m; r++)
        *statistic += v[r] * solution[r];
    return true;
}

static qa_status zph_tests(size_t p, const double *u, const double *imat, double *scratch,
                           qa_cox_zph_result *out, qa_error *error)
{
    size_t q = 2 * p;
    size_t *keep = malloc(q * sizeof *keep);
    if (!keep)
        return qa_error_set(error, QA_ERR_MEMORY, NULL, 0, NULL, NULL,
                            "out of memory for the proportional-hazards test");
    for (size_t term = 0; term <= p; term++) {
        size_t m = 0;
        for (size_t j = 0; j < p; j++)
            keep[m++] = j;
        for (size_t j = 0; j < p; j++)
            if (term == p || j == term)
                keep[m++] = p + j;
        if (!score_statistic(imat, u, q, keep, m, scratch, &out->chi2[term])) {
            free(keep);
            return qa_error_set(error, QA_ERR_NUMERIC, NULL, 0, NULL, NULL,
                                "the proportional-hazards test is not computable: its "
                                "information matrix is singular (too few distinct event times)");
        }
        out->df[term] = term == p ? (int)p : 1;
        out->p[term] = gsl_cdf_chisq_Q(out->chi2[term], (double)out->df[term]);
    }
    free(keep);
    return QA_OK;
}

qa_status qa_cox_zph(const qa_cox_data *data, const qa_cox_result *fit, qa_cox_zph_result *out,
                     qa_error *error)
{
    memset(out, 0, sizeof *out);
    if (!fit->b || fit->p != data->p || fit->n != data->n)
        return qa_error_set(error, QA_ERR_INTERNAL, NULL, 0, NULL, NULL,
                            "qa_cox_zph needs a successful qa_cox_fit of the same data");
    qa_cox_sorted s;
    qa_status status = qa_cox_sorted_init(data, &s, error);
    if (status != QA_OK)
        return status;
    size_t p = data->p, q = 2 * p;
    /* g (n), u (q), imat (q²), sums (4p + 2p²), scratch (q² + 2q) */
    double *block = calloc(data->n + q + q * q + 4 * p + 2 * p * p + q * q + 2 * q + 1,
                           sizeof *block);
    out->chi2 = calloc(p + 1, sizeof *out->chi2);
    out->p = calloc(p + 1, sizeof *out->p);
    out->df = calloc(p + 1, sizeof *out->df);
    if (!block || !out->chi2 || !out->p || !out->df) {
        status = qa_error_set(error, QA_ERR_MEMORY, NULL, 0, NULL, NULL,
                              "out of memory for the proportional-hazards test");
    } else {
        out->terms = p;
        double *g = block, *u = g + data->n, *imat = u + q, *next = imat + q * q;
        zph_sums w;
        w.s1 = next, next += p;
        w.s2 = next, next += p * p;
        w.e1 = next, next += p;
        w.e2 = next, next += p * p;
        w.mean = next, next += p;
        w.x_sum = next, next += p;
        km_time_transform(&s, g);
        zph_score(&s, fit->b, g, &w, u, imat);
        status = zph_tests(p, u, imat, next, out, error);
    }
    free(block);
    qa_cox_sorted_free(&s);
    if (status != QA_OK)
        qa_cox_zph_result_free(out);
    return status;
}
