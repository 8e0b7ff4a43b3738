/* qa_analysis_run: the whole primary analysis of one row set, in the order the report reads
 * it — the ten tests, the joint and Cox models, the verdicts with multiplicity adjustment,
 * whether the direction holds elsewhere, then the descriptive sheets' numbers. */
#include "qareport/analysis.h"

#include <math.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "members.h"
#include "primary.h"
#include "robustness.h"

static int sign_of(double value)
{
    return value > 0 ? 1 : value < 0 ? -1 : 0;
}

/* 1 when the alternative estimate points the way of the primary B, 0 when not, -1 when it
 * is not available. */
static int direction_agrees(double primary_b, double alternative)
{
    if (!isfinite(primary_b) || !isfinite(alternative))
        return -1;
    return sign_of(primary_b) == sign_of(alternative);
}

static double term_b(const qa_results *results, int model, const char *term)
{
    if (model < 0 || !results->models[model].available)
        return NAN;
    const qa_model_result *m = &results->models[model];
    for (size_t j = 0; j < m->term_count; j++)
        if (strcmp(m->terms[j].term, term) == 0)
            return m->terms[j].b;
    return NAN;
}

/* The verdicts need only the univariate logits (docs/METHODS.md §4.5). */
static void verdicts_fill(qa_results *results)
{
    double b[QA_TEST_COUNT], p[QA_TEST_COUNT], adjusted[QA_TEST_COUNT];
    bool testable[QA_TEST_COUNT];
    qa_verdict verdicts[QA_TEST_COUNT];
    for (int t = 0; t < QA_TEST_COUNT; t++) {
        b[t] = results->tests[t].b;
        p[t] = results->tests[t].p;
        testable[t] = results->tests[t].testable;
    }
    qa_judge(&results->options, b, p, testable, adjusted, verdicts);
    for (int t = 0; t < QA_TEST_COUNT; t++) {
        results->tests[t].p_adjusted = adjusted[t];
        results->tests[t].verdict = verdicts[t];
    }
}

/* Does the direction hold in the joint model, in Spearman, in Cox? */
static void directions_fill(qa_results *results, const int joint[2])
{
    for (int t = 0; t < QA_TEST_COUNT; t++) {
        qa_test_result *test = &results->tests[t];
        const char *measure = qa_measure_name(test->hypothesis);
        test->joint_agrees =
            direction_agrees(test->b, term_b(results, joint[test->outcome], measure));
        test->spearman_agrees =
            direction_agrees(test->b, test->spearman.available ? test->spearman.value : NAN);
        if (test->outcome == QA_OUTCOME_DURABILITY)
            test->cox_agrees =
                direction_agrees(test->b, -term_b(results, test->cox_model, measure));
    }
}

/* --durability cox (METHODS §4.13): the durability verdicts are judged on -B of cox_<measure>
 * (a hazard ratio below 1 is more durable) and its Wald p; the sample panel is the Cox
 * model's (events = ended cooperations, EPV = events per term). */
static void cox_decides(qa_results *results)
{
    for (int k = 0; k < QA_HYPOTHESIS_COUNT; k++) {
        qa_test_result *test = qa_results_test(results, k, QA_OUTCOME_DURABILITY);
        const qa_model_result *model =
            test->cox_model >= 0 ? &results->models[test->cox_model] : NULL;
        test->decided_by = QA_MODEL_COX;
        test->b = test->p = NAN;
        const qa_term_result *term = NULL;
        for (size_t j = 0; model && model->available && j < model->term_count && !term; j++)
            if (strcmp(model->terms[j].term, qa_measure_name(k)) == 0)
                term = &model->terms[j];
        if (!term || !isfinite(term->b)) {
            if (test->testable || !test->reason[0])
                snprintf(test->reason, sizeof test->reason, "Cox model not fitted: %.200s",
                         model && !model->available ? model->reason : "no estimate");
            test->testable = false;
            continue;
        }
        test->testable = true;
        test->reason[0] = '\0';
        test->b = -term->b;
        test->p = term->p;
        test->n = model->n;
        test->events = model->events;
        test->non_events = model->n - model->events;
        test->epv = (double)model->events / (double)(model->predictors ? model->predictors : 1);
        test->fragile = test->epv < QA_FRAGILE_LIMIT;
    }
}

static void counts_fill(const qa_frame *frame, qa_results *results)
{
    size_t used = 0;
    for (size_t row = 0; row < frame->rows; row++) {
        if (!frame->include[row])
            continue;
        double formed = frame->derived.formed[row];
        results->formed_count += formed == 1;
        results->not_formed_count += formed == 0;
        if (formed == 1 && frame->derived.event[row] == 0)
            results->ongoing_count++;
        if (formed == 1 && frame->derived.censored_before_threshold[row])
            results->censored_before_threshold++;
        bool in_any = false;
        for (int k = 0; k < QA_HYPOTHESIS_COUNT && !in_any; k++)
            in_any = qa_frame_in_sample(frame, QA_SAMPLE_FORMATION, k, row) ||
                     qa_frame_in_sample(frame, QA_SAMPLE_COX, k, row);
        used += in_any;
    }
    results->input.cases_used = used;
}

/* How the analysis shares the machine (at a million cases each part takes tens to hundreds of
 * milliseconds, bench/README.md):
 * - on at most two cores ("chained"), a side thread computes the descriptive numbers while
 *   this one builds the member index, then fits the survival models (they need the index and
 *   nothing from the logistic fits), while this thread fits the logits and runs the
 *   logit-only specifications; the correlation matrix and case and member influence (once
 *   the verdicts are in, robustness.h) go to whichever thread is free first: two busy
 *   threads, the work split about evenly whichever part takes longer on the data;
 * - on more cores ("spread") one thread computes the descriptive numbers from the start and
 *   another the survival models once the index is built, while this one builds the index,
 *   fits the logits, their specifications and influence;
 * - with options->threads 1 (or when no thread can be started), everything runs here.
 * The descriptive and survival parts each write a qa_results of their own, moved into the
 * results after (survival models after the logit ones; survival warnings before descriptive
 * ones), and influence adds its warnings at the point it would have here, so the results
 * are the same on any machine. (Building the index on the side thread beside the frame was
 * tried: where names are many, 2.5 million in bench's `big`, its random reads into the name
 * counters ran at half speed beside this thread's streaming passes, and the run took 0.4 s
 * longer.) */
typedef struct {
    const qa_frame *frame;
    qa_results side;
    int cox_joint;
    qa_mde_design *designs;
    qa_status status;
} side_job;

static void *survival_run(void *argument)
{
    side_job *job = argument;
    job->status = qa_primary_survival(job->frame, &job->side, &job->cox_joint, job->designs);
    return NULL;
}

static void *descriptive_run(void *argument)
{
    side_job *job = argument;
    job->status = qa_summaries_fill(job->frame, &job->side);
    if (job->status == QA_OK)
        job->status = qa_correlation_matrix_fill(job->frame, &job->side);
    return NULL;
}

static void side_init(side_job *job, const qa_frame *frame, const qa_analysis_options *options,
                      qa_mde_design *designs)
{
    *job = (side_job){.frame = frame, .cox_joint = -1, .designs = designs, .status = QA_OK};
    qa_results_init(&job->side);
    job->side.options = *options;
    for (int t = 0; t < QA_TEST_COUNT; t++)
        job->side.tests[t].cox_model = -1;
}

/* Runs job in a thread of its own, or here when none can be started; true when threaded. */
static bool side_start(pthread_t *thread, void *(*run)(void *), void *job)
{
    if (pthread_create(thread, NULL, run, job) == 0)
        return true;
    run(job);
    return false;
}

/* The side thread (chained): the member index (from the dataset, while the main thread
 * builds the frame and computes the descriptive numbers), the survival models, then
 * whichever of the correlation matrix and influence the main thread has not taken. Its
 * states move from 0 (pending) to 1 (done) or -1 (failed, or not to be done), under `lock`;
 * a task is claimed (its flag set under `lock`) by the thread that runs it. */
typedef struct {
    const qa_dataset *dataset;
    const qa_analysis_options *options;
    qa_results *results; /* the main results, which influence fills */
    pthread_t thread;
    bool threaded, chained;
    bool spread;    /* not chained: the descriptive and survival parts get threads of their own */
    bool influence; /* chained, with influence a task for either thread after the verdicts */
    qa_member_index index;
    qa_status index_status, influence_status, correlation_status;
    qa_error index_error, influence_error;
    bool influence_claimed, correlation_claimed;
    side_job *survival;         /* set with the frame */
    side_job *descriptive;      /* set with the frame */
    const qa_frame *main_frame; /* set with the frame */
    qa_frame frame;             /* chained: the main frame's copy, with the index */
    pthread_mutex_t lock;
    pthread_cond_t changed;
    int index_state, frame_state, verdict_state;
} side_thread;

/* The lock, when there is a side thread to share with. */
static void side_lock(side_thread *s)
{
    if (s->threaded)
        pthread_mutex_lock(&s->lock);
}

static void side_unlock(side_thread *s)
{
    if (s->threaded)
        pthread_mutex_unlock(&s->lock);
}

/* Wakes the other thread to what was set under the lock, and unlocks. */
static void side_publish(side_thread *s)
{
    if (s->threaded)
        pthread_cond_broadcast(&s->changed);
    side_unlock(s);
}

static void side_set(side_thread *s, int *state, int value)
{
    side_lock(s);
    *state = value;
    side_publish(s);
}

/* Waits until *state is no longer pending (with the lock held on return when threaded). */
static int side_wait_locked(side_thread *s, const int *state)
{
    side_lock(s);
    while (s->threaded && *state == 0)
        pthread_cond_wait(&s->changed, &s->lock);
    return *state;
}

/* Claims a task for this thread: true when no thread has claimed it before. */
static bool side_claim(side_thread *s, bool *claimed)
{
    side_lock(s);
    bool mine = !*claimed;
    *claimed = true;
    side_unlock(s);
    return mine;
}

static void correlation_task(side_thread *s, const qa_frame *frame)
{
    if (side_claim(s, &s->correlation_claimed)) /* (only the matrix of the descriptive side) */
        s->correlation_status = qa_correlation_matrix_fill(frame, &s->descriptive->side);
}

static void influence_task(side_thread *s, const qa_frame *frame)
{
    if (s->influence && side_claim(s, &s->influence_claimed))
        s->influence_status =
            qa_robustness_influence(s->options, frame, s->results, &s->influence_error);
}

static void *side_thread_run(void *argument)
{
    side_thread *s = argument;
    s->index_status = qa_member_index_build_dataset(s->dataset, &s->index, &s->index_error);
    side_set(s, &s->index_state, s->index_status == QA_OK ? 1 : -1);
    bool go = side_wait_locked(s, &s->frame_state) > 0 && s->index_status == QA_OK;
    if (go) {
        s->frame = *s->main_frame;
        s->frame.members = &s->index;
        s->survival->frame = &s->frame;
    }
    side_unlock(s);
    if (!go)
        return NULL;
    survival_run(s->survival);
    correlation_task(s, &s->frame);
    if (!s->influence)
        return NULL;
    go = side_wait_locked(s, &s->verdict_state) > 0;
    side_unlock(s);
    if (go)
        influence_task(s, &s->frame);
    return NULL;
}

/* Decides the schedule (options->threads: 2 chained, 3 spread, 1 neither; 0 by the
 * machine's cores) and, chained, starts the side thread, which builds the member index of
 * `dataset` and then waits for the frame; when it cannot be started, everything runs in this
 * thread. */
static void side_thread_start(side_thread *s, const qa_dataset *dataset,
                              const qa_analysis_options *options, bool robustness,
                              qa_results *results)
{
    *s = (side_thread){.dataset = dataset, .options = options, .results = results};
    unsigned threads = options->threads;
    if (threads == 0) {
        long cores = sysconf(_SC_NPROCESSORS_ONLN);
        threads = cores >= 1 && cores <= 2 ? 2 : 3;
    }
    s->spread = threads >= 3;
    if (threads != 2 || pthread_mutex_init(&s->lock, NULL) != 0)
        return;
    if (pthread_cond_init(&s->changed, NULL) == 0) {
        s->threaded = s->chained = true;
        /* (where influence is not computed, robustness.h records why, here or there) */
        s->influence = robustness && options->durability != QA_DURABILITY_COX &&
                       options->influence != QA_INFLUENCE_NONE && !options->member_se;
        if (pthread_create(&s->thread, NULL, side_thread_run, s) == 0)
            return;
        pthread_cond_destroy(&s->changed);
    }
    pthread_mutex_destroy(&s->lock);
    *s = (side_thread){.dataset = dataset, .options = options, .results = results};
}

/* Releases anything the side thread still waits for, joins it. The index stays. */
static void side_thread_join(side_thread *s)
{
    side_set(s, &s->frame_state, s->frame_state ? s->frame_state : -1);
    side_set(s, &s->index_state, s->index_state ? s->index_state : -1);
    side_set(s, &s->verdict_state, s->verdict_state ? s->verdict_state : -1);
    if (!s->threaded)
        return;
    pthread_join(s->thread, NULL);
    pthread_cond_destroy(&s->changed);
    pthread_mutex_destroy(&s->lock);
    s->threaded = false;
}

static qa_status survival_merge(qa_results *results, qa_results *side)
{
    int offset = (int)results->model_count;
    for (size_t i = 0; i < side->model_count; i++) {
        if (qa_results_add_model(results, &side->models[i]) < 0)
            return QA_ERR_MEMORY;
        side->models[i].terms = NULL; /* moved */
    }
    for (int t = 0; t < QA_TEST_COUNT; t++) {
        if (results->tests[t].outcome != QA_OUTCOME_DURABILITY)
            continue;
        int cox = side->tests[t].cox_model;
        results->tests[t].cox_model = cox >= 0 ? cox + offset : -1;
        results->tests[t].km = side->tests[t].km;
    }
    for (size_t i = 0; i < side->warning_count; i++)
        if (!qa_results_warn(results, "%s", side->warnings[i]))
            return QA_ERR_MEMORY;
    memcpy(results->km_curves, side->km_curves, sizeof results->km_curves);
    memset(side->km_curves, 0, sizeof side->km_curves);
    results->ph_tests = side->ph_tests;
    results->ph_test_count = side->ph_test_count;
    side->ph_tests = NULL;
    side->ph_test_count = 0;
    return QA_OK;
}

static qa_status descriptive_merge(qa_results *results, qa_results *side)
{
    for (size_t i = 0; i < side->warning_count; i++)
        if (!qa_results_warn(results, "%s", side->warnings[i]))
            return QA_ERR_MEMORY;
    results->correlations = side->correlations;
    results->variable_count = side->variable_count;
    memcpy(results->variables, side->variables, sizeof results->variables);
    results->category_count = side->category_count;
    memcpy(results->categories, side->categories, sizeof results->categories);
    side->category_count = 0;
    results->dropped = side->dropped;
    results->dropped_count = side->dropped_count;
    results->dropped_capacity = side->dropped_capacity;
    side->dropped = NULL;
    results->unknown_columns = side->unknown_columns;
    results->unknown_column_count = side->unknown_column_count;
    side->unknown_columns = NULL;
    side->unknown_column_count = 0;
    return QA_OK;
}

static qa_status logit_part(const qa_frame *frame, const qa_analysis_options *options,
                            qa_results *results, int joint[2], qa_mde_design *designs,
                            qa_sample_cache *cache)
{
    for (int o = 0; o < QA_OUTCOME_COUNT; o++) {
        qa_status status =
            qa_primary_logit_tests(frame, options, (qa_outcome)o, results, designs, cache);
        if (status == QA_OK)
            status = qa_primary_joint_logit(frame, options, (qa_outcome)o, results, &joint[o]);
        if (status != QA_OK)
            return status;
    }
    return QA_OK;
}

/* Runs everything on a built frame, with the side thread (its member index built or being
 * built); with `robustness`, the robustness checks too, the logit-only specifications while
 * the survival models are still being fitted. Joins the side thread and frees the index. */
static qa_status analyse_frame(qa_frame *frame, const qa_analysis_options *options, bool robustness,
                               qa_results *results, qa_error *error, side_thread *side)
{
    int joint[2] = {-1, -1};
    for (int k = 0; k < QA_HYPOTHESIS_COUNT; k++) {
        results->cronbach_raw[k] = frame->cronbach_raw[k];
        results->cronbach_standardized[k] = frame->cronbach_standardized[k];
        results->measure_indicator_count[k] = frame->dataset->measure_column_count[k];
        char *source = results->measure_source[k];
        size_t size = sizeof results->measure_source[k], used = 0;
        source[0] = '\0';
        for (size_t c = 0; c < frame->dataset->measure_column_count[k] && used < size; c++) {
            const char *name = frame->dataset->columns[frame->dataset->measure_columns[k][c]].name;
            int written = snprintf(source + used, size - used, "%s%s", c ? ", " : "", name);
            used += written > 0 ? (size_t)written : 0;
        }
    }
    counts_fill(frame, results);
    qa_mde_design designs[QA_TEST_COUNT];
    memset(designs, 0, sizeof designs);
    qa_sample_cache cache = {0}; /* the primary's tables, for the method switch */
    side_job descriptive, survival;
    side_init(&descriptive, frame, options, designs);
    side_init(&survival, frame, options, designs);
    side_lock(side);
    side->survival = &survival;
    side->descriptive = &descriptive;
    side->main_frame = frame;
    side->frame_state = 1;
    side_publish(side);
    pthread_t descriptive_thread, survival_thread;
    bool descriptive_threaded = false, survival_threaded = false;
    if (side->spread)
        descriptive_threaded = side_start(&descriptive_thread, descriptive_run, &descriptive);
    else if (!side->chained)
        descriptive_run(&descriptive);
    else /* while the side thread builds the member index (the matrix is a task for later) */
        descriptive.status = qa_summaries_fill(frame, &descriptive.side);
    qa_status status;
    if (side->chained) {
        status = side_wait_locked(side, &side->index_state) > 0 ? QA_OK : side->index_status;
        side_unlock(side);
        if (status != QA_OK)
            *error = side->index_error;
    } else {
        status = qa_member_index_build_dataset(frame->dataset, &side->index, error);
    }
    bool indexed = status == QA_OK;
    side_lock(side);
    if (indexed)
        frame->members = &side->index;
    side->index_state = indexed ? 1 : -1;
    side_publish(side);
    if (indexed) {
        if (side->spread)
            survival_threaded = side_start(&survival_thread, survival_run, &survival);
        else if (!side->chained)
            survival_run(&survival);
        /* With the logit deciding, the verdicts and the logit-only specifications need
         * nothing from the survival side and run while it is computed; with Cox deciding,
         * after it. */
        status = logit_part(frame, options, results, joint, designs, &cache);
    }
    bool cox = options->durability == QA_DURABILITY_COX;
    if (status == QA_OK && !cox)
        verdicts_fill(results);
    side_set(side, &side->verdict_state, status == QA_OK ? 1 : -1);
    qa_status robustness_status = QA_OK;
    if (status == QA_OK && robustness && !cox)
        robustness_status =
            side->influence
                ? qa_robustness_logit_matrix(options, frame, results, &cache, error)
                : qa_robustness_logit_specifications(options, frame, results, &cache, error);
    if (side->chained) { /* what the side thread has not taken yet */
        if (status == QA_OK && robustness_status == QA_OK)
            influence_task(side, frame);
        correlation_task(side, frame);
    }
    if (survival_threaded)
        pthread_join(survival_thread, NULL);
    if (descriptive_threaded)
        pthread_join(descriptive_thread, NULL);
    side_thread_join(side);
    if (side->chained && descriptive.status == QA_OK)
        descriptive.status = side->correlation_status;
    if (side->influence && status == QA_OK && robustness_status == QA_OK &&
        side->influence_status != QA_OK) {
        robustness_status = side->influence_status;
        *error = side->influence_error;
    }
    bool memory = indexed; /* a failure other than the index's is out of memory */
    if (status == QA_OK)
        status = survival.status;
    if (status == QA_OK)
        status = descriptive.status;
    if (status == QA_OK)
        status = survival_merge(results, &survival.side);
    if (status == QA_OK)
        status = descriptive_merge(results, &descriptive.side);
    if (status == QA_OK)
        qa_mde_fill(options, designs, results);
    for (int t = 0; t < QA_TEST_COUNT; t++)
        qa_mde_design_free(&designs[t]);
    qa_results_free(&survival.side);
    qa_results_free(&descriptive.side);
    if (status != QA_OK) {
        qa_member_index_free(&side->index);
        qa_sample_cache_free(&cache);
        frame->members = NULL;
        return memory ? qa_error_set(error, status, NULL, 0, NULL, NULL, "out of memory") : status;
    }
    if (cox) {
        cox_decides(results);
        verdicts_fill(results);
        if (robustness)
            robustness_status =
                qa_robustness_logit_specifications(options, frame, results, &cache, error);
    }
    if (robustness_status == QA_OK) {
        directions_fill(results, joint);
        if (options->bootstrap > 0 &&
            (status = qa_bootstrap_fill(frame, options, results)) != QA_OK)
            status = qa_error_set(error, status, NULL, 0, NULL, NULL, "out of memory");
        else if (robustness)
            status = qa_robustness_finish(frame->dataset, options, frame, results, error);
    } else {
        status = robustness_status;
    }
    qa_member_index_free(&side->index);
    qa_sample_cache_free(&cache);
    frame->members = NULL;
    return status;
}

static void input_fill(const qa_dataset *dataset, qa_results *results)
{
    snprintf(results->input.path, sizeof results->input.path, "%s", dataset->path);
    snprintf(results->input.sha256, sizeof results->input.sha256, "%s", dataset->sha256);
    results->input.rows = dataset->rows;
}

qa_status qa_analysis_run_subset(const qa_dataset *dataset, const qa_analysis_options *options,
                                 const unsigned char *extra, bool robustness, qa_results *results,
                                 qa_error *error)
{
    results->options = *options;
    input_fill(dataset, results);
    side_thread side; /* (chained: started now, it builds the member index) */
    side_thread_start(&side, dataset, options, robustness, results);
    qa_frame frame;
    qa_status status = qa_frame_build(dataset, options, extra, NULL, &frame, error);
    if (status != QA_OK) {
        side_thread_join(&side);
        qa_member_index_free(&side.index);
        return status;
    }
    status = analyse_frame(&frame, options, robustness, results, error, &side);
    qa_frame_free(&frame);
    return status;
}

qa_status qa_analysis_run(const qa_dataset *dataset, const qa_analysis_options *options,
                          qa_results *results, qa_error *error)
{
    return qa_analysis_run_subset(dataset, options, NULL, false, results, error);
}

qa_status qa_analysis_run_full(const qa_dataset *dataset, const qa_analysis_options *options,
                               qa_results *results, qa_error *error)
{
    return qa_analysis_run_subset(dataset, options, NULL, true, results, error);
}
