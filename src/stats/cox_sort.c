/* Sorting by time for the survival functions, and the sorted, centered Cox design. A least
 * significant digit radix sort keeps n = 1,000,000 well under the time budget of one fit. */
#include "survival_internal.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Maps a double to an unsigned key with the same order (IEEE 754: flip all bits of negatives,
 * the sign bit of the rest). */
static uint64_t order_key(double value)
{
    uint64_t bits;
    if (value == 0.0)
        value = 0.0; /* -0.0 and 0.0 are equal times */
    memcpy(&bits, &value, sizeof bits);
    return (bits & UINT64_C(0x8000000000000000)) ? ~bits : bits | UINT64_C(0x8000000000000000);
}

enum { RADIX_BITS = 16, RADIX_SIZE = 1 << RADIX_BITS, RADIX_PASSES = 64 / RADIX_BITS };

qa_status qa_survival_sort_order(const double *values, size_t n, size_t *order, qa_error *error)
{
    uint64_t *keys = malloc(2 * n * sizeof *keys + 1);
    size_t *spare = malloc(n * sizeof *spare + 1);
    size_t *count = malloc(RADIX_SIZE * sizeof *count);
    if (!keys || !spare || !count) {
        free(keys);
        free(spare);
        free(count);
        return qa_error_set(error, QA_ERR_MEMORY, NULL, 0, NULL, NULL,
                            "out of memory sorting %zu survival times", n);
    }
    uint64_t *key_spare = keys + n;
    for (size_t i = 0; i < n; i++) {
        keys[i] = order_key(values[i]);
        order[i] = i;
    }
    for (int pass = 0; pass < RADIX_PASSES; pass++) {
        int shift = pass * RADIX_BITS;
        memset(count, 0, RADIX_SIZE * sizeof *count);
        for (size_t i = 0; i < n; i++)
            count[(keys[i] >> shift) & (RADIX_SIZE - 1)]++;
        if (n > 0 && count[(keys[0] >> shift) & (RADIX_SIZE - 1)] == n)
            continue; /* every key has this digit: the pass would not move anything */
        size_t total = 0;
        for (size_t d = 0; d < RADIX_SIZE; d++) {
            size_t c = count[d];
            count[d] = total;
            total += c;
        }
        for (size_t i = 0; i < n; i++) {
            size_t slot = count[(keys[i] >> shift) & (RADIX_SIZE - 1)]++;
            key_spare[slot] = keys[i];
            spare[slot] = order[i];
        }
        memcpy(keys, key_spare, n * sizeof *keys);
        memcpy(order, spare, n * sizeof *order);
    }
    free(keys);
    free(spare);
    free(count);
    return QA_OK;
}

qa_status qa_survival_check(const double *time, const double *status, size_t n, qa_error *error)
{
    for (size_t i = 0; i < n; i++) {
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

void qa_cox_sorted_free(qa_cox_sorted *sorted)
{
    if (!sorted)
        return;
    free(sorted->order);
    free(sorted->time);
    free(sorted->event);
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
    sorted->x = malloc(n * p * sizeof *sorted->x + 1);
    sorted->mean = calloc(p + 1, sizeof *sorted->mean);
    sorted->reported_center = calloc(p + 1, sizeof *sorted->reported_center);
    if (!sorted->order || !sorted->time || !sorted->event || !sorted->x || !sorted->mean ||
        !sorted->reported_center) {
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
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < p; j++) {
            double v = data->x[i * p + j];
            sorted->mean[j] += v;
            binary[j] &= v == 0.0 || v == 1.0;
        }
    for (size_t j = 0; j < p; j++) {
        sorted->mean[j] /= (double)n;
        sorted->reported_center[j] = binary[j] ? 0.0 : sorted->mean[j];
    }
    free(binary);
    for (size_t k = 0; k < n; k++) {
        size_t row = sorted->order[k];
        sorted->time[k] = data->time[row];
        sorted->event[k] = data->status[row] == 1.0;
        sorted->events += sorted->event[k];
        for (size_t j = 0; j < p; j++)
            sorted->x[k * p + j] = data->x[row * p + j] - sorted->mean[j];
    }
    return QA_OK;
}
