/* Parts of the logistic-regression module shared by the ML and Firth fits: options, result
 * storage, Wald statistics, and the statistics computed from fitted probabilities
 * (classification; Hosmer–Lemeshow and AUC through logit_ranking.c). */
#include "qareport/logit.h"

#include "column_scale.h"
#include "logit_internal.h"

#include <gsl/gsl_cdf.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

void qa_logit_options_default(qa_logit_options *options)
{
    options->max_iterations = 100;
    options->tolerance = 1e-12;
    options->confidence = 0.95;
    options->compute_vif = false;
    options->skip_profile = false;
}

void qa_logit_result_free(qa_logit_result *result)
{
    if (!result)
        return;
    free(result->b);
    free(result->se);
    free(result->z);
    free(result->p_value);
    free(result->wald_p);
    free(result->ci_lower);
    free(result->ci_upper);
    free(result->vif);
    free(result->fitted);
    memset(result, 0, sizeof *result);
}

qa_status qa_logit_result_allocate(qa_logit_result *result, size_t cases, size_t rows, size_t p,
                                   qa_logit_method method, qa_error *error)
{
    memset(result, 0, sizeof *result);
    double **per_term[] = {&result->b,      &result->se,       &result->z,        &result->p_value,
                           &result->wald_p, &result->ci_lower, &result->ci_upper, &result->vif};
    size_t count = sizeof per_term / sizeof per_term[0];
    for (size_t k = 0; k < count; k++) {
        *per_term[k] = malloc(p * sizeof **per_term[k]);
        if (!*per_term[k])
            goto out_of_memory;
        for (size_t j = 0; j < p; j++)
            (*per_term[k])[j] = NAN;
    }
    result->fitted = calloc(rows > 0 ? rows : 1, sizeof *result->fitted);
    if (!result->fitted)
        goto out_of_memory;
    result->method = method;
    result->n = cases;
    result->rows = rows;
    result->p = p;
    double *statistics[] = {
        &result->loglik,      &result->null_loglik,  &result->deviance,      &result->null_deviance,
        &result->lr_chi2,     &result->lr_p,         &result->aic,           &result->bic,
        &result->mcfadden_r2, &result->cox_snell_r2, &result->nagelkerke_r2, &result->hl_chi2,
        &result->hl_p,        &result->auc};
    for (size_t k = 0; k < sizeof statistics / sizeof statistics[0]; k++)
        *statistics[k] = NAN;
    return QA_OK;
out_of_memory:
    qa_logit_result_free(result);
    return qa_error_set(error, QA_ERR_MEMORY, NULL, 0, NULL, NULL, "out of memory");
}

void qa_logit_wald(qa_logit_result *result, double confidence)
{
    double quantile = gsl_cdf_ugaussian_Qinv((1 - confidence) / 2);
    for (size_t j = 0; j < result->p; j++) {
        double b = result->b[j], se = result->se[j];
        result->z[j] = b / se;
        result->wald_p[j] = 2 * gsl_cdf_ugaussian_Q(fabs(result->z[j]));
        result->ci_lower[j] = b - quantile * se;
        result->ci_upper[j] = b + quantile * se;
    }
}

/* Fitted probabilities from result->b, then the statistics that only need them; with
 * weights, each row counts weight times (the classification counts are of cases). */
void qa_logit_fill_prediction_statistics(const qa_logit_data *data, qa_logit_result *result,
                                         bool fitted_ready)
{
    size_t n = data->n, p = data->p;
    double tn = 0, fp = 0, fn = 0, tp = 0, events = 0;
    for (size_t i = 0; i < n; i++) {
        if (!fitted_ready) {
            const double *row = data->x + i * p;
            double eta = 0;
            for (size_t j = 0; j < p; j++)
                eta += row[j] * result->b[j];
            result->fitted[i] = 1 / (1 + exp(-eta));
        }
        double mu = result->fitted[i], weight = qa_logit_row_weight(data, i);
        bool predicted = mu > 0.5, observed = data->y[i] == 1.0;
        events += observed ? weight : 0;
        tp += predicted && observed ? weight : 0;
        fp += predicted && !observed ? weight : 0;
        fn += !predicted && observed ? weight : 0;
        tn += !predicted && !observed ? weight : 0;
    }
    result->events = (size_t)events;
    result->tn = (size_t)tn;
    result->fp = (size_t)fp;
    result->fn = (size_t)fn;
    result->tp = (size_t)tp;
    size_t count = 0;
    qa_score_run *runs = qa_score_runs(data->y, result->fitted, data->weights, n, &count);
    if (!runs)
        return; /* statistics stay NaN */
    qa_hosmer_lemeshow_runs(runs, count, &result->hl_chi2, &result->hl_df, &result->hl_p);
    result->auc = qa_auc_runs(runs, count);
    free(runs);
}

qa_status qa_logit_fit_scaled(const qa_logit_data *data, const qa_logit_options *options,
                              qa_logit_result *result, qa_error *error, qa_logit_fit_function fit)
{
    memset(result, 0, sizeof *result);
    if (!data || !data->x)
        return fit(data, options, result, error);
    qa_column_scale scale;
    if (!qa_column_scale_make(data->x, data->n, data->p, &scale))
        return qa_error_set(error, QA_ERR_MEMORY, NULL, 0, NULL, NULL, "out of memory");
    qa_logit_data scaled = *data;
    if (scale.x)
        scaled.x = scale.x;
    qa_status status = fit(&scaled, options, result, error);
    if (scale.x && result->b && result->method == QA_LOGIT_FIRTH) {
        /* Firth's penalty 0.5 log det I is the one quantity that depends on the scale: with
         * x_j = x'_j 2^-e_j, det I = det I' 2^(-2 sum e_j), so the penalized likelihoods of
         * the data are those of the scaled fit minus sum e_j log 2 (differences, the LR
         * tests, are unchanged). */
        double shift = 0;
        for (size_t j = 0; j < data->p; j++)
            shift += scale.exponent[j] * log(2.0);
        result->loglik -= shift;
        result->null_loglik -= shift;
        result->deviance = -2 * result->loglik;
        result->null_deviance = -2 * result->null_loglik;
    }
    if (scale.x && result->b)
        for (size_t j = 0; j < data->p; j++) {
            result->b[j] = qa_column_scale_back(&scale, j, result->b[j]);
            result->se[j] = qa_column_scale_back(&scale, j, result->se[j]);
            result->ci_lower[j] = qa_column_scale_back(&scale, j, result->ci_lower[j]);
            result->ci_upper[j] = qa_column_scale_back(&scale, j, result->ci_upper[j]);
        }
    qa_column_scale_free(&scale);
    return status;
}
