/* Parts of the logistic-regression module shared by the ML and Firth fits: options, result
 * storage, and the fit statistics computed from fitted probabilities (Hosmer–Lemeshow, AUC). */
#include "qareport/logit.h"

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
    options->profile_intervals = true;
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
    qa_scored *sorted = qa_scored_sort(data->y, result->fitted, n);
    if (!sorted)
        return; /* statistics stay NaN */
    qa_hosmer_lemeshow_sorted(sorted, n, &result->hl_chi2, &result->hl_df, &result->hl_p);
    result->auc = qa_auc_sorted(sorted, n);
    free(sorted);
}

/* Order-preserving map of a double's bits to an unsigned integer: negative values reversed,
 * non-negative ones shifted above them. */
static uint64_t order_key(double value)
{
    uint64_t bits;
    memcpy(&bits, &value, sizeof bits);
    return bits & 0x8000000000000000u ? ~bits : bits | 0x8000000000000000u;
}

enum { RADIX_BITS = 8, RADIX_BUCKETS = 1 << RADIX_BITS, RADIX_DIGITS = 64 / RADIX_BITS };

/* Sorts by score, ascending: LSD radix sort on order_key, 8-bit digits (n = 1e6 in ~40 ms,
 * qsort took ~100 ms), skipping digits all items share. Returns false when out of memory. */
static bool sort_scored(qa_scored *items, size_t n)
{
    size_t *count = calloc((size_t)RADIX_DIGITS * RADIX_BUCKETS, sizeof *count);
    qa_scored *other = malloc(n * sizeof *other);
    if (!count || !other) {
        free(count);
        free(other);
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        uint64_t key = order_key(items[i].score);
        for (int d = 0; d < RADIX_DIGITS; d++)
            count[(size_t)d * RADIX_BUCKETS + ((key >> (d * RADIX_BITS)) & (RADIX_BUCKETS - 1))]++;
    }
    qa_scored *from = items, *to = other;
    for (int d = 0; d < RADIX_DIGITS; d++) {
        size_t *c = count + (size_t)d * RADIX_BUCKETS;
        uint64_t first = (order_key(from[0].score) >> (d * RADIX_BITS)) & (RADIX_BUCKETS - 1);
        if (c[first] == n)
            continue;
        size_t offset = 0;
        for (size_t b = 0; b < RADIX_BUCKETS; b++) {
            size_t k = c[b];
            c[b] = offset;
            offset += k;
        }
        for (size_t i = 0; i < n; i++) {
            uint64_t digit = (order_key(from[i].score) >> (d * RADIX_BITS)) & (RADIX_BUCKETS - 1);
            to[c[digit]++] = from[i];
        }
        qa_scored *swap = from;
        from = to;
        to = swap;
    }
    if (from != items)
        memcpy(items, from, n * sizeof *items);
    free(count);
    free(other);
    return true;
}

/* Type-7 quantile of the sorted scores, computed as R's quantile.default does it
 * (index = 1 + (n - 1) p, interpolating only when the neighbours differ), so that cut
 * points agree with R to the last bit. */
static double quantile_type7(const qa_scored *sorted, size_t n, double probability)
{
    double index = 1 + (double)(n - 1) * probability;
    double low = floor(index), high = ceil(index);
    double q = sorted[(size_t)low - 1].score;
    double upper = sorted[(size_t)high - 1].score;
    if (index > low && upper != q) {
        double h = index - low;
        q = (1 - h) * q + h * upper;
    }
    return q;
}

void qa_hosmer_lemeshow_sorted(const qa_scored *sorted, size_t n, double *chi2, int *df, double *p)
{
    *chi2 = NAN;
    *df = 0;
    *p = NAN;
    if (n == 0)
        return;
    /* Cut points at deciles; duplicates merged (as cut(..., unique(quantile(...)))). */
    double cuts[11];
    int ncuts = 0;
    for (int k = 0; k <= 10; k++) {
        /* R's seq(0, 1, 0.1) is k * 0.1 in floating point (0.30000000000000004), not k / 10 */
        double q = quantile_type7(sorted, n, k * 0.1);
        if (ncuts == 0 || q > cuts[ncuts - 1])
            cuts[ncuts++] = q;
    }
    int groups = ncuts - 1;
    if (groups < 1)
        return;
    double observed[10] = {0}, expected[10] = {0}, count[10] = {0};
    int g = 0;
    for (size_t i = 0; i < n; i++) {
        /* Intervals (c[k-1], c[k]], the lowest closed on the left too; sorted input lets
         * the group index only move forward. */
        while (g < groups - 1 && sorted[i].score > cuts[g + 1])
            g++;
        observed[g] += sorted[i].y;
        expected[g] += sorted[i].score;
        count[g] += 1;
    }
    double statistic = 0;
    int occupied = 0;
    for (int k = 0; k < groups; k++) {
        if (count[k] == 0)
            continue;
        occupied++;
        double mean = expected[k] / count[k];
        double variance = count[k] * mean * (1 - mean);
        if (variance > 0)
            statistic += (observed[k] - expected[k]) * (observed[k] - expected[k]) / variance;
    }
    if (occupied - 2 < 1)
        return;
    *chi2 = statistic;
    *df = occupied - 2;
    *p = gsl_cdf_chisq_Q(statistic, *df);
}

double qa_auc_sorted(const qa_scored *sorted, size_t n)
{
    size_t positives = 0;
    for (size_t i = 0; i < n; i++)
        positives += sorted[i].y == 1.0;
    size_t negatives = n - positives;
    if (positives == 0 || negatives == 0)
        return NAN;
    /* Mann–Whitney: sum of midranks of the positives. */
    double rank_sum = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i, tied_positives = 0;
        while (j < n && sorted[j].score == sorted[i].score)
            tied_positives += sorted[j++].y == 1.0;
        rank_sum += (double)tied_positives * (double)(i + 1 + j) / 2.0;
        i = j;
    }
    double u = rank_sum - (double)positives * (double)(positives + 1) / 2.0;
    return u / ((double)positives * (double)negatives);
}

qa_scored *qa_scored_sort(const double *y, const double *score, size_t n)
{
    qa_scored *items = malloc((n ? n : 1) * sizeof *items);
    if (!items)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        items[i].score = score[i];
        items[i].y = y[i];
    }
    if (n > 0 && !sort_scored(items, n)) {
        free(items);
        return NULL;
    }
    return items;
}

void qa_hosmer_lemeshow(const double *y, const double *fitted, size_t n, double *chi2, int *df,
                        double *p)
{
    *chi2 = NAN;
    *df = 0;
    *p = NAN;
    qa_scored *sorted = qa_scored_sort(y, fitted, n);
    if (!sorted)
        return;
    qa_hosmer_lemeshow_sorted(sorted, n, chi2, df, p);
    free(sorted);
}

double qa_auc(const double *y, const double *score, size_t n)
{
    qa_scored *sorted = qa_scored_sort(y, score, n);
    if (!sorted)
        return NAN;
    double auc = qa_auc_sorted(sorted, n);
    free(sorted);
    return auc;
}
