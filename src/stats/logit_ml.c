/* Maximum-likelihood logistic regression by Newton–Raphson (= IRLS for the canonical logit
 * link), with step-halving when the deviance rises, and the fit statistics of
 * docs/METHODS.md §5.5. Each iteration is one pass over the data accumulating X'WX and X'(y - mu);
 * the standard errors come from the information at the final estimate (METHODS
 * §5.5), not from the previous iterate as R's glm reports them. */
#include "logit_internal.h"

#include <gsl/gsl_cdf.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    double *b, *score, *information; /* at the current estimate */
    double *trial_b, *trial_score, *trial_information;
    double *step;
    double *scratch;               /* 2 p*p */
    double *fitted, *trial_fitted; /* n: probabilities at b and at the trial */
    bool exhausted;                /* stopped by max_iterations */
} ml_workspace;

static void swap(double **a, double **b)
{
    double *t = *a;
    *a = *b;
    *b = t;
}

/* Newton iterations from the start in w->b. Returns QA_OK when the relative change in
 * deviance fell below the tolerance; w->b and w->information then hold the final estimate
 * and the information there. */
static qa_status newton(const qa_logit_data *data, const qa_logit_options *options, ml_workspace *w,
                        double *loglik, int *iterations, qa_error *error)
{
    size_t p = data->p;
    double current = qa_logit_accumulate(data, w->b, w->score, w->information, w->fitted);
    for (int iteration = 1; iteration <= options->max_iterations; iteration++) {
        *iterations = iteration;
        memcpy(w->trial_information, w->information, p * p * sizeof *w->information);
        if (!qa_logit_cholesky(w->trial_information, p))
            return qa_error_set(error, QA_ERR_NUMERIC, NULL, 0, NULL, NULL,
                                "logistic regression: information matrix singular at iteration "
                                "%d (fitted probabilities 0 or 1: separation?)",
                                iteration);
        memcpy(w->step, w->score, p * sizeof *w->step);
        qa_logit_cholesky_solve(w->trial_information, p, w->step);
        double trial = -INFINITY, scale = 1.0, change = INFINITY;
        for (int halving = 0; halving <= 30; halving++, scale /= 2) {
            for (size_t j = 0; j < p; j++)
                w->trial_b[j] = w->b[j] + scale * w->step[j];
            trial = qa_logit_accumulate(data, w->trial_b, w->trial_score, w->trial_information,
                                        w->trial_fitted);
            change = fabs(2 * trial - 2 * current) / (fabs(2 * trial) + 0.1); /* as glm */
            /* A rise below the tolerance is rounding at the maximum, not a bad step. */
            if (trial >= current || change < options->tolerance)
                break;
        }
        if (!(trial >= current) && !(change < options->tolerance)) {
            /* No step raises the likelihood: the estimate is at rounding level. */
            *loglik = current;
            return QA_OK;
        }
        /* A step whose change is within the tolerance is taken even when rounding makes the
         * likelihood seem to fall: near the maximum the Newton step (exact score) is the
         * better information, and two fits of the same data in different row orders or
         * groupings (qa_logit_compress) then stop at the same iterate. */
        swap(&w->b, &w->trial_b);
        swap(&w->score, &w->trial_score);
        swap(&w->information, &w->trial_information);
        swap(&w->fitted, &w->trial_fitted);
        current = trial;
        if (change < options->tolerance) {
            *loglik = current;
            return QA_OK;
        }
    }
    *loglik = current;
    w->exhausted = true;
    return qa_error_set(error, QA_ERR_NUMERIC, NULL, 0, NULL, NULL,
                        "logistic regression did not converge in %d iterations",
                        options->max_iterations);
}

/* Log-likelihood of the intercept-only model (closed form), or of eta = 0 without an
 * intercept (as glm's null deviance). */
static double null_loglik(size_t cases, size_t events, bool has_intercept)
{
    if (!has_intercept)
        return (double)cases * log(0.5);
    double k = (double)events, m = (double)(cases - events), total = (double)cases;
    return k * log(k / total) + m * log(m / total);
}

static void fill_likelihood_statistics(qa_logit_result *r, bool has_intercept)
{
    double n = (double)r->n, k = (double)r->p;
    int df = (int)r->p - (has_intercept ? 1 : 0);
    r->deviance = -2 * r->loglik;
    r->null_deviance = -2 * r->null_loglik;
    r->lr_chi2 = 2 * (r->loglik - r->null_loglik);
    r->lr_p = df > 0 ? gsl_cdf_chisq_Q(r->lr_chi2 > 0 ? r->lr_chi2 : 0, df) : NAN;
    r->aic = -2 * r->loglik + 2 * k;
    r->bic = -2 * r->loglik + log(n) * k;
    r->mcfadden_r2 = 1 - r->loglik / r->null_loglik;
    /* Cox & Snell (1989); Nagelkerke (1991) rescales by its maximum. */
    r->cox_snell_r2 = 1 - exp(2 * (r->null_loglik - r->loglik) / n);
    r->nagelkerke_r2 = r->cox_snell_r2 / (1 - exp(2 * r->null_loglik / n));
}

/* Standard errors from the inverse information; false when it is singular. */
static bool standard_errors(const double *information, size_t p, double *se, double *scratch)
{
    double *l = scratch, *inverse = scratch + p * p;
    memcpy(l, information, p * p * sizeof *l);
    if (!qa_logit_cholesky(l, p))
        return false;
    qa_logit_cholesky_invert(l, p, inverse);
    for (size_t j = 0; j < p; j++)
        se[j] = sqrt(inverse[j * p + j]);
    return true;
}

/* The result from the final iterate in w (fitted values already in result->fitted). */
static qa_status finish_fit(const qa_logit_data *data, const qa_logit_options *options,
                            ml_workspace *w, bool has_intercept, size_t events,
                            qa_logit_result *result, qa_error *error)
{
    size_t p = data->p;
    memcpy(result->b, w->b, p * sizeof *w->b);
    if (!standard_errors(w->information, p, result->se, w->scratch))
        return qa_error_set(error, QA_ERR_NUMERIC, NULL, 0, NULL, NULL,
                            "logistic regression: information matrix singular at the "
                            "estimate (fitted probabilities 0 or 1: separation?)");
    result->null_loglik = null_loglik(result->n, events, has_intercept);
    qa_logit_wald(result, options->confidence);
    memcpy(result->p_value, result->wald_p, p * sizeof *result->p_value);
    fill_likelihood_statistics(result, has_intercept);
    qa_logit_fill_prediction_statistics(data, result, true);
    if (options->compute_vif)
        qa_logit_variance_inflation(data, has_intercept, result->vif);
    return QA_OK;
}

static qa_status ml_fit(const qa_logit_data *data, const qa_logit_options *options,
                        qa_logit_result *result, qa_error *error)
{
    memset(result, 0, sizeof *result);
    qa_logit_options defaults;
    if (!options) {
        qa_logit_options_default(&defaults);
        options = &defaults;
    }
    size_t cases = 0, events = 0;
    bool has_intercept = false;
    qa_status status = qa_logit_check_data(data, &cases, &events, &has_intercept, error);
    if (status != QA_OK)
        return status;
    status = qa_logit_result_allocate(result, cases, data->n, data->p, QA_LOGIT_ML, error);
    if (status != QA_OK)
        return status;
    size_t p = data->p;
    double *buffer = calloc(5 * p + 4 * p * p, sizeof *buffer);
    double *trial_fitted = malloc(data->n * sizeof *trial_fitted);
    if (!buffer || !trial_fitted) {
        free(buffer);
        free(trial_fitted);
        qa_logit_result_free(result);
        return qa_error_set(error, QA_ERR_MEMORY, NULL, 0, NULL, NULL, "out of memory");
    }
    ml_workspace w = {.b = buffer,
                      .score = buffer + p,
                      .information = buffer + 2 * p,
                      .trial_b = buffer + 2 * p + p * p,
                      .trial_score = buffer + 3 * p + p * p,
                      .trial_information = buffer + 4 * p + p * p,
                      .step = buffer + 4 * p + 2 * p * p,
                      .scratch = buffer + 5 * p + 2 * p * p,
                      .fitted = result->fitted,
                      .trial_fitted = trial_fitted,
                      .exhausted = false};
    /* Start at the intercept-only estimate: one Newton step fewer than from zero. */
    if (has_intercept)
        w.b[0] = log((double)events / (double)(cases - events));
    status = newton(data, options, &w, &result->loglik, &result->iterations, error);
    result->converged = status == QA_OK;
    /* The buffer holding the final iterate's probabilities becomes the result's. */
    result->fitted = w.fitted;
    free(w.fitted == trial_fitted ? w.trial_fitted : trial_fitted);
    /* Without convergence the last iterate is still reported (converged = false). */
    bool keep = status == QA_OK || w.exhausted;
    if (keep) {
        qa_status finished = finish_fit(data, options, &w, has_intercept, events, result, error);
        if (finished != QA_OK) {
            status = finished;
            keep = false;
        }
    }
    if (!keep)
        qa_logit_result_free(result);
    free(buffer);
    return status;
}

qa_status qa_logit_fit(const qa_logit_data *data, const qa_logit_options *options,
                       qa_logit_result *result, qa_error *error)
{
    return qa_logit_fit_scaled(data, options, result, error, ml_fit);
}
