/* Checks of a logistic model's data before fitting (outcome coding, sample size, rank of the
 * design) and the variance inflation factors, both from the correlation structure of the
 * predictor columns. */
#include "logit_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Weighted cross-products of columns first..p-1 (k = p - first of them) into m (k*k), rows
 * of weight 0 left out. Centred ones use the shifted-data algorithm (shift by a row) so a
 * single pass stays accurate. Returns false when a value is not finite. */
static bool column_cross_products(const qa_logit_data *data, size_t first, bool centred, double *m,
                                  double *shift)
{
    size_t p = data->p, k = p - first, n = data->n;
    double *sum = shift + k, total = 0;
    for (size_t a = 0; a < k; a++)
        shift[a] = sum[a] = 0;
    for (size_t i = 0; centred && i < n; i++)
        if (qa_logit_row_weight(data, i) > 0) { /* shift by the first row that counts */
            for (size_t a = 0; a < k; a++)
                shift[a] = data->x[i * p + first + a];
            break;
        }
    memset(m, 0, k * k * sizeof *m);
    for (size_t i = 0; i < n; i++) {
        const double *row = data->x + i * p + first;
        double weight = qa_logit_row_weight(data, i);
        if (weight == 0)
            continue;
        total += weight;
        for (size_t a = 0; a < k; a++) {
            double da = row[a] - shift[a], wa = weight * da;
            sum[a] += wa;
            for (size_t b = 0; b <= a; b++)
                m[a * k + b] += wa * (row[b] - shift[b]);
        }
    }
    for (size_t a = 0; a < k; a++)
        for (size_t b = 0; b <= a; b++) {
            if (centred)
                m[a * k + b] -= sum[a] * sum[b] / total;
            m[b * k + a] = m[a * k + b];
            if (!isfinite(m[a * k + b]))
                return false;
        }
    return true;
}

/* Scales m (k*k) to unit diagonal; returns the index of a zero-variance column or k. */
static size_t scale_to_correlation(double *m, size_t k)
{
    for (size_t a = 0; a < k; a++)
        if (!(m[a * k + a] > 0))
            return a;
    for (size_t a = 0; a < k; a++)
        for (size_t b = 0; b < k; b++)
            if (a != b)
                m[a * k + b] /= sqrt(m[a * k + a] * m[b * k + b]);
    for (size_t a = 0; a < k; a++)
        m[a * k + a] = 1.0;
    return k;
}

/* Index of the first column (in order) that is a linear combination of those before it:
 * its residual variance fraction 1 - R^2 on the earlier columns falls below 1e-10, i.e. a
 * Cholesky pivot of the correlation matrix. Returns k when the columns are independent. */
static size_t first_aliased_column(double *m, size_t k)
{
    for (size_t j = 0; j < k; j++) {
        double diagonal = m[j * k + j];
        for (size_t c = 0; c < j; c++)
            diagonal -= m[j * k + c] * m[j * k + c];
        if (diagonal < 1e-10)
            return j;
        double root = sqrt(diagonal);
        m[j * k + j] = root;
        for (size_t i = j + 1; i < k; i++) {
            double sum = m[i * k + j];
            for (size_t c = 0; c < j; c++)
                sum -= m[i * k + c] * m[j * k + c];
            m[i * k + j] = sum / root;
        }
    }
    return k;
}

bool qa_logit_column_is_ones(const qa_logit_data *data, size_t column)
{
    for (size_t i = 0; i < data->n; i++)
        if (data->x[i * data->p + column] != 1.0 && qa_logit_row_weight(data, i) != 0)
            return false;
    return true;
}

static qa_status check_outcome(const qa_logit_data *data, size_t cases, size_t *events,
                               qa_error *error)
{
    double count = 0;
    for (size_t i = 0; i < data->n; i++) {
        double y = data->y[i];
        if (y != 0.0 && y != 1.0)
            return qa_error_set(error, QA_ERR_INPUT, NULL, 0, NULL, NULL,
                                "logistic regression: outcome of row %zu is %g, not 0 or 1", i, y);
        count += y * qa_logit_row_weight(data, i);
    }
    if (count == 0 || count == (double)cases)
        return qa_error_set(error, QA_ERR_NUMERIC, NULL, 0, NULL, NULL,
                            "logistic regression: the outcome is %d in all %zu cases (no "
                            "variation)",
                            count == 0 ? 0 : 1, cases);
    *events = (size_t)count;
    return QA_OK;
}

/* Frequency weights must be whole numbers >= 0 (counts of cases); *cases is their sum. */
static qa_status check_weights(const qa_logit_data *data, size_t *cases, qa_error *error)
{
    if (!data->weights) {
        *cases = data->n;
        return QA_OK;
    }
    double total = 0;
    for (size_t i = 0; i < data->n; i++) {
        double weight = data->weights[i];
        if (!(weight >= 0) || !isfinite(weight) || weight != floor(weight))
            return qa_error_set(error, QA_ERR_INPUT, NULL, 0, NULL, NULL,
                                "logistic regression: weight of row %zu is %g, not a whole "
                                "number >= 0",
                                i, weight);
        total += weight;
    }
    if (!(total < 9007199254740992.0)) /* 2^53: sums of whole numbers stay exact below it */
        return qa_error_set(error, QA_ERR_INPUT, NULL, 0, NULL, NULL,
                            "logistic regression: the weights sum to %g cases, too many", total);
    *cases = (size_t)total;
    return QA_OK;
}

qa_status qa_logit_check_rank(const qa_logit_data *data, bool has_intercept, qa_error *error)
{
    size_t first = has_intercept ? 1 : 0, k = data->p - first;
    if (k == 0)
        return QA_OK;
    double *m = malloc((k * k + 2 * k) * sizeof *m);
    if (!m)
        return qa_error_set(error, QA_ERR_MEMORY, NULL, 0, NULL, NULL, "out of memory");
    qa_status status = QA_OK;
    if (!column_cross_products(data, first, has_intercept, m, m + k * k)) {
        status = qa_error_set(error, QA_ERR_INPUT, NULL, 0, NULL, NULL,
                              "logistic regression: a predictor value is not finite");
    } else {
        size_t flat = scale_to_correlation(m, k);
        size_t aliased = flat < k ? flat : first_aliased_column(m, k);
        if (flat < k)
            status = qa_error_set(error, QA_ERR_NUMERIC, NULL, 0, NULL, NULL,
                                  "logistic regression: design column %zu is %s", flat + first,
                                  has_intercept ? "constant" : "all zero");
        else if (aliased < k)
            status = qa_error_set(error, QA_ERR_NUMERIC, NULL, 0, NULL, NULL,
                                  "logistic regression: singular design: column %zu is a linear "
                                  "combination of the columns before it",
                                  aliased + first);
    }
    free(m);
    return status;
}

qa_status qa_logit_check_data(const qa_logit_data *data, size_t *cases, size_t *events,
                              bool *has_intercept, qa_error *error)
{
    if (!data || !data->x || !data->y || data->p == 0)
        return qa_error_set(error, QA_ERR_INTERNAL, NULL, 0, NULL, NULL,
                            "logistic regression: no data or no design columns");
    qa_status status = check_weights(data, cases, error);
    if (status != QA_OK)
        return status;
    if (*cases < 2 || *cases < data->p + 1)
        return qa_error_set(error, QA_ERR_NUMERIC, NULL, 0, NULL, NULL,
                            "logistic regression: %zu %s too few for %zu terms (need at "
                            "least %zu)",
                            *cases, data->weights ? "cases are" : "rows are", data->p,
                            data->p + 1 < 2 ? 2 : data->p + 1);
    status = check_outcome(data, *cases, events, error);
    if (status != QA_OK)
        return status;
    *has_intercept = qa_logit_column_is_ones(data, 0);
    return qa_logit_check_rank(data, *has_intercept, error);
}

void qa_logit_variance_inflation(const qa_logit_data *data, bool has_intercept, double *vif)
{
    size_t first = has_intercept ? 1 : 0, k = data->p - first;
    for (size_t j = 0; j < data->p; j++)
        vif[j] = NAN;
    /* As car::vif: undefined with fewer than two terms. */
    if (k < 2)
        return;
    double *m = malloc((2 * k * k + 2 * k) * sizeof *m);
    if (!m)
        return;
    double *inverse = m + k * k + 2 * k;
    if (column_cross_products(data, first, true, m, m + k * k) && scale_to_correlation(m, k) == k &&
        qa_logit_cholesky(m, k)) {
        qa_logit_cholesky_invert(m, k, inverse);
        for (size_t j = 0; j < k; j++)
            vif[first + j] = inverse[j * k + j];
    }
    free(m);
}
