/* Parts of the logistic-regression module shared by the ML and Firth fits: options, result
 * storage, and the fit statistics computed from fitted probabilities (Hosmer–Lemeshow, AUC). */
#include "qareport/logit.h"

#include "logit_internal.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

void qa_logit_options_default(qa_logit_options *options)
{
    options->max_iterations = 100;
    options->tolerance = 1e-12;
    options->confidence = 0.95;
    options->compute_vif = false;
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

qa_status qa_logit_result_allocate(qa_logit_result *result, size_t n, size_t p,
                                   qa_logit_method method, qa_error *error)
{
    memset(result, 0, sizeof *result);
    double **per_term[] = {&result->b,       &result->se,       &result->z,
                           &result->p_value, &result->wald_p,   &result->ci_lower,
                           &result->ci_upper, &result->vif};
    size_t count = sizeof per_term / sizeof per_term[0];
    for (size_t k = 0; k < count; k++) {
        *per_term[k] = malloc(p * sizeof **per_term[k]);
        if (!*per_term[k])
            goto out_of_memory;
        for (size_t j = 0; j < p; j++)
            (*per_term[k])[j] = NAN;
    }
    result->fitted = calloc(n, sizeof *result->fitted);
    if (!result->fitted)
        goto out_of_memory;
    result->method = method;
    result->n = n;
    result->p = p;
    double *statistics[] = {&result->loglik, &result->null_loglik, &result->deviance,
                            &result->null_deviance, &result->lr_chi2, &result->lr_p,
                            &result->aic, &result->bic, &result->mcfadden_r2,
                            &result->cox_snell_r2, &result->nagelkerke_r2, &result->hl_chi2,
                            &result->hl_p, &result->auc};
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

/* Fitted probabilities from result->b, then the statistics that only need them. */
void qa_logit_fill_prediction_statistics(const qa_logit_data *data, qa_logit_result *result)
{
    size_t n = data->n, p = data->p;
    result->tn = result->fp = result->fn = result->tp = 0;
    result->events = 0;
    for (size_t i = 0; i < n; i++) {
        const double *row = data->x + i * p;
        double eta = 0;
        for (size_t j = 0; j < p; j++)
            eta += row[j] * result->b[j];
        double mu = 1 / (1 + exp(-eta));
        result->fitted[i] = mu;
        bool predicted = mu > 0.5, observed = data->y[i] == 1.0;
        result->events += observed;
        result->tp += predicted && observed;
        result->fp += predicted && !observed;
        result->fn += !predicted && observed;
        result->tn += !predicted && !observed;
    }
    qa_hosmer_lemeshow(data->y, result->fitted, n, &result->hl_chi2, &result->hl_df,
                       &result->hl_p);
    result->auc = qa_auc(data->y, result->fitted, n);
}

/* Type-7 quantile (R's default) of sorted values. */
static double quantile_type7(const double *sorted, size_t n, double prob)
{
    return gsl_stats_quantile_from_sorted_data(sorted, 1, n, prob);
}

void qa_hosmer_lemeshow(const double *y, const double *fitted, size_t n, double *chi2, int *df,
                        double *p)
{
    *chi2 = NAN;
    *df = 0;
    *p = NAN;
    if (n == 0)
        return;
    double *sorted = malloc(n * sizeof *sorted);
    if (!sorted)
        return;
    memcpy(sorted, fitted, n * sizeof *sorted);
    gsl_sort(sorted, 1, n);
    /* Cut points at deciles; duplicates merged (as cut(..., unique(quantile(...)))). */
    double cuts[11];
    int ncuts = 0;
    for (int k = 0; k <= 10; k++) {
        double q = quantile_type7(sorted, n, k / 10.0);
        if (ncuts == 0 || q > cuts[ncuts - 1])
            cuts[ncuts++] = q;
    }
    free(sorted);
    int groups = ncuts - 1;
    if (groups < 1) {
        return;
    }
    double observed[10] = {0}, expected[10] = {0}, count[10] = {0};
    for (size_t i = 0; i < n; i++) {
        /* Intervals (c[k-1], c[k]], the lowest closed on the left too. */
        int g = 0;
        while (g < groups - 1 && fitted[i] > cuts[g + 1])
            g++;
        observed[g] += y[i];
        expected[g] += fitted[i];
        count[g] += 1;
    }
    double statistic = 0;
    int occupied = 0;
    for (int g = 0; g < groups; g++) {
        if (count[g] == 0)
            continue;
        occupied++;
        double mean = expected[g] / count[g];
        double variance = count[g] * mean * (1 - mean);
        if (variance > 0)
            statistic += (observed[g] - expected[g]) * (observed[g] - expected[g]) / variance;
    }
    if (occupied - 2 < 1)
        return;
    *chi2 = statistic;
    *df = occupied - 2;
    *p = gsl_cdf_chisq_Q(statistic, *df);
}

typedef struct {
    double score;
    double y;
} scored;

static int compare_scored(const void *a, const void *b)
{
    double x = ((const scored *)a)->score, z = ((const scored *)b)->score;
    return (x > z) - (x < z);
}

double qa_auc(const double *y, const double *score, size_t n)
{
    scored *items = malloc(n * sizeof *items);
    if (!items)
        return NAN;
    size_t positives = 0;
    for (size_t i = 0; i < n; i++) {
        items[i].score = score[i];
        items[i].y = y[i];
        positives += y[i] == 1.0;
    }
    size_t negatives = n - positives;
    if (positives == 0 || negatives == 0) {
        free(items);
        return NAN;
    }
    qsort(items, n, sizeof *items, compare_scored);
    /* Mann–Whitney: sum of midranks of the positives. */
    double rank_sum = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && items[j].score == items[i].score)
            j++;
        double midrank = (double)(i + 1 + j) / 2.0;
        for (size_t k = i; k < j; k++)
            if (items[k].y == 1.0)
                rank_sum += midrank;
        i = j;
    }
    free(items);
    double u = rank_sum - (double)positives * (double)(positives + 1) / 2.0;
    return u / ((double)positives * (double)negatives);
}
