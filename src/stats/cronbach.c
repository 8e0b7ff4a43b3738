/* Cronbach's alpha; see reliability.h. */
#include "qareport/reliability.h"

#include <math.h>
#include <stdlib.h>

static int row_complete(const double *const *items, size_t item_count, size_t row)
{
    for (size_t j = 0; j < item_count; j++)
        if (isnan(items[j][row]))
            return 0;
    return 1;
}

/* Means and the covariance matrix (n - 1) over the complete rows; returns n. */
static size_t complete_covariance(const double *const *items, size_t k, size_t rows,
                                  const unsigned char *include, double *mean, double *cov)
{
    size_t n = 0;
    for (size_t j = 0; j < k; j++)
        mean[j] = 0.0;
    for (size_t i = 0; i < k * k; i++)
        cov[i] = 0.0;
    for (size_t row = 0; row < rows; row++) {
        if ((include && !include[row]) || !row_complete(items, k, row))
            continue;
        n++;
        for (size_t j = 0; j < k; j++)
            mean[j] += (items[j][row] - mean[j]) / (double)n;
    }
    if (n < 2)
        return n;
    for (size_t row = 0; row < rows; row++) {
        if ((include && !include[row]) || !row_complete(items, k, row))
            continue;
        for (size_t a = 0; a < k; a++)
            for (size_t b = 0; b <= a; b++)
                cov[a * k + b] += (items[a][row] - mean[a]) * (items[b][row] - mean[b]);
    }
    for (size_t a = 0; a < k; a++)
        for (size_t b = 0; b <= a; b++) {
            cov[a * k + b] /= (double)(n - 1);
            cov[b * k + a] = cov[a * k + b];
        }
    return n;
}

qa_status qa_cronbach_alpha(const double *const *items, size_t item_count, size_t rows,
                            const unsigned char *include, double *alpha_raw,
                            double *alpha_standardized, qa_error *error)
{
    size_t k = item_count;
    if (k < 2)
        return qa_error_set(error, QA_ERR_NUMERIC, NULL, 0, NULL, NULL,
                            "Cronbach's alpha needs at least 2 items, got %zu", k);
    double *mean = malloc(k * sizeof *mean);
    double *cov = malloc(k * k * sizeof *cov);
    if (!mean || !cov) {
        free(mean);
        free(cov);
        return qa_error_set(error, QA_ERR_MEMORY, NULL, 0, NULL, NULL, "out of memory");
    }
    size_t n = complete_covariance(items, k, rows, include, mean, cov);
    qa_status status = QA_OK;
    /* Cronbach 1951: alpha = k/(k-1) (1 - sum var_j / var(total)), var(total) = sum of the
     * covariance matrix; standardized alpha = k rbar / (1 + (k-1) rbar), rbar the mean
     * off-diagonal correlation. */
    double item_variance = 0.0, total_variance = 0.0, correlation_sum = 0.0;
    int degenerate = n < 2;
    for (size_t a = 0; a < k && !degenerate; a++) {
        if (!(cov[a * k + a] > 0.0))
            degenerate = 1;
        item_variance += cov[a * k + a];
        for (size_t b = 0; b < k; b++) {
            total_variance += cov[a * k + b];
            if (b != a && cov[b * k + b] > 0.0)
                correlation_sum += cov[a * k + b] / sqrt(cov[a * k + a] * cov[b * k + b]);
        }
    }
    if (degenerate || !(total_variance > 0.0)) {
        status = qa_error_set(error, QA_ERR_NUMERIC, NULL, 0, NULL, NULL,
                              "Cronbach's alpha undefined: %s",
                              n < 2 ? "fewer than 2 complete rows" : "an item has no variance");
    } else {
        double kd = (double)k;
        double mean_correlation = correlation_sum / (kd * (kd - 1.0));
        if (alpha_raw)
            *alpha_raw = kd / (kd - 1.0) * (1.0 - item_variance / total_variance);
        if (alpha_standardized)
            *alpha_standardized = kd * mean_correlation / (1.0 + (kd - 1.0) * mean_correlation);
    }
    free(mean);
    free(cov);
    return status;
}
