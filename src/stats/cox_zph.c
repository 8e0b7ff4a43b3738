/* Proportional-hazards test of a Cox fit (Grambsch & Therneau 1994) as survival 3.x's cox.zph
 * with transform = "km": a score test, at the fitted b, of the extended model with coefficients
 * b_j + g_j g(t), g(t) = 1 - KM(t-) centered over the events. The score for g is the sum of
 * g(t) × Schoenfeld residuals; the test uses the full 2p×2p information of (b, g), Efron ties.
 * Frequency weights give the expanded data's test (a row of weight w is w identical cases). */
#include "qareport/survival.h"
#include "column_scale.h"
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
 * over the events (cox.zph's gtime); rows count their weight. */
static void km_time_transform(const qa_cox_sorted *s, double *g)
{
    double survival = 1.0, event_sum = 0.0, at_risk = (double)s->cases;
    size_t low = 0;
    while (low < s->n) {
        size_t high = low;
        double events = 0.0, leaving = 0.0;
        for (; high < s->n && s->time[high] == s->time[low]; high++) {
            g[high] = 1.0 - survival;
            events += s->event[high] ? s->weight[high] : 0.0;
            leaving += s->weight[high];
        }
        event_sum += events * (1.0 - survival);
        if (at_risk > 0.0)
            survival *= 1.0 - events / at_risk;
        at_risk -= leaving;
        low = high;
    }
    double mean = event_sum / (double)s->events;
    for (size_t k = 0; k < s->n; k++)
        g[k] -= mean;
}

/* State of the pass: g per sorted row, the score of the g terms and the 2p×2p information. */
typedef struct {
    const double *g;
    double *u, *imat; /* u: 2p, the b part stays 0 as in cox.zph */
    double *mean_sum, *variance_sum;
} zph_state;

/* One event time: u_g += g (sum x - sum_k mean_k); the information blocks of (b, g) are V, g V
 * and g^2 V with V the Efron sum of the weighted covariances (survival's zph1.c). */
static void zph_event_time(const qa_cox_risk_sums *sums, size_t first_row, void *context)
{
    zph_state *z = context;
    size_t p = sums->p, q = 2 * p;
    double g = z->g[first_row];
    qa_cox_efron k;
    qa_cox_efron_weights(sums->s0, sums->e0, sums->deaths, &k);
    qa_cox_efron_moments(sums, &k, z->mean_sum, z->variance_sum);
    for (size_t j = 0; j < p; j++) {
        z->u[p + j] += g * (sums->x_sum[j] - z->mean_sum[j]);
        for (size_t l = 0; l < p; l++) {
            double v = z->variance_sum[j * p + l];
            z->imat[j * q + l] += v;
            z->imat[j * q + p + l] += g * v;
            z->imat[(p + j) * q + l] += g * v;
            z->imat[(p + j) * q + p + l] += g * g * v;
        }
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

/* One test per term (its columns' g together, df = their number) and the global test. */
static qa_status zph_tests(size_t p, const size_t *term_of_column, size_t terms, const double *u,
                           const double *imat, double *scratch, qa_cox_zph_result *out,
                           qa_error *error)
{
    size_t q = 2 * p;
    size_t *keep = malloc(q * sizeof *keep);
    if (!keep)
        return qa_error_set(error, QA_ERR_MEMORY, NULL, 0, NULL, NULL,
                            "out of memory for the proportional-hazards test");
    for (size_t term = 0; term <= terms; term++) {
        size_t m = 0;
        for (size_t j = 0; j < p; j++)
            keep[m++] = j;
        for (size_t j = 0; j < p; j++)
            if (term == terms || term_of_column[j] == term)
                keep[m++] = p + j;
        if (!score_statistic(imat, u, q, keep, m, scratch, &out->chi2[term])) {
            free(keep);
            return qa_error_set(error, QA_ERR_NUMERIC, NULL, 0, NULL, NULL,
                                "the proportional-hazards test is not computable: its "
                                "information matrix is singular (too few distinct event times)");
        }
        out->df[term] = (int)(m - p);
        out->p[term] = gsl_cdf_chisq_Q(out->chi2[term], (double)out->df[term]);
    }
    free(keep);
    return QA_OK;
}

static qa_status check_terms(size_t p, const size_t *term_of_column, size_t terms, qa_error *error)
{
    if (terms == 0 || terms > p)
        return qa_error_set(error, QA_ERR_INTERNAL, NULL, 0, NULL, NULL,
                            "qa_cox_zph_terms: %zu terms for %zu columns", terms, p);
    for (size_t term = 0; term < terms; term++) {
        bool used = false;
        for (size_t j = 0; j < p; j++)
            used = used || term_of_column[j] == term;
        if (!used)
            return qa_error_set(error, QA_ERR_INTERNAL, NULL, 0, NULL, NULL,
                                "qa_cox_zph_terms: term %zu has no column", term + 1);
    }
    for (size_t j = 0; j < p; j++)
        if (term_of_column[j] >= terms)
            return qa_error_set(error, QA_ERR_INTERNAL, NULL, 0, NULL, NULL,
                                "qa_cox_zph_terms: column %zu names term %zu of %zu", j + 1,
                                term_of_column[j] + 1, terms);
    return QA_OK;
}

static qa_status zph_terms(const qa_cox_data *data, const qa_cox_result *fit,
                           const size_t *term_of_column, size_t terms, qa_cox_zph_result *out,
                           qa_error *error)
{
    memset(out, 0, sizeof *out);
    double cases;
    qa_status status = qa_cox_check_weights(data->weights, data->n, &cases, error);
    if (status != QA_OK)
        return status;
    if (!fit->b || fit->p != data->p || (double)fit->n != cases)
        return qa_error_set(error, QA_ERR_INTERNAL, NULL, 0, NULL, NULL,
                            "qa_cox_zph needs a successful qa_cox_fit of the same data");
    status = check_terms(data->p, term_of_column, terms, error);
    if (status != QA_OK)
        return status;
    qa_cox_sorted s;
    status = qa_cox_sorted_init(data, &s, error);
    if (status != QA_OK)
        return status;
    size_t p = data->p, q = 2 * p;
    /* g (n), u (q), imat (q²), mean_sum (p), variance_sum (p²), scratch (q² + 2q) */
    double *block = calloc(data->n + q + q * q + p + p * p + q * q + 2 * q + 1, sizeof *block);
    qa_cox_risk_sums sums;
    bool have_sums = qa_cox_risk_sums_alloc(&sums, p);
    out->chi2 = calloc(terms + 1, sizeof *out->chi2);
    out->p = calloc(terms + 1, sizeof *out->p);
    out->df = calloc(terms + 1, sizeof *out->df);
    if (!block || !have_sums || !out->chi2 || !out->p || !out->df) {
        status = qa_error_set(error, QA_ERR_MEMORY, NULL, 0, NULL, NULL,
                              "out of memory for the proportional-hazards test");
    } else {
        out->terms = terms;
        zph_state z;
        double *g = block;
        z.g = g;
        z.u = g + data->n;
        z.imat = z.u + q;
        z.mean_sum = z.imat + q * q;
        z.variance_sum = z.mean_sum + p;
        km_time_transform(&s, g);
        qa_cox_backward_pass(&s, fit->b, &sums, zph_event_time, &z);
        status =
            zph_tests(p, term_of_column, terms, z.u, z.imat, z.variance_sum + p * p, out, error);
    }
    qa_cox_risk_sums_free(&sums);
    free(block);
    qa_cox_sorted_free(&s);
    if (status != QA_OK)
        qa_cox_zph_result_free(out);
    return status;
}

/* On the column-scaled data (column_scale.h) with the fit's b scaled to match: the score test
 * does not depend on the scale of a covariate, and no cross-product over- or underflows. */
qa_status qa_cox_zph_terms(const qa_cox_data *data, const qa_cox_result *fit,
                           const size_t *term_of_column, size_t terms, qa_cox_zph_result *out,
                           qa_error *error)
{
    memset(out, 0, sizeof *out);
    qa_column_scale scale;
    if (!data->x || !fit->b || fit->p != data->p)
        return zph_terms(data, fit, term_of_column, terms, out, error);
    if (!qa_column_scale_make(data->x, data->n, data->p, &scale))
        return qa_error_set(error, QA_ERR_MEMORY, NULL, 0, NULL, NULL,
                            "out of memory for the proportional-hazards test");
    if (!scale.x) {
        qa_column_scale_free(&scale);
        return zph_terms(data, fit, term_of_column, terms, out, error);
    }
    qa_status status;
    double *b = malloc(data->p * sizeof *b);
    if (!b) {
        status = qa_error_set(error, QA_ERR_MEMORY, NULL, 0, NULL, NULL,
                              "out of memory for the proportional-hazards test");
    } else {
        for (size_t j = 0; j < data->p; j++)
            b[j] = ldexp(fit->b[j], -scale.exponent[j]);
        qa_cox_data scaled_data = *data;
        scaled_data.x = scale.x;
        qa_cox_result scaled_fit = *fit;
        scaled_fit.b = b;
        status = zph_terms(&scaled_data, &scaled_fit, term_of_column, terms, out, error);
    }
    free(b);
    qa_column_scale_free(&scale);
    return status;
}

qa_status qa_cox_zph(const qa_cox_data *data, const qa_cox_result *fit, qa_cox_zph_result *out,
                     qa_error *error)
{
    memset(out, 0, sizeof *out);
    size_t *term_of_column = malloc((data->p + 1) * sizeof *term_of_column);
    if (!term_of_column)
        return qa_error_set(error, QA_ERR_MEMORY, NULL, 0, NULL, NULL,
                            "out of memory for the proportional-hazards test");
    for (size_t j = 0; j < data->p; j++)
        term_of_column[j] = j;
    qa_status status = qa_cox_zph_terms(data, fit, term_of_column, data->p, out, error);
    free(term_of_column);
    return status;
}
