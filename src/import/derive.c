/* Derived timing per case: formed, duration, event, durable (docs/METHODS.md §3.1-§3.4). */
#include "qareport/dataset.h"
#include "qareport/large_alloc.h"

#include <math.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static double value_at(const qa_dataset *dataset, int column, size_t row)
{
    return column < 0 ? NAN : dataset->columns[column].values[row];
}

/* Ongoing: the `ongoing` cell when filled, else (blank or absent column) end_year empty.
 * (Comparisons joined by &, not jumps: see qa_dataset_derive.) */
static bool is_ongoing(const qa_dataset *dataset, size_t row)
{
    double ongoing = value_at(dataset, dataset->ongoing_column, row);
    double end = value_at(dataset, dataset->end_column, row);
    return ((ongoing == ongoing) & (ongoing == 1.0)) | ((ongoing != ongoing) & (end != end));
}

/* yes ? a : b by masks: a select between doubles compiles to a jump, and what decides it
 * here (formed, lasted longer than T) goes either way at random. */
static inline double pick(bool yes, double a, double b)
{
    uint64_t ua, ub, mask = 0 - (uint64_t)yes;
    memcpy(&ua, &a, sizeof ua);
    memcpy(&ub, &b, sizeof ub);
    uint64_t chosen = (ua & mask) | (ub & ~mask);
    double out;
    memcpy(&out, &chosen, sizeof out);
    return out;
}

static void report_no_observation_year(const qa_dataset *dataset, size_t row, qa_error_list *errors)
{
    qa_error error;
    const char *column =
        dataset->end_column >= 0 ? dataset->columns[dataset->end_column].name : NULL;
    qa_error_set(&error, QA_ERR_INPUT, dataset->path, dataset->line ? dataset->line[row] : 0,
                 column, qa_dataset_case_id(dataset, row),
                 "ongoing case without an observation year (no observed_until, no end_year): "
                 "give one in the data or pass --as-of YEAR");
    qa_error_list_add(errors, &error);
}

static void report_early_as_of(const qa_dataset *dataset, size_t row, int as_of,
                               qa_error_list *errors)
{
    qa_error error;
    qa_error_set(&error, QA_ERR_INPUT, dataset->path, dataset->line ? dataset->line[row] : 0,
                 dataset->columns[dataset->start_column].name, qa_dataset_case_id(dataset, row),
                 "--as-of %d is before the case's %s %.0f", as_of,
                 dataset->columns[dataset->start_column].name,
                 dataset->columns[dataset->start_column].values[row]);
    qa_error_list_add(errors, &error);
}

static int allocate(qa_derived *d, size_t rows)
{
    size_t n = rows ? rows : 1;
    d->formed = malloc(n * sizeof(double));
    d->duration = malloc(n * sizeof(double));
    d->event = malloc(n * sizeof(double));
    d->durable = malloc(n * sizeof(double));
    d->censored_before_threshold = calloc(n, 1);
    return d->formed && d->duration && d->event && d->durable && d->censored_before_threshold;
}

/* A second thread maps the four result arrays' pages ahead of the loop below, which writes
 * them in row order (fresh memory: at a million rows, 32 MB whose page faults took longer
 * than the loop). Populating never changes memory, so it is safe beside the writes. */
typedef struct {
    double *arrays[4];
    size_t rows;
    pthread_t thread;
    bool running;
} derived_pages;

static void *populate_derived(void *context)
{
    const derived_pages *pages = context;
    enum { ROWS = 1 << 16 };
    for (size_t from = 0; from < pages->rows; from += ROWS) {
        size_t count = pages->rows - from < ROWS ? pages->rows - from : ROWS;
        for (int k = 0; k < 4; k++)
            qa_large_populate(pages->arrays[k] + from, count * sizeof(double));
    }
    return NULL;
}

static void populate_start(derived_pages *pages, const qa_derived *d, size_t rows)
{
    *pages =
        (derived_pages){.arrays = {d->formed, d->duration, d->event, d->durable}, .rows = rows};
    if (rows * sizeof(double) >= (size_t)QA_LARGE_ALLOC_MIN)
        pages->running = pthread_create(&pages->thread, NULL, populate_derived, pages) == 0;
}

static void populate_join(derived_pages *pages)
{
    if (pages->running)
        pthread_join(pages->thread, NULL);
    pages->running = false;
}

qa_status qa_dataset_derive(const qa_dataset *dataset, int durable_years, int as_of,
                            qa_derived *derived, qa_error_list *errors)
{
    memset(derived, 0, sizeof *derived);
    if (!allocate(derived, dataset->rows)) {
        qa_derived_free(derived);
        return QA_ERR_MEMORY;
    }
    derived_pages pages;
    populate_start(&pages, derived, dataset->rows);
    qa_status status = QA_OK;
    for (size_t row = 0; row < dataset->rows; row++) {
        double formed = value_at(dataset, dataset->formed_column, row);
        double start = value_at(dataset, dataset->start_column, row);
        double end = value_at(dataset, dataset->end_column, row);
        derived->formed[row] = formed;
        bool yes = formed == 1.0, ongoing = yes & is_ongoing(dataset, row);
        derived->formed_count += yes;
        if (!ongoing) { /* not formed or blank (no durability), or ended: without jumps */
            double duration = end - start; /* NaN when a year is missing */
            bool known = yes & (duration == duration);
            derived->duration[row] = pick(yes, duration, NAN);
            derived->event[row] = pick(known, 1.0, NAN);
            derived->durable[row] = pick(known, duration > durable_years ? 1.0 : 0.0, NAN);
            continue;
        }
        derived->duration[row] = derived->event[row] = derived->durable[row] = NAN;
        derived->ongoing_count++;
        /* Observation year: observed_until, else its own end_year (COW, ATOP), else as_of. */
        double observed = value_at(dataset, dataset->observed_column, row);
        if (isnan(observed))
            observed = end;
        if (isnan(observed) && as_of > 0)
            observed = as_of;
        if (isnan(observed)) {
            report_no_observation_year(dataset, row, errors);
            status = QA_ERR_INPUT;
            continue;
        }
        derived->duration[row] = observed - start;
        if (isnan(derived->duration[row]))
            continue;
        if (derived->duration[row] < 0) { /* only --as-of can be early: the file is checked */
            report_early_as_of(dataset, row, as_of, errors);
            derived->duration[row] = NAN;
            status = QA_ERR_INPUT;
            continue;
        }
        derived->event[row] = 0.0;
        if (derived->duration[row] > durable_years) {
            derived->durable[row] = 1.0;
        } else {
            derived->censored_before_threshold[row] = 1;
            derived->censored_before_threshold_count++;
        }
    }
    populate_join(&pages);
    return status;
}

void qa_derived_free(qa_derived *derived)
{
    if (!derived)
        return;
    free(derived->formed);
    free(derived->duration);
    free(derived->event);
    free(derived->durable);
    free(derived->censored_before_threshold);
    memset(derived, 0, sizeof *derived);
}

size_t qa_dataset_as_of_cases(const qa_dataset *dataset)
{
    size_t count = 0;
    for (size_t row = 0; row < dataset->rows; row++)
        if (value_at(dataset, dataset->formed_column, row) == 1.0 && is_ongoing(dataset, row) &&
            isnan(value_at(dataset, dataset->observed_column, row)) &&
            isnan(value_at(dataset, dataset->end_column, row)))
            count++;
    return count;
}
