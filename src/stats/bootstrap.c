/* The seeded case bootstrap (Efron 1979): resampling with replacement, percentile CIs from
 * type-7 quantiles as R's quantile(), and the z test of a difference of coefficients. */
#include "qareport/bootstrap.h"
#include "stats_internal.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stdlib.h>

struct qa_bootstrap {
    gsl_rng *rng;
};

qa_bootstrap *qa_bootstrap_alloc(unsigned long seed)
{
    qa_bootstrap *bootstrap = malloc(sizeof *bootstrap);
    if (!bootstrap)
        return NULL;
    bootstrap->rng = gsl_rng_alloc(gsl_rng_mt19937);
    if (!bootstrap->rng) {
        free(bootstrap);
        return NULL;
    }
    gsl_rng_set(bootstrap->rng, seed);
    return bootstrap;
}

void qa_bootstrap_free(qa_bootstrap *bootstrap)
{
    if (!bootstrap)
        return;
    gsl_rng_free(bootstrap->rng);
    free(bootstrap);
}

void qa_bootstrap_sample(qa_bootstrap *bootstrap, size_t n, size_t *indices)
{
    /* gsl_rng_uniform_int draws without modulo bias; MT19937 gives 32-bit values. */
    for (size_t i = 0; i < n; i++)
        indices[i] = (size_t)gsl_rng_uniform_int(bootstrap->rng, (unsigned long)n);
}

void qa_bootstrap_multinomial(qa_bootstrap *bootstrap, size_t cells, const double *weights,
                              size_t n, double *counts)
{
    /* The conditional binomial method of gsl_ran_multinomial (Davis 1993): row k's count is
     * Binomial(cases left, w_k / weight left) given the rows before it. Written out here
     * because GSL's takes and gives unsigned ints; whole-number weights keep the running
     * weight exact. */
    double remaining_weight = 0;
    for (size_t k = 0; k < cells; k++)
        remaining_weight += weights[k];
    unsigned int left = (unsigned int)n;
    for (size_t k = 0; k < cells; k++) {
        double w = weights[k] > 0 ? weights[k] : 0;
        unsigned int drawn = 0;
        if (left > 0 && w > 0) {
            double p = remaining_weight > 0 ? w / remaining_weight : 1;
            drawn = p >= 1 ? left : gsl_ran_binomial(bootstrap->rng, p, left);
        }
        counts[k] = drawn;
        left -= drawn;
        remaining_weight -= w;
    }
}

void qa_bootstrap_gather(const double *values, const size_t *indices, size_t n, double *out)
{
    for (size_t i = 0; i < n; i++)
        out[i] = values[indices[i]];
}

void qa_bootstrap_percentile_ci(double *replicates, size_t count, double confidence, double *lower,
                                double *upper)
{
    *lower = *upper = NAN;
    size_t finite = 0;
    for (size_t i = 0; i < count; i++)
        if (isfinite(replicates[i]))
            replicates[finite++] = replicates[i];
    if (finite < 2 || !(confidence > 0 && confidence < 1))
        return;
    gsl_sort(replicates, 1, finite);
    /* gsl_stats_quantile_from_sorted_data is R's type 7. */
    *lower = gsl_stats_quantile_from_sorted_data(replicates, 1, finite, (1 - confidence) / 2);
    *upper = gsl_stats_quantile_from_sorted_data(replicates, 1, finite, (1 + confidence) / 2);
}

void qa_coefficient_difference(double b1, double se1, double b2, double se2, double *z, double *p)
{
    *z = *p = NAN;
    double se = sqrt(se1 * se1 + se2 * se2);
    if (!isfinite(b1) || !isfinite(b2) || !isfinite(se) || !(se > 0))
        return;
    *z = (b1 - b2) / se;
    *p = 2 * gsl_cdf_ugaussian_Q(fabs(*z));
}
