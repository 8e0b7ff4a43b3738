/* Robustness of the ten verdicts (docs/METHODS.md §6): each alternative specification is a
 * rerun of the whole primary analysis with one choice changed, judged together (all ten
 * adjusted with --adjust); case influence (influence.c) names the cases and members whose removal
 * alone changes a verdict. */
#include "robustness.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frame.h"
#include "influence.h"
#include "member_inference.h"
#include "models.h"
#include "qareport/correlation.h"

/* The primary analysis reduced to what the verdict rule needs. */
typedef struct {
    double b[QA_TEST_COUNT], p[QA_TEST_COUNT];
    bool testable[QA_TEST_COUNT];
} estimates;

/* p is the member-robust p of the measure (univariate model) when `member` (--se member,
 * which is refused together with --controls-in all). With `table` (may be NULL; no controls)
 * the sample's table as the primary fitted it is refitted, without a pass over the rows. */
static void estimate_logit(const qa_frame *frame, qa_outcome outcome, int measure,
                           const qa_sample *s, const qa_univariate *table, qa_firth_mode mode,
                           bool member, double *b, double *p, bool *testable)
{
    qa_logit_result fit;
    memset(&fit, 0, sizeof fit);
    bool separated = false;
    qa_error error;
    const char *names[QA_DESIGN_MAX_TERMS];
    qa_univariate u = {0}; /* the fit's data, kept for the member-robust p */
    qa_status status = table ? qa_fit_logit_rule_options(&table->data, mode, false, false, &fit,
                                                         &separated, &error)
                             : qa_fit_measure_logit(frame, outcome, measure, s, mode, false, &fit,
                                                    &separated, names, member ? &u : NULL, &error);
    if (status == QA_OK) {
        *b = fit.b[1];
        /* METHODS §6.2: an ML fit on separated data counts as p = 1. */
        *p = separated && fit.method == QA_LOGIT_ML ? 1.0 : fit.p_value[1];
        if (member && !frame->controls_all && !(separated && fit.method == QA_LOGIT_ML))
            *p = qa_member_univariate_p(
                frame, outcome == QA_OUTCOME_FORMATION ? QA_SAMPLE_FORMATION : QA_SAMPLE_DURABILITY,
                measure, table ? &table->data : &u.data, &fit);
    } else {
        *testable = false;
    }
    qa_univariate_free(&u);
    qa_logit_result_free(&fit);
}

/* --durability cox: -B and the Wald p of the Cox model of one measure (with the controls
 * under --controls-in all), as the primary analysis fits it (METHODS §4.13). */
static qa_status estimate_cox(const qa_frame *frame, int measure, qa_sample *s, double *b,
                              double *p, bool *testable)
{
    *testable = false;
    qa_design design;
    memset(&design, 0, sizeof design);
    qa_cox_data data;
    if (frame->controls_all) {
        if (qa_design_measure(frame, QA_SAMPLE_COX, measure, &design) != QA_OK) {
            qa_design_free(&design);
            return QA_ERR_MEMORY;
        }
        data =
            (qa_cox_data){design.n, design.p, design.x, design.time, design.status, design.weights};
    } else {
        if (qa_sample_gather(frame, QA_SAMPLE_COX, measure, s) != QA_OK)
            return QA_ERR_MEMORY;
        data = (qa_cox_data){s->n, 1, s->x, s->time, s->status, NULL};
    }
    double cases = 0, events = 0;
    for (size_t i = 0; i < data.n; i++) {
        double w = data.weights ? data.weights[i] : 1;
        cases += w;
        events += data.status[i] == 1 ? w : 0;
    }
    if (cases >= QA_MIN_CASES && events > 0) {
        qa_cox_options options;
        qa_cox_options_default(&options);
        options.concordance_se = false;
        qa_cox_result fit;
        memset(&fit, 0, sizeof fit);
        qa_error error;
        if (qa_cox_fit(&data, &options, &fit, &error) == QA_OK && isfinite(fit.b[0])) {
            *b = -fit.b[0];
            *p = fit.p_value[0];
            *testable = true;
        }
        qa_cox_result_free(&fit);
    }
    qa_design_free(&design);
    return QA_OK;
}

/* The Firth mode that a specification implies for a test whose primary method is given. */
static qa_firth_mode spec_mode(const qa_analysis_options *options, qa_specification spec,
                               qa_logit_method primary_method)
{
    if (spec != QA_SPEC_SWITCH_METHOD) /* primary and thresholds: the --firth rule */
        return options->firth;
    return primary_method == QA_LOGIT_ML ? QA_FIRTH_ALWAYS : QA_FIRTH_NEVER;
}

/* The durability samples of the three threshold specifications, counted in one pass at the
 * first of them (qa_frame_threshold_counts) instead of a view of the frame and five gathers
 * for each; `at` picks the threshold in use. Not under --se member, whose p needs the view's
 * rows. */
enum { THRESHOLDS = 3 };
typedef struct {
    bool done, counted[QA_HYPOTHESIS_COUNT];
    double *counts; /* THRESHOLDS × QA_HYPOTHESIS_COUNT × 2 × QA_SAMPLE_LEVELS */
    size_t at;
} threshold_samples;

static const int threshold_years[THRESHOLDS] = {3, 7, 10};

/* The counted sample of measure k at the current threshold: true when it is counted and has
 * the 32 cases from which qa_univariate_build takes the counts (below, the cases are
 * gathered, as the fit then uses them one by one). */
static bool counted_sample(const threshold_samples *c, int k, qa_sample *sample)
{
    if (!c->counted[k])
        return false;
    enum { CELLS = 2 * QA_SAMPLE_LEVELS };
    double *counts = c->counts + (c->at * QA_HYPOTHESIS_COUNT + (size_t)k) * CELLS;
    double n = 0;
    for (size_t cell = 0; cell < CELLS; cell++)
        n += counts[cell];
    *sample = (qa_sample){.n = (size_t)n, .tabulated = true, .counts = counts};
    return sample->n >= 32;
}

/* Estimates of the ten tests on a frame under a specification that refits the univariate
 * logit of each test (primary, switched method, thresholds, case influence). */
static qa_status estimates_compute(const qa_frame *frame, const qa_analysis_options *options,
                                   qa_specification spec, const qa_results *primary,
                                   const qa_sample_cache *cache, const threshold_samples *counted,
                                   estimates *out)
{
    /* a threshold changes only the durability tests: formation keeps the primary's; under
     * --durability cox the method switch concerns the logits only: durability keeps its Cox
     * estimate */
    bool durability_only = spec >= QA_SPEC_THRESHOLD_3 && spec <= QA_SPEC_THRESHOLD_10;
    bool cox = options->durability == QA_DURABILITY_COX;
    qa_sample s = {0};
    for (int t = 0; t < QA_TEST_COUNT; t++) {
        int k = t / 2;
        qa_outcome outcome = (qa_outcome)(t % 2);
        out->b[t] = out->p[t] = NAN;
        out->testable[t] = false;
        if ((durability_only && outcome == QA_OUTCOME_FORMATION) ||
            (cox && spec == QA_SPEC_SWITCH_METHOD && outcome == QA_OUTCOME_DURABILITY)) {
            out->b[t] = primary->tests[t].b;
            out->p[t] = primary->tests[t].p;
            out->testable[t] = primary->tests[t].testable;
            continue;
        }
        if (!frame->measure[k])
            continue;
        if (cox && spec == QA_SPEC_PRIMARY && outcome == QA_OUTCOME_DURABILITY) {
            if (estimate_cox(frame, k, &s, &out->b[t], &out->p[t], &out->testable[t]) != QA_OK) {
                qa_sample_free(&s);
                return QA_ERR_MEMORY;
            }
            continue;
        }
        int model = primary->tests[t].logit_model;
        qa_logit_method method = model >= 0 && primary->models[model].available
                                     ? primary->models[model].method
                                     : QA_LOGIT_ML;
        /* the method switch refits the primary's own table of a coded sample */
        const qa_univariate *table = spec == QA_SPEC_SWITCH_METHOD && cache &&
                                             cache->table[t].data.n > 0 && !frame->controls_all
                                         ? &cache->table[t]
                                         : NULL;
        if (table) { /* (a sample the primary fitted was testable) */
            out->testable[t] = true;
            estimate_logit(frame, outcome, k, NULL, table, spec_mode(options, spec, method),
                           options->member_se && frame->members, &out->b[t], &out->p[t],
                           &out->testable[t]);
            continue;
        }
        qa_sample from_counts = {0}; /* a threshold's sample counted beforehand */
        if (counted && counted_sample(counted, k, &from_counts)) {
            char reason[256];
            qa_sample_testability(&from_counts, reason, sizeof reason);
            out->testable[t] = reason[0] == '\0';
            if (out->testable[t])
                estimate_logit(frame, outcome, k, &from_counts, NULL,
                               spec_mode(options, spec, method), false, &out->b[t], &out->p[t],
                               &out->testable[t]);
            continue;
        }
        if (qa_sample_gather(
                frame, outcome == QA_OUTCOME_FORMATION ? QA_SAMPLE_FORMATION : QA_SAMPLE_DURABILITY,
                k, &s) != QA_OK) {
            qa_sample_free(&s);
            return QA_ERR_MEMORY;
        }
        char reason[256];
        qa_sample_testability(&s, reason, sizeof reason);
        out->testable[t] = reason[0] == '\0';
        if (out->testable[t]) {
            estimate_logit(frame, outcome, k, &s, NULL, spec_mode(options, spec, method),
                           options->member_se && frame->members, &out->b[t], &out->p[t],
                           &out->testable[t]);
        }
    }
    qa_sample_free(&s);
    return QA_OK;
}

static const qa_term_result *model_term(const qa_results *r, int model, const char *term)
{
    if (model < 0 || !r->models[model].available)
        return NULL;
    for (size_t j = 0; j < r->models[model].term_count; j++)
        if (strcmp(r->models[model].terms[j].term, term) == 0)
            return &r->models[model].terms[j];
    return NULL;
}

static int model_named(const qa_results *r, const char *name)
{
    for (size_t i = 0; i < r->model_count; i++)
        if (strcmp(r->models[i].name, name) == 0)
            return (int)i;
    return -1;
}

/* Joint and Cox specifications reuse the fitted models: the measure's term in the joint
 * logit, and -B with its Wald p in the univariate Cox model (durability only). */
static void estimates_from_models(const qa_analysis_options *options, const qa_results *r,
                                  qa_specification spec, estimates *out)
{
    bool cox = r->options.durability == QA_DURABILITY_COX;
    for (int t = 0; t < QA_TEST_COUNT; t++) {
        const qa_test_result *test = &r->tests[t];
        out->b[t] = test->b;
        out->p[t] = test->p;
        out->testable[t] = test->testable;
        if (spec == QA_SPEC_LOGIT) {
            /* --durability cox: the primary logit of durable as a specification */
            if (test->outcome == QA_OUTCOME_DURABILITY) {
                out->b[t] = test->logit_b;
                out->p[t] = test->logit_p;
                out->testable[t] = isfinite(test->logit_b) && isfinite(test->logit_p);
            }
            continue;
        }
        if (spec == QA_SPEC_PEARSON || spec == QA_SPEC_SPEARMAN || spec == QA_SPEC_KENDALL) {
            /* the primary analysis computed them on the same sample */
            const qa_correlation_summary *c = spec == QA_SPEC_PEARSON    ? &test->pearson
                                              : spec == QA_SPEC_SPEARMAN ? &test->spearman
                                                                         : &test->kendall;
            out->testable[t] = test->testable && c->available;
            out->b[t] = c->value;
            out->p[t] = c->p;
            continue;
        }
        const char *measure = qa_measure_name(test->hypothesis);
        const qa_term_result *term = NULL;
        bool negate = false;
        if (spec == QA_SPEC_MEMBER) {
            /* the other p of the univariate logit: member-robust under --se model, the
             * model-based one (separated ML counting as 1) under --se member */
            term = model_term(r, test->logit_model, measure);
            const qa_model_result *m = term ? &r->models[test->logit_model] : NULL;
            out->p[t] = !term                                      ? NAN
                        : !options->member_se                      ? term->member.p
                        : m->separated && m->method == QA_LOGIT_ML ? 1.0
                                                                   : term->p;
            continue;
        }
        if (spec == QA_SPEC_JOINT && cox && test->outcome == QA_OUTCOME_DURABILITY) {
            /* the joint model of the deciding kind: the joint Cox model, judged on -B */
            term = model_term(r, model_named(r, "cox_joint"), measure);
            negate = true;
        } else if (spec == QA_SPEC_JOINT)
            term = model_term(r,
                              model_named(r, test->outcome == QA_OUTCOME_FORMATION
                                                 ? "formation_joint"
                                                 : "durability_joint"),
                              measure);
        else if (test->outcome == QA_OUTCOME_DURABILITY) {
            term = model_term(r, test->cox_model, measure);
            negate = true;
        } else
            continue;
        out->testable[t] = term != NULL && isfinite(term->b);
        out->b[t] = term ? (negate ? -term->b : term->b) : NAN;
        out->p[t] = term ? term->p : NAN;
    }
}

static qa_status specification_verdicts(const qa_analysis_options *options, const qa_frame *frame,
                                        qa_specification spec, const qa_results *r,
                                        const qa_sample_cache *cache, threshold_samples *counted,
                                        qa_verdict *verdicts, qa_error *error)
{
    estimates e;
    qa_status status = QA_OK;
    if (spec == QA_SPEC_JOINT || spec == QA_SPEC_COX || spec == QA_SPEC_LOGIT ||
        spec == QA_SPEC_PEARSON || spec == QA_SPEC_SPEARMAN || spec == QA_SPEC_KENDALL ||
        spec == QA_SPEC_MEMBER) {
        estimates_from_models(options, r, spec, &e);
    } else if (spec >= QA_SPEC_THRESHOLD_3 && spec <= QA_SPEC_THRESHOLD_10) {
        size_t at = spec == QA_SPEC_THRESHOLD_3 ? 0 : spec == QA_SPEC_THRESHOLD_7 ? 1 : 2;
        if (!counted->done && !options->member_se) {
            counted->counts = malloc(THRESHOLDS * QA_HYPOTHESIS_COUNT * 2 * QA_SAMPLE_LEVELS *
                                     sizeof *counted->counts);
            if (!counted->counts ||
                qa_frame_threshold_counts(frame, threshold_years, THRESHOLDS, counted->counts,
                                          counted->counted) != QA_OK)
                return qa_error_set(error, QA_ERR_MEMORY, NULL, 0, NULL, NULL, "out of memory");
            counted->done = true;
        }
        counted->at = at;
        /* the view only for the samples not counted */
        bool view = !counted->done;
        qa_sample unused;
        for (int k = 0; k < QA_HYPOTHESIS_COUNT && !view; k++)
            view = frame->measure[k] && !counted_sample(counted, k, &unused);
        qa_frame other;
        if (view && qa_frame_with_threshold(frame, threshold_years[at], &other) != QA_OK)
            return qa_error_set(error, QA_ERR_MEMORY, NULL, 0, NULL, NULL, "out of memory");
        status = estimates_compute(view ? &other : frame, options, spec, r, NULL,
                                   counted->done ? counted : NULL, &e);
        if (view)
            qa_frame_threshold_free(&other);
    } else {
        status = estimates_compute(frame, options, spec, r, cache, NULL, &e);
    }
    if (status != QA_OK)
        return status;
    double adjusted[QA_TEST_COUNT];
    qa_judge(options, e.b, e.p, e.testable, adjusted, verdicts);
    return QA_OK;
}

/* Which specifications a test has (METHODS §6.2, §4.13): formation the first six; durability all
 * but the logit one, or under --durability cox (the Cox model decides) all but the method
 * switch and the Cox model, with the T-year logit instead. */
static bool spec_applies(const qa_analysis_options *options, qa_specification spec,
                         qa_outcome outcome)
{
    if (outcome == QA_OUTCOME_FORMATION)
        return (int)spec < QA_SPEC_FORMATION_COUNT;
    if (options->durability == QA_DURABILITY_COX)
        return spec != QA_SPEC_SWITCH_METHOD && spec != QA_SPEC_COX;
    return spec != QA_SPEC_LOGIT;
}

static qa_status matrix_fill(const qa_analysis_options *options, const qa_frame *frame,
                             qa_specification first, qa_specification last, qa_results *r,
                             const qa_sample_cache *cache, qa_error *error)
{
    threshold_samples counted = {0};
    for (qa_specification spec = first; spec <= last; spec++) {
        if (!spec_applies(options, spec, QA_OUTCOME_FORMATION) &&
            !spec_applies(options, spec, QA_OUTCOME_DURABILITY))
            continue;
        qa_verdict verdicts[QA_TEST_COUNT];
        if (spec == QA_SPEC_PRIMARY) {
            for (int t = 0; t < QA_TEST_COUNT; t++)
                verdicts[t] = r->tests[t].verdict;
        } else {
            qa_status status =
                specification_verdicts(options, frame, spec, r, cache, &counted, verdicts, error);
            if (status != QA_OK) {
                free(counted.counts);
                return status;
            }
        }
        for (int t = 0; t < QA_TEST_COUNT; t++) {
            const qa_test_result *test = &r->tests[t];
            if (!spec_applies(options, spec, test->outcome))
                continue;
            qa_robustness *rb = &r->robustness[t];
            int model = test->logit_model;
            qa_logit_method method =
                model >= 0 && r->models[model].available ? r->models[model].method : QA_LOGIT_ML;
            size_t s = rb->specification_count++;
            rb->specifications[s] = spec;
            rb->firth_primary = method == QA_LOGIT_FIRTH;
            rb->member_primary = options->member_se;
            rb->specification_verdicts[s] = verdicts[t];
            rb->stable_k += verdicts[t] == test->verdict;
        }
    }
    free(counted.counts);
    return QA_OK;
}

/* The primary verdicts on the rows `rows` (NULL: all) with composites standardised on
 * `standardize` (NULL: all rows). */
static qa_status verdicts_on(const qa_dataset *dataset, const qa_analysis_options *options,
                             const unsigned char *rows, const unsigned char *standardize,
                             const struct qa_member_index *members, const qa_results *primary,
                             qa_verdict *verdicts, qa_error *error)
{
    qa_frame frame;
    qa_status status = qa_frame_build(dataset, options, rows, standardize, &frame, error);
    if (status != QA_OK)
        return status;
    frame.members = members; /* --se member: reruns judged by member-robust p too */
    estimates e;
    status = estimates_compute(&frame, options, QA_SPEC_PRIMARY, primary, NULL, NULL, &e);
    qa_frame_free(&frame);
    if (status != QA_OK)
        return qa_error_set(error, status, NULL, 0, NULL, NULL, "out of memory");
    double adjusted[QA_TEST_COUNT];
    qa_judge(options, e.b, e.p, e.testable, adjusted, verdicts);
    return QA_OK;
}

/* Events per variable of the joint logit and the Cox models, for the sheet. */
static void panel_extras(qa_results *r)
{
    for (int t = 0; t < QA_TEST_COUNT; t++) {
        qa_robustness *rb = &r->robustness[t];
        const qa_test_result *test = &r->tests[t];
        int joint = model_named(r, test->outcome == QA_OUTCOME_FORMATION ? "formation_joint"
                                                                         : "durability_joint");
        rb->joint_epv = rb->cox_epv = NAN;
        if (joint >= 0 && r->models[joint].available && r->models[joint].predictors > 0) {
            const qa_model_result *m = &r->models[joint];
            size_t smaller = m->events < m->n - m->events ? m->events : m->n - m->events;
            rb->joint_epv = (double)smaller / (double)m->predictors;
        }
        if (test->cox_model >= 0 && r->models[test->cox_model].available) {
            rb->cox_events = r->models[test->cox_model].events;
            rb->cox_epv = (double)rb->cox_events;
        }
    }
}

qa_status qa_robustness_logit_matrix(const qa_analysis_options *options, const qa_frame *frame,
                                     qa_results *results, const qa_sample_cache *cache,
                                     qa_error *error)
{
    return matrix_fill(options, frame, QA_SPEC_PRIMARY, QA_SPEC_THRESHOLD_10, results, cache,
                       error);
}

qa_status qa_robustness_influence(const qa_analysis_options *options, const qa_frame *frame,
                                  qa_results *results, qa_error *error)
{
    /* Influence judges each removal by the model-based p of the univariate logits on
     * compressed tables (influence.c); when another rule decides the verdicts (--se member,
     * --durability cox, --controls-in all with controls) it would name the wrong cases, so it
     * is left out with a warning. Under --influence none the user left it out: recorded, no
     * warning (METHODS §6.5). */
    const char *other_rule = options->member_se                         ? "--se member"
                             : options->durability == QA_DURABILITY_COX ? "--durability cox"
                             : frame->controls_all                      ? "--controls-in all"
                                                                        : NULL;
    qa_status status = QA_OK;
    if (options->influence == QA_INFLUENCE_NONE) {
        snprintf(results->influence_not_computed, sizeof results->influence_not_computed, "%s",
                 "--influence none");
    } else if (other_rule) {
        snprintf(results->influence_not_computed, sizeof results->influence_not_computed, "%s",
                 other_rule);
        if (!qa_results_warn(results,
                             "case and member influence are not computed under %s; run "
                             "without it to see which cases drive a verdict",
                             other_rule))
            status = QA_ERR_MEMORY;
    } else {
        status = qa_influence_fill(frame->dataset, options, frame, results, error);
    }
    return status;
}

qa_status qa_robustness_logit_specifications(const qa_analysis_options *options,
                                             const qa_frame *frame, qa_results *results,
                                             const qa_sample_cache *cache, qa_error *error)
{
    qa_status status = qa_robustness_logit_matrix(options, frame, results, cache, error);
    if (status == QA_OK)
        status = qa_robustness_influence(options, frame, results, error);
    return status;
}

qa_status qa_robustness_finish(const qa_dataset *dataset, const qa_analysis_options *options,
                               const qa_frame *frame, qa_results *results, qa_error *error)
{
    (void)dataset;
    qa_status status =
        matrix_fill(options, frame, QA_SPEC_COX, QA_SPEC_LOGIT, results, NULL, error);
    if (status == QA_OK) {
        panel_extras(results);
        results->robustness_done = true;
    }
    if (status == QA_ERR_MEMORY)
        return qa_error_set(error, status, NULL, 0, NULL, NULL, "out of memory");
    return status;
}

qa_status qa_primary_verdicts(const qa_dataset *dataset, const qa_analysis_options *options,
                              const qa_results *primary, qa_verdict *verdicts, qa_error *error)
{
    return verdicts_on(dataset, options, NULL, NULL, NULL, primary, verdicts, error);
}
