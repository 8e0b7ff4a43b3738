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
#include "qareport/whole.h"

enum { DROPPED_LIMIT = 10000 };

/* Codes and years: whole numbers within CODE_WINDOW / 2 of the first value (itself at most
 * CODE_LIMIT from 0, so every sum is exact). Each group counts CODE_WINDOW levels and, last,
 * its missing values. */
enum { CODE_WINDOW = 2048, CODE_SLOTS = CODE_WINDOW + 1, CODE_LIMIT = 1 << 20 };

/* The three groups (all analysed rows, formed = 1, formed = 0) of a column of whole numbers
 * counted in one pass, each described from its counts (qa_descriptives_from_counts gives
 * what qa_descriptives_compute gives on the group's values). False, with nothing written,
 * for a column with any other value. `count` holds 6 * CODE_SLOTS zeros: per row parity,
 * the rows of formed 1, formed 0 and neither (the first group is the sum of the three), so
 * that each row raises one counter without branching on the outcome, and consecutive rows
 * of one value raise two counters in turn. */
static bool codes_describe(const qa_frame *frame, const double *values, size_t *count,
                           qa_descriptives d[3])
{
    const double *formed = frame->derived.formed;
    const unsigned char *include = frame->include;
    double low = NAN;
    for (size_t row = 0; row < frame->rows && isnan(low); row++)
        if (include[row] && !isnan(values[row]))
            low = floor(values[row]) - CODE_WINDOW / 2;
    if (!(fabs(low) <= CODE_LIMIT))
        low = 0; /* no present value: nothing is counted */
    /* Without a jump on whether a value is present (a duration is missing in half the rows,
     * at random): a missing value counts in the last slot by masks (whole.h). */
    bool codes = true;
    for (size_t row = 0; row < frame->rows && codes; row++) {
        if (!include[row])
            continue;
        double v = values[row], f = formed[row], offset = v - low;
        size_t group = (size_t)(f == 1.0) | (size_t)(f == 0.0) << 1;
        bool present = v == v, fits = (offset >= 0) & (offset < CODE_WINDOW);
        size_t level = (size_t)qa_whole_or_zero(offset, fits), mask = 0 - (size_t)present;
        codes &= (!present) | (fits & ((double)level == offset) & !((v == 0) & (signbit(v) != 0)));
        count[((row & 1) * 3 + group) * CODE_SLOTS + ((level & mask) | (CODE_WINDOW & ~mask))]++;
    }
    if (!codes)
        return false;
    /* into the first three blocks: all rows, formed 1, formed 0 */
    for (size_t slot = 0; slot < CODE_SLOTS; slot++) {
        size_t neither = count[slot] + count[3 * CODE_SLOTS + slot];
        size_t one = count[CODE_SLOTS + slot] + count[4 * CODE_SLOTS + slot];
        size_t zero = count[2 * CODE_SLOTS + slot] + count[5 * CODE_SLOTS + slot];
        count[slot] = neither + one + zero;
        count[CODE_SLOTS + slot] = one;
        count[2 * CODE_SLOTS + slot] = zero;
    }
    for (size_t g = 0; g < 3; g++) {
        size_t *c = count + g * CODE_SLOTS, first = 0, last = CODE_WINDOW;
        while (first < CODE_WINDOW && c[first] == 0)
            first++;
        while (last > first && c[last - 1] == 0)
            last--;
        double sum = 0;
        for (size_t level = first; level < last; level++)
            sum += (double)c[level] * (low + (double)level);
        if (first == last)
            first = last = 0;
        qa_descriptives_from_counts(c + first, first == last ? 1 : last - first,
                                    low + (double)first, sum, c[CODE_WINDOW], &d[g]);
    }
    return true;
}

static void summary_set(qa_variable_summary *v, int g, const qa_descriptives *d)
{
    v->n[g] = d->n;
    v->missing[g] = d->missing;
    v->mean[g] = d->mean;
    v->sd[g] = d->sd;
    v->min[g] = d->min;
    v->q1[g] = d->q1;
    v->median[g] = d->median;
    v->q3[g] = d->q3;
    v->max[g] = d->max;
}

static qa_status variable_add(const qa_frame *frame, qa_results *results, const char *name,
                              const double *values, double *buffer)
{
    if (results->variable_count >= sizeof results->variables / sizeof results->variables[0])
        return QA_OK;
    qa_variable_summary *v = &results->variables[results->variable_count++];
    snprintf(v->name, sizeof v->name, "%s", name);
    size_t *count = calloc(6 * CODE_SLOTS, sizeof *count);
    if (!count)
        return QA_ERR_MEMORY;
    qa_descriptives coded[3];
    bool counted = codes_describe(frame, values, count, coded);
    free(count);
    if (counted) {
        for (int g = 0; g < 3; g++)
            summary_set(v, g, &coded[g]);
        return QA_OK;
    }
    /* all rows, then formed = 1 into buffer and formed = 0 into its second half in one
     * pass without branches on the outcome (rows keep their order in each group) */
    size_t counts[3] = {0, 0, 0};
    for (size_t row = 0; row < frame->rows; row++)
        if (frame->include[row])
            buffer[counts[0]++] = values[row];
    for (int g = 0; g < 3; g++) {
        if (g == 1) {
            double *second = buffer + frame->rows;
            const double *formed = frame->derived.formed;
            for (size_t row = 0; row < frame->rows; row++) {
                double value = values[row], f = frame->include[row] ? formed[row] : NAN;
                buffer[counts[1]] = value;
                second[counts[2]] = value;
                counts[1] += f == 1.0;
                counts[2] += f == 0.0;
            }
        }
        size_t n = counts[g];
        const double *group = g == 2 ? buffer + frame->rows : buffer;
        qa_descriptives d;
        qa_descriptives_compute(group, n, &d);
        summary_set(v, g, &d);
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
    /* counts per (level + 1, group) with level −1 = missing, without branches on the outcome */
    size_t levels = column->level_count + 1;
    size_t *table = calloc(levels * 3, sizeof *table);
    if (!table)
        return QA_ERR_MEMORY;
    const double *formed = frame->derived.formed;
    for (size_t row = 0; row < frame->rows; row++) {
        if (!frame->include[row])
            continue;
        int32_t code = column->codes[row];
        size_t cell = code < 0 || (size_t)code >= column->level_count ? 0 : ((size_t)code + 1) * 3;
        table[cell]++;
        table[cell + 1] += formed[row] == 1.0;
        table[cell + 2] += formed[row] == 0.0;
    }
    for (int g = 0; g < 3; g++) {
        c->missing[g] += table[g];
        for (size_t l = 0; l < column->level_count; l++)
            c->counts[l * 3 + (size_t)g] += table[(l + 1) * 3 + (size_t)g];
    }
    free(table);
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
    qa_correlation pairs[8 * 8] = {0};
    bool defined[8 * 8] = {0};
    qa_status status =
        qa_pearson_complete_pairs(columns, m->count, frame->rows, 0.95, pairs, defined);
    for (size_t i = 0; i < m->count && status == QA_OK; i++)
        for (size_t j = i; j < m->count; j++) {
            const qa_correlation c = pairs[i * m->count + j];
            bool ok = i != j && defined[i * m->count + j];
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
    return status;
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
                if (results->dropped_count >= DROPPED_LIMIT)
                    continue; /* counted only: the list is full (no reason to format) */
                snprintf(reason, sizeof reason, "%s is missing: left out of the %s tests",
                         qa_measure_name(k), qa_hypothesis_id(k));
                if (!drop(results, frame, row, reason))
                    return QA_ERR_MEMORY;
            }
        /* (one test on what is rare, not a jump on formed: half the rows, at random) */
        bool formed = d->formed[row] == 1;
        bool censored = formed & (d->censored_before_threshold[row] != 0);
        bool no_duration = formed & !censored & (d->duration[row] != d->duration[row]);
        if (!(censored | no_duration))
            continue;
        if (censored) {
            total++;
            if (results->dropped_count >= DROPPED_LIMIT)
                continue;
            snprintf(reason, sizeof reason,
                     "ongoing, observed %g years (not more than %d): censored before the "
                     "threshold; left out of the durability tests, kept in the Cox models",
                     d->duration[row], results->options.durable_years);
            if (!drop(results, frame, row, reason))
                return QA_ERR_MEMORY;
        } else {
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
    double *buffer = malloc((frame->rows ? 2 * frame->rows : 1) * sizeof *buffer);
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
