/* The one pass over the data that every logistic fit iterates: log-likelihood, score
 * X'(y - mu), information X'WX and, when wanted, the fitted probabilities. It dominates the
 * cost at n = 1e6, so the common small p get their own copies of the loop with p a constant
 * (unrolled, accumulators in registers). */
#include "logit_internal.h"

#include <math.h>
#include <string.h>

enum { UNROLLED_MAX_TERMS = 8 };

/* Sum of log(1 + e_i) as the log of blockwise products: one log per 512 rows instead of a
 * log1p per row. Each factor is in [1, 2], so a block stays below 2^512; the error is a few
 * ulps per block. */
enum { LOG_BLOCK = 512 };

static inline __attribute__((always_inline)) double
accumulate_rows(const qa_logit_data *data, const size_t p, const double *b, double *score,
                double *information, double *fitted)
{
    double coefficient[UNROLLED_MAX_TERMS], local_score[UNROLLED_MAX_TERMS] = {0};
    double local_information[UNROLLED_MAX_TERMS * UNROLLED_MAX_TERMS] = {0};
    for (size_t j = 0; j < p; j++)
        coefficient[j] = b[j];
    double loglik = 0, product = 1;
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
        loglik += y * eta - (eta > 0 ? eta : 0);
        product *= 1 + e;
        if (i % LOG_BLOCK == LOG_BLOCK - 1) {
            loglik -= log(product);
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
    loglik -= log(product);
    if (score)
        for (size_t a = 0; a < p; a++)
            score[a] = local_score[a];
    if (information)
        for (size_t a = 0; a < p; a++)
            for (size_t c = 0; c <= a; c++)
                information[a * p + c] = information[c * p + a] =
                    local_information[a * UNROLLED_MAX_TERMS + c];
    return loglik;
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
    double loglik = 0, product = 1;
    for (size_t i = 0; i < n; i++) {
        const double *row = data->x + i * p;
        double eta = 0;
        for (size_t j = 0; j < p; j++)
            eta += row[j] * b[j];
        double e = exp(-fabs(eta)), inverse = 1 / (1 + e);
        double mu = eta >= 0 ? inverse : e * inverse, w = e * inverse * inverse;
        double y = data->y[i];
        loglik += y * eta - (eta > 0 ? eta : 0);
        product *= 1 + e;
        if (i % LOG_BLOCK == LOG_BLOCK - 1) {
            loglik -= log(product);
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
    return loglik - log(product);
}

double qa_logit_accumulate(const qa_logit_data *data, const double *b, double *score,
                           double *information, double *fitted)
{
    switch (data->p) {
    case 1: return accumulate_rows(data, 1, b, score, information, fitted);
    case 2: return accumulate_rows(data, 2, b, score, information, fitted);
    case 3: return accumulate_rows(data, 3, b, score, information, fitted);
    case 4: return accumulate_rows(data, 4, b, score, information, fitted);
    case 5: return accumulate_rows(data, 5, b, score, information, fitted);
    case 6: return accumulate_rows(data, 6, b, score, information, fitted);
    case 7: return accumulate_rows(data, 7, b, score, information, fitted);
    case 8: return accumulate_rows(data, 8, b, score, information, fitted);
    default: return accumulate_general(data, b, score, information, fitted);
    }
}
