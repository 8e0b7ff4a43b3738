/* Sorting by time for the survival functions (qa_rank_order: counting sort for integer times,
 * radix sort otherwise, linear in n), input checks, and the sorted, centered (weighted) Cox
 * design. */
#include "survival_internal.h"

#include "qareport/correlation.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

qa_status qa_survival_sort_order(const double *values, size_t n, size_t *order, qa_error *error)
{
    qa_status status = qa_rank_order(values, n, order);
    if (status == QA_ERR_MEMORY)
        return qa_error_set(error, status, NULL, 0, NULL, NULL,
                            "out of memory sorting %zu survival times", n);
    if (status != QA_OK)
        return qa_error_set(error, status, NULL, 0, NULL, NULL,
                            "cannot sort %zu values that include a NaN", n);
    return QA_OK;
}

bool qa_survival_time_range(const double *time, size_t n, size_t most, double *low, size_t *range)
{
    if (n == 0 || most == 0)
        return false;
    double smallest = time[0], largest = time[0];
    bool bad = false;
    for (size_t i = 0; i < n; i++) { /* branch-free: min, max, sign (-0 and negatives) */
        double t = time[i];
        bad |= signbit(t) != 0;
        smallest = t < smallest ? t : smallest;
        largest = t > largest ? t : largest;
    }
    if (bad || !(largest - smallest < (double)most))
        return false;
    bool whole = true; /* within the range, the conversion is defined */
    for (size_t i = 0; i < n; i++) {
        double offset = time[i] - smallest;
        whole &= (double)(size_t)offset == offset;
    }
    if (!whole)
        return false;
    *low = smallest;
    *range = (size_t)(largest - smallest) + 1;
    return true;
}

qa_status qa_survival_check(const double *time, const double *status, size_t n, qa_error *error)
{
    /* a branch-free pass first: random 0/1 statuses would defeat the branch predictor */
    bool bad = false;
    for (size_t i = 0; i < n; i++)
        bad |= !(time[i] - time[i] == 0.0) | !((status[i] == 0.0) | (status[i] == 1.0));
    for (size_t i = 0; bad && i < n; i++) {
        if (!isfinite(time[i]))
            return qa_error_set(error, QA_ERR_INPUT, NULL, 0, NULL, NULL,
                                "survival time of row %zu is not a finite number", i + 1);
        if (status[i] != 0.0 && status[i] != 1.0)
            return qa_error_set(error, QA_ERR_INPUT, NULL, 0, NULL, NULL,
                                "event status of row %zu is %g, not 0 (censored) or 1 (event)",
                                i + 1, status[i]);
    }
    return QA_OK;
}

qa_status qa_cox_check_weights(const double *weights, size_t n, double *total, qa_error *error)
{
    *total = (double)n;
    if (!weights)
        return QA_OK;
    double sum = 0.0;
    for (size_t i = 0; i < n; i++) {
        double w = weights[i];
        if (!(w >= 0.0) || !isfinite(w) || w != floor(w))
            return qa_error_set(error, QA_ERR_INPUT, NULL, 0, NULL, NULL,
                                "frequency weight of row %zu is %g, not a whole number >= 0",
                                i + 1, w);
        sum += w;
        if (sum >= QA_COX_MAX_WEIGHT)
            return qa_error_set(error, QA_ERR_INPUT, NULL, 0, NULL, NULL,
                                "the frequency weights sum to more than %.0f cases",
                                QA_COX_MAX_WEIGHT);
    }
    *total = sum;
    return QA_OK;
}

void qa_cox_sorted_free(qa_cox_sorted *sorted)
{
    if (!sorted)
        return;
    free(sorted->order);
    free(sorted->time);
    free(sorted->event);
    free(sorted->weight);
    free(sorted->x);
    free(sorted->mean);
    free(sorted->reported_center);
    memset(sorted, 0, sizeof *sorted);
}

qa_status qa_cox_sorted_init(const qa_cox_data *data, qa_cox_sorted *sorted, qa_error *error)
{
    size_t n = data->n, p = data->p;
    memset(sorted, 0, sizeof *sorted);
    sorted->n = n;
    sorted->p = p;
    sorted->order = malloc(n * sizeof *sorted->order + 1);
    sorted->time = malloc(n * sizeof *sorted->time + 1);
    sorted->event = malloc(n + 1);
    sorted->weight = malloc(n * sizeof *sorted->weight + 1);
    sorted->x = malloc(n * p * sizeof *sorted->x + 1);
    sorted->mean = calloc(p + 1, sizeof *sorted->mean);
    sorted->reported_center = calloc(p + 1, sizeof *sorted->reported_center);
    if (!sorted->order || !sorted->time || !sorted->event || !sorted->weight || !sorted->x ||
        !sorted->mean || !sorted->reported_center) {
        qa_cox_sorted_free(sorted);
        return qa_error_set(error, QA_ERR_MEMORY, NULL, 0, NULL, NULL,
                            "out of memory for a Cox model of %zu cases", n);
    }
    qa_status status = qa_survival_sort_order(data->time, n, sorted->order, error);
    if (status != QA_OK) {
        qa_cox_sorted_free(sorted);
        return status;
    }
    unsigned char *binary = malloc(p + 1); /* column j holds only 0 and 1 */
    if (!binary) {
        qa_cox_sorted_free(sorted);
        return qa_error_set(error, QA_ERR_MEMORY, NULL, 0, NULL, NULL,
                            "out of memory for a Cox model of %zu cases", n);
    }
    memset(binary, 1, p + 1);
    double total = 0.0;
    for (size_t i = 0; i < n; i++) {
        double w = data->weights ? data->weights[i] : 1.0;
        if (w == 0.0) /* not among the expanded cases */
            continue;
        total += w;
        for (size_t j = 0; j < p; j++) {
            double v = data->x[i * p + j];
            sorted->mean[j] += w * v;
            binary[j] &= v == 0.0 || v == 1.0;
        }
    }
    sorted->cases = (size_t)total;
    for (size_t j = 0; j < p; j++) {
        sorted->mean[j] /= total;
        sorted->reported_center[j] = binary[j] ? 0.0 : sorted->mean[j];
    }
    free(binary);
    /* Scatter the rows in input order to their sorted places: sequential reads and scattered
     * writes are faster than the gather the other way round. */
    size_t *position = malloc(n * sizeof *position + 1);
    if (!position) {
        qa_cox_sorted_free(sorted);
        return qa_error_set(error, QA_ERR_MEMORY, NULL, 0, NULL, NULL,
                            "out of memory for a Cox model of %zu cases", n);
    }
    for (size_t k = 0; k < n; k++)
        position[sorted->order[k]] = k;
    for (size_t i = 0; i < n; i++) {
        size_t k = position[i];
        sorted->time[k] = data->time[i];
        sorted->event[k] = data->status[i] == 1.0;
        sorted->weight[k] = data->weights ? data->weights[i] : 1.0;
        sorted->events += sorted->event[k] ? (size_t)sorted->weight[k] : 0;
        for (size_t j = 0; j < p; j++)
            sorted->x[k * p + j] = data->x[i * p + j] - sorted->mean[j];
    }
    free(position);
    return QA_OK;
}
