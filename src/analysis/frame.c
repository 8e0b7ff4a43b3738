/* The analysis frame: which rows are analysed, their derived timing, measures and control
 * terms, and the samples of the primary tests (docs/METHODS.md §4.1, §4.7, §4.10). */
#include "frame.h"
#include "measure.h"
#include "qareport/analysis.h"
#include "qareport/member_robust.h"
#include "qareport/whole.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool row_matches(const qa_dataset *dataset, const qa_column *column, const char *value,
                        size_t row)
{
    switch (column->kind) {
    case QA_COLUMN_CATEGORY: {
        int32_t code = column->codes[row];
        return code >= 0 && strcmp(column->levels[code], value) == 0;
    }
    case QA_COLUMN_NUMERIC: {
        char *end = NULL;
        double wanted = strtod(value, &end);
        return end != value && *end == '\0' && column->values[row] == wanted;
    }
    case QA_COLUMN_TEXT: {
        const char *text = qa_dataset_text(dataset, column, row);
        return text && strcmp(text, value) == 0;
    }
    }
    return false;
}

/* A condition that keeps no case is a mistake (a misspelt value, most likely): say which
 * values the column has. */
static qa_status no_match(const qa_dataset *dataset, const qa_column *column,
                          const qa_condition *condition, qa_error *error)
{
    char values[256] = "";
    for (size_t l = 0; column->kind == QA_COLUMN_CATEGORY && l < column->level_count; l++) {
        size_t used = strlen(values);
        if (used + strlen(column->levels[l]) + 8 >= sizeof values) {
            snprintf(values + used, sizeof values - used, ", ...");
            break;
        }
        snprintf(values + used, sizeof values - used, "%s%s", l ? ", " : "", column->levels[l]);
    }
    return qa_error_set(error, QA_ERR_USAGE, dataset->path, 0, condition->column, NULL,
                        "--where %s=%s matches no case%s%s%s", condition->column, condition->value,
                        values[0] ? " (its values: " : "", values, values[0] ? ")" : "");
}

/* --where: conditions on the same column are alternatives (OR), on different columns all
 * must hold (AND). */
static qa_status apply_conditions(const qa_dataset *dataset, const qa_analysis_options *options,
                                  unsigned char *include, qa_error *error)
{
    for (size_t c = 0; c < options->condition_count; c++) {
        const qa_condition *condition = &options->conditions[c];
        bool first_on_column = true;
        for (size_t e = 0; e < c; e++)
            if (strcmp(options->conditions[e].column, condition->column) == 0)
                first_on_column = false;
        if (!first_on_column)
            continue;
        const qa_column *column = qa_dataset_column(dataset, condition->column);
        if (!column)
            return qa_error_set(error, QA_ERR_USAGE, dataset->path, 0, condition->column, NULL,
                                "--where %s=%s: the dataset has no column '%s'", condition->column,
                                condition->value, condition->column);
        size_t matched = 0; /* in the whole file: a --by group may rightly have none */
        for (size_t row = 0; row < dataset->rows; row++) {
            bool any = false;
            for (size_t e = c; e < options->condition_count && !any; e++)
                if (strcmp(options->conditions[e].column, condition->column) == 0)
                    any = row_matches(dataset, column, options->conditions[e].value, row);
            include[row] = include[row] && any;
            matched += any;
        }
        if (matched == 0)
            return no_match(dataset, column, condition, error);
    }
    return QA_OK;
}

qa_status qa_analysis_select_rows(const qa_dataset *dataset, const qa_analysis_options *options,
                                  unsigned char *mask, qa_error *error)
{
    memset(mask, 1, dataset->rows);
    return apply_conditions(dataset, options, mask, error);
}

static qa_status add_control_term(qa_frame *frame, const char *name, double *values, bool interval)
{
    size_t count = frame->control_count + 1;
    char(*names)[QA_NAME_TEXT] = realloc(frame->control_names, count * sizeof *names);
    if (!names)
        return QA_ERR_MEMORY;
    frame->control_names = names;
    bool *intervals = realloc(frame->control_interval, count * sizeof *intervals);
    if (!intervals)
        return QA_ERR_MEMORY;
    frame->control_interval = intervals;
    intervals[frame->control_count] = interval;
    double **columns = realloc(frame->control_values, count * sizeof *columns);
    if (!columns)
        return QA_ERR_MEMORY;
    frame->control_values = columns;
    snprintf(names[frame->control_count], QA_NAME_TEXT, "%s", name);
    columns[frame->control_count] = values;
    frame->control_count = count;
    return QA_OK;
}

/* Categorical controls are dummy-coded with the alphabetically first level present as the
 * reference, as R's treatment contrasts do; terms are named `column=level`. */
static qa_status add_category_control(qa_frame *frame, const qa_column *column)
{
    bool *present = calloc(column->level_count ? column->level_count : 1, sizeof *present);
    if (!present)
        return QA_ERR_MEMORY;
    for (size_t row = 0; row < frame->rows; row++)
        if (frame->include[row] && column->codes[row] >= 0)
            present[column->codes[row]] = true;
    qa_status status = QA_OK;
    bool reference_seen = false;
    for (size_t level = 0; level < column->level_count && status == QA_OK; level++) {
        if (!present[level])
            continue;
        if (!reference_seen) {
            reference_seen = true;
            continue;
        }
        double *values = malloc(frame->rows * sizeof *values);
        if (!values) {
            status = QA_ERR_MEMORY;
            break;
        }
        for (size_t row = 0; row < frame->rows; row++)
            values[row] = column->codes[row] < 0 ? NAN : (column->codes[row] == (int32_t)level);
        char name[QA_NAME_TEXT];
        snprintf(name, sizeof name, "%.60s=%.60s", column->name, column->levels[level]);
        status = add_control_term(frame, name, values, false);
        if (status != QA_OK)
            free(values);
    }
    free(present);
    return status;
}

/* A control that repeats another control, a measure or a column the models are built from
 * makes the joint model's design singular: every joint test would be "not testable" without
 * saying why. Refused as a usage error instead. */
static qa_status control_check(const qa_dataset *dataset, const qa_analysis_options *options,
                               size_t c, const qa_column *column, qa_error *error)
{
    for (size_t d = 0; d < c; d++)
        if (strcmp(options->controls[d], options->controls[c]) == 0)
            return qa_error_set(error, QA_ERR_USAGE, dataset->path, 0, column->name, NULL,
                                "--controls: '%s' is given twice", column->name);
    int index = (int)(column - dataset->columns);
    for (int k = 0; k < QA_HYPOTHESIS_COUNT; k++)
        for (size_t j = 0; j < dataset->measure_column_count[k]; j++)
            if (dataset->measure_columns[k][j] == index)
                return qa_error_set(error, QA_ERR_USAGE, dataset->path, 0, column->name, NULL,
                                    "--controls: '%s' is the measure of H%d (%s), already in "
                                    "every model; a control must be another column",
                                    column->name, k + 1, qa_measure_name(k));
    const int model_columns[] = {dataset->formed_column, dataset->start_column, dataset->end_column,
                                 dataset->ongoing_column, dataset->observed_column};
    for (size_t m = 0; m < sizeof model_columns / sizeof *model_columns; m++)
        if (model_columns[m] == index)
            return qa_error_set(error, QA_ERR_USAGE, dataset->path, 0, column->name, NULL,
                                "--controls: '%s' is an outcome or timing column of the "
                                "models (%s); a control must be another column",
                                column->name, qa_role_name(column->entry.role));
    return QA_OK;
}

static qa_status add_controls(qa_frame *frame, const qa_analysis_options *options, qa_error *error)
{
    for (size_t c = 0; c < options->control_count; c++) {
        const qa_column *column = qa_dataset_column(frame->dataset, options->controls[c]);
        if (!column)
            return qa_error_set(error, QA_ERR_USAGE, frame->dataset->path, 0, options->controls[c],
                                NULL, "--controls: the dataset has no column '%s'",
                                options->controls[c]);
        qa_status checked = control_check(frame->dataset, options, c, column, error);
        if (checked != QA_OK)
            return checked;
        qa_status status;
        if (column->kind == QA_COLUMN_CATEGORY) {
            status = add_category_control(frame, column);
        } else if (column->kind == QA_COLUMN_NUMERIC) {
            double *values = malloc(frame->rows * sizeof *values);
            if (!values)
                return qa_error_set(error, QA_ERR_MEMORY, NULL, 0, NULL, NULL, "out of memory");
            memcpy(values, column->values, frame->rows * sizeof *values);
            status = add_control_term(frame, column->name, values,
                                      column->entry.type == QA_TYPE_INTERVAL);
            if (status != QA_OK)
                free(values);
        } else {
            return qa_error_set(error, QA_ERR_USAGE, frame->dataset->path, 0, column->name, NULL,
                                "--controls: '%s' is a text column; a control must be "
                                "numeric or a category",
                                column->name);
        }
        if (status != QA_OK)
            return qa_error_set(error, status, NULL, 0, NULL, NULL, "out of memory");
    }
    return QA_OK;
}

static qa_status derive_timing(qa_frame *frame, const qa_analysis_options *options, qa_error *error)
{
    qa_error_list problems;
    qa_error_list_init(&problems, QA_ERROR_LIMIT);
    qa_status status = qa_dataset_derive(frame->dataset, options->durable_years, options->as_of,
                                         &frame->derived, &problems);
    if (status != QA_OK && problems.count > 0) {
        *error = problems.items[0];
        if (problems.count + problems.dropped > 1) {
            size_t more = problems.count + problems.dropped - 1;
            size_t length = strlen(error->message);
            snprintf(error->message + length, sizeof error->message - length,
                     " (and %zu more such problem%s; `qareport validate` lists them all)", more,
                     more == 1 ? "" : "s");
        }
    } else if (status != QA_OK) {
        qa_error_set(error, status, frame->dataset->path, 0, NULL, NULL, "cannot derive durations");
    }
    qa_error_list_free(&problems);
    return status;
}

/* The outcome side of each sample (docs/METHODS.md §4.1): formation needs `formed`; durability a
 * formed case with `durable` defined (censored-before-threshold cases excluded); Cox a formed case
 * with duration and event. Also cox_time_radix (frame.h) over the Cox rows. */
static void eligibility_fill(qa_frame *frame)
{
    const qa_derived *d = &frame->derived;
    bool numbered = true;
    double largest = -1;
    for (size_t row = 0; row < frame->rows; row++) {
        /* (& and comparisons, not && and jumps: formed is 1 in half the rows, at random) */
        double formed = d->formed[row], durable = d->durable[row];
        double duration = d->duration[row], event = d->event[row];
        bool yes = formed == 1;
        unsigned char bits =
            (unsigned char)((formed == formed) << QA_SAMPLE_FORMATION |
                            (yes & (durable == durable)) << QA_SAMPLE_DURABILITY |
                            (yes & (duration == duration) & (event == event)) << QA_SAMPLE_COX);
        bits &= (unsigned char)(0 - (frame->include[row] != 0));
        /* --controls-in all: a case without every control is in no sample */
        for (size_t c = 0; c < frame->control_count && frame->controls_all && bits; c++)
            if (isnan(frame->control_values[c][row]))
                bits = 0;
        frame->eligible[row] = bits;
        bool cox = bits >> QA_SAMPLE_COX & 1;
        double t = duration, e = event;
        bool fits = (t >= 0) & (t < (double)(1 << 20));
        double whole = (double)qa_whole_or_zero(t, fits);
        numbered &= (!cox) | (fits & (whole == t) & ((e == 0) | (e == 1)));
        largest = cox & (t > largest) ? t : largest;
    }
    frame->cox_time_radix = numbered && largest >= 0 ? (unsigned)largest + 1 : 0;
}

/* frame.h measure_radix: 1 + the largest value of a column of whole numbers 0–255 (NaN
 * allowed), else 0 (also for a column with no value). */
static unsigned code_radix(const double *x, size_t n)
{
    double largest = -1;
    bool coded = true;
    for (size_t i = 0; i < n; i++) {
        double v = x[i];
        bool code = v >= 0 && v < 256 && v == (double)(unsigned)(v >= 0 && v < 256 ? v : 0);
        coded &= code | (v != v);
        largest = code && v > largest ? v : largest;
    }
    return coded && largest >= 0 ? (unsigned)largest + 1 : 0;
}

qa_status qa_frame_build(const qa_dataset *dataset, const qa_analysis_options *options,
                         const unsigned char *extra, const unsigned char *standardize,
                         qa_frame *frame, qa_error *error)
{
    memset(frame, 0, sizeof *frame);
    frame->dataset = dataset;
    frame->rows = dataset->rows;
    frame->include = malloc(dataset->rows ? dataset->rows : 1);
    if (!frame->include)
        return qa_error_set(error, QA_ERR_MEMORY, NULL, 0, NULL, NULL, "out of memory");
    for (size_t row = 0; row < dataset->rows; row++)
        frame->include[row] = extra ? extra[row] != 0 : 1;
    qa_status status = apply_conditions(dataset, options, frame->include, error);
    if (status == QA_OK)
        status = derive_timing(frame, options, error);
    for (int k = 0; k < QA_HYPOTHESIS_COUNT && status == QA_OK; k++) {
        frame->cronbach_raw[k] = frame->cronbach_standardized[k] = NAN;
        if (dataset->measure_column_count[k] == 0)
            continue;
        frame->measure_interval[k] = true;
        for (size_t j = 0; j < dataset->measure_column_count[k]; j++)
            frame->measure_interval[k] &=
                dataset->columns[dataset->measure_columns[k][j]].entry.type == QA_TYPE_INTERVAL;
        if (dataset->measure_column_count[k] == 1 &&
            dataset->columns[dataset->measure_columns[k][0]].kind == QA_COLUMN_NUMERIC) {
            /* a single column is the measure itself: no copy */
            frame->measure[k] = dataset->columns[dataset->measure_columns[k][0]].values;
            continue;
        }
        frame->measure_owned[k] = malloc((dataset->rows ? dataset->rows : 1) * sizeof(double));
        if (!frame->measure_owned[k]) {
            status = qa_error_set(error, QA_ERR_MEMORY, NULL, 0, NULL, NULL, "out of memory");
            break;
        }
        frame->measure[k] = frame->measure_owned[k];
        status =
            qa_measure_values(dataset, k, standardize, frame->measure_owned[k],
                              &frame->cronbach_raw[k], &frame->cronbach_standardized[k], error);
    }
    for (int k = 0; k < QA_HYPOTHESIS_COUNT && status == QA_OK; k++)
        frame->measure_radix[k] =
            frame->measure[k] ? code_radix(frame->measure[k], frame->rows) : 0;
    if (status == QA_OK)
        status = add_controls(frame, options, error);
    frame->controls_all = options->controls_in == QA_CONTROLS_IN_ALL && frame->control_count > 0;
    if (status == QA_OK && !(frame->eligible = malloc(dataset->rows ? dataset->rows : 1)))
        status = qa_error_set(error, QA_ERR_MEMORY, NULL, 0, NULL, NULL, "out of memory");
    if (status == QA_OK)
        eligibility_fill(frame);
    if (status != QA_OK)
        qa_frame_free(frame);
    return status;
}

/* docs/METHODS.md §3.3-§3.4: durable = duration > T for an ended case; an ongoing one is durable
 * once past T and otherwise censored before threshold (left out). */
/* Whether row's durable outcome at a threshold of `years` is defined (a formed case with a
 * duration that lasted longer, or ended; an ongoing case observed for no longer is censored
 * before the threshold), and in *longer whether it is durable. Without branches. */
static inline bool durable_at(const qa_derived *d, size_t row, int years, bool *longer)
{
    double duration = d->duration[row];
    *longer = duration > years; /* (NaN: false) */
    return (d->formed[row] == 1) & (duration == duration) & (*longer | (d->event[row] == 1));
}

qa_status qa_frame_with_threshold(const qa_frame *frame, int years, qa_frame *view)
{
    *view = *frame;
    size_t size = frame->rows ? frame->rows : 1;
    double *durable = malloc(size * sizeof *durable);
    unsigned char *eligible = malloc(size);
    if (!durable || !eligible) {
        free(durable);
        free(eligible);
        return QA_ERR_MEMORY;
    }
    for (size_t row = 0; row < frame->rows; row++) { /* without branches: a coin flip each */
        bool longer;
        durable[row] = durable_at(&frame->derived, row, years, &longer) ? (double)longer : NAN;
    }
    view->derived.durable = durable;
    view->eligible = eligible;
    eligibility_fill(view);
    return QA_OK;
}

void qa_frame_threshold_free(qa_frame *view)
{
    free(view->derived.durable);
    free(view->eligible);
    memset(view, 0, sizeof *view);
}

void qa_frame_free(qa_frame *frame)
{
    free(frame->include);
    free(frame->eligible);
    qa_derived_free(&frame->derived);
    for (int k = 0; k < QA_HYPOTHESIS_COUNT; k++)
        free(frame->measure_owned[k]);
    for (size_t c = 0; c < frame->control_count; c++)
        free(frame->control_values[c]);
    free(frame->control_values);
    free(frame->control_names);
    free(frame->control_interval);
    memset(frame, 0, sizeof *frame);
}

bool qa_frame_in_sample(const qa_frame *frame, qa_sample_kind kind, int measure, size_t row)
{
    return (frame->eligible[row] >> kind & 1) && frame->measure[measure] &&
           !isnan(frame->measure[measure][row]);
}

unsigned qa_frame_column_radix(const qa_frame *frame, const double *column)
{
    for (int k = 0; k < QA_HYPOTHESIS_COUNT; k++)
        if (column && column == frame->measure[k])
            return frame->measure_radix[k];
    return 0;
}

double qa_frame_outcome(const qa_frame *frame, qa_outcome outcome, size_t row)
{
    return outcome == QA_OUTCOME_FORMATION ? frame->derived.formed[row]
                                           : frame->derived.durable[row];
}

/* The logit sample of a coded measure, gathered and counted in one pass (frame.h): a row
 * outside the sample counts in a spare cell, and four tables take the rows in turn, so that
 * runs of equal cells do not wait on each other's adds (the counts are whole numbers: their
 * sum is exact in any order). True when every outcome in the sample is 0 or 1. */
static bool sample_tabulate(const qa_frame *frame, const double *x, const double *outcome,
                            unsigned char bit, qa_sample *sample, size_t *count)
{
    enum { CELLS = 2 * QA_SAMPLE_LEVELS + 1 }; /* the last: rows outside the sample */
    double tables[4][CELLS];
    memset(tables, 0, sizeof tables);
    const unsigned char *eligible = frame->eligible;
    size_t n = 0;
    bool binary = true;
    uint32_t *key = sample->key;
    for (size_t row = 0; row < frame->rows; row++) {
        double v = x[row], y = outcome[row];
        sample->x[n] = v;
        sample->y[n] = y;
        bool in = ((eligible[row] & bit) != 0) & (v == v);
        n += in;
        binary &= !in | (y == 0) | (y == 1);
        /* (v is a code below the radix, or NaN: frame.h measure_radix) */
        size_t cell = 2 * (size_t)qa_whole_or_zero(v, in) + (y == 1), mask = 0 - (size_t)in;
        cell = (cell & mask) | ((size_t)(CELLS - 1) & ~mask); /* (masks: no jump, whole.h) */
        tables[row & 3][cell] += 1;
        if (key) /* (an invariant branch) */
            key[row] = (uint32_t)((cell + 1) & mask);
    }
    for (size_t c = 0; c < 2 * QA_SAMPLE_LEVELS; c++)
        sample->counts[c] = tables[0][c] + tables[1][c] + tables[2][c] + tables[3][c];
    *count = n;
    return binary;
}

/* The Cox sample of a coded measure (radix `radix`) with numbered times (frame.h
 * cox_time_radix), gathered and counted in one pass (frame.h cox_counts), with each row's key
 * (1 + 2 (v + radix t) + event, 0 outside) when `key` is not NULL. cox_counts[0] takes the
 * rows outside, the cells follow. */
static inline void cox_count_gather(const qa_frame *frame, const double *x, unsigned char bit,
                                    size_t radix, qa_sample *sample, uint32_t *key, size_t *count)
{
    const double *duration = frame->derived.duration, *event = frame->derived.event;
    const unsigned char *eligible = frame->eligible;
    double *counts = sample->cox_counts;
    size_t n = 0;
    for (size_t row = 0; row < frame->rows; row++) {
        double v = x[row], t = duration[row], e = event[row];
        sample->x[n] = v;
        sample->time[n] = t;
        sample->status[n] = e;
        bool in = ((eligible[row] & bit) != 0) & (v == v);
        n += in;
        /* (v is a code below the radix, t a whole number from 0 in a Cox row: frame.h; masks,
         * not jumps: whole.h) */
        size_t number = (size_t)qa_whole_or_zero(v, in) + radix * (size_t)qa_whole_or_zero(t, in);
        size_t cell = (2 * number + (e == 1) + 1) & (0 - (size_t)in);
        counts[cell] += 1;
        if (key) /* (an invariant branch) */
            key[row] = (uint32_t)cell;
    }
    *count = n;
}

/* One pass into arrays sized for every row (pages never touched cost nothing). */
qa_status qa_sample_gather(const qa_frame *frame, qa_sample_kind kind, int measure,
                           qa_sample *sample)
{
    sample->n = 0;
    sample->tabulated = sample->keyed = false;
    sample->cox_cells = 0;
    const double *x = frame->measure[measure];
    if (!x)
        return QA_OK;
    size_t size = frame->rows ? frame->rows : 1;
    bool cox = kind == QA_SAMPLE_COX;
    if (sample->capacity < size || (cox && !sample->time)) {
        qa_sample_free(sample);
        sample->x = malloc(size * sizeof(double));
        sample->y = malloc(size * sizeof(double));
        sample->counts = malloc(2 * QA_SAMPLE_LEVELS * sizeof(double));
        if (cox) {
            sample->time = malloc(size * sizeof(double));
            sample->status = malloc(size * sizeof(double));
        }
        if (!sample->x || !sample->y || !sample->counts ||
            (cox && (!sample->time || !sample->status))) {
            qa_sample_free(sample);
            return QA_ERR_MEMORY;
        }
        sample->capacity = size;
    }
    const double *outcome =
        kind == QA_SAMPLE_FORMATION ? frame->derived.formed : frame->derived.durable;
    const unsigned char bit = (unsigned char)(1u << kind);
    /* Every row is written at the next place and kept by advancing n: no branch on whether a
     * row is in the sample, which for the durability samples (formed cases) is a coin flip
     * to the processor. n never passes row, so the writes stay inside the arrays. */
    size_t n = 0;
    const unsigned char *eligible = frame->eligible;
    bool keyed = frame->members && frame->measure_radix[measure] > 0 &&
                 frame->measure_radix[measure] <= QA_SAMPLE_LEVELS;
    /* keys only where member sums will use them (a failed allocation leaves the sample's
     * arrays, freed with it) */
    if (keyed && !sample->key && !(sample->key = malloc(size * sizeof *sample->key)))
        return QA_ERR_MEMORY;
    if (!keyed) {
        free(sample->key);
        sample->key = NULL;
    }
    size_t cox_cells = 2 * (size_t)frame->measure_radix[measure] * frame->cox_time_radix;
    if (cox && cox_cells > 0 && cox_cells <= QA_SAMPLE_COX_CELLS) {
        if (sample->cox_capacity < cox_cells + 1) {
            free(sample->cox_counts);
            sample->cox_capacity = 0;
            if (!(sample->cox_counts = malloc((QA_SAMPLE_COX_CELLS + 1) * sizeof(double))))
                return QA_ERR_MEMORY;
            sample->cox_capacity = QA_SAMPLE_COX_CELLS + 1;
        }
        memset(sample->cox_counts, 0, (cox_cells + 1) * sizeof(double));
        if (keyed)
            cox_count_gather(frame, x, bit, frame->measure_radix[measure], sample, sample->key, &n);
        else
            cox_count_gather(frame, x, bit, frame->measure_radix[measure], sample, NULL, &n);
        sample->keyed = keyed;
        sample->cox_cells = cox_cells;
    } else if (cox) {
        const double *duration = frame->derived.duration, *event = frame->derived.event;
        for (size_t row = 0; row < frame->rows; row++) {
            double v = x[row];
            sample->x[n] = v;
            sample->time[n] = duration[row];
            sample->status[n] = event[row];
            n += (size_t)((eligible[row] & bit) != 0) & (size_t)(v == v);
        }
    } else if (frame->measure_radix[measure] > 0 &&
               frame->measure_radix[measure] <= QA_SAMPLE_LEVELS) {
        sample->tabulated = sample_tabulate(frame, x, outcome, bit, sample, &n);
        sample->keyed = sample->tabulated && sample->key;
    } else {
        for (size_t row = 0; row < frame->rows; row++) {
            double v = x[row];
            sample->x[n] = v;
            sample->y[n] = outcome[row];
            n += (size_t)((eligible[row] & bit) != 0) & (size_t)(v == v);
        }
    }
    sample->n = n;
    return QA_OK;
}

static bool tabulate_codes(const qa_sample *sample, double (*counts)[2])
{
    if (sample->tabulated) { /* counted as it was gathered */
        memcpy(counts, sample->counts, 2 * QA_SAMPLE_LEVELS * sizeof(double));
        return true;
    }
    for (size_t i = 0; i < sample->n; i++) {
        double x = sample->x[i], y = sample->y[i];
        if (!(x >= 0 && x < 256) || !(y == 0 || y == 1))
            return false;
        int v = (int)x;
        if (v != x)
            return false;
        counts[v][y == 1] += 1;
    }
    return true;
}

qa_status qa_univariate_build(const qa_sample *sample, qa_univariate *out)
{
    memset(out, 0, sizeof *out);
    static const size_t levels = 256;
    double(*counts)[2] = calloc(levels, sizeof *counts);
    if (!counts)
        return QA_ERR_MEMORY;
    bool coded = sample->n >= 32 && tabulate_codes(sample, counts);
    size_t rows = 0;
    if (coded)
        for (size_t v = 0; v < levels; v++)
            rows += (counts[v][0] > 0) + (counts[v][1] > 0);
    else
        rows = sample->n;
    out->x = malloc((rows ? rows : 1) * 2 * sizeof(double));
    out->y = malloc((rows ? rows : 1) * sizeof(double));
    if (coded)
        out->weights = malloc((rows ? rows : 1) * sizeof(double));
    if (!out->x || !out->y || (coded && !out->weights)) {
        free(counts);
        qa_univariate_free(out);
        return QA_ERR_MEMORY;
    }
    size_t r = 0;
    for (size_t i = 0; !coded && i < sample->n; i++, r++) {
        out->x[2 * r] = 1;
        out->x[2 * r + 1] = sample->x[i];
        out->y[r] = sample->y[i];
    }
    for (size_t v = 0; coded && v < levels; v++)
        for (int y = 0; y < 2; y++)
            if (counts[v][y] > 0) {
                out->x[2 * r] = 1;
                out->x[2 * r + 1] = (double)v;
                out->y[r] = y;
                out->weights[r++] = counts[v][y];
            }
    free(counts);
    out->data = (qa_logit_data){r, 2, out->x, out->y, out->weights};
    return QA_OK;
}

void qa_univariate_free(qa_univariate *u)
{
    free(u->x);
    free(u->y);
    free(u->weights);
    memset(u, 0, sizeof *u);
}

void qa_sample_cache_free(qa_sample_cache *cache)
{
    for (int t = 0; t < QA_TEST_COUNT; t++)
        qa_univariate_free(&cache->table[t]);
    memset(cache, 0, sizeof *cache);
}

void qa_sample_free(qa_sample *sample)
{
    free(sample->x);
    free(sample->y);
    free(sample->time);
    free(sample->status);
    free(sample->counts);
    free(sample->key);
    free(sample->cox_counts);
    memset(sample, 0, sizeof *sample);
}
/* The n-1 standard deviation of the sample's measure (§4.14), computed on the values times a
   power of two that brings the largest to [0.5, 1) and scaled back, so that squares neither
   underflow nor overflow at any finite scale (§5.21); exact for ordinary data. */
double qa_sample_sd(const qa_sample *sample)
{
    if (sample->n < 2)
        return NAN;
    /* a power of two is exact: the scaled values only keep the squares finite, and values
     * of ordinary magnitude are used as they are */
    int exponent = 0;
    if (!sample->tabulated) /* (codes below 256 are of ordinary magnitude: not scaled) */
        qa_member_scale_exponents(sample->x, sample->n, 1, &exponent);
    double sum = 0, squares = 0;
    if (sample->tabulated) {
        /* a sum of whole numbers far below 2^53 is exact in any order: the counts give the
         * cases' sum */
        for (size_t v = 0; v < QA_SAMPLE_LEVELS; v++)
            sum += (double)v * (sample->counts[2 * v] + sample->counts[2 * v + 1]);
    } else if (exponent == 0) {
        for (size_t i = 0; i < sample->n; i++)
            sum += sample->x[i];
    } else {
        for (size_t i = 0; i < sample->n; i++)
            sum += ldexp(sample->x[i], exponent);
    }
    double mean = sum / (double)sample->n;
    for (size_t i = 0; i < sample->n; i++) {
        double d = (exponent ? ldexp(sample->x[i], exponent) : sample->x[i]) - mean;
        squares += d * d;
    }
    return ldexp(sqrt(squares / (double)(sample->n - 1)), -exponent);
}

static bool varies(const double *values, size_t n)
{
    for (size_t i = 1; i < n; i++)
        if (values[i] != values[0])
            return true;
    return false;
}

/* Whether a tabulated sample's outcome (measure false) or measure varies; *only = its one
 * value when it does not (what varies() finds on the cases). */
static bool counts_vary(const double *counts, bool measure, double *only)
{
    size_t levels = 0;
    if (measure) {
        for (size_t v = 0; v < QA_SAMPLE_LEVELS; v++)
            if (counts[2 * v] + counts[2 * v + 1] > 0 && levels++ == 0)
                *only = (double)v;
        return levels > 1;
    }
    double total[2] = {0, 0};
    for (size_t v = 0; v < QA_SAMPLE_LEVELS; v++) {
        total[0] += counts[2 * v];
        total[1] += counts[2 * v + 1];
    }
    *only = total[1] > 0 ? 1.0 : 0.0;
    return total[0] > 0 && total[1] > 0;
}

void qa_sample_testability(const qa_sample *sample, char *reason, size_t size)
{
    reason[0] = '\0';
    double only_y = NAN, only_x = NAN;
    bool counted = sample->tabulated;
    if (sample->n < QA_MIN_CASES)
        snprintf(reason, size, "only %zu usable case%s (at least %d needed)", sample->n,
                 sample->n == 1 ? "" : "s", QA_MIN_CASES);
    else if (counted ? !counts_vary(sample->counts, false, &only_y) : !varies(sample->y, sample->n))
        snprintf(reason, size, "no variation in the outcome (all %g)",
                 counted ? only_y : sample->y[0]);
    else if (counted ? !counts_vary(sample->counts, true, &only_x) : !varies(sample->x, sample->n))
        snprintf(reason, size, "no variation in the measure (all %g)",
                 counted ? only_x : sample->x[0]);
}

qa_status qa_frame_threshold_counts(const qa_frame *frame, const int *years, size_t thresholds,
                                    double *counts, bool *counted)
{
    enum { CELLS = 2 * QA_SAMPLE_LEVELS };
    for (int k = 0; k < QA_HYPOTHESIS_COUNT; k++)
        counted[k] = !frame->controls_all && frame->measure[k] && frame->measure_radix[k] > 0 &&
                     frame->measure_radix[k] <= QA_SAMPLE_LEVELS;
    memset(counts, 0, thresholds * QA_HYPOTHESIS_COUNT * CELLS * sizeof *counts);
    /* a spare cell per table for the rows outside its sample (no branch on membership) */
    double(*tables)[QA_HYPOTHESIS_COUNT][CELLS + 1] = calloc(thresholds, sizeof *tables);
    if (!tables)
        return QA_ERR_MEMORY;
    for (size_t row = 0; row < frame->rows; row++) {
        for (size_t t = 0; t < thresholds; t++) {
            /* the view's durable outcome and its durability bit (qa_frame_with_threshold,
             * eligibility_fill) */
            bool longer;
            bool in =
                (frame->include[row] != 0) & durable_at(&frame->derived, row, years[t], &longer);
            for (int k = 0; k < QA_HYPOTHESIS_COUNT; k++) {
                if (!counted[k])
                    continue;
                double v = frame->measure[k][row];
                bool here = in & (v == v);
                size_t cell = 2 * (size_t)qa_whole_or_zero(v, here) + longer,
                       mask = 0 - (size_t)here; /* (masks, not jumps: whole.h) */
                tables[t][k][(cell & mask) | ((size_t)CELLS & ~mask)] += 1;
            }
        }
    }
    for (size_t t = 0; t < thresholds; t++)
        for (int k = 0; k < QA_HYPOTHESIS_COUNT; k++)
            memcpy(counts + (t * QA_HYPOTHESIS_COUNT + (size_t)k) * CELLS, tables[t][k],
                   CELLS * sizeof *counts);
    free(tables);
    return QA_OK;
}
