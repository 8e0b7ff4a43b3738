/* The numbers of the Descriptives, Correlations and Diagnostics sheets: descriptives of the
 * measures and years overall and by formed, category counts, the pairwise correlation matrix,
 * and every case left out of some test with the reason. */
#include "primary.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qareport/correlation.h"
#include "qareport/descriptives.h"

enum { DROPPED_LIMIT = 10000 };

/* group 0: all rows in the analysis; 1: formed = 1; 2: formed = 0 */
static bool in_group(const qa_frame *frame, size_t row, int group)
{
    if (!frame->include[row])
        return false;
    return group == 0 || frame->derived.formed[row] == (group == 1 ? 1.0 : 0.0);
}

static qa_status variable_add(const qa_frame *frame, qa_results *results, const char *name,
                              const double *values, double *buffer)
{
    if (results->variable_count >= sizeof results->variables / sizeof results->variables[0])
        return QA_OK;
    qa_variable_summary *v = &results->variables[results->variable_count++];
    snprintf(v->name, sizeof v->name, "%s", name);
    for (int g = 0; g < 3; g++) {
        size_t n = 0;
        for (size_t row = 0; row < frame->rows; row++)
            if (in_group(frame, row, g))
                buffer[n++] = values[row];
        qa_descriptives d;
        qa_descriptives_compute(buffer, n, &d);
        v->n[g] = d.n;
        v->missing[g] = d.missing;
        v->mean[g] = d.mean;
        v->sd[g] = d.sd;
        v->min[g] = d.min;
        v->q1[g] = d.q1;
        v->median[g] = d.median;
        v->q3[g] = d.q3;
        v->max[g] = d.max;
    }
    return QA_OK;
}

static qa_status category_add(const qa_frame *frame, qa_results *results, const qa_column *column)
{
    if (results->category_count >= sizeof results->categories / sizeof results->categories[0])
        return QA_OK;
    qa_category_summary *c = &results->categories[results->category_count++];
    snprintf(c->name, sizeof c->name, "%s", column->name);
    c->levels = calloc(column->level_count ? column->level_count : 1, sizeof *c->levels);
    c->counts = calloc((column->level_count ? column->level_count : 1) * 3, sizeof *c->counts);
    if (!c->levels || !c->counts)
        return QA_ERR_MEMORY;
    c->level_count = column->level_count;
    for (size_t l = 0; l < column->level_count; l++)
        if (!(c->levels[l] = strdup(column->levels[l])))
            return QA_ERR_MEMORY;
    for (size_t row = 0; row < frame->rows; row++)
        for (int g = 0; g < 3; g++) {
            if (!in_group(frame, row, g))
                continue;
            int32_t code = column->codes[row];
            if (code < 0)
                c->missing[g]++;
            else
                c->counts[(size_t)code * 3 + (size_t)g]++;
        }
    return QA_OK;
}

/* Pairwise-complete Pearson correlations of formed, durable, duration and the measures. */
qa_status qa_correlation_matrix_fill(const qa_frame *frame, qa_results *results)
{
    qa_correlation_matrix *m = &results->correlations;
    const double *columns[8];
    m->count = 0;
    const char *fixed[3] = {"formed", "durable", "duration"};
    const double *fixed_values[3] = {frame->derived.formed, frame->derived.durable,
                                     frame->derived.duration};
    for (int i = 0; i < 3; i++) {
        snprintf(m->names[m->count], QA_NAME_TEXT, "%s", fixed[i]);
        columns[m->count++] = fixed_values[i];
    }
    for (int k = 0; k < QA_HYPOTHESIS_COUNT; k++)
        if (frame->measure[k]) {
            snprintf(m->names[m->count], QA_NAME_TEXT, "%s", qa_measure_name(k));
            columns[m->count++] = frame->measure[k];
        }
    /* rows outside the analysis (--where) count as missing */
    double *masked[8] = {0};
    bool all_rows = true;
    for (size_t row = 0; row < frame->rows && all_rows; row++)
        all_rows = frame->include[row];
    for (size_t i = 0; i < m->count && !all_rows; i++) {
        if (!(masked[i] = malloc((frame->rows ? frame->rows : 1) * sizeof(double)))) {
            for (size_t j = 0; j < i; j++)
                free(masked[j]);
            return QA_ERR_MEMORY;
        }
        for (size_t row = 0; row < frame->rows; row++)
            masked[i][row] = frame->include[row] ? columns[i][row] : NAN;
        columns[i] = masked[i];
    }
    /* symmetric: each pair computed once */
    for (size_t i = 0; i < m->count; i++)
        for (size_t j = i; j < m->count; j++) {
            qa_correlation c;
            qa_error ignored;
            bool ok = i != j && qa_pearson_complete(columns[i], columns[j], frame->rows, 0.95, &c,
                                                    &ignored) == QA_OK;
            size_t n = 0;
            if (i == j)
                for (size_t row = 0; row < frame->rows; row++)
                    n += !isnan(columns[i][row]);
            else
                n = c.n;
            m->r[i * m->count + j] = m->r[j * m->count + i] = i == j ? (n > 1 ? 1.0 : NAN)
                                                              : ok   ? c.estimate
                                                                     : NAN;
            m->p[i * m->count + j] = m->p[j * m->count + i] = ok ? c.p : NAN;
            m->n[i * m->count + j] = m->n[j * m->count + i] = n;
        }
    for (size_t i = 0; i < m->count; i++)
        free(masked[i]);
    return QA_OK;
}

static bool drop(qa_results *results, const qa_frame *frame, size_t row, const char *reason)
{
    if (results->dropped_count >= DROPPED_LIMIT)
        return true;
    return qa_results_drop(results, row, frame->dataset->line ? frame->dataset->line[row] : 0,
                           qa_dataset_case_id(frame->dataset, row), reason);
}

static qa_status dropped_fill(const qa_frame *frame, qa_results *results)
{
    size_t total = 0;
    char reason[192];
    for (size_t row = 0; row < frame->rows; row++) {
        if (!frame->include[row])
            continue;
        const qa_derived *d = &frame->derived;
        if (isnan(d->formed[row])) {
            total++;
            if (!drop(results, frame, row, "formed is blank: left out of the formation tests"))
                return QA_ERR_MEMORY;
        }
        for (int k = 0; k < QA_HYPOTHESIS_COUNT; k++)
            if (frame->measure[k] && isnan(frame->measure[k][row])) {
                total++;
                snprintf(reason, sizeof reason, "%s is missing: left out of the %s tests",
                         qa_measure_name(k), qa_hypothesis_id(k));
                if (!drop(results, frame, row, reason))
                    return QA_ERR_MEMORY;
            }
        if (d->formed[row] != 1)
            continue;
        if (d->censored_before_threshold[row]) {
            total++;
            snprintf(reason, sizeof reason,
                     "ongoing, observed %g years (not more than %d): censored before the "
                     "threshold; left out of the durability tests, kept in the Cox models",
                     d->duration[row], results->options.durable_years);
            if (!drop(results, frame, row, reason))
                return QA_ERR_MEMORY;
        } else if (isnan(d->duration[row])) {
            total++;
            if (!drop(results, frame, row,
                      "years missing: no duration; left out of the "
                      "durability tests and Cox models"))
                return QA_ERR_MEMORY;
        }
    }
    if (total > results->dropped_count)
        qa_results_warn(results,
                        "%zu exclusions of cases from tests; the Diagnostics sheet "
                        "lists the first %zu",
                        total, results->dropped_count);
    return QA_OK;
}

qa_status qa_summaries_fill(const qa_frame *frame, qa_results *results)
{
    double *buffer = malloc((frame->rows ? frame->rows : 1) * sizeof *buffer);
    if (!buffer)
        return QA_ERR_MEMORY;
    qa_status status = QA_OK;
    for (int k = 0; k < QA_HYPOTHESIS_COUNT && status == QA_OK; k++)
        if (frame->measure[k])
            status = variable_add(frame, results, qa_measure_name(k), frame->measure[k], buffer);
    const qa_dataset *dataset = frame->dataset;
    if (status == QA_OK && dataset->start_column >= 0)
        status = variable_add(frame, results, "start_year",
                              dataset->columns[dataset->start_column].values, buffer);
    if (status == QA_OK)
        status = variable_add(frame, results, "duration", frame->derived.duration, buffer);
    free(buffer);
    for (size_t c = 0; c < dataset->column_count && status == QA_OK; c++)
        if (dataset->columns[c].kind == QA_COLUMN_CATEGORY)
            status = category_add(frame, results, &dataset->columns[c]);
    if (status == QA_OK)
        status = dropped_fill(frame, results);
    if (status == QA_OK && dataset->unknown_count > 0) {
        results->unknown_columns = calloc(dataset->unknown_count, sizeof(char *));
        if (!results->unknown_columns)
            return QA_ERR_MEMORY;
        for (size_t i = 0; i < dataset->unknown_count; i++) {
            if (!(results->unknown_columns[i] = strdup(dataset->unknown_columns[i])))
                return QA_ERR_MEMORY;
            results->unknown_column_count++;
        }
    }
    return status;
}
