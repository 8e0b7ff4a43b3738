/* `--bootstrap N --seed S`: percentile bootstrap CIs (cases resampled with replacement) of
 * Spearman's rho, Kendall's tau-b and the univariate odds ratios of each testable test.
 * Replicates where a statistic cannot be computed (no variation left) are skipped. One
 * generator seeded once, tests in a fixed order: the same seed gives the same CIs. */
#include "primary.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "qareport/bootstrap.h"
#include "qareport/correlation.h"

typedef struct {
    double *x, *y, *design;
    size_t *index;
    double *rho, *tau, *odds;
} workspace;

static void workspace_free(workspace *w)
{
    free(w->x);
    free(w->y);
    free(w->design);
    free(w->index);
    free(w->rho);
    free(w->tau);
    free(w->odds);
}

static double replicate_log_odds(const workspace *w, size_t n, qa_logit_method method)
{
    for (size_t i = 0; i < n; i++) {
        w->design[2 * i] = 1;
        w->design[2 * i + 1] = w->x[i];
    }
    qa_logit_data data = {n, 2, w->design, w->y, NULL};
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

/* Progress: `done` replicates of `total` over the ten tests, reported each 1%. */
typedef struct {
    const qa_analysis_options *options;
    size_t done, total, step;
} progress;

static void test_bootstrap(qa_bootstrap *generator, const qa_sample *s, size_t replicates,
                           qa_test_result *test, qa_model_result *model, workspace *w,
                           progress *p)
{
    qa_logit_method method = model && model->available ? model->method : QA_LOGIT_ML;
    for (size_t r = 0; r < replicates; r++) {
        if (p->options->progress && ++p->done % p->step == 0)
            p->options->progress(p->options->progress_context, "bootstrap", p->done, p->total);
        qa_bootstrap_sample(generator, s->n, w->index);
        for (size_t i = 0; i < s->n; i++) {
            w->x[i] = s->x[w->index[i]];
            w->y[i] = s->y[w->index[i]];
        }
        qa_correlation c;
        qa_error error;
        w->rho[r] = qa_spearman(w->x, w->y, s->n, &c, &error) == QA_OK ? c.estimate : NAN;
        w->tau[r] = qa_kendall(w->x, w->y, s->n, &c, &error) == QA_OK ? c.estimate : NAN;
        w->odds[r] = exp(replicate_log_odds(w, s->n, method));
    }
    qa_bootstrap_percentile_ci(w->rho, replicates, 0.95, &test->spearman.ci_lower,
                               &test->spearman.ci_upper);
    qa_bootstrap_percentile_ci(w->tau, replicates, 0.95, &test->kendall.ci_lower,
                               &test->kendall.ci_upper);
    if (model && model->available && model->term_count == 2)
        qa_bootstrap_percentile_ci(w->odds, replicates, 0.95, &model->terms[1].ratio_boot_lower,
                                   &model->terms[1].ratio_boot_upper);
}

qa_status qa_bootstrap_fill(const qa_frame *frame, const qa_analysis_options *options,
                            qa_results *results)
{
    qa_bootstrap *generator = qa_bootstrap_alloc(options->seed);
    if (!generator)
        return QA_ERR_MEMORY;
    size_t rows = frame->rows ? frame->rows : 1, replicates = options->bootstrap;
    workspace w = {malloc(rows * sizeof(double)),       malloc(rows * sizeof(double)),
                   malloc(2 * rows * sizeof(double)),   malloc(rows * sizeof(size_t)),
                   malloc(replicates * sizeof(double)), malloc(replicates * sizeof(double)),
                   malloc(replicates * sizeof(double))};
    qa_status status = QA_OK;
    if (!w.x || !w.y || !w.design || !w.index || !w.rho || !w.tau || !w.odds)
        status = QA_ERR_MEMORY;
    size_t testable = 0;
    for (int t = 0; t < QA_TEST_COUNT; t++)
        testable += results->tests[t].testable;
    progress p = {options, 0, testable * replicates, testable * replicates / 100};
    if (p.step == 0)
        p.step = 1;
    for (int t = 0; t < QA_TEST_COUNT && status == QA_OK; t++) {
        qa_test_result *test = &results->tests[t];
        if (!test->testable)
            continue;
        qa_sample sample = {0};
        qa_sample_kind kind =
            test->outcome == QA_OUTCOME_FORMATION ? QA_SAMPLE_FORMATION : QA_SAMPLE_DURABILITY;
        status = qa_sample_gather(frame, kind, test->hypothesis, &sample);
        if (status != QA_OK)
            break;
        qa_model_result *model =
            test->logit_model >= 0 ? &results->models[test->logit_model] : NULL;
        test_bootstrap(generator, &sample, replicates, test, model, &w, &p);
        qa_sample_free(&sample);
    }
    if (options->progress && status == QA_OK)
        options->progress(options->progress_context, "bootstrap", p.total, p.total);
    workspace_free(&w);
    qa_bootstrap_free(generator);
    return status;
}
