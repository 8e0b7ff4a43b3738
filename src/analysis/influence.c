/* Case influence on the distinct rows of each test's sample (influence.h): leave-one-case-out
 * as a weight decrement, leave-one-member-out as a subtraction of the member's rows, each
 * judged with the multiplicity adjustment of the primary analysis (docs/METHODS.md §4.5). */
#include "influence.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "influence_keys.h"
#include "influence_members.h"

enum { MAX_INDICATORS = 16 };

/* Where a measure's values come from: its one column (the frame's array), or the indicator
 * columns of a composite with their sums over every row of the file (the rows a full run
 * standardises on), kept as sums around the mean so that removals subtract exactly. */
typedef struct {
    size_t width; /* 0: the measure is absent */
    bool composite;
    const double *columns[MAX_INDICATORS];
    double count[MAX_INDICATORS], mean[MAX_INDICATORS], sum[MAX_INDICATORS],
        squares[MAX_INDICATORS];
} measure_source;

/* What a removal takes out of a composite's standardisation: count, sum and sum of squares
 * of the removed values around the full mean, per indicator. */
typedef struct {
    bool any;
    double count[MAX_INDICATORS], sum[MAX_INDICATORS], squares[MAX_INDICATORS];
} indicator_removal;

typedef struct {
    double b, p;
    bool testable;
} estimate;

/* One test's sample as distinct (measure key, outcome) cells with their case counts. */
typedef struct {
    bool present;
    int measure;
    unsigned char bit; /* 1 << qa_sample_kind */
    qa_key_table cells;
    double *weights;
    estimate primary;
} test_table;

typedef struct {
    double x, y, w;
} weighted_row;

typedef struct {
    const qa_dataset *dataset;
    const qa_analysis_options *options;
    const qa_frame *frame;
    qa_results *results;
    measure_source measures[QA_HYPOTHESIS_COUNT];
    /* signatures: rows equal in everything a removal touches */
    size_t signature_total;
    uint32_t *signature_of;  /* per file row */
    size_t *signature_row;   /* a row of each signature */
    size_t *signature_count; /* rows of each signature */
    test_table tests[QA_TEST_COUNT];
    /* per signature, per test: its cell, -1 when not in the test's sample (or the test has
     * none): a signature's cells side by side, which the member loop reads together */
    int32_t *cell_of;
    /* fit workspace, sized for the largest table */
    weighted_row *rows;
    double *design, *y, *w, *scratch_weights, *x_of_cell;
    size_t largest;
} influence;

/* ---- measures ---- */

static void measure_source_init(const qa_frame *frame, int k, measure_source *m)
{
    memset(m, 0, sizeof *m);
    const qa_dataset *dataset = frame->dataset;
    if (!frame->measure[k])
        return;
    size_t count = dataset->measure_column_count[k];
    if (!frame->measure_owned[k] || count < 2 || count > MAX_INDICATORS) {
        m->width = 1;
        m->columns[0] = frame->measure[k];
        return;
    }
    m->composite = true;
    m->width = count;
    for (size_t j = 0; j < count; j++) {
        const double *values = dataset->columns[dataset->measure_columns[k][j]].values;
        m->columns[j] = values;
        double n = 0, mean = 0;
        for (size_t row = 0; row < dataset->rows; row++)
            if (!isnan(values[row]))
                mean += (values[row] - mean) / ++n; /* Welford 1962, as the import */
        double sum = 0, squares = 0;
        for (size_t row = 0; row < dataset->rows; row++)
            if (!isnan(values[row])) {
                double d = values[row] - mean;
                sum += d;
                squares += d * d;
            }
        m->count[j] = n;
        m->mean[j] = mean;
        m->sum[j] = sum;
        m->squares[j] = squares;
    }
}

static void removal_add(const measure_source *m, size_t row, indicator_removal *r)
{
    for (size_t j = 0; j < m->width; j++) {
        double v = m->columns[j][row];
        if (isnan(v))
            continue;
        double d = v - m->mean[j];
        r->any = true;
        r->count[j] += 1;
        r->sum[j] += d;
        r->squares[j] += d * d;
    }
}

/* Centre and n - 1 SD of each indicator over the rows left; false when one has fewer than two
 * values or no variation (a full rerun could not z-score it). */
static bool composite_scales(const measure_source *m, const indicator_removal *r, double *center,
                             double *scale)
{
    for (size_t j = 0; j < m->width; j++) {
        double n = m->count[j] - (r ? r->count[j] : 0);
        double s = m->sum[j] - (r ? r->sum[j] : 0);
        double q = m->squares[j] - (r ? r->squares[j] : 0);
        if (n < 2)
            return false;
        double deviation = q - s * s / n;
        if (!(deviation > 1e-10 * q))
            return false;
        center[j] = m->mean[j] + s / n;
        scale[j] = sqrt(deviation / (n - 1));
    }
    return true;
}

/* The composite of a key (the row mean of the present indicators' z-scores, as
 * qa_dataset_measure). */
static double composite_value(const measure_source *m, const double *key, const double *center,
                              const double *scale)
{
    double sum = 0;
    size_t present = 0;
    for (size_t j = 0; j < m->width; j++)
        if (!isnan(key[j])) {
            sum += (key[j] - center[j]) / scale[j];
            present++;
        }
    return present ? sum / (double)present : NAN;
}

/* ---- signatures and cells ---- */

static size_t signature_width(const influence *in)
{
    size_t width = 4;
    for (int k = 0; k < QA_HYPOTHESIS_COUNT; k++)
        width += in->measures[k].width;
    return width;
}

static void signature_key(const influence *in, size_t row, double *key)
{
    const qa_frame *f = in->frame;
    key[0] = f->include[row];
    key[1] = f->eligible[row];
    key[2] = f->derived.formed[row];
    key[3] = f->derived.durable[row];
    size_t at = 4;
    for (int k = 0; k < QA_HYPOTHESIS_COUNT; k++)
        for (size_t j = 0; j < in->measures[k].width; j++)
            key[at++] = in->measures[k].columns[j][row];
}

/* A coded row's signature in 64 bits: include and eligibility in one byte, then formed,
 * durable and each one-column measure a byte each (a whole number 0..254, or 255 for
 * missing). False when a value is not such a code or the row has too many parts. */
static bool signature_pack(const influence *in, size_t row, uint64_t *code)
{
    const qa_frame *f = in->frame;
    double parts[2 + QA_HYPOTHESIS_COUNT];
    size_t count = 0;
    parts[count++] = f->derived.formed[row];
    parts[count++] = f->derived.durable[row];
    for (int k = 0; k < QA_HYPOTHESIS_COUNT; k++) {
        if (in->measures[k].width > 1)
            return false;
        if (in->measures[k].width == 1)
            parts[count++] = in->measures[k].columns[0][row];
    }
    uint64_t packed = (uint64_t)((f->include[row] != 0) << 3 | (f->eligible[row] & 7));
    for (size_t i = 0; i < count; i++) {
        double v = parts[i];
        uint64_t byte = 255;
        if (!isnan(v)) {
            if (!(v >= 0 && v <= 254) || v != (double)(int)v)
                return false;
            byte = (uint64_t)v;
        }
        packed = packed << 8 | byte;
    }
    *code = packed;
    return true;
}

/* Signatures of coded rows through 64-bit codes; false (nothing kept) at the first row that
 * is not coded. */
static qa_status signatures_packed(influence *in, bool *done)
{
    *done = false;
    qa_packed_table table;
    qa_status status = qa_packed_table_init(&table);
    for (size_t row = 0; row < in->frame->rows && status == QA_OK; row++) {
        uint64_t code;
        if (!signature_pack(in, row, &code)) {
            qa_packed_table_free(&table);
            return QA_OK;
        }
        uint32_t id;
        status = qa_packed_table_intern(&table, code, &id);
        in->signature_of[row] = id;
    }
    in->signature_total = table.count;
    *done = status == QA_OK;
    qa_packed_table_free(&table);
    return status;
}

static qa_status signatures_general(influence *in)
{
    qa_key_table table;
    double key[4 + QA_HYPOTHESIS_COUNT * MAX_INDICATORS];
    qa_status status = qa_key_table_init(&table, signature_width(in));
    for (size_t row = 0; row < in->frame->rows && status == QA_OK; row++) {
        signature_key(in, row, key);
        uint32_t id;
        status = qa_key_table_intern(&table, key, &id);
        in->signature_of[row] = id;
    }
    in->signature_total = table.count;
    qa_key_table_free(&table);
    return status;
}

static qa_status signatures_build(influence *in)
{
    size_t rows = in->frame->rows;
    in->signature_of = malloc((rows ? rows : 1) * sizeof *in->signature_of);
    if (!in->signature_of)
        return QA_ERR_MEMORY;
    bool done = false;
    qa_status status = signatures_packed(in, &done);
    if (status == QA_OK && !done)
        status = signatures_general(in);
    if (status != QA_OK)
        return status;
    size_t count = in->signature_total ? in->signature_total : 1;
    in->signature_row = malloc(count * sizeof *in->signature_row);
    in->signature_count = calloc(count, sizeof *in->signature_count);
    if (!in->signature_row || !in->signature_count)
        return QA_ERR_MEMORY;
    for (size_t row = rows; row-- > 0;) {
        in->signature_row[in->signature_of[row]] = row;
        in->signature_count[in->signature_of[row]]++;
    }
    return QA_OK;
}

static double outcome_of(const qa_frame *frame, int t, size_t row)
{
    return qa_frame_outcome(frame, (qa_outcome)(t % 2), row);
}

/* The cells of test t: each signature in the sample adds its rows to its cell. */
static qa_status test_table_build(influence *in, int t)
{
    test_table *table = &in->tests[t];
    int k = t / 2;
    const measure_source *m = &in->measures[k];
    const qa_test_result *test = &in->results->tests[t];
    table->primary = (estimate){test->b, test->p, test->testable};
    table->measure = k;
    if (m->width == 0)
        return QA_OK;
    table->present = true;
    qa_sample_kind kind =
        t % 2 == QA_OUTCOME_FORMATION ? QA_SAMPLE_FORMATION : QA_SAMPLE_DURABILITY;
    table->bit = (unsigned char)(1u << kind);
    size_t signatures = in->signature_total;
    int32_t *cell_of = in->cell_of + t; /* (stride QA_TEST_COUNT) */
    if (qa_key_table_init(&table->cells, m->width + 1) != QA_OK)
        return QA_ERR_MEMORY;
    double key[MAX_INDICATORS + 1];
    for (size_t s = 0; s < signatures; s++) {
        size_t row = in->signature_row[s];
        if (!qa_frame_in_sample(in->frame, kind, k, row))
            continue;
        for (size_t j = 0; j < m->width; j++)
            key[j] = m->columns[j][row];
        key[m->width] = outcome_of(in->frame, t, row);
        uint32_t cell;
        if (qa_key_table_intern(&table->cells, key, &cell) != QA_OK)
            return QA_ERR_MEMORY;
        cell_of[s * QA_TEST_COUNT] = (int32_t)cell;
    }
    size_t cells = table->cells.count;
    table->weights = calloc(cells ? cells : 1, sizeof *table->weights);
    if (!table->weights)
        return QA_ERR_MEMORY;
    for (size_t s = 0; s < signatures; s++)
        if (cell_of[s * QA_TEST_COUNT] >= 0)
            table->weights[cell_of[s * QA_TEST_COUNT]] += (double)in->signature_count[s];
    if (cells > in->largest)
        in->largest = cells;
    return QA_OK;
}

/* ---- one univariate fit on weighted cells ---- */

static int row_order(const void *a, const void *b)
{
    const weighted_row *r = a, *s = b;
    if (r->x != s->x)
        return r->x < s->x ? -1 : 1;
    return (r->y > s->y) - (r->y < s->y);
}

/* The estimate of test t from its cells with `weights`, the measure's values `x_of_cell`
 * (NULL: the key itself). Rows sorted by (x, y) as qa_univariate_build tabulates them, so a
 * coded sample gives the very table of a full rerun. */
static void estimate_cells(influence *in, int t, const double *weights, const double *x_of_cell,
                           estimate *out)
{
    const test_table *table = &in->tests[t];
    size_t count = 0;
    double n = 0;
    for (size_t c = 0; c < table->cells.count; c++) {
        if (!(weights[c] > 0))
            continue;
        const double *key = qa_key_table_key(&table->cells, c);
        double x = x_of_cell ? x_of_cell[c] : key[0];
        in->rows[count++] = (weighted_row){x, key[table->cells.width - 1], weights[c]};
        n += weights[c];
    }
    *out = (estimate){NAN, NAN, false};
    bool y_varies = false, x_varies = false;
    for (size_t i = 1; i < count; i++) {
        y_varies |= in->rows[i].y != in->rows[0].y;
        x_varies |= in->rows[i].x != in->rows[0].x;
    }
    if (n < 10 || !y_varies || !x_varies || (x_of_cell && isnan(in->rows[0].x)))
        return;
    qsort(in->rows, count, sizeof *in->rows, row_order);
    for (size_t i = 0; i < count; i++) {
        in->design[2 * i] = 1;
        in->design[2 * i + 1] = in->rows[i].x;
        in->y[i] = in->rows[i].y;
        in->w[i] = in->rows[i].w;
    }
    qa_logit_data data = {count, 2, in->design, in->y, in->w};
    qa_logit_result fit;
    memset(&fit, 0, sizeof fit);
    bool separated = false;
    qa_error error;
    if (qa_fit_logit_rule_options(&data, in->options->firth, false, false, &fit, &separated,
                                  &error) == QA_OK) {
        out->testable = true;
        out->b = fit.b[1];
        /* METHODS §6.2: an ML fit on separated data counts as p = 1 (as estimate_logit). */
        out->p = separated && fit.method == QA_LOGIT_ML ? 1.0 : fit.p_value[1];
    }
    qa_logit_result_free(&fit);
}

/* The estimate of test t after a removal: `decrement` per cell (NULL: none) and, for a
 * composite, what leaves its standardisation. */
static void estimate_after(influence *in, int t, const double *decrement,
                           const indicator_removal *removal, estimate *out)
{
    const test_table *table = &in->tests[t];
    const measure_source *m = &in->measures[table->measure];
    double *weights = in->scratch_weights;
    for (size_t c = 0; c < table->cells.count; c++)
        weights[c] = table->weights[c] - (decrement ? decrement[c] : 0);
    if (!m->composite) {
        estimate_cells(in, t, weights, NULL, out);
        return;
    }
    double center[MAX_INDICATORS], scale[MAX_INDICATORS];
    if (!composite_scales(m, removal, center, scale)) {
        *out = (estimate){NAN, NAN, false};
        return;
    }
    for (size_t c = 0; c < table->cells.count; c++)
        in->x_of_cell[c] = composite_value(m, qa_key_table_key(&table->cells, c), center, scale);
    estimate_cells(in, t, weights, in->x_of_cell, out);
}

/* Verdicts of the ten tests from their estimates, judged together; bit t set when test t's
 * verdict differs from the primary one. */
static unsigned flips_of(const influence *in, const estimate *e)
{
    double b[QA_TEST_COUNT], p[QA_TEST_COUNT], adjusted[QA_TEST_COUNT];
    bool testable[QA_TEST_COUNT];
    for (int t = 0; t < QA_TEST_COUNT; t++) {
        b[t] = e[t].b;
        p[t] = e[t].p;
        testable[t] = e[t].testable;
    }
    qa_verdict verdicts[QA_TEST_COUNT];
    qa_judge(in->options, b, p, testable, adjusted, verdicts);
    unsigned mask = 0;
    for (int t = 0; t < QA_TEST_COUNT; t++)
        if (verdicts[t] != in->results->tests[t].verdict)
            mask |= 1u << t;
    return mask;
}

/* ---- flip lists ---- */

typedef struct {
    char **names;
    size_t count, capacity;
} name_list;

static qa_status name_list_add(name_list *list, const char *prefix, const char *name,
                               size_t name_length)
{
    if (list->count == list->capacity) {
        size_t capacity = list->capacity ? 2 * list->capacity : 8;
        char **grown = realloc(list->names, capacity * sizeof *grown);
        if (!grown)
            return QA_ERR_MEMORY;
        list->names = grown;
        list->capacity = capacity;
    }
    size_t length = strlen(prefix) + name_length + 1;
    char *copy = malloc(length);
    if (!copy)
        return QA_ERR_MEMORY;
    snprintf(copy, length, "%s%.*s", prefix, (int)name_length, name);
    list->names[list->count++] = copy;
    return QA_OK;
}

static qa_status flips_record(name_list *lists, unsigned mask, const char *prefix, const char *name,
                              size_t length)
{
    for (int t = 0; t < QA_TEST_COUNT; t++)
        if (mask >> t & 1) {
            qa_status status = name_list_add(&lists[t], prefix, name, length);
            if (status != QA_OK)
                return status;
        }
    return QA_OK;
}

/* ---- leave one case out ---- */

/* The removal classes of test t: analysed signatures whose removal leaves the same table
 * (the same cell, and for a composite the same indicator values out of its standardisation)
 * share one class; -1: the removal does not touch the test. */
typedef struct {
    qa_key_table table;
    int32_t *class_of;
    estimate *estimates;
} test_classes;

static qa_status classes_build(influence *in, int t, test_classes *tc)
{
    const test_table *table = &in->tests[t];
    const measure_source *m = &in->measures[table->measure];
    size_t signatures = in->signature_total;
    tc->class_of = malloc((signatures ? signatures : 1) * sizeof *tc->class_of);
    if (!tc->class_of || qa_key_table_init(&tc->table, 1 + (m->composite ? m->width : 0)) != QA_OK)
        return QA_ERR_MEMORY;
    double key[1 + MAX_INDICATORS];
    for (size_t s = 0; s < signatures; s++) {
        size_t row = in->signature_row[s];
        tc->class_of[s] = -1;
        if (!table->present || !in->frame->include[row])
            continue;
        key[0] = in->cell_of[s * QA_TEST_COUNT + t];
        bool touched = key[0] >= 0;
        for (size_t j = 0; m->composite && j < m->width; j++) {
            key[1 + j] = m->columns[j][row];
            touched |= !isnan(key[1 + j]);
        }
        uint32_t id;
        if (touched && qa_key_table_intern(&tc->table, key, &id) != QA_OK)
            return QA_ERR_MEMORY;
        if (touched)
            tc->class_of[s] = (int32_t)id;
    }
    return QA_OK;
}

static void classes_free(test_classes *tc)
{
    qa_key_table_free(&tc->table);
    free(tc->class_of);
    free(tc->estimates);
}

/* One fit per class: the class's cell one case lighter. */
static qa_status classes_estimate(influence *in, int t, test_classes *tc, double *decrement)
{
    const test_table *table = &in->tests[t];
    const measure_source *m = &in->measures[table->measure];
    size_t count = tc->table.count;
    tc->estimates = malloc((count ? count : 1) * sizeof *tc->estimates);
    if (!tc->estimates)
        return QA_ERR_MEMORY;
    for (size_t c = 0; c < count; c++) {
        const double *key = qa_key_table_key(&tc->table, c);
        int32_t cell = (int32_t)key[0];
        indicator_removal removal;
        memset(&removal, 0, sizeof removal);
        for (size_t j = 0; m->composite && j < m->width; j++)
            if (!isnan(key[1 + j])) {
                double d = key[1 + j] - m->mean[j];
                removal.count[j] = 1;
                removal.sum[j] = d;
                removal.squares[j] = d * d;
            }
        if (cell >= 0)
            decrement[cell] = 1;
        estimate_after(in, t, decrement, &removal, &tc->estimates[c]);
        if (cell >= 0)
            decrement[cell] = 0;
    }
    return QA_OK;
}

static double fit_work(size_t fits, size_t cells)
{
    return (double)fits * (double)(cells + QA_INFLUENCE_FIT_OVERHEAD);
}

/* Flips of every analysed case, in file order. */
static qa_status case_flips(influence *in, test_classes *classes, name_list *lists)
{
    size_t signatures = in->signature_total;
    unsigned *mask = calloc(signatures ? signatures : 1, sizeof *mask);
    if (!mask)
        return QA_ERR_MEMORY;
    for (size_t s = 0; s < signatures; s++) {
        if (!in->frame->include[in->signature_row[s]])
            continue;
        estimate e[QA_TEST_COUNT];
        for (int t = 0; t < QA_TEST_COUNT; t++) {
            int32_t c = classes[t].class_of ? classes[t].class_of[s] : -1;
            e[t] = c >= 0 ? classes[t].estimates[c] : in->tests[t].primary;
        }
        mask[s] = flips_of(in, e);
    }
    qa_status status = QA_OK;
    for (size_t row = 0; row < in->frame->rows && status == QA_OK; row++)
        if (in->frame->include[row] && mask[in->signature_of[row]]) {
            const char *id = qa_dataset_case_id(in->dataset, row);
            status = flips_record(lists, mask[in->signature_of[row]], "", id, strlen(id));
        }
    free(mask);
    return status;
}

static qa_status case_influence(influence *in, double *decrement, name_list *lists)
{
    test_classes classes[QA_TEST_COUNT];
    memset(classes, 0, sizeof classes);
    qa_status status = QA_OK;
    double work = 0;
    for (int t = 0; t < QA_TEST_COUNT && status == QA_OK; t++)
        if (in->tests[t].present) {
            status = classes_build(in, t, &classes[t]);
            work += fit_work(classes[t].table.count, in->tests[t].cells.count);
        }
    if (status == QA_OK && work > QA_INFLUENCE_WORK_LIMIT) {
        if (!qa_results_warn(in->results,
                             "case influence (leave one case out) skipped: %.0f fits on "
                             "distinct rows, more than the bound of %d",
                             work, QA_INFLUENCE_WORK_LIMIT))
            status = QA_ERR_MEMORY;
    } else {
        for (int t = 0; t < QA_TEST_COUNT && status == QA_OK; t++) {
            if (in->options->progress)
                in->options->progress(in->options->progress_context, "case influence", (size_t)t,
                                      QA_TEST_COUNT);
            if (in->tests[t].present)
                status = classes_estimate(in, t, &classes[t], decrement);
        }
        if (status == QA_OK)
            status = case_flips(in, classes, lists);
    }
    for (int t = 0; t < QA_TEST_COUNT; t++)
        classes_free(&classes[t]);
    return status;
}

/* ---- leave one member out ---- */

/* The ten estimates without the rows of member m. */
static void member_estimates(influence *in, const qa_member_rows *members, size_t m,
                             double **decrement, estimate *e)
{
    indicator_removal removal[QA_HYPOTHESIS_COUNT];
    memset(removal, 0, sizeof removal);
    bool touched[QA_TEST_COUNT] = {false};
    for (size_t i = members->row_start[m]; i < members->row_start[m + 1]; i++) {
        size_t row = members->rows[i];
        const int32_t *cell = in->cell_of + (size_t)in->signature_of[row] * QA_TEST_COUNT;
        /* a row outside a test's sample (cell -1: half the rows of a durability test, at
         * random; every row of an absent test) adds to the spare cell before its table
         * instead of a jump */
        for (int t = 0; t < QA_TEST_COUNT; t++) {
            decrement[t][cell[t]] += 1;
            touched[t] |= cell[t] >= 0;
        }
        for (int k = 0; k < QA_HYPOTHESIS_COUNT; k++)
            if (in->measures[k].composite)
                removal_add(&in->measures[k], row, &removal[k]);
    }
    for (int t = 0; t < QA_TEST_COUNT; t++) {
        const test_table *table = &in->tests[t];
        if (touched[t] || (table->present && removal[table->measure].any))
            estimate_after(in, t, decrement[t], &removal[table->measure], &e[t]);
        else
            e[t] = table->primary;
        if (touched[t])
            memset(decrement[t], 0, table->cells.count * sizeof *decrement[t]);
    }
}

static qa_status member_influence(influence *in, const qa_member_rows *members, name_list *lists)
{
    size_t count = members->count;
    double work = 0;
    double *decrement[QA_TEST_COUNT] = {NULL};
    qa_status status = QA_OK;
    for (int t = 0; t < QA_TEST_COUNT && status == QA_OK; t++) {
        size_t cells = in->tests[t].cells.count;
        work += in->tests[t].present ? fit_work(count, cells) : 0;
        double *block = calloc(cells + 1, sizeof *block); /* [0]: the spare cell (-1) */
        if (!block)
            status = QA_ERR_MEMORY;
        else
            decrement[t] = block + 1;
    }
    if (status == QA_OK && work > QA_INFLUENCE_WORK_LIMIT) {
        if (!qa_results_warn(in->results,
                             "member influence (leave one member out) skipped: %zu shared "
                             "members, %.0f fits on distinct rows, more than the bound of %d",
                             count, work, QA_INFLUENCE_WORK_LIMIT))
            status = QA_ERR_MEMORY;
        count = 0;
    }
    for (size_t i = 0; i < count && status == QA_OK; i++) {
        if (in->options->progress && i % 64 == 0)
            in->options->progress(in->options->progress_context, "member influence", i, count);
        estimate e[QA_TEST_COUNT];
        member_estimates(in, members, i, decrement, e);
        unsigned mask = flips_of(in, e);
        const qa_member *m = &members->members[i];
        if (mask)
            status = flips_record(lists, mask, "member:", m->name, m->length);
    }
    for (int t = 0; t < QA_TEST_COUNT; t++)
        free(decrement[t] ? decrement[t] - 1 : NULL);
    return status;
}

/* ---- the whole ---- */

static qa_status influence_prepare(influence *in)
{
    for (int k = 0; k < QA_HYPOTHESIS_COUNT; k++)
        measure_source_init(in->frame, k, &in->measures[k]);
    qa_status status = signatures_build(in);
    size_t cells = (in->signature_total ? in->signature_total : 1) * QA_TEST_COUNT;
    if (status == QA_OK && !(in->cell_of = malloc(cells * sizeof *in->cell_of)))
        status = QA_ERR_MEMORY;
    if (status == QA_OK)
        memset(in->cell_of, 0xFF, cells * sizeof *in->cell_of); /* -1 everywhere */
    for (int t = 0; t < QA_TEST_COUNT && status == QA_OK; t++)
        status = test_table_build(in, t);
    size_t size = in->largest ? in->largest : 1;
    in->rows = malloc(size * sizeof *in->rows);
    in->design = malloc(2 * size * sizeof *in->design);
    in->y = malloc(size * sizeof *in->y);
    in->w = malloc(size * sizeof *in->w);
    in->scratch_weights = malloc(size * sizeof *in->scratch_weights);
    in->x_of_cell = malloc(size * sizeof *in->x_of_cell);
    if (status == QA_OK &&
        (!in->rows || !in->design || !in->y || !in->w || !in->scratch_weights || !in->x_of_cell))
        status = QA_ERR_MEMORY;
    return status;
}

static void influence_free(influence *in)
{
    free(in->signature_of);
    free(in->signature_row);
    free(in->signature_count);
    for (int t = 0; t < QA_TEST_COUNT; t++) {
        qa_key_table_free(&in->tests[t].cells);
        free(in->tests[t].weights);
    }
    free(in->cell_of);
    free(in->rows);
    free(in->design);
    free(in->y);
    free(in->w);
    free(in->scratch_weights);
    free(in->x_of_cell);
}

qa_status qa_influence_fill(const qa_dataset *dataset, const qa_analysis_options *options,
                            const qa_frame *frame, qa_results *results, qa_error *error)
{
    influence in;
    memset(&in, 0, sizeof in);
    in.dataset = dataset;
    in.options = options;
    in.frame = frame;
    in.results = results;
    name_list lists[QA_TEST_COUNT];
    memset(lists, 0, sizeof lists);
    qa_member_rows members;
    memset(&members, 0, sizeof members);
    qa_status status = influence_prepare(&in);
    double *decrement =
        status == QA_OK ? calloc(in.largest ? in.largest : 1, sizeof *decrement) : NULL;
    if (status == QA_OK && !decrement)
        status = QA_ERR_MEMORY;
    if (status == QA_OK)
        status = case_influence(&in, decrement, lists);
    if (status == QA_OK)
        status = qa_member_rows_build(frame->members, frame->include, &members);
    if (status == QA_OK)
        status = member_influence(&in, &members, lists);
    if (options->progress)
        options->progress(options->progress_context, "case influence", QA_TEST_COUNT,
                          QA_TEST_COUNT);
    for (int t = 0; t < QA_TEST_COUNT; t++) {
        qa_robustness *rb = &results->robustness[t];
        if (status == QA_OK && rb->flipping_count == 0) {
            rb->flipping_cases = lists[t].names;
            rb->flipping_count = lists[t].count;
            continue;
        }
        for (size_t i = 0; i < lists[t].count; i++)
            free(lists[t].names[i]);
        free(lists[t].names);
    }
    free(decrement);
    qa_member_rows_free(&members);
    influence_free(&in);
    if (status != QA_OK)
        return qa_error_set(error, status, NULL, 0, NULL, NULL,
                            status == QA_ERR_MEMORY ? "out of memory"
                                                    : "case influence: too many rows");
    return QA_OK;
}
