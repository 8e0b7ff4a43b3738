/* The ten primary tests (docs/METHODS.md §4.3-§4.8): correlations, the univariate logistic fit that
 * decides the verdict, the joint models, and for durability the Cox models and the
 * Kaplan–Meier comparison above vs at-or-below the measure's median. */
#include "primary.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qareport/correlation.h"

static void correlation_store(qa_correlation_summary *summary, qa_status status,
                              const qa_correlation *c, bool keep_ci)
{
    summary->available = status == QA_OK;
    summary->value = status == QA_OK ? c->estimate : NAN;
    summary->p = status == QA_OK ? c->p : NAN;
    summary->ci_lower = status == QA_OK && keep_ci ? c->ci_lower : NAN;
    summary->ci_upper = status == QA_OK && keep_ci ? c->ci_upper : NAN;
}

static void correlations_run(const qa_sample *sample, qa_test_result *test)
{
    qa_correlation pearson, spearman, kendall;
    qa_error error;
    memset(&pearson, 0, sizeof pearson);
    memset(&spearman, 0, sizeof spearman);
    memset(&kendall, 0, sizeof kendall);
    /* One pass for all three where it can (qa_correlation_all; a tabulated sample's counts
     * without a pass); it fails exactly when the separate calls would, so then each is tried
     * alone for its own status. */
    if ((sample->tabulated &&
         qa_correlation_all_counts(sample->counts, QA_SAMPLE_LEVELS, 0.95, &pearson, &spearman,
                                   &kendall, &error) == QA_OK) ||
        qa_correlation_all(sample->x, sample->y, sample->n, 0.95, &pearson, &spearman, &kendall,
                           &error) == QA_OK) {
        correlation_store(&test->pearson, QA_OK, &pearson, true);
        correlation_store(&test->spearman, QA_OK, &spearman, false);
        correlation_store(&test->kendall, QA_OK, &kendall, false);
        return;
    }
    correlation_store(&test->pearson,
                      qa_pearson(sample->x, sample->y, sample->n, 0.95, &pearson, &error), &pearson,
                      true);
    correlation_store(&test->spearman,
                      qa_spearman(sample->x, sample->y, sample->n, &spearman, &error), &spearman,
                      false);
    correlation_store(&test->kendall, qa_kendall(sample->x, sample->y, sample->n, &kendall, &error),
                      &kendall, false);
}

static void model_name(char *buffer, size_t size, const char *prefix, int hypothesis)
{
    snprintf(buffer, size, "%s_%s", prefix, hypothesis < 0 ? "joint" : qa_measure_name(hypothesis));
}

/* Member-robust inference of the fitted model's terms and the test's detectable-effect
 * design; `sample` is the test's (its keys, when tabulated). */
static qa_status univariate_extras(const qa_frame *frame, const qa_sample *sample,
                                   const qa_logit_data *data, const qa_logit_result *fit,
                                   qa_test_result *test, qa_results *results, qa_mde_design *design)
{
    qa_model_rows rows;
    qa_model_rows_univariate(
        frame, test->outcome == QA_OUTCOME_FORMATION ? QA_SAMPLE_FORMATION : QA_SAMPLE_DURABILITY,
        test->hypothesis, &rows);
    rows.keys = sample->keyed ? sample->key : NULL;
    qa_model_result *model = &results->models[test->logit_model];
    qa_status status = qa_member_logit_terms(frame, &rows, data, fit, model->terms);
    if (status == QA_OK && design)
        status = qa_mde_design_logit(data, design);
    return status;
}

/* Fits the primary logit of a test (univariate, or with --controls-in all adjusted for the
 * controls) and records it; sets test->b and test->p. */
static void univariate_logit_run(const qa_frame *frame, const qa_sample *sample,
                                 const qa_analysis_options *options, qa_test_result *test,
                                 qa_results *results, qa_mde_design *design, qa_univariate *keep)
{
    char name[QA_NAME_TEXT];
    model_name(name, sizeof name, qa_outcome_name(test->outcome), test->hypothesis);
    const char *names[QA_DESIGN_MAX_TERMS];
    if (!test->testable) {
        test->logit_model = qa_models_add_unavailable(results, name, QA_MODEL_LOGIT, test->outcome,
                                                      sample->n, test->reason);
        return;
    }
    qa_logit_result fit;
    memset(&fit, 0, sizeof fit);
    bool separated = false;
    qa_error error;
    qa_error_clear(&error);
    qa_univariate u; /* the fit's tabulated data, for the member-robust errors and the MDE */
    qa_status status =
        qa_fit_measure_logit(frame, test->outcome, test->hypothesis, sample, options->firth, true,
                             &fit, &separated, names, &u, &error);
    if (status == QA_OK) {
        test->logit_model =
            qa_models_add_logit(results, name, test->outcome, &fit, names, separated);
        qa_models_set_measure_sd(results, test->logit_model, test->hypothesis,
                                 qa_sample_sd(sample));
        /* the terms of type interval (METHODS §4.14): the measure and, with --controls-in
         * all, the controls, over the model's cases */
        qa_model_rows model_rows;
        qa_model_rows_univariate(frame,
                                 test->outcome == QA_OUTCOME_FORMATION ? QA_SAMPLE_FORMATION
                                                                       : QA_SAMPLE_DURABILITY,
                                 test->hypothesis, &model_rows);
        for (size_t c = 0; frame->controls_all && c < frame->control_count &&
                           model_rows.count < QA_HYPOTHESIS_COUNT + 64;
             c++)
            model_rows.columns[model_rows.count++] = frame->control_values[c];
        qa_models_set_interval_sds(results, test->logit_model, frame, &model_rows);
        /* member-robust errors and the detectable effect are of the univariate model; with
         * --controls-in all the fitted model has the controls too: only the design's MDE */
        qa_status built = frame->controls_all ? qa_univariate_build(sample, &u) : QA_OK;
        if (built == QA_OK && test->logit_model >= 0)
            built = frame->controls_all
                        ? (design ? qa_mde_design_logit(&u.data, design) : QA_OK)
                        : univariate_extras(frame, sample, &u.data, &fit, test, results, design);
        /* a coded sample's table (u.weights) is kept for the method switch, unless the fitted
         * model also had the controls (--controls-in all) */
        if (keep && built == QA_OK && u.weights && !frame->controls_all)
            *keep = u;
        else
            qa_univariate_free(&u);
        if (built != QA_OK)
            qa_results_warn(results, "%s: out of memory for member-robust errors", name);
        test->b = fit.b[1];
        /* METHODS §4.4: an ML fit on separated data (--firth never) counts as p = 1. */
        test->p = separated && fit.method == QA_LOGIT_ML ? 1.0 : fit.p_value[1];
        /* --se member: the member-robust Wald p decides (NaN, no se: judged as p = 1) */
        if (options->member_se && test->logit_model >= 0 &&
            !(separated && fit.method == QA_LOGIT_ML))
            test->p = results->models[test->logit_model].terms[1].member.p;
        test->logit_b = test->b;
        test->logit_p = test->p;
        if (separated && fit.method == QA_LOGIT_ML)
            qa_results_warn(results,
                            "%s: separated data fitted by ML (--firth never): the "
                            "estimate is not finite; p taken as 1",
                            name);
        else if (separated)
            qa_results_warn(results,
                            "%s: separation found; refitted by Firth's penalized "
                            "likelihood",
                            name);
    } else {
        char reason[256];
        snprintf(reason, sizeof reason, "logistic fit failed: %.200s", error.message);
        test->logit_model = qa_models_add_unavailable(results, name, QA_MODEL_LOGIT, test->outcome,
                                                      sample->n, reason);
        test->testable = false;
        snprintf(test->reason, sizeof test->reason, "%s", reason);
    }
    qa_logit_result_free(&fit);
}

/* Sample panel of docs/METHODS.md §6.1: events, non-events, EPV of the univariate model. */
static void panel_fill(const qa_sample *sample, qa_test_result *test)
{
    test->events = test->non_events = 0;
    for (size_t v = 0; sample->tabulated && v < QA_SAMPLE_LEVELS; v++)
        test->events += (size_t)sample->counts[2 * v + 1];
    if (sample->tabulated)
        test->non_events = sample->n - test->events;
    for (size_t i = 0; !sample->tabulated && i < sample->n; i++) {
        if (sample->y[i] == 1)
            test->events++;
        else
            test->non_events++;
    }
    size_t smaller = test->events < test->non_events ? test->events : test->non_events;
    test->epv = (double)smaller / 1.0;
    test->fragile = smaller < QA_FRAGILE_LIMIT || test->epv < QA_FRAGILE_LIMIT;
}

qa_status qa_primary_logit_tests(const qa_frame *frame, const qa_analysis_options *options,
                                 qa_outcome outcome, qa_results *results, qa_mde_design *designs,
                                 qa_sample_cache *cache)
{
    qa_sample sample = {0};
    for (int k = 0; k < QA_HYPOTHESIS_COUNT; k++) {
        qa_test_result *test = qa_results_test(results, k, outcome);
        test->hypothesis = k;
        test->outcome = outcome;
        test->logit_model = test->cox_model = -1;
        test->b = test->p = test->p_adjusted = test->epv = NAN;
        test->logit_b = test->logit_p = NAN;
        test->decided_by = QA_MODEL_LOGIT;
        test->joint_agrees = test->spearman_agrees = test->cox_agrees = -1;
        memset(&test->km, 0, sizeof test->km);
        if (!frame->measure[k]) {
            test->testable = false;
            if (frame->dataset->skipped_measures >> k & 1u)
                snprintf(test->reason, sizeof test->reason, "not measured (--skip H%d)", k + 1);
            else
                snprintf(test->reason, sizeof test->reason, "the dataset has no %s measure",
                         qa_measure_name(k));
            char name[QA_NAME_TEXT];
            model_name(name, sizeof name, qa_outcome_name(outcome), k);
            test->logit_model =
                qa_models_add_unavailable(results, name, QA_MODEL_LOGIT, outcome, 0, test->reason);
            correlations_run(&(qa_sample){0}, test);
            continue;
        }
        qa_sample_kind kind =
            outcome == QA_OUTCOME_FORMATION ? QA_SAMPLE_FORMATION : QA_SAMPLE_DURABILITY;
        if (qa_sample_gather(frame, kind, k, &sample) != QA_OK) {
            qa_sample_free(&sample);
            return QA_ERR_MEMORY;
        }
        test->n = sample.n;
        qa_sample_testability(&sample, test->reason, sizeof test->reason);
        test->testable = test->reason[0] == '\0';
        correlations_run(&sample, test);
        panel_fill(&sample, test);
        int t = k * 2 + (int)outcome;
        univariate_logit_run(frame, &sample, options, test, results, designs ? &designs[t] : NULL,
                             cache ? &cache->table[t] : NULL);
    }
    qa_sample_free(&sample);
    return QA_OK;
}

qa_status qa_primary_joint_logit(const qa_frame *frame, const qa_analysis_options *options,
                                 qa_outcome outcome, qa_results *results, int *model_index)
{
    char name[QA_NAME_TEXT];
    model_name(name, sizeof name, qa_outcome_name(outcome), -1);
    qa_design design;
    qa_sample_kind kind =
        outcome == QA_OUTCOME_FORMATION ? QA_SAMPLE_FORMATION : QA_SAMPLE_DURABILITY;
    if (qa_design_joint(frame, kind, &design) != QA_OK) {
        qa_design_free(&design);
        return QA_ERR_MEMORY;
    }
    char reason[256] = "";
    if (design.p < 2)
        snprintf(reason, sizeof reason, "no measures");
    else if (design.cases < design.p + 10)
        snprintf(reason, sizeof reason, "only %zu complete cases for %zu terms", design.cases,
                 design.p);
    else {
        bool varies = false;
        for (size_t i = 1; i < design.n && !varies; i++)
            varies = design.y[i] != design.y[0];
        if (!varies)
            snprintf(reason, sizeof reason, "no variation in the outcome");
    }
    if (reason[0]) {
        *model_index =
            qa_models_add_unavailable(results, name, QA_MODEL_LOGIT, outcome, design.cases, reason);
        qa_design_free(&design);
        return QA_OK;
    }
    qa_logit_data data = {design.n, design.p, design.x, design.y, design.weights};
    qa_logit_result fit;
    memset(&fit, 0, sizeof fit);
    bool separated = false;
    qa_error error;
    qa_error_clear(&error);
    qa_status status = qa_fit_logit_rule(&data, options->firth, true, &fit, &separated, &error);
    qa_status member_status = QA_OK;
    if (status == QA_OK) {
        *model_index = qa_models_add_logit(results, name, outcome, &fit, design.names, separated);
        qa_model_rows rows;
        qa_model_rows_joint(frame, kind, &rows);
        rows.keys = design.keys;
        if (*model_index >= 0)
            member_status = qa_member_logit_terms(frame, &rows, &data, &fit,
                                                  results->models[*model_index].terms);
        qa_models_set_interval_sds(results, *model_index, frame, &rows);
        if (separated)
            qa_results_warn(results, "%s: separation found; %s", name,
                            fit.method == QA_LOGIT_FIRTH ? "refitted by Firth's penalized "
                                                           "likelihood"
                                                         : "ML estimates are not finite");
    } else {
        snprintf(reason, sizeof reason, "logistic fit failed: %.200s", error.message);
        *model_index =
            qa_models_add_unavailable(results, name, QA_MODEL_LOGIT, outcome, design.cases, reason);
    }
    qa_logit_result_free(&fit);
    qa_design_free(&design);
    return member_status;
}
