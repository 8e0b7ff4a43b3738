/* `--bootstrap N --seed S`: percentile bootstrap CIs (cases resampled with replacement) of
 * Spearman's rho, Kendall's tau-b and the univariate odds ratios of each testable test.
 * A replicate is drawn on the sample's distinct (measure, outcome) rows: the counts of n
 * draws with replacement over those rows are multinomial, so they are drawn as such, and
 * every statistic is that of the expanded replicate (frequency weights), at a cost that
 * depends on the distinct rows, not on n. Replicates where a statistic cannot be computed
 * (no variation left) are skipped. One generator seeded once, tests in a fixed order and
 * rows in (measure, outcome) order: the same seed gives the same CIs. */
#include "primary.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "influence_keys.h"
#include "qareport/bootstrap.h"

/* A sample's distinct rows, sorted by (x, y), with their case counts and value levels. */
typedef struct {
    size_t cells, x_levels, y_levels;
    double n;
    double *x, *y, *weights;
    uint32_t *x_level, *y_level;
} sample_table;

static void sample_table_free(sample_table *t)
{
    free(t->x);
    free(t->y);
    free(t->weights);
    free(t->x_level);
    free(t->y_level);
    memset(t, 0, sizeof *t);
}

/* Rows of three doubles (x, y, weight) by x, then y. */
static int row_order(const void *a, const void *b)
{
    const double *p = a, *q = b;
    if (p[0] != q[0])
        return p[0] < q[0] ? -1 : 1;
    return (p[1] > q[1]) - (p[1] < q[1]);
}

static int value_order(const void *a, const void *b)
{
    double p = *(const double *)a, q = *(const double *)b;
    return (p > q) - (p < q);
}

/* x levels in row order; y levels by rank among the distinct y values. */
static qa_status levels_fill(sample_table *t)
{
    size_t levels = 0;
    for (size_t i = 0; i < t->cells; i++) {
        levels += i > 0 && t->x[i] != t->x[i - 1];
        t->x_level[i] = (uint32_t)levels;
    }
    t->x_levels = t->cells ? levels + 1 : 0;
    double *values = malloc((t->cells ? t->cells : 1) * sizeof *values);
    if (!values)
        return QA_ERR_MEMORY;
    memcpy(values, t->y, t->cells * sizeof *values);
    qsort(values, t->cells, sizeof *values, value_order);
    size_t distinct = 0;
    for (size_t i = 0; i < t->cells; i++)
        if (i == 0 || values[i] != values[distinct - 1])
            values[distinct++] = values[i];
    for (size_t i = 0; i < t->cells; i++) {
        double *at = bsearch(&t->y[i], values, distinct, sizeof *values, value_order);
        t->y_level[i] = (uint32_t)(at - values);
    }
    t->y_levels = distinct;
    free(values);
    return QA_OK;
}

static qa_status sample_table_build(const qa_sample *s, sample_table *t)
{
    memset(t, 0, sizeof *t);
    qa_key_table keys;
    double *rows = NULL;
    qa_status status = qa_key_table_init(&keys, 2);
    double *counts = malloc((s->n ? s->n : 1) * sizeof *counts);
    if (!counts)
        status = QA_ERR_MEMORY;
    for (size_t i = 0; i < s->n && status == QA_OK; i++) {
        uint32_t id;
        size_t known = keys.count;
        status = qa_key_table_intern(&keys, (double[2]){s->x[i], s->y[i]}, &id);
        if (status == QA_OK && id == known)
            counts[id] = 0;
        if (status == QA_OK)
            counts[id] += 1;
    }
    size_t cells = keys.count, size = cells ? cells : 1;
    if (status == QA_OK && !(rows = malloc(3 * size * sizeof *rows)))
        status = QA_ERR_MEMORY;
    for (size_t c = 0; c < cells && status == QA_OK; c++) {
        memcpy(rows + 3 * c, qa_key_table_key(&keys, c), 2 * sizeof *rows);
        rows[3 * c + 2] = counts[c];
    }
    if (status == QA_OK)
        qsort(rows, cells, 3 * sizeof *rows, row_order);
    t->x = malloc(size * sizeof *t->x);
    t->y = malloc(size * sizeof *t->y);
    t->weights = malloc(size * sizeof *t->weights);
    t->x_level = malloc(size * sizeof *t->x_level);
    t->y_level = malloc(size * sizeof *t->y_level);
    if (!t->x || !t->y || !t->weights || !t->x_level || !t->y_level)
        status = QA_ERR_MEMORY;
    for (size_t c = 0; c < cells && status == QA_OK; c++) {
        t->x[c] = rows[3 * c];
        t->y[c] = rows[3 * c + 1];
        t->weights[c] = rows[3 * c + 2];
    }
    t->cells = cells;
    t->n = (double)s->n;
    if (status == QA_OK)
        status = levels_fill(t);
    free(rows);
    free(counts);
    qa_key_table_free(&keys);
    if (status != QA_OK)
        sample_table_free(t);
    return status;
}

typedef struct {
    double *counts, *design, *y, *w, *scratch;
    double *rho, *tau, *odds;
} workspace;

static void workspace_free(workspace *w)
{
    free(w->counts);
    free(w->design);
    free(w->y);
    free(w->w);
    free(w->scratch);
    free(w->rho);
    free(w->tau);
    free(w->odds);
}

static qa_status workspace_alloc(workspace *w, const sample_table *t, size_t replicates)
{
    size_t cells = t->cells ? t->cells : 1;
    *w = (workspace){
        malloc(cells * sizeof(double)),
        malloc(2 * cells * sizeof(double)),
        malloc(cells * sizeof(double)),
        malloc(cells * sizeof(double)),
        malloc((t->x_levels * t->y_levels + 2 * t->x_levels + 3 * t->y_levels + 1) *
               sizeof(double)),
        malloc(replicates * sizeof(double)),
        malloc(replicates * sizeof(double)),
        malloc(replicates * sizeof(double)),
    };
    return w->counts && w->design && w->y && w->w && w->scratch && w->rho && w->tau && w->odds
               ? QA_OK
               : QA_ERR_MEMORY;
}

/* The univariate log odds ratio of a replicate (its rows weighted by their counts); NaN when
 * the fit fails or does not converge. */
static double replicate_log_odds(const sample_table *t, workspace *w, qa_logit_method method)
{
    size_t rows = 0;
    for (size_t c = 0; c < t->cells; c++) {
        if (!(w->counts[c] > 0))
            continue;
        w->design[2 * rows] = 1;
        w->design[2 * rows + 1] = t->x[c];
        w->y[rows] = t->y[c];
        w->w[rows++] = w->counts[c];
    }
    qa_logit_data data = {rows, 2, w->design, w->y, w->w};
    qa_logit_options options;
    qa_logit_options_default(&options);
    options.skip_profile = true; /* only the estimate is resampled */
    qa_logit_result fit;
    memset(&fit, 0, sizeof fit);
    qa_error error;
    qa_status status = method == QA_LOGIT_FIRTH ? qa_logit_firth_fit(&data, &options, &fit, &error)
                                                : qa_logit_fit(&data, &options, &fit, &error);
    double b = status == QA_OK && fit.converged ? fit.b[1] : NAN;
    qa_logit_result_free(&fit);
    return b;
}

static void test_bootstrap(qa_bootstrap *generator, const sample_table *t, size_t replicates,
                           qa_test_result *test, qa_model_result *model, workspace *w)
{
    qa_logit_method method = model && model->available ? model->method : QA_LOGIT_ML;
    for (size_t r = 0; r < replicates; r++) {
        qa_bootstrap_multinomial(generator, t->cells, t->weights, (size_t)t->n, w->counts);
        qa_rank_correlations_weighted(t->x_level, t->x_levels, t->y_level, t->y_levels, w->counts,
                                      t->cells, w->scratch, &w->rho[r], &w->tau[r]);
        w->odds[r] = exp(replicate_log_odds(t, w, method));
    }
    qa_bootstrap_percentile_ci(w->rho, replicates, 0.95, &test->spearman.ci_lower,
                               &test->spearman.ci_upper);
    qa_bootstrap_percentile_ci(w->tau, replicates, 0.95, &test->kendall.ci_lower,
                               &test->kendall.ci_upper);
    if (model && model->available && model->term_count == 2)
        qa_bootstrap_percentile_ci(w->odds, replicates, 0.95, &model->terms[1].ratio_boot_lower,
                                   &model->terms[1].ratio_boot_upper);
}

static qa_status test_run(const qa_frame *frame, const qa_analysis_options *options,
                          qa_bootstrap *generator, qa_results *results, int t, qa_sample *sample)
{
    qa_test_result *test = &results->tests[t];
    qa_sample_kind kind =
        test->outcome == QA_OUTCOME_FORMATION ? QA_SAMPLE_FORMATION : QA_SAMPLE_DURABILITY;
    qa_status status = qa_sample_gather(frame, kind, test->hypothesis, sample);
    sample_table table;
    if (status == QA_OK)
        status = sample_table_build(sample, &table);
    if (status != QA_OK)
        return status;
    workspace w;
    status = workspace_alloc(&w, &table, options->bootstrap);
    qa_model_result *model = test->logit_model >= 0 ? &results->models[test->logit_model] : NULL;
    if (status == QA_OK)
        test_bootstrap(generator, &table, options->bootstrap, test, model, &w);
    workspace_free(&w);
    sample_table_free(&table);
    return status;
}

qa_status qa_bootstrap_fill(const qa_frame *frame, const qa_analysis_options *options,
                            qa_results *results)
{
    qa_bootstrap *generator = qa_bootstrap_alloc(options->seed);
    if (!generator)
        return QA_ERR_MEMORY;
    qa_status status = QA_OK;
    qa_sample sample = {0};
    for (int t = 0; t < QA_TEST_COUNT && status == QA_OK; t++) {
        if (!results->tests[t].testable)
            continue;
        if (options->progress)
            options->progress(options->progress_context, "bootstrap", (size_t)t, QA_TEST_COUNT);
        status = test_run(frame, options, generator, results, t, &sample);
    }
    if (options->progress)
        options->progress(options->progress_context, "bootstrap", QA_TEST_COUNT, QA_TEST_COUNT);
    qa_sample_free(&sample);
    qa_bootstrap_free(generator);
    return status;
}
