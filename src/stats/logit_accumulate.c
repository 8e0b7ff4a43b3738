/* The one pass over the data that every logistic fit iterates: log-likelihood, score
 * X'(y - mu), information X'WX and, when wanted, the fitted probabilities. It dominates the
 * cost at n = 1e6, so the common small p get their own copies of the loop with p a constant
 * (unrolled, accumulators in registers). */
#include "logit_internal.h"

#include <math.h>
#include <string.h>

enum { UNROLLED_MAX_TERMS = 8 };

/* Rows are summed in blocks: within a block, sum log(1 + e_i) is taken as the log of the
 * product (one log per block instead of a log1p per row; each factor is in [1, 2], so the
 * product stays below 2^512), and the block totals are added with Neumaier's compensated
 * sum. At n = 1e6 a plain running sum is off by ~1e-12 relative, the size of the
 * convergence tolerance, which made the deviance seem to rise at the maximum. */
enum { LOG_BLOCK = 512 };

typedef struct {
    double sum, compensation;
} compensated_sum;

/* Neumaier (1974) */
static inline void compensated_add(compensated_sum *total, double value)
{
    double t = total->sum + value;
    if (fabs(total->sum) >= fabs(value))
        total->compensation += (total->sum - t) + value;
    else
        total->compensation += (value - t) + total->sum;
    total->sum = t;
}

static inline __attribute__((always_inline)) double
accumulate_rows(const qa_logit_data *data, const size_t p, const double *b, double *score,
                double *information, double *fitted)
{
    double coefficient[UNROLLED_MAX_TERMS], local_score[UNROLLED_MAX_TERMS] = {0};
    double local_information[UNROLLED_MAX_TERMS * UNROLLED_MAX_TERMS] = {0};
    for (size_t j = 0; j < p; j++)
        coefficient[j] = b[j];
    compensated_sum total = {0, 0};
    double block = 0, product = 1;
    for (size_t i = 0; i < data->n; i++) {
        const double *row = data->x + i * p;
        double eta = 0;
        for (size_t j = 0; j < p; j++)
            eta += row[j] * coefficient[j];
        /* log(1 + e^eta) = max(eta, 0) + log(1 + e), e = exp(-|eta|): no overflow. */
        double e = exp(-fabs(eta)), inverse = 1 / (1 + e);
        double mu = eta >= 0 ? inverse : e * inverse;
        double w = e * inverse * inverse; /* mu (1 - mu), accurate in both tails */
        double y = data->y[i];
        block += y * eta - (eta > 0 ? eta : 0);
        product *= 1 + e;
        if (i % LOG_BLOCK == LOG_BLOCK - 1) {
            compensated_add(&total, block - log(product));
            block = 0;
            product = 1;
        }
        if (fitted)
            fitted[i] = mu;
        double residual = y - mu;
        for (size_t a = 0; a < p; a++) {
            local_score[a] += row[a] * residual;
            double wa = w * row[a];
            for (size_t c = 0; c <= a; c++)
                local_information[a * UNROLLED_MAX_TERMS + c] += wa * row[c];
        }
    }
    compensated_add(&total, block - log(product));
    if (score)
        for (size_t a = 0; a < p; a++)
            score[a] = local_score[a];
    if (information)
        for (size_t a = 0; a < p; a++)
            for (size_t c = 0; c <= a; c++)
                information[a * p + c] = information[c * p + a] =
                    local_information[a * UNROLLED_MAX_TERMS + c];
    return total.sum + total.compensation;
}

/* Any p: the same computation accumulating in the caller's arrays (each may be NULL). */
static double accumulate_general(const qa_logit_data *data, const double *b, double *score,
                                 double *information, double *fitted)
{
    size_t n = data->n, p = data->p;
    if (score)
        memset(score, 0, p * sizeof *score);
    if (information)
        memset(information, 0, p * p * sizeof *information);
    compensated_sum total = {0, 0};
    double block = 0, product = 1;
    for (size_t i = 0; i < n; i++) {
        const double *row = data->x + i * p;
        double eta = 0;
        for (size_t j = 0; j < p; j++)
            eta += row[j] * b[j];
        double e = exp(-fabs(eta)), inverse = 1 / (1 + e);
        double mu = eta >= 0 ? inverse : e * inverse, w = e * inverse * inverse;
        double y = data->y[i];
        block += y * eta - (eta > 0 ? eta : 0);
        product *= 1 + e;
        if (i % LOG_BLOCK == LOG_BLOCK - 1) {
            compensated_add(&total, block - log(product));
            block = 0;
            product = 1;
        }
        if (fitted)
            fitted[i] = mu;
        for (size_t a = 0; score && a < p; a++)
            score[a] += row[a] * (y - mu);
        for (size_t a = 0; information && a < p; a++) {
            double wa = w * row[a];
            for (size_t c = 0; c <= a; c++)
                information[a * p + c] += wa * row[c];
        }
    }
    for (size_t a = 0; information && a < p; a++)
        for (size_t c = 0; c < a; c++)
            information[c * p + a] = information[a * p + c];
    compensated_add(&total, block - log(product));
    return total.sum + total.compensation;
}

/* Frequency weights: row i counts weights[i] times. The product trick above would overflow
 * with large weights, so each row adds w log1p(e) directly; weighted data are the few
 * distinct rows of qa_logit_compress, where the cost per row does not matter. */
static double accumulate_weighted(const qa_logit_data *data, const double *b, double *score,
                                  double *information, double *fitted)
{
    size_t n = data->n, p = data->p;
    if (score)
        memset(score, 0, p * sizeof *score);
    if (information)
        memset(information, 0, p * p * sizeof *information);
    compensated_sum total = {0, 0};
    for (size_t i = 0; i < n; i++) {
        const double *row = data->x + i * p;
        double eta = 0, weight = data->weights[i];
        for (size_t j = 0; j < p; j++)
            eta += row[j] * b[j];
        double e = exp(-fabs(eta)), inverse = 1 / (1 + e);
        double mu = eta >= 0 ? inverse : e * inverse, w = weight * e * inverse * inverse;
        double y = data->y[i];
        if (fitted)
            fitted[i] = mu;
        if (weight == 0)
            continue;
        compensated_add(&total, weight * (y * eta - (eta > 0 ? eta : 0) - log1p(e)));
        for (size_t a = 0; score && a < p; a++)
            score[a] += weight * row[a] * (y - mu);
        for (size_t a = 0; information && a < p; a++) {
            double wa = w * row[a];
            for (size_t c = 0; c <= a; c++)
                information[a * p + c] += wa * row[c];
        }
    }
    for (size_t a = 0; information && a < p; a++)
        for (size_t c = 0; c < a; c++)
            information[c * p + a] = information[a * p + c];
    return total.sum + total.compensation;
}

double qa_logit_accumulate(const qa_logit_data *data, const double *b, double *score,
                           double *information, double *fitted)
{
    if (data->weights)
        return accumulate_weighted(data, b, score, information, fitted);
    switch (data->p) {
    case 1:
        return accumulate_rows(data, 1, b, score, information, fitted);
    case 2:
        return accumulate_rows(data, 2, b, score, information, fitted);
    case 3:
        return accumulate_rows(data, 3, b, score, information, fitted);
    case 4:
        return accumulate_rows(data, 4, b, score, information, fitted);
    case 5:
        return accumulate_rows(data, 5, b, score, information, fitted);
    case 6:
        return accumulate_rows(data, 6, b, score, information, fitted);
    case 7:
        return accumulate_rows(data, 7, b, score, information, fitted);
    case 8:
        return accumulate_rows(data, 8, b, score, information, fitted);
    default:
        return accumulate_general(data, b, score, information, fitted);
    }
}
