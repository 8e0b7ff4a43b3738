/* Cox proportional hazards by Newton–Raphson on the log partial likelihood with Efron's (1977)
 * approximation for tied event times, as R's survival::coxph (method "efron"). The data are
 * sorted by time once; each iteration is one backward pass that grows the risk set. Frequency
 * weights count a row as that many identical cases (Efron's ties over the expanded deaths). */
#include "qareport/survival.h"
#include "column_scale.h"
#include "survival_internal.h"

#include <gsl/gsl_cdf.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

void qa_cox_options_default(qa_cox_options *options)
{
    options->max_iterations = 30;
    options->tolerance = 1e-12;
    options->confidence = 0.95;
    options->concordance_se = true;
}

void qa_cox_result_free(qa_cox_result *result)
{
    if (!result)
        return;
    free(result->b);
    free(result->se);
    free(result->z);
    free(result->p_value);
    free(result->ci_lower);
    free(result->ci_upper);
    free(result->variance);
    free(result->linear_predictor);
    memset(result, 0, sizeof *result);
}

/* Everything one fit needs besides the sorted data. */
typedef struct {
    qa_cox_risk_sums sums;
    double *beta, *new_beta, *u, *imat, *step;
    double *mean_sum, *variance_sum; /* of one event time */
    double loglik;
    double *block;
} cox_work;

static bool cox_work_alloc(cox_work *w, size_t p)
{
    w->block = calloc(6 * p + 3 * p * p + 1, sizeof *w->block);
    if (!w->block || !qa_cox_risk_sums_alloc(&w->sums, p))
        return false;
    double *next = w->block;
    w->beta = next, next += p;
    w->new_beta = next, next += p;
    w->u = next, next += p;
    w->step = next, next += p;
    w->mean_sum = next, next += p;
    w->imat = next, next += p * p;
    w->variance_sum = next;
    return true;
}

static void cox_work_free(cox_work *w)
{
    free(w->block);
    qa_cox_risk_sums_free(&w->sums);
}

/* One event time's part of the log partial likelihood, score and information (Efron ties). */
static void add_event_time(const qa_cox_risk_sums *sums, size_t first_row, void *context)
{
    (void)first_row;
    cox_work *w = context;
    size_t p = sums->p;
    qa_cox_efron k;
    qa_cox_efron_weights(sums->s0, sums->e0, sums->deaths, &k);
    qa_cox_efron_moments(sums, &k, w->mean_sum, w->variance_sum);
    w->loglik += sums->eta_sum - k.log_sum;
    for (size_t j = 0; j < p; j++)
        w->u[j] += sums->x_sum[j] - w->mean_sum[j];
    for (size_t j = 0; j < p * p; j++)
        w->imat[j] += w->variance_sum[j];
}

/* Log partial likelihood at beta; the score and information go to w->u and w->imat. */
static double cox_evaluate(const qa_cox_sorted *s, const double *beta, cox_work *w)
{
    w->loglik = 0.0;
    memset(w->u, 0, s->p * sizeof *w->u);
    memset(w->imat, 0, s->p * s->p * sizeof *w->imat);
    qa_cox_backward_pass(s, beta, &w->sums, add_event_time, w);
    return w->loglik;
}

static qa_status check_design(const qa_cox_data *d, qa_error *error)
{
    if (d->p == 0)
        return qa_error_set(error, QA_ERR_INPUT, NULL, 0, NULL, NULL,
                            "a Cox model needs at least one covariate");
    double cases;
    qa_status status = qa_cox_check_weights(d->weights, d->n, &cases, error);
    if (status != QA_OK)
        return status;
    if (cases < 2.0)
        return qa_error_set(error, QA_ERR_NUMERIC, NULL, 0, NULL, NULL,
                            "a Cox model needs at least 2 cases, got %.0f", cases);
    status = qa_survival_check(d->time, d->status, d->n, error);
    if (status != QA_OK)
        return status;
    for (size_t j = 0; j < d->p; j++) {
        bool constant = true, seen = false;
        double first = 0.0;
        for (size_t i = 0; i < d->n; i++) {
            double v = d->x[i * d->p + j];
            if (!isfinite(v))
                return qa_error_set(error, QA_ERR_INPUT, NULL, 0, NULL, NULL,
                                    "covariate %zu of row %zu is not a finite number", j + 1,
                                    i + 1);
            if (d->weights && d->weights[i] == 0.0) /* not among the cases */
                continue;
            if (!seen)
                first = v, seen = true;
            else if (v != first)
                constant = false;
        }
        if (constant)
            return qa_error_set(error, QA_ERR_NUMERIC, NULL, 0, NULL, NULL,
                                "covariate %zu is constant: its hazard ratio cannot be estimated",
                                j + 1);
    }
    return QA_OK;
}

static qa_status singular(qa_error *error)
{
    return qa_error_set(error, QA_ERR_NUMERIC, NULL, 0, NULL, NULL,
                        "the Cox information matrix is singular (collinear covariates, or a "
                        "covariate without variation among the cases at risk)");
}

/* Monotone likelihood (Bryson & Johnson 1981): the loglik levels off while Newton still moves a
 * coefficient by a sizeable step. survival's coxph flags |var u| > max(eps, sqrt(eps)|b|);
 * we use sqrt(eps) max(1, |b|) so a tiny finite coefficient is not flagged. */
static size_t diverging_coefficient(const double *beta, const double *step, size_t p, double eps)
{
    for (size_t j = 0; j < p; j++)
        if (fabs(step[j]) > sqrt(eps) * fmax(1.0, fabs(beta[j])))
            return j + 1;
    return 0;
}

/* Newton–Raphson with step halving, the loop of survival's coxfit6: stop when the relative
 * change of the loglik is below the tolerance on a full (not halved) step. Leaves the
 * information at the estimate in w->imat and the last Newton step in w->step. */
static qa_status newton_raphson(const qa_cox_sorted *s, const qa_cox_options *o, cox_work *w,
                                qa_cox_result *r, qa_error *error)
{
    size_t p = s->p;
    double loglik = r->null_loglik;
    bool halving = false;
    double last_change = INFINITY;
    r->converged = false;
    for (r->iterations = 1; r->iterations <= o->max_iterations; r->iterations++) {
        double new_loglik = cox_evaluate(s, w->new_beta, w);
        /* relative change as coxph, but absolute near 0 (a perfectly ordered sample's loglik
         * tends to 0 as a coefficient diverges) */
        double change = fabs(new_loglik - loglik) / fmax(fabs(new_loglik), 1.0);
        if (isfinite(new_loglik) && change <= o->tolerance && !halving) {
            memcpy(w->beta, w->new_beta, p * sizeof *w->beta);
            loglik = new_loglik;
            r->converged = true;
            break;
        }
        if (!isfinite(new_loglik) || new_loglik < loglik) { /* overshot: go half way back */
            halving = true;
            for (size_t j = 0; j < p; j++)
                w->new_beta[j] = 0.5 * (w->new_beta[j] + w->beta[j]);
            continue;
        }
        halving = false;
        last_change = change;
        loglik = new_loglik;
        memcpy(w->beta, w->new_beta, p * sizeof *w->beta);
        memcpy(w->step, w->u, p * sizeof *w->step);
        if (!qa_survival_cholesky(w->imat, p))
            return singular(error);
        qa_survival_cholesky_solve(w->imat, p, w->step);
        for (size_t j = 0; j < p; j++)
            w->new_beta[j] = w->beta[j] + w->step[j];
    }
    if (!r->converged) {
        /* Newton converges quadratically on a concave loglik; running out of iterations while
         * the loglik has levelled off but a coefficient still moves means it diverges. */
        r->iterations = o->max_iterations;
        size_t j = diverging_coefficient(w->beta, w->step, p, o->tolerance);
        if (j > 0 && last_change < 1e-4)
            return qa_error_set(error, QA_ERR_NUMERIC, NULL, 0, NULL, NULL,
                                "the coefficient of covariate %zu diverges (monotone likelihood: "
                                "the covariate separates the event order); its hazard ratio is "
                                "infinite or zero",
                                j);
        return qa_error_set(error, QA_ERR_NUMERIC, NULL, 0, NULL, NULL,
                            "the Cox model did not converge in %d iterations", o->max_iterations);
    }
    r->loglik = loglik;
    return QA_OK;
}

static qa_status allocate_result(qa_cox_result *r, size_t n, size_t p, qa_error *error)
{
    r->b = calloc(p, sizeof *r->b);
    r->se = calloc(p, sizeof *r->se);
    r->z = calloc(p, sizeof *r->z);
    r->p_value = calloc(p, sizeof *r->p_value);
    r->ci_lower = calloc(p, sizeof *r->ci_lower);
    r->ci_upper = calloc(p, sizeof *r->ci_upper);
    r->variance = calloc(p * p, sizeof *r->variance);
    r->linear_predictor = calloc(n, sizeof *r->linear_predictor);
    if (!r->b || !r->se || !r->z || !r->p_value || !r->ci_lower || !r->ci_upper || !r->variance ||
        !r->linear_predictor) {
        qa_cox_result_free(r);
        return qa_error_set(error, QA_ERR_MEMORY, NULL, 0, NULL, NULL,
                            "out of memory for a Cox model of %zu cases", n);
    }
    return QA_OK;
}

/* Score test at b = 0 (R's "Score (logrank) test") and the first Newton step. */
static qa_status start_at_zero(const qa_cox_sorted *s, cox_work *w, qa_cox_result *r,
                               qa_error *error)
{
    size_t p = s->p;
    r->null_loglik = cox_evaluate(s, w->beta, w);
    memcpy(w->step, w->u, p * sizeof *w->step);
    if (!qa_survival_cholesky(w->imat, p))
        return singular(error);
    qa_survival_cholesky_solve(w->imat, p, w->step);
    r->score_chi2 = 0.0;
    for (size_t j = 0; j < p; j++) {
        r->score_chi2 += w->u[j] * w->step[j];
        w->new_beta[j] = w->step[j];
    }
    r->score_p = gsl_cdf_chisq_Q(r->score_chi2, (double)p);
    return QA_OK;
}

/* The linear predictor of sorted case k, centered as R's fit$linear.predictors. */
static double reported_eta(const qa_cox_sorted *s, const double *b, size_t k)
{
    double eta = 0.0;
    for (size_t j = 0; j < s->p; j++)
        eta += (s->x[k * s->p + j] + s->mean[j] - s->reported_center[j]) * b[j];
    return eta;
}

/* Coefficients, variance, Wald tests and model statistics from the converged state. */
static qa_status summarise(const qa_cox_sorted *s, const qa_cox_options *o, cox_work *w,
                           qa_cox_result *r, qa_error *error)
{
    size_t p = s->p;
    double *factor = w->variance_sum; /* scratch p×p */
    memcpy(factor, w->imat, p * p * sizeof *factor);
    if (!qa_survival_cholesky(factor, p))
        return singular(error);
    qa_survival_cholesky_invert(factor, p, r->variance);
    memcpy(w->step, w->u, p * sizeof *w->step); /* next Newton step, for the divergence check */
    qa_survival_cholesky_solve(factor, p, w->step);
    size_t j_infinite = diverging_coefficient(w->beta, w->step, p, o->tolerance);
    if (j_infinite > 0)
        return qa_error_set(error, QA_ERR_NUMERIC, NULL, 0, NULL, NULL,
                            "loglik converged before the coefficient of covariate %zu did: it "
                            "may be infinite (monotone likelihood)",
                            j_infinite);
    double zq = gsl_cdf_ugaussian_Pinv(0.5 + 0.5 * o->confidence);
    r->wald_chi2 = 0.0;
    for (size_t j = 0; j < p; j++) {
        r->b[j] = w->beta[j];
        r->se[j] = sqrt(r->variance[j * p + j]);
        r->z[j] = r->b[j] / r->se[j];
        r->p_value[j] = 2.0 * gsl_cdf_ugaussian_Q(fabs(r->z[j]));
        r->ci_lower[j] = r->b[j] - zq * r->se[j];
        r->ci_upper[j] = r->b[j] + zq * r->se[j];
        for (size_t l = 0; l < p; l++)
            r->wald_chi2 += w->beta[j] * w->imat[j * p + l] * w->beta[l];
    }
    double df = (double)p, n = (double)s->cases;
    r->wald_p = gsl_cdf_chisq_Q(r->wald_chi2, df);
    r->lr_chi2 = 2.0 * (r->loglik - r->null_loglik);
    r->lr_p = gsl_cdf_chisq_Q(r->lr_chi2, df);
    r->aic = -2.0 * r->loglik + 2.0 * df;
    r->bic = -2.0 * r->loglik + df * log((double)s->events);
    r->cox_snell_r2 = 1.0 - exp(-r->lr_chi2 / n);
    r->nagelkerke_r2 = r->cox_snell_r2 / (1.0 - exp(2.0 * r->null_loglik / n));
    for (size_t k = 0; k < s->n; k++)
        r->linear_predictor[s->order[k]] = reported_eta(s, r->b, k);
    return QA_OK;
}

/* Concordance of the linear predictor, on the data already sorted by time. */
static qa_status concordance_of_fit(const qa_cox_sorted *s, bool with_se, qa_cox_result *r,
                                    qa_error *error)
{
    double *score = malloc(s->n * sizeof *score + 1);
    if (!score)
        return qa_error_set(error, QA_ERR_MEMORY, NULL, 0, NULL, NULL,
                            "out of memory for the concordance of %zu cases", s->n);
    for (size_t k = 0; k < s->n; k++) /* the same values as linear_predictor, in time order */
        score[k] = reported_eta(s, r->b, k);
    qa_status status =
        qa_concordance_sorted(s->time, s->event, score, s->weight, s->n, &r->concordance,
                              with_se ? &r->concordance_se : NULL, error);
    if (!with_se)
        r->concordance_se = NAN;
    free(score);
    return status;
}

static qa_status cox_fit(const qa_cox_data *data, const qa_cox_options *options,
                         qa_cox_result *result, qa_error *error)
{
    qa_cox_options defaults;
    if (!options) {
        qa_cox_options_default(&defaults);
        options = &defaults;
    }
    memset(result, 0, sizeof *result);
    qa_status status = check_design(data, error);
    if (status != QA_OK)
        return status;
    qa_cox_sorted sorted;
    status = qa_cox_sorted_init(data, &sorted, error);
    if (status != QA_OK)
        return status;
    cox_work work = {0};
    if (sorted.events == 0)
        status = qa_error_set(error, QA_ERR_NUMERIC, NULL, 0, NULL, NULL,
                              "no events among %zu cases: every case is censored, so there is "
                              "no hazard to model",
                              sorted.cases);
    else if (!cox_work_alloc(&work, data->p))
        status = qa_error_set(error, QA_ERR_MEMORY, NULL, 0, NULL, NULL,
                              "out of memory for a Cox model");
    else
        status = allocate_result(result, data->n, data->p, error);
    result->n = sorted.cases;
    result->p = data->p;
    result->events = sorted.events;
    if (status == QA_OK)
        status = start_at_zero(&sorted, &work, result, error);
    if (status == QA_OK)
        status = newton_raphson(&sorted, options, &work, result, error);
    if (status == QA_OK)
        status = summarise(&sorted, options, &work, result, error);
    if (status == QA_OK)
        status = concordance_of_fit(&sorted, options->concordance_se, result, error);
    cox_work_free(&work);
    qa_cox_sorted_free(&sorted);
    if (status != QA_OK)
        qa_cox_result_free(result);
    return status;
}

/* On the column-scaled data (column_scale.h: exact, nothing changes for ordinary data), then b,
 * se, the limits and the variance scaled back; z, p, the likelihoods, tests, concordance and
 * linear predictor do not depend on the scale. */
qa_status qa_cox_fit(const qa_cox_data *data, const qa_cox_options *options, qa_cox_result *result,
                     qa_error *error)
{
    memset(result, 0, sizeof *result);
    qa_column_scale scale;
    if (!data->x)
        return cox_fit(data, options, result, error);
    if (!qa_column_scale_make(data->x, data->n, data->p, &scale))
        return qa_error_set(error, QA_ERR_MEMORY, NULL, 0, NULL, NULL,
                            "out of memory for a Cox model");
    qa_cox_data scaled = *data;
    if (scale.x)
        scaled.x = scale.x;
    qa_status status = cox_fit(&scaled, options, result, error);
    size_t p = data->p;
    if (scale.x && result->b)
        for (size_t j = 0; j < p; j++) {
            result->b[j] = qa_column_scale_back(&scale, j, result->b[j]);
            result->se[j] = qa_column_scale_back(&scale, j, result->se[j]);
            result->ci_lower[j] = qa_column_scale_back(&scale, j, result->ci_lower[j]);
            result->ci_upper[j] = qa_column_scale_back(&scale, j, result->ci_upper[j]);
            for (size_t l = 0; l < p; l++)
                result->variance[j * p + l] =
                    ldexp(result->variance[j * p + l], scale.exponent[j] + scale.exponent[l]);
        }
    qa_column_scale_free(&scale);
    return status;
}
