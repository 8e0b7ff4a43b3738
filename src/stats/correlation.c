/* Pearson and Spearman correlation with the tests of R's cor.test (Kendall is in kendall.c).
 * Pearson runs in one pass with Welford's co-moment updates (Welford 1962), which stay
 * accurate when the mean is large against the SD (years, say), unlike raw sums of squares. */
#include "qareport/correlation.h"

#include <gsl/gsl_cdf.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>

typedef struct {
    double r;
    double sxx, syy; /* sums of squared deviations */
} pearson_moments;

/* Returns false when a value is not finite. */
static bool pearson_moments_compute(const double *x, const double *y, size_t n,
                                    pearson_moments *out)
{
    double mean_x = 0, mean_y = 0, sxx = 0, syy = 0, sxy = 0;
    for (size_t i = 0; i < n; i++) {
        double k = (double)(i + 1);
        double dx = x[i] - mean_x, dy = y[i] - mean_y;
        mean_x += dx / k;
        mean_y += dy / k;
        double ex = x[i] - mean_x;
        sxx += dx * ex;
        syy += dy * (y[i] - mean_y);
        sxy += dx * (y[i] - mean_y);
    }
    out->sxx = sxx;
    out->syy = syy;
    out->r = NAN;
    if (!isfinite(sxx) || !isfinite(syy) || !isfinite(sxy))
        return false;
    if (sxx > 0 && syy > 0) {
        double r = sxy / sqrt(sxx * syy);
        out->r = r > 1 ? 1 : (r < -1 ? -1 : r);
    }
    return true;
}

/* Two-sided p of Student's t with df degrees of freedom: 2 min(P, Q) as cor.test. */
static double t_two_sided_p(double t, double df)
{
    if (isinf(t))
        return 0;
    double p = 2 * gsl_cdf_tdist_Q(fabs(t), df);
    return p > 1 ? 1 : p;
}

/* t = r sqrt(df / (1 - r²)), df = n - 2 (cor.test). */
static double pearson_t(double r, size_t n)
{
    double df = (double)n - 2;
    if (fabs(r) == 1)
        return r > 0 ? INFINITY : -INFINITY;
    return r * sqrt(df / (1 - r * r));
}

static void correlation_clear(qa_correlation *out, size_t n)
{
    out->n = n;
    out->estimate = out->statistic = out->p = NAN;
    out->ci_lower = out->ci_upper = NAN;
}

/* Checks shared by the three coefficients. */
static qa_status check_size(size_t n, const char *method, qa_error *error)
{
    if (n < 3)
        return qa_error_set(error, QA_ERR_NUMERIC, NULL, 0, NULL, NULL,
                            "%s correlation needs at least 3 cases, got %zu", method, n);
    return QA_OK;
}

static qa_status moments_or_error(const double *x, const double *y, size_t n,
                                  const char *method, pearson_moments *m, qa_error *error)
{
    if (!pearson_moments_compute(x, y, n, m))
        return qa_error_set(error, QA_ERR_NUMERIC, NULL, 0, NULL, NULL,
                            "%s correlation: the data hold a missing or infinite value", method);
    if (!(m->sxx > 0) || !(m->syy > 0))
        return qa_error_set(error, QA_ERR_NUMERIC, NULL, 0, NULL, NULL,
                            "%s correlation: %s has no variation (all %zu values equal)", method,
                            m->sxx > 0 ? "the second variable" : "the first variable", n);
    return QA_OK;
}

qa_status qa_pearson(const double *x, const double *y, size_t n, double confidence,
                     qa_correlation *out, qa_error *error)
{
    correlation_clear(out, n);
    if (!(confidence > 0 && confidence < 1))
        return qa_error_set(error, QA_ERR_USAGE, NULL, 0, NULL, NULL,
                            "confidence level must be between 0 and 1, got %g", confidence);
    qa_status status = check_size(n, "Pearson", error);
    pearson_moments m;
    if (status == QA_OK)
        status = moments_or_error(x, y, n, "Pearson", &m, error);
    if (status != QA_OK)
        return status;
    out->estimate = m.r;
    out->statistic = pearson_t(m.r, n);
    out->p = t_two_sided_p(out->statistic, (double)n - 2);
    if (n > 3) {
        /* Fisher z: atanh(r) ± z_(1+c)/2 / sqrt(n - 3) (cor.test). */
        double z = atanh(m.r);
        double half = gsl_cdf_ugaussian_Pinv((1 + confidence) / 2) / sqrt((double)n - 3);
        out->ci_lower = tanh(z - half);
        out->ci_upper = tanh(z + half);
    }
    return QA_OK;
}

qa_status qa_spearman(const double *x, const double *y, size_t n, qa_correlation *out,
                      qa_error *error)
{
    correlation_clear(out, n);
    qa_status status = check_size(n, "Spearman", error);
    if (status != QA_OK)
        return status;
    double *ranks = malloc(2 * n * sizeof *ranks);
    if (!ranks)
        return qa_error_set(error, QA_ERR_MEMORY, NULL, 0, NULL, NULL,
                            "out of memory ranking %zu cases", n);
    status = qa_rank_average(x, n, ranks);
    if (status == QA_OK)
        status = qa_rank_average(y, n, ranks + n);
    if (status != QA_OK) {
        free(ranks);
        return qa_error_set(error, status, NULL, 0, NULL, NULL,
                            status == QA_ERR_MEMORY
                                ? "out of memory ranking %zu cases"
                                : "Spearman correlation: the data of %zu cases hold a missing value",
                            n);
    }
    pearson_moments m;
    status = moments_or_error(ranks, ranks + n, n, "Spearman", &m, error);
    free(ranks);
    if (status != QA_OK)
        return status;
    double nd = (double)n;
    out->estimate = m.r;
    /* S = (n³ - n)(1 - rho) / 6; p by the t approximation (cor.test, exact = FALSE). */
    out->statistic = (nd * nd * nd - nd) * (1 - m.r) / 6;
    out->p = t_two_sided_p(pearson_t(m.r, n), nd - 2);
    return QA_OK;
}
