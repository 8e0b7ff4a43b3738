/* The five measures of a frame: a dataset column, or a composite of several indicator columns
 * (mean of z-scores) with Cronbach's alpha; see measure.h. */
#include "measure.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "qareport/analysis.h"
#include "qareport/reliability.h"

/* Mean and n - 1 SD of the present values over the included rows. */
static size_t mean_and_sd(const double *x, size_t rows, const unsigned char *include, double *mean,
                          double *sd)
{
    size_t n = 0;
    double m = 0.0, sum_squares = 0.0;
    for (size_t row = 0; row < rows; row++) {
        if ((include && !include[row]) || isnan(x[row]))
            continue;
        n++;
        double delta = x[row] - m; /* Welford 1962 */
        m += delta / (double)n;
        sum_squares += delta * (x[row] - m);
    }
    *mean = m;
    *sd = n > 1 ? sqrt(sum_squares / (double)(n - 1)) : NAN;
    return n;
}

static qa_status composite(const qa_dataset *dataset, int k, const unsigned char *include,
                           double *out, qa_error *error)
{
    size_t count = dataset->measure_column_count[k];
    size_t rows = dataset->rows;
    double *sum = calloc(rows ? rows : 1, sizeof *sum);
    size_t *present = calloc(rows ? rows : 1, sizeof *present);
    qa_status status = QA_OK;
    if (!sum || !present)
        status = qa_error_set(error, QA_ERR_MEMORY, NULL, 0, NULL, NULL, "out of memory");
    for (size_t j = 0; j < count && status == QA_OK; j++) {
        const qa_column *column = &dataset->columns[dataset->measure_columns[k][j]];
        double mean, sd;
        mean_and_sd(column->values, rows, include, &mean, &sd);
        if (!(sd > 0.0)) {
            /* bad input (exit 2), not a failed computation */
            status = qa_error_set(error, QA_ERR_INPUT, dataset->path, 0, column->name, NULL,
                                  "indicator '%s' of the composite %s has the same value in "
                                  "every case analysed: it cannot be z-scored (recode it, or "
                                  "leave it out of the composite in the codebook)",
                                  column->name, qa_measure_name(k));
            break;
        }
        for (size_t row = 0; row < rows; row++)
            if ((!include || include[row]) && !isnan(column->values[row])) {
                sum[row] += (column->values[row] - mean) / sd;
                present[row]++;
            }
    }
    for (size_t row = 0; row < rows && status == QA_OK; row++)
        out[row] = present[row] ? sum[row] / (double)present[row] : NAN;
    free(sum);
    free(present);
    return status;
}

qa_status qa_measure_values(const qa_dataset *dataset, int k, const unsigned char *include,
                            double *out, double *alpha_raw, double *alpha_standardized,
                            qa_error *error)
{
    if (k < 0 || k >= QA_HYPOTHESIS_COUNT || dataset->measure_column_count[k] == 0)
        return qa_error_set(error, QA_ERR_INPUT, dataset->path, 0, NULL, NULL,
                            "the dataset has no column for measure %s",
                            k >= 0 && k < QA_HYPOTHESIS_COUNT ? qa_measure_name(k) : "(unknown)");
    size_t count = dataset->measure_column_count[k];
    if (alpha_raw)
        *alpha_raw = NAN;
    if (alpha_standardized)
        *alpha_standardized = NAN;
    if (count == 1) {
        const double *values = dataset->columns[dataset->measure_columns[k][0]].values;
        for (size_t row = 0; row < dataset->rows; row++)
            out[row] = (!include || include[row]) ? values[row] : NAN;
        return QA_OK;
    }
    qa_status status = composite(dataset, k, include, out, error);
    if (status != QA_OK || (!alpha_raw && !alpha_standardized))
        return status;
    const double *items[QA_MAX_MEASURE_COLUMNS];
    for (size_t j = 0; j < count; j++)
        items[j] = dataset->columns[dataset->measure_columns[k][j]].values;
    double raw, standardized;
    qa_error ignored;
    /* An undefined alpha is reported as NaN, not as a failure of the measure itself. */
    if (qa_cronbach_alpha(items, count, dataset->rows, include, &raw, &standardized, &ignored) ==
        QA_OK) {
        if (alpha_raw)
            *alpha_raw = raw;
        if (alpha_standardized)
            *alpha_standardized = standardized;
    }
    return QA_OK;
}

qa_status qa_analysis_check_measures(const qa_dataset *dataset, qa_error_list *errors)
{
    qa_status status = QA_OK;
    for (int k = 0; k < QA_HYPOTHESIS_COUNT; k++) {
        if (dataset->measure_column_count[k] < 2)
            continue;
        for (size_t j = 0; j < dataset->measure_column_count[k]; j++) {
            const qa_column *column = &dataset->columns[dataset->measure_columns[k][j]];
            double mean, sd;
            mean_and_sd(column->values, dataset->rows, NULL, &mean, &sd);
            if (sd > 0.0)
                continue;
            qa_error error;
            qa_error_set(&error, QA_ERR_INPUT, dataset->path, 0, column->name, NULL,
                         "indicator '%s' of the composite %s has the same value in every case: "
                         "it cannot be z-scored (recode it, or leave it out of the composite "
                         "in the codebook)",
                         column->name, qa_measure_name(k));
            if (qa_error_list_add(errors, &error) != QA_OK)
                return QA_ERR_MEMORY;
            status = QA_ERR_INPUT;
        }
    }
    return status;
}
