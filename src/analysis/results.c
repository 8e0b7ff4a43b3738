/* Storage and names for analysis results; see results.h. */
#include "results_internal.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void qa_analysis_options_default(qa_analysis_options *options)
{
    memset(options, 0, sizeof *options);
    options->alpha = 0.05;
    options->adjust = QA_ADJUST_HOLM;
    options->durable_years = QA_DEFAULT_DURABLE_YEARS;
    options->firth = QA_FIRTH_AUTO;
    options->seed = 1;
}

const char *qa_adjust_name(qa_adjust_method method)
{
    static const char *const names[] = {"holm", "bh", "none"};
    return names[method];
}

const char *qa_firth_name(qa_firth_mode mode)
{
    static const char *const names[] = {"auto", "always", "never"};
    return names[mode];
}

const char *qa_durability_model_name(qa_durability_model model)
{
    return model == QA_DURABILITY_COX ? "cox" : "logit";
}

const char *qa_controls_in_name(qa_controls_in where)
{
    return where == QA_CONTROLS_IN_ALL ? "all" : "joint";
}

const char *qa_influence_name(qa_influence_mode mode)
{
    return mode == QA_INFLUENCE_NONE ? "none" : "all";
}

void qa_results_init(qa_results *results)
{
    memset(results, 0, sizeof *results);
    qa_analysis_options_default(&results->options);
    for (int h = 0; h < QA_HYPOTHESIS_COUNT; h++)
        for (int o = 0; o < QA_OUTCOME_COUNT; o++) {
            qa_test_result *test = &results->tests[h * 2 + o];
            test->hypothesis = h;
            test->outcome = (qa_outcome)o;
            test->logit_model = test->cox_model = -1;
            test->b = test->p = test->p_adjusted = test->epv = NAN;
            test->logit_b = test->logit_p = NAN;
            test->decided_by = QA_MODEL_LOGIT;
            test->verdict = QA_VERDICT_NOT_TESTABLE;
            test->joint_agrees = test->spearman_agrees = test->cox_agrees = -1;
            test->mde = test->cox_mde = (qa_detectable_effect){NAN, NAN, NAN, NAN, NAN};
        }
}

void qa_results_free(qa_results *results)
{
    for (size_t i = 0; i < results->model_count; i++)
        free(results->models[i].terms);
    free(results->models);
    for (size_t i = 0; i < results->warning_count; i++)
        free(results->warnings[i]);
    free(results->warnings);
    for (size_t i = 0; i < results->category_count; i++) {
        qa_category_summary *c = &results->categories[i];
        for (size_t l = 0; l < c->level_count; l++)
            free(c->levels[l]);
        free(c->levels);
        free(c->counts);
    }
    free(results->dropped);
    for (size_t i = 0; i < results->unknown_column_count; i++)
        free(results->unknown_columns[i]);
    free(results->unknown_columns);
    for (int k = 0; k < QA_HYPOTHESIS_COUNT; k++)
        for (int g = 0; g < 2; g++) {
            qa_km_curve *curve = &results->km_curves[k][g];
            free(curve->time);
            free(curve->survival);
            free(curve->row_time);
            free(curve->row_n_risk);
            free(curve->row_n_censor);
            free(curve->row_survival);
        }
    for (int t = 0; t < QA_TEST_COUNT; t++) {
        qa_robustness *r = &results->robustness[t];
        for (size_t i = 0; i < r->flipping_count; i++)
            free(r->flipping_cases[i]);
        free(r->flipping_cases);
    }
    free(results->ph_tests);
    memset(results, 0, sizeof *results);
}

bool qa_results_drop(qa_results *results, size_t row, long line, const char *case_id,
                     const char *reason)
{
    if (results->dropped_count == results->dropped_capacity) {
        size_t capacity = results->dropped_capacity ? results->dropped_capacity * 2 : 16;
        qa_dropped_case *grown = realloc(results->dropped, capacity * sizeof *grown);
        if (!grown)
            return false;
        results->dropped = grown;
        results->dropped_capacity = capacity;
    }
    qa_dropped_case *d = &results->dropped[results->dropped_count++];
    d->row = row;
    d->line = line;
    snprintf(d->case_id, sizeof d->case_id, "%s", case_id ? case_id : "");
    snprintf(d->reason, sizeof d->reason, "%s", reason);
    return true;
}

bool qa_results_add_ph_test(qa_results *results, const char *model, const char *term, double chi2,
                            int df, double p)
{
    qa_ph_test *grown = realloc(results->ph_tests, (results->ph_test_count + 1) * sizeof *grown);
    if (!grown)
        return false;
    results->ph_tests = grown;
    qa_ph_test *row = &grown[results->ph_test_count++];
    snprintf(row->model, sizeof row->model, "%s", model);
    snprintf(row->term, sizeof row->term, "%s", term);
    row->chi2 = chi2;
    row->df = df;
    row->p = p;
    return true;
}

void qa_group_results_free(qa_group_results *groups)
{
    for (size_t g = 0; g < groups->group_count; g++) {
        if (groups->groups)
            qa_results_free(&groups->groups[g]);
        if (groups->group_names)
            free(groups->group_names[g]);
    }
    free(groups->groups);
    free(groups->group_names);
    free(groups->difference_z);
    free(groups->difference_p);
    memset(groups, 0, sizeof *groups);
}

int qa_results_add_model(qa_results *results, const qa_model_result *model)
{
    if (results->model_count == results->model_capacity) {
        size_t capacity = results->model_capacity ? results->model_capacity * 2 : 16;
        qa_model_result *grown = realloc(results->models, capacity * sizeof *grown);
        if (!grown)
            return -1;
        results->models = grown;
        results->model_capacity = capacity;
    }
    results->models[results->model_count] = *model;
    return (int)results->model_count++;
}

bool qa_results_warn(qa_results *results, const char *format, ...)
{
    char buffer[1024];
    va_list args;
    va_start(args, format);
    vsnprintf(buffer, sizeof buffer, format, args);
    va_end(args);
    if (results->warning_count == results->warning_capacity) {
        size_t capacity = results->warning_capacity ? results->warning_capacity * 2 : 8;
        char **grown = realloc(results->warnings, capacity * sizeof *grown);
        if (!grown)
            return false;
        results->warnings = grown;
        results->warning_capacity = capacity;
    }
    char *copy = strdup(buffer);
    if (!copy)
        return false;
    results->warnings[results->warning_count++] = copy;
    return true;
}

qa_test_result *qa_results_test(qa_results *results, int hypothesis, qa_outcome outcome)
{
    return &results->tests[hypothesis * 2 + (int)outcome];
}
