/* Fitted models into results: logit and Cox fits become qa_model_result rows with named
 * terms (docs/METHODS.md §8.9), and the joint designs are assembled here. */
#include "models.h"
#include "qareport/member_robust.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static qa_term_result *terms_alloc(size_t count)
{
    qa_term_result *terms = calloc(count ? count : 1, sizeof *terms);
    for (size_t j = 0; terms && j < count; j++) {
        terms[j].vif = terms[j].ratio_boot_lower = terms[j].ratio_boot_upper = NAN;
        terms[j].sd = terms[j].ratio_sd = terms[j].ratio_sd_lower = terms[j].ratio_sd_upper = NAN;
        terms[j].member = (qa_member_inference){NAN, NAN, NAN, 0};
    }
    return terms;
}

static void model_blank(qa_model_result *model, const char *name, qa_model_kind kind,
                        qa_outcome outcome)
{
    memset(model, 0, sizeof *model);
    snprintf(model->name, sizeof model->name, "%s", name);
    model->kind = kind;
    model->outcome = outcome;
    model->loglik = model->null_loglik = model->aic = model->bic = NAN;
    model->lr_chi2 = model->lr_p = model->lr_df = NAN;
    model->mcfadden_r2 = model->cox_snell_r2 = model->nagelkerke_r2 = NAN;
    model->hl_chi2 = model->hl_p = model->auc = model->concordance = NAN;
}

int qa_models_add_unavailable(qa_results *results, const char *name, qa_model_kind kind,
                              qa_outcome outcome, size_t n, const char *reason)
{
    qa_model_result model;
    model_blank(&model, name, kind, outcome);
    model.n = n;
    snprintf(model.reason, sizeof model.reason, "%s", reason);
    return qa_results_add_model(results, &model);
}

/* The per-term arrays both fits share (b, se, z, p, Wald p, CI of b). */
typedef struct {
    size_t p;
    const double *b, *se, *z, *p_value, *wald_p, *ci_lower, *ci_upper, *vif;
} term_arrays;

static bool terms_fill(qa_model_result *model, const term_arrays *a, const char *const *term_names)
{
    model->terms = terms_alloc(a->p);
    if (!model->terms)
        return false;
    model->term_count = a->p;
    for (size_t j = 0; j < a->p; j++) {
        qa_term_result *term = &model->terms[j];
        snprintf(term->term, sizeof term->term, "%s", term_names[j]);
        term->b = a->b[j];
        term->se = a->se[j];
        term->z = a->z[j];
        term->p = a->p_value[j];
        term->wald_p = a->wald_p[j];
        term->ratio = exp(a->b[j]);
        term->ci_lower = a->ci_lower[j];
        term->ci_upper = a->ci_upper[j];
        term->vif = a->vif ? a->vif[j] : NAN;
    }
    return true;
}

static int model_add(qa_results *results, qa_model_result *model)
{
    int index = qa_results_add_model(results, model);
    if (index < 0)
        free(model->terms);
    return index;
}

int qa_models_add_logit(qa_results *results, const char *name, qa_outcome outcome,
                        const qa_logit_result *fit, const char *const *term_names, bool separated)
{
    qa_model_result model;
    model_blank(&model, name, QA_MODEL_LOGIT, outcome);
    model.available = true;
    model.method = fit->method;
    model.separated = separated;
    model.n = fit->n;
    model.events = fit->events;
    model.predictors = fit->p - 1;
    model.iterations = fit->iterations;
    model.converged = fit->converged;
    model.tn = fit->tn;
    model.fp = fit->fp;
    model.fn = fit->fn;
    model.tp = fit->tp;
    term_arrays arrays = {fit->p,      fit->b,        fit->se,       fit->z,  fit->p_value,
                          fit->wald_p, fit->ci_lower, fit->ci_upper, fit->vif};
    if (!terms_fill(&model, &arrays, term_names))
        return -1;
    model.loglik = fit->loglik;
    model.null_loglik = fit->null_loglik;
    model.aic = fit->aic;
    model.bic = fit->bic;
    model.lr_chi2 = fit->lr_chi2;
    model.lr_p = fit->lr_p;
    model.lr_df = (double)(fit->p - 1);
    model.mcfadden_r2 = fit->mcfadden_r2;
    model.cox_snell_r2 = fit->cox_snell_r2;
    model.nagelkerke_r2 = fit->nagelkerke_r2;
    model.hl_chi2 = fit->hl_chi2;
    model.hl_df = fit->hl_df;
    model.hl_p = fit->hl_p;
    model.auc = fit->auc;
    return model_add(results, &model);
}

int qa_models_add_cox(qa_results *results, const char *name, const qa_cox_result *fit,
                      const char *const *term_names)
{
    qa_model_result model;
    model_blank(&model, name, QA_MODEL_COX, QA_OUTCOME_DURABILITY);
    model.available = true;
    model.n = fit->n;
    model.events = fit->events;
    model.predictors = fit->p;
    model.iterations = fit->iterations;
    model.converged = fit->converged;
    /* Cox terms are judged by their Wald p */
    term_arrays arrays = {fit->p,       fit->b,        fit->se,       fit->z, fit->p_value,
                          fit->p_value, fit->ci_lower, fit->ci_upper, NULL};
    if (!terms_fill(&model, &arrays, term_names))
        return -1;
    model.loglik = fit->loglik;
    model.null_loglik = fit->null_loglik;
    model.aic = fit->aic;
    model.bic = fit->bic;
    model.lr_chi2 = fit->lr_chi2;
    model.lr_p = fit->lr_p;
    model.lr_df = (double)fit->p;
    model.cox_snell_r2 = fit->cox_snell_r2;
    model.nagelkerke_r2 = fit->nagelkerke_r2;
    model.concordance = fit->concordance;
    return model_add(results, &model);
}

void qa_design_free(qa_design *design)
{
    free(design->x);
    free(design->y);
    free(design->time);
    free(design->status);
    free(design->weights);
    free(design->names);
    free(design->keys);
    memset(design, 0, sizeof *design);
}

/* The joint design's columns without the intercept (models.h). */
size_t qa_design_columns(const qa_frame *frame, const double **columns)
{
    size_t count = 0;
    for (int k = 0; k < QA_HYPOTHESIS_COUNT; k++)
        if (frame->measure[k])
            columns[count++] = frame->measure[k];
    for (size_t c = 0; c < frame->control_count && count < 64 + QA_HYPOTHESIS_COUNT; c++)
        columns[count++] = frame->control_values[c];
    return count;
}

/* The design's terms: the intercept (logit), the measures present (only `only` when it is
 * not -1), the control terms. */
static size_t design_terms(const qa_frame *frame, bool logit, int only, qa_design *design,
                           const double **columns)
{
    size_t count = 0;
    if (logit)
        design->names[design->p++] = "(Intercept)";
    for (int k = 0; k < QA_HYPOTHESIS_COUNT; k++)
        if (frame->measure[k] && (only < 0 || k == only)) {
            columns[count++] = frame->measure[k];
            design->names[design->p++] = qa_measure_name(k);
        }
    for (size_t c = 0; c < frame->control_count && count < 64 + QA_HYPOTHESIS_COUNT; c++) {
        columns[count++] = frame->control_values[c];
        design->names[design->p++] = frame->control_names[c];
    }
    return count;
}

/* Rows gathered so far (each with a weight); grows by doubling. */
typedef struct {
    size_t n, capacity, p;
    double *x, *y, *time, *status, *weights;
} row_buffer;

static bool buffer_reserve(row_buffer *b, size_t rows, bool cox)
{
    if (rows <= b->capacity)
        return true;
    size_t capacity = b->capacity ? b->capacity : 1024;
    while (capacity < rows)
        capacity *= 2;
    double *x = realloc(b->x, capacity * b->p * sizeof *x);
    if (x)
        b->x = x;
    double *y = realloc(b->y, capacity * sizeof *y);
    if (y)
        b->y = y;
    double *w = realloc(b->weights, capacity * sizeof *w);
    if (w)
        b->weights = w;
    bool ok = x && y && w;
    if (cox) {
        double *t = realloc(b->time, capacity * sizeof *t);
        if (t)
            b->time = t;
        double *st = realloc(b->status, capacity * sizeof *st);
        if (st)
            b->status = st;
        ok = ok && t && st;
    }
    if (ok)
        b->capacity = capacity;
    return ok;
}

/* Replaces the rows from `first` on by their distinct rows with summed weights. */
static qa_status buffer_compress(row_buffer *b, size_t first, bool cox)
{
    size_t m = b->n - first;
    if (m < 2)
        return QA_OK;
    qa_error error;
    qa_status status;
    size_t rows = 0;
    if (cox) {
        qa_cox_data in = {
            m, b->p, b->x + first * b->p, b->time + first, b->status + first, b->weights + first};
        qa_cox_compressed out;
        status = qa_cox_compress(&in, m, &out, &error);
        if (status == QA_OK && out.data.n > 0) {
            rows = out.data.n;
            memcpy(b->x + first * b->p, out.x, rows * b->p * sizeof(double));
            memcpy(b->time + first, out.time, rows * sizeof(double));
            memcpy(b->status + first, out.status, rows * sizeof(double));
            memcpy(b->weights + first, out.weights, rows * sizeof(double));
            memset(b->y + first, 0, rows * sizeof(double));
        }
        qa_cox_compressed_free(&out);
    } else {
        qa_logit_data in = {m, b->p, b->x + first * b->p, b->y + first, b->weights + first};
        qa_logit_compressed out;
        status = qa_logit_compress(&in, m, false, &out, &error);
        if (status == QA_OK && out.data.n > 0) {
            rows = out.data.n;
            memcpy(b->x + first * b->p, out.x, rows * b->p * sizeof(double));
            memcpy(b->y + first, out.y, rows * sizeof(double));
            memcpy(b->weights + first, out.weights, rows * sizeof(double));
        }
        qa_logit_compressed_free(&out);
    }
    if (status == QA_OK && rows > 0)
        b->n = first + rows;
    return status == QA_ERR_MEMORY ? QA_ERR_MEMORY : QA_OK;
}

/* A logit design whose columns are all coded measures (frame.h measure_radix) with a 0/1
 * outcome: each complete row gets its mixed-radix key (qa_member_coded_keys: the codes as
 * digits, the outcome last), the keys are counted in a table, and the distinct rows are
 * written in the order they first occur with their counts as weights: exactly the rows,
 * order and weights of the chunked compression below (which keeps first occurrences in
 * order and sums whole-number weights), without writing a row per case. False when it does
 * not apply (a column not coded, an outcome not 0/1, too many keys); the caller then builds
 * the rows. */
enum { CODED_DESIGN_KEYS_MOST = 1 << 20 };

static bool coded_design(const qa_frame *frame, qa_sample_kind kind, const double **columns,
                         size_t count, qa_design *design, qa_status *status)
{
    size_t radix[QA_HYPOTHESIS_COUNT], keys = 2;
    if (count == 0 || count > QA_HYPOTHESIS_COUNT || frame->rows > UINT32_MAX)
        return false;
    for (size_t c = 0; c < count; c++) {
        radix[c] = qa_frame_column_radix(frame, columns[c]);
        keys *= radix[c];
        if (radix[c] == 0 || keys > CODED_DESIGN_KEYS_MOST)
            return false;
    }
    qa_member_coded_cases cases = {count,
                                   (const double *const *)columns,
                                   radix,
                                   NULL,
                                   frame->eligible,
                                   (unsigned char)(1u << kind),
                                   kind == QA_SAMPLE_FORMATION ? frame->derived.formed
                                                               : frame->derived.durable};
    uint32_t *key = malloc((frame->rows ? frame->rows : 1) * sizeof *key);
    unsigned char *present = calloc(keys + 1, 1);
    uint32_t *counts = calloc(keys + 1, sizeof *counts); /* by key; [0]: rows outside */
    uint32_t *order = malloc(keys * sizeof *order);
    bool ready = key && present && counts && order;
    bool binary = ready && qa_member_coded_keys(&cases, frame->rows, key, present);
    size_t distinct = 0;
    for (size_t row = 0; binary && row < frame->rows; row++)
        if (counts[key[row]]++ == 0 && key[row] != 0)
            order[distinct++] = key[row] - 1;
    free(present);
    if (binary)
        design->keys = key; /* kept for the model's member sums */
    else
        free(key);
    if (ready && !binary) { /* an outcome not 0/1: the rows are built (and fail there) */
        free(counts);
        free(order);
        return false;
    }
    size_t p = count + 1;
    if (ready) {
        design->x = malloc((distinct ? distinct : 1) * p * sizeof *design->x);
        design->y = malloc((distinct ? distinct : 1) * sizeof *design->y);
        design->weights = malloc((distinct ? distinct : 1) * sizeof *design->weights);
    }
    *status = ready && design->x && design->y && design->weights ? QA_OK : QA_ERR_MEMORY;
    for (size_t r = 0; *status == QA_OK && r < distinct; r++) {
        size_t number = order[r];
        double *x = design->x + r * p;
        design->y[r] = (double)(number % 2);
        design->weights[r] = counts[number + 1];
        design->cases += counts[number + 1];
        number /= 2;
        x[0] = 1.0;
        for (size_t c = 0; c < count; c++) {
            x[c + 1] = (double)(number % radix[c]);
            number /= radix[c];
        }
    }
    design->n = *status == QA_OK ? distinct : 0;
    free(counts);
    free(order);
    return true;
}

/* A Cox design straight from the frame's columns (qa_cox_compress_columns): what the chunked
 * compression below gives (its rows sorted and weights summed, whatever the chunks), without
 * gathering the rows. QA_ERR_NUMERIC when it does not apply (the caller then gathers). */
static qa_status cox_columns_design(const qa_frame *frame, const double **columns, size_t count,
                                    qa_design *design)
{
    qa_cox_compressed out;
    qa_error error;
    bool done;
    if (qa_cox_compress_columns(columns, count, frame->derived.duration, frame->derived.event,
                                frame->rows, frame->eligible, (unsigned char)(1u << QA_SAMPLE_COX),
                                &done, &out, &error) != QA_OK)
        return QA_ERR_MEMORY;
    if (!done || out.data.n < 2) { /* (below two cases the rows stay as gathered) */
        qa_cox_compressed_free(&out);
        return QA_ERR_NUMERIC;
    }
    design->n = out.data.n;
    design->x = out.x;
    design->time = out.time;
    design->status = out.status;
    design->weights = out.weights;
    design->y = calloc(out.data.n, sizeof *design->y); /* (a Cox design's y is zero) */
    for (size_t r = 0; r < out.data.n; r++)
        design->cases += (size_t)out.weights[r];
    return design->y ? QA_OK : QA_ERR_MEMORY;
}

/* Joint design: the five measures present plus the control terms, on the rows where the
 * outcome and every column are present; logit designs get the intercept as column 0.
 * Built in chunks that are merged into distinct rows with frequency weights as they come
 * (coded data repeat), so a million cases never need the full n × p matrix. */
static qa_status design_build(const qa_frame *frame, qa_sample_kind kind, int only,
                              qa_design *design)
{
    enum { CHUNK = 1 << 16 };
    memset(design, 0, sizeof *design);
    bool cox = kind == QA_SAMPLE_COX;
    const double *columns[QA_HYPOTHESIS_COUNT + 64];
    design->names = calloc(QA_HYPOTHESIS_COUNT + frame->control_count + 1, sizeof(const char *));
    if (!design->names)
        return QA_ERR_MEMORY;
    size_t count = design_terms(frame, !cox, only, design, columns);
    int any_measure = -1;
    for (int k = 0; k < QA_HYPOTHESIS_COUNT && any_measure < 0; k++)
        if (frame->measure[k] && (only < 0 || k == only))
            any_measure = k;
    if (any_measure < 0)
        return QA_OK;
    qa_status coded_status;
    if (!cox && coded_design(frame, kind, columns, count, design, &coded_status))
        return coded_status;
    if (cox && (coded_status = cox_columns_design(frame, columns, count, design)) != QA_ERR_NUMERIC)
        return coded_status;
    qa_outcome outcome = kind == QA_SAMPLE_FORMATION ? QA_OUTCOME_FORMATION : QA_OUTCOME_DURABILITY;
    row_buffer b = {.p = design->p};
    size_t chunk_start = 0;
    qa_status status = QA_OK;
    for (size_t row = 0; row < frame->rows && status == QA_OK; row++) {
        bool complete = qa_frame_in_sample(frame, kind, any_measure, row);
        for (size_t c = 0; c < count && complete; c++)
            complete = !isnan(columns[c][row]);
        if (!complete)
            continue;
        if (!buffer_reserve(&b, b.n + 1, cox)) {
            status = QA_ERR_MEMORY;
            break;
        }
        double *x = b.x + b.n * b.p;
        size_t j = 0;
        if (!cox)
            x[j++] = 1.0;
        for (size_t c = 0; c < count; c++)
            x[j++] = columns[c][row];
        b.y[b.n] = qa_frame_outcome(frame, outcome, row);
        if (cox) {
            b.time[b.n] = frame->derived.duration[row];
            b.status[b.n] = frame->derived.event[row];
        }
        b.weights[b.n++] = 1;
        design->cases++;
        if (b.n - chunk_start == CHUNK) {
            status = buffer_compress(&b, chunk_start, cox);
            chunk_start = b.n;
        }
    }
    /* the last chunk, then all chunks together (rows repeat across chunks) */
    if (status == QA_OK)
        status = buffer_compress(&b, chunk_start, cox);
    if (status == QA_OK && design->cases > CHUNK)
        status = buffer_compress(&b, 0, cox);
    design->n = b.n;
    design->x = b.x;
    design->y = b.y;
    design->time = b.time;
    design->status = b.status;
    design->weights = b.weights;
    return status;
}

qa_status qa_design_joint(const qa_frame *frame, qa_sample_kind kind, qa_design *design)
{
    return design_build(frame, kind, -1, design);
}

qa_status qa_design_measure(const qa_frame *frame, qa_sample_kind kind, int measure,
                            qa_design *design)
{
    return design_build(frame, kind, measure, design);
}

qa_status qa_fit_measure_logit(const qa_frame *frame, qa_outcome outcome, int measure,
                               const qa_sample *sample, qa_firth_mode mode, bool intervals,
                               qa_logit_result *fit, bool *separated, const char **names,
                               qa_univariate *kept, qa_error *error)
{
    *separated = false;
    if (kept)
        memset(kept, 0, sizeof *kept);
    if (!frame->controls_all) {
        names[0] = "(Intercept)";
        names[1] = qa_measure_name(measure);
        qa_univariate u;
        qa_status status = qa_univariate_build(sample, &u);
        if (status == QA_OK)
            status =
                qa_fit_logit_rule_options(&u.data, mode, false, intervals, fit, separated, error);
        else
            qa_error_set(error, status, NULL, 0, NULL, NULL, "out of memory");
        if (kept && status == QA_OK)
            *kept = u;
        else
            qa_univariate_free(&u);
        return status;
    }
    qa_design design;
    qa_status status = qa_design_measure(
        frame, outcome == QA_OUTCOME_FORMATION ? QA_SAMPLE_FORMATION : QA_SAMPLE_DURABILITY,
        measure, &design);
    if (status != QA_OK) {
        qa_design_free(&design);
        return qa_error_set(error, status, NULL, 0, NULL, NULL, "out of memory");
    }
    for (size_t j = 0; j < design.p && j < QA_DESIGN_MAX_TERMS; j++)
        names[j] = design.names[j];
    qa_logit_data data = {design.n, design.p, design.x, design.y, design.weights};
    status = qa_fit_logit_rule_options(&data, mode, false, intervals, fit, separated, error);
    qa_design_free(&design);
    return status;
}

/* The effect per SD of a term (METHODS §4.14): exp(b sd) and the model's CI of b times sd. */
static void term_set_sd(qa_term_result *term, double sd)
{
    term->sd = sd;
    term->ratio_sd = exp(term->b * sd);
    term->ratio_sd_lower = exp(term->ci_lower * sd);
    term->ratio_sd_upper = exp(term->ci_upper * sd);
}

void qa_models_set_measure_sd(qa_results *results, int index, int measure, double sd)
{
    if (index < 0 || (size_t)index >= results->model_count)
        return;
    qa_model_result *model = &results->models[index];
    for (size_t j = 0; j < model->term_count; j++)
        if (strcmp(model->terms[j].term, qa_measure_name(measure)) == 0)
            term_set_sd(&model->terms[j], sd);
}

/* Whether a design column of the frame is of type interval: a measure or a control term. */
static bool column_interval(const qa_frame *frame, const double *column)
{
    for (int k = 0; k < QA_HYPOTHESIS_COUNT; k++)
        if (frame->measure[k] == column)
            return frame->measure_interval[k];
    for (size_t c = 0; c < frame->control_count; c++)
        if (frame->control_values[c] == column)
            return frame->control_interval && frame->control_interval[c];
    return false;
}

/* The n − 1 SD of column c over the model's cases: the frame rows with the eligibility bit
 * of rows->kind and every column present (as qa_sample_sd; NaN when out of memory). */
static double model_column_sd(const qa_frame *frame, const qa_model_rows *rows, size_t c)
{
    qa_sample values = {0};
    values.x = malloc((frame->rows ? frame->rows : 1) * sizeof *values.x);
    if (!values.x)
        return NAN;
    for (size_t row = 0; row < frame->rows; row++) {
        if (!(frame->eligible[row] >> rows->kind & 1))
            continue;
        bool complete = true;
        for (size_t j = 0; j < rows->count && complete; j++)
            complete = !isnan(rows->columns[j][row]);
        if (complete)
            values.x[values.n++] = rows->columns[c][row];
    }
    double sd = qa_sample_sd(&values);
    free(values.x);
    return sd;
}

void qa_models_set_interval_sds(qa_results *results, int index, const qa_frame *frame,
                                const qa_model_rows *rows)
{
    if (index < 0 || (size_t)index >= results->model_count)
        return;
    qa_model_result *model = &results->models[index];
    if (!model->available)
        return;
    /* logit terms are [(Intercept), columns...], Cox terms the columns */
    size_t first = model->kind == QA_MODEL_LOGIT ? 1 : 0;
    for (size_t c = 0; c < rows->count && first + c < model->term_count; c++) {
        qa_term_result *term = &model->terms[first + c];
        term->interval = column_interval(frame, rows->columns[c]);
        if (term->interval && isnan(term->sd))
            term_set_sd(term, model_column_sd(frame, rows, c));
    }
}
