/* Krippendorff's alpha for a coders × units matrix with missing values (Krippendorff 2011,
 * "Computing Krippendorff's Alpha-Reliability"), and a seeded bootstrap CI for it.
 *
 * alpha = 1 - D_o / D_e = 1 - (n - 1) * sum_ck o_ck d2_ck / sum_ck n_c n_k d2_ck, with o the
 * coincidence matrix, n_c its margins and n the number of pairable values. Rather than build the
 * V × V matrix (V can be the number of cases for an interval column), both sums are taken in
 * closed form: the observed one unit by unit (o_ck counts each ordered pair within a unit with
 * weight 1 / (m_u - 1)), the expected one from the value frequencies. The ordinal metric
 * d2_ck = (sum_{g=c..k} n_g - (n_c + n_k) / 2)^2 equals (r_k - r_c)^2 for the mid-ranks
 * r_c = n_1 + ... + n_{c-1} + n_c / 2, so it is the interval metric on r. */
#include "qareport/agreement.h"

#include <gsl/gsl_rng.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

/* Scratch space for one alpha computation, allocated once so the bootstrap loop does not
 * allocate. Sizes: coders × units values, units unit sizes. */
typedef struct {
    double *values;   /* pairable values, unit after unit (then their metric coordinates) */
    double *sorted;   /* a sorted copy */
    double *distinct; /* distinct sorted values */
    double *midrank;  /* ordinal coordinate of each distinct value */
    size_t *sizes;    /* values per pairable unit */
} alpha_workspace;

static void workspace_free(alpha_workspace *w)
{
    free(w->values);
    free(w->sorted);
    free(w->distinct);
    free(w->midrank);
    free(w->sizes);
}

static qa_status workspace_alloc(alpha_workspace *w, size_t coders, size_t units, qa_error *e)
{
    size_t cells = coders * units;
    w->values = malloc(cells * sizeof *w->values);
    w->sorted = malloc(cells * sizeof *w->sorted);
    w->distinct = malloc(cells * sizeof *w->distinct);
    w->midrank = malloc(cells * sizeof *w->midrank);
    w->sizes = malloc(units * sizeof *w->sizes);
    if (!w->values || !w->sorted || !w->distinct || !w->midrank || !w->sizes) {
        workspace_free(w);
        return qa_error_set(e, QA_ERR_MEMORY, NULL, 0, NULL, NULL,
                            "out of memory for Krippendorff's alpha (%zu coders x %zu units)",
                            coders, units);
    }
    return QA_OK;
}

static qa_status check_matrix(const double *data, size_t coders, size_t units, qa_error *e)
{
    if (coders > 0 && units > SIZE_MAX / coders / sizeof(double))
        return qa_error_set(e, QA_ERR_MEMORY, NULL, 0, NULL, NULL,
                            "reliability data too large (%zu coders x %zu units)", coders, units);
    for (size_t c = 0; c < coders; c++)
        for (size_t u = 0; u < units; u++) {
            double x = data[c * units + u];
            if (isinf(x))
                return qa_error_set(e, QA_ERR_INPUT, NULL, 0, NULL, NULL,
                                    "coder %zu, unit %zu: value is infinite", c + 1, u + 1);
        }
    return QA_OK;
}

/* Copies the values of the listed units that are coded at least twice; returns their number. */
static size_t gather_pairable(const double *data, size_t coders, size_t units,
                              const size_t *unit_list, size_t unit_count, alpha_workspace *w,
                              size_t *pairable_units)
{
    size_t count = 0, blocks = 0;
    for (size_t i = 0; i < unit_count; i++) {
        size_t u = unit_list ? unit_list[i] : i;
        size_t start = count;
        for (size_t c = 0; c < coders; c++) {
            double x = data[c * units + u];
            if (!isnan(x))
                w->values[count++] = x;
        }
        if (count - start < 2)
            count = start; /* a lone value pairs with nothing (Krippendorff 2011) */
        else
            w->sizes[blocks++] = count - start;
    }
    *pairable_units = blocks;
    return count;
}

static int compare_doubles(const void *left, const void *right)
{
    double x = *(const double *)left, y = *(const double *)right;
    return (x > y) - (x < y);
}

/* Distinct values of w->sorted with their frequencies' mid-ranks; returns their number and the
 * sum of squared frequencies (for the nominal expected disagreement). */
static size_t tabulate_values(alpha_workspace *w, size_t n, double *sum_squared_counts)
{
    size_t distinct = 0;
    double below = 0, squares = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && w->sorted[j] == w->sorted[i])
            j++;
        double count = (double)(j - i);
        w->distinct[distinct] = w->sorted[i];
        w->midrank[distinct] = below + count / 2;
        distinct++;
        below += count;
        squares += count * count;
        i = j;
    }
    *sum_squared_counts = squares;
    return distinct;
}

/* Sum over units of sum_{i != j} d2(x_i, x_j) / (m_u - 1): n * D_o. */
static double observed_sum(const alpha_workspace *w, size_t blocks, qa_measurement_level level)
{
    double total = 0;
    const double *x = w->values;
    for (size_t b = 0; b < blocks; b++) {
        size_t m = w->sizes[b];
        double unit_sum = 0;
        for (size_t i = 0; i < m; i++)
            for (size_t j = i + 1; j < m; j++) {
                double d = x[i] - x[j];
                unit_sum += level == QA_LEVEL_NOMINAL ? (x[i] != x[j]) : d * d;
            }
        total += 2 * unit_sum / (double)(m - 1);
        x += m;
    }
    return total;
}

/* sum_{all i, j} (x_i - x_j)^2 = 2 n sum (x_i - mean)^2: n (n - 1) * D_e for interval data. */
static double interval_expected_sum(const double *x, size_t n)
{
    double mean = gsl_stats_mean(x, 1, n), squares = 0;
    for (size_t i = 0; i < n; i++)
        squares += (x[i] - mean) * (x[i] - mean);
    return 2 * (double)n * squares;
}

/* Alpha over the listed units (all units when unit_list is NULL). QA_ERR_NUMERIC when undefined. */
static qa_status alpha_over_units(const double *data, size_t coders, size_t units,
                                  const size_t *unit_list, size_t unit_count,
                                  qa_measurement_level level, alpha_workspace *w, double *alpha,
                                  qa_error *e)
{
    size_t blocks;
    size_t n = gather_pairable(data, coders, units, unit_list, unit_count, w, &blocks);
    if (n < 2)
        return qa_error_set(e, QA_ERR_NUMERIC, NULL, 0, NULL, NULL,
                            "Krippendorff's alpha is undefined: no unit is coded by two coders");
    for (size_t i = 0; i < n; i++)
        w->sorted[i] = w->values[i];
    gsl_sort(w->sorted, 1, n);
    double sum_squared_counts;
    size_t distinct = tabulate_values(w, n, &sum_squared_counts);
    if (distinct < 2)
        return qa_error_set(e, QA_ERR_NUMERIC, NULL, 0, NULL, NULL,
                            "Krippendorff's alpha is undefined: every value is %g, so expected "
                            "disagreement is 0",
                            w->distinct[0]);
    if (level == QA_LEVEL_ORDINAL)
        for (size_t i = 0; i < n; i++) {
            const double *hit =
                bsearch(&w->values[i], w->distinct, distinct, sizeof *w->distinct, compare_doubles);
            w->values[i] = w->midrank[hit - w->distinct];
        }
    double expected;
    if (level == QA_LEVEL_NOMINAL)
        expected = (double)n * (double)n - sum_squared_counts;
    else /* interval, or ordinal on mid-ranks */
        expected = interval_expected_sum(w->values, n);
    *alpha = 1 - (double)(n - 1) * observed_sum(w, blocks, level) / expected;
    return QA_OK;
}

static qa_status check_level(qa_measurement_level level, qa_error *e)
{
    if (level != QA_LEVEL_NOMINAL && level != QA_LEVEL_ORDINAL && level != QA_LEVEL_INTERVAL)
        return qa_error_set(e, QA_ERR_INTERNAL, NULL, 0, NULL, NULL,
                            "unknown level of measurement %d", (int)level);
    return QA_OK;
}

qa_status qa_krippendorff_alpha(const double *data, size_t coders, size_t units,
                                qa_measurement_level level, double *alpha, qa_error *e)
{
    *alpha = NAN;
    qa_status status = check_level(level, e);
    if (status == QA_OK)
        status = check_matrix(data, coders, units, e);
    if (status != QA_OK)
        return status;
    if (coders < 2 || units == 0)
        return qa_error_set(e, QA_ERR_NUMERIC, NULL, 0, NULL, NULL,
                            "Krippendorff's alpha needs at least two coders and one unit "
                            "(got %zu coders, %zu units)",
                            coders, units);
    alpha_workspace w;
    status = workspace_alloc(&w, coders, units, e);
    if (status != QA_OK)
        return status;
    status = alpha_over_units(data, coders, units, NULL, units, level, &w, alpha, e);
    workspace_free(&w);
    return status;
}

/* Indices of the units coded at least twice; returns their number. */
static size_t pairable_units(const double *data, size_t coders, size_t units, size_t *list)
{
    size_t count = 0;
    for (size_t u = 0; u < units; u++) {
        size_t present = 0;
        for (size_t c = 0; c < coders; c++)
            present += !isnan(data[c * units + u]);
        if (present >= 2)
            list[count++] = u;
    }
    return count;
}

/* Alphas of `replicates` resamples of the pairable units; the defined ones go to alphas. */
static qa_status bootstrap_alphas(const double *data, size_t coders, size_t units,
                                  qa_measurement_level level, const size_t *pairable,
                                  size_t pairable_count, size_t replicates, unsigned long seed,
                                  alpha_workspace *w, size_t *draw, double *alphas, size_t *used,
                                  qa_error *e)
{
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    if (!rng)
        return qa_error_set(e, QA_ERR_MEMORY, NULL, 0, NULL, NULL,
                            "out of memory for the bootstrap random number generator");
    gsl_rng_set(rng, seed);
    *used = 0;
    qa_status status = QA_OK;
    for (size_t r = 0; r < replicates && status == QA_OK; r++) {
        for (size_t i = 0; i < pairable_count; i++)
            draw[i] = pairable[gsl_rng_uniform_int(rng, pairable_count)];
        double alpha;
        qa_error ignored;
        status = alpha_over_units(data, coders, units, draw, pairable_count, level, w, &alpha,
                                  &ignored);
        if (status == QA_OK)
            alphas[(*used)++] = alpha;
        else if (status == QA_ERR_NUMERIC)
            status = QA_OK; /* a resample with a single value: alpha 0/0, skipped */
        else if (e)
            *e = ignored;
    }
    gsl_rng_free(rng);
    return status;
}

static qa_status percentile_interval(double *alphas, size_t used, double confidence,
                                     double *lower, double *upper, qa_error *e)
{
    if (used < 2)
        return qa_error_set(e, QA_ERR_NUMERIC, NULL, 0, NULL, NULL,
                            "bootstrap CI of alpha is undefined: only %zu replicate(s) had "
                            "more than one value",
                            used);
    gsl_sort(alphas, 1, used);
    /* Type-7 quantiles, as R's quantile() default. */
    *lower = gsl_stats_quantile_from_sorted_data(alphas, 1, used, (1 - confidence) / 2);
    *upper = gsl_stats_quantile_from_sorted_data(alphas, 1, used, (1 + confidence) / 2);
    return QA_OK;
}

qa_status qa_krippendorff_alpha_bootstrap(const double *data, size_t coders, size_t units,
                                          qa_measurement_level level, size_t replicates,
                                          unsigned long seed, double confidence, double *lower,
                                          double *upper, size_t *used, qa_error *e)
{
    *lower = *upper = NAN;
    size_t used_count = 0;
    if (used)
        *used = 0;
    if (!(confidence > 0 && confidence < 1))
        return qa_error_set(e, QA_ERR_USAGE, NULL, 0, NULL, NULL,
                            "confidence level must be between 0 and 1 (got %g)", confidence);
    if (replicates < 2)
        return qa_error_set(e, QA_ERR_USAGE, NULL, 0, NULL, NULL,
                            "a bootstrap CI needs at least 2 replicates (got %zu)", replicates);
    double alpha;
    qa_status status = qa_krippendorff_alpha(data, coders, units, level, &alpha, e);
    if (status != QA_OK)
        return status;
    alpha_workspace w;
    status = workspace_alloc(&w, coders, units, e);
    if (status != QA_OK)
        return status;
    size_t *pairable = malloc(units * sizeof *pairable);
    size_t *draw = malloc(units * sizeof *draw);
    double *alphas = replicates <= SIZE_MAX / sizeof(double) ? malloc(replicates * sizeof *alphas)
                                                             : NULL;
    if (!pairable || !draw || !alphas)
        status = qa_error_set(e, QA_ERR_MEMORY, NULL, 0, NULL, NULL,
                              "out of memory for %zu bootstrap replicates", replicates);
    if (status == QA_OK) {
        size_t pairable_count = pairable_units(data, coders, units, pairable);
        status = bootstrap_alphas(data, coders, units, level, pairable, pairable_count,
                                  replicates, seed, &w, draw, alphas, &used_count, e);
    }
    if (status == QA_OK)
        status = percentile_interval(alphas, used_count, confidence, lower, upper, e);
    if (used)
        *used = used_count;
    free(pairable);
    free(draw);
    free(alphas);
    workspace_free(&w);
    return status;
}

const char *qa_measurement_level_name(qa_measurement_level level)
{
    switch (level) {
    case QA_LEVEL_NOMINAL:
        return "nominal";
    case QA_LEVEL_ORDINAL:
        return "ordinal";
    case QA_LEVEL_INTERVAL:
        return "interval";
    }
    return "unknown";
}
