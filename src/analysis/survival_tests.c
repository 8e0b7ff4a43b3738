/* The survival view of durability (docs/METHODS.md §4.8): Cox models of the end of cooperation
 * on each measure and on all five (Efron ties), and Kaplan–Meier curves above vs at or
 * below the measure's median with the log-rank test. A hazard ratio below 1 means more
 * durable. */
#include "primary.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qareport/descriptives.h"
#include "qareport/member_robust.h"

/* The proportional-hazards check (docs/METHODS.md §5.12, §6.6) is done on the fit at hand, so no
 * Cox model is fitted twice: cox.zph(transform = "km"), a row per term and GLOBAL. */
static bool ph_test_run(qa_results *results, const char *model, const qa_cox_data *data,
                        const qa_cox_result *fit, const char *const *names)
{
    qa_cox_zph_result zph;
    memset(&zph, 0, sizeof zph);
    qa_error error;
    bool ok = true;
    if (qa_cox_zph(data, fit, &zph, &error) == QA_OK) {
        for (size_t j = 0; j <= zph.terms && ok; j++)
            ok = qa_results_add_ph_test(results, model, j < zph.terms ? names[j] : "GLOBAL",
                                        zph.chi2[j], zph.df[j], zph.p[j]);
    } else {
        ok = qa_results_warn(results, "%s: proportional-hazards test not computed: %s", model,
                             error.message);
    }
    qa_cox_zph_result_free(&zph);
    return ok;
}

/* Fits and records a Cox model of `full`. `counted` (may be NULL) is the Cox sample that
 * gathered full's rows, of a measure of radix `radix`: when it holds their counts
 * (frame.h cox_cells), the distinct rows come from them instead of a pass over the rows. */
static int cox_run(qa_results *results, const char *name, const qa_cox_data *full,
                   const qa_sample *counted, unsigned radix, const char *const *names,
                   const qa_frame *frame, const qa_model_rows *rows)
{
    size_t n = 0, events = 0;
    for (size_t i = 0; i < full->n; i++) {
        double w = full->weights ? full->weights[i] : 1;
        n += (size_t)w;
        events += full->status[i] == 1 ? (size_t)w : 0;
    }
    if (n < QA_MIN_CASES || events == 0) {
        char reason[128];
        snprintf(reason, sizeof reason,
                 "%zu cases with %zu ended (at least 10 cases and one "
                 "end needed)",
                 n, events);
        return qa_models_add_unavailable(results, name, QA_MODEL_COX, QA_OUTCOME_DURABILITY, n,
                                         reason);
    }
    qa_cox_options options;
    qa_cox_options_default(&options);
    options.concordance_se = false; /* not reported */
    qa_cox_result fit;
    memset(&fit, 0, sizeof fit);
    qa_error error;
    qa_error_clear(&error);
    /* Whole-year durations and coded measures repeat: the fit on the distinct (time, status,
     * x) rows with frequency weights is the fit on all rows (survival.h). */
    qa_cox_compressed compressed;
    memset(&compressed, 0, sizeof compressed);
    bool from_counts = counted && counted->cox_cells > 0;
    if (!full->weights && full->n >= 32 &&
        (from_counts
             ? qa_cox_compress_counted(counted->cox_counts + 1, radix, frame->cox_time_radix,
                                       full->n / 4, &compressed, &error)
             : qa_cox_compress(full, full->n / 4, &compressed, &error)) != QA_OK)
        memset(&compressed, 0, sizeof compressed);
    const qa_cox_data *data = compressed.data.n > 0 ? &compressed.data : full;
    int index;
    if (qa_cox_fit(data, &options, &fit, &error) == QA_OK) {
        index = qa_models_add_cox(results, name, &fit, names);
        if (index >= 0 && !ph_test_run(results, name, data, &fit, names))
            index = -1;
        if (index >= 0 &&
            qa_member_cox_terms(frame, rows, data, &fit, results->models[index].terms) != QA_OK)
            index = -1;
        qa_models_set_interval_sds(results, index, frame, rows); /* METHODS §4.14 */
    } else {
        char reason[256];
        snprintf(reason, sizeof reason, "Cox fit failed: %.200s", error.message);
        index = qa_models_add_unavailable(results, name, QA_MODEL_COX, QA_OUTCOME_DURABILITY, n,
                                          reason);
    }
    qa_cox_result_free(&fit);
    qa_cox_compressed_free(&compressed);
    return index;
}

static qa_status curve_store(qa_km_curve *curve, const qa_km_result *km)
{
    /* A step curve from (0, 1): each time point twice, before and after the drop. */
    size_t count = 1 + 2 * km->count;
    curve->time = malloc(count * sizeof(double));
    curve->survival = malloc(count * sizeof(double));
    if (!curve->time || !curve->survival)
        return QA_ERR_MEMORY;
    curve->time[0] = 0;
    curve->survival[0] = 1;
    size_t j = 1;
    double previous = 1;
    for (size_t i = 0; i < km->count; i++) {
        curve->time[j] = km->time[i];
        curve->survival[j++] = previous;
        curve->time[j] = km->time[i];
        curve->survival[j++] = km->survival[i];
        previous = km->survival[i];
    }
    curve->count = j;
    double **rows[4] = {&curve->row_time, &curve->row_n_risk, &curve->row_n_censor,
                        &curve->row_survival};
    const double *source[4] = {km->time, km->n_risk, km->n_censor, km->survival};
    for (int r = 0; r < 4; r++) {
        *rows[r] = malloc((km->count ? km->count : 1) * sizeof(double));
        if (!*rows[r])
            return QA_ERR_MEMORY;
        memcpy(*rows[r], source[r], km->count * sizeof(double));
    }
    curve->row_count = km->count;
    return QA_OK;
}

/* The per-case arrays of km_run, kept from one test to the next (a million cases: no fresh
 * pages each time). */
typedef struct {
    size_t capacity;
    int *group;
    double *time, *status; /* group 0 from the front, group 1 from the back */
} km_scratch;

static void km_scratch_free(km_scratch *k)
{
    free(k->group);
    free(k->time);
    free(k->status);
    memset(k, 0, sizeof *k);
}

/* KM above vs at-or-below the median of the measure over the Cox sample. */
static qa_status km_run(const qa_sample *sample, km_scratch *scratch, qa_km_summary *summary,
                        qa_km_curve curves[2])
{
    memset(summary, 0, sizeof *summary);
    summary->median_above = summary->median_at_or_below = NAN;
    summary->logrank_chi2 = summary->logrank_p = summary->split = NAN;
    if (sample->n < 2)
        return QA_OK;
    size_t n = sample->n;
    if (scratch->capacity < n) {
        km_scratch_free(scratch);
        scratch->group = malloc(n * sizeof *scratch->group);
        scratch->time = malloc(n * sizeof *scratch->time);
        scratch->status = malloc(n * sizeof *scratch->status);
        if (!scratch->group || !scratch->time || !scratch->status) {
            km_scratch_free(scratch);
            return QA_ERR_MEMORY;
        }
        scratch->capacity = n;
    }
    int *group = scratch->group;
    qa_descriptives measure;
    if (qa_descriptives_compute(sample->x, n, &measure) != QA_OK)
        return QA_ERR_MEMORY;
    summary->split = measure.median; /* R's median (type-7 at 0.5), without a full sort */
    /* group 0 (above) written from the front, group 1 from the back: the curves do not
     * depend on the order of the cases */
    size_t count[2] = {0, 0};
    for (size_t i = 0; i < n; i++) {
        int g = sample->x[i] > summary->split ? 0 : 1;
        group[i] = g;
        size_t at = g == 0 ? count[0] : n - 1 - count[1];
        scratch->time[at] = sample->time[i];
        scratch->status[at] = sample->status[i];
        count[g]++;
    }
    summary->n_above = count[0];
    summary->n_at_or_below = count[1];
    if (count[0] == 0 || count[1] == 0)
        return QA_OK;
    const double *time[2] = {scratch->time, scratch->time + count[0]};
    const double *status[2] = {scratch->status, scratch->status + count[0]};
    double medians[2];
    for (int g = 0; g < 2; g++) {
        qa_km_result km;
        memset(&km, 0, sizeof km);
        qa_error error;
        if (qa_km_fit(time[g], status[g], count[g], &km, &error) != QA_OK) {
            qa_km_result_free(&km);
            return QA_OK;
        }
        medians[g] = km.median;
        qa_status result = curve_store(&curves[g], &km);
        qa_km_result_free(&km);
        if (result != QA_OK)
            return result;
    }
    qa_error error;
    if (qa_logrank(sample->time, sample->status, group, n, &summary->logrank_chi2,
                   &summary->logrank_p, &error) != QA_OK)
        summary->logrank_chi2 = summary->logrank_p = NAN;
    summary->median_above = medians[0];
    summary->median_at_or_below = medians[1];
    summary->available = true;
    return QA_OK;
}

/* Events and the measure's variance (n denominator) and sd (n − 1) over the Cox sample; a
 * measure of extreme magnitude is taken times 2^cox_exponent, as the fits scale it
 * (qa_member_scale_exponents), so that the squares neither overflow nor underflow. */
static void cox_mde_design(const qa_sample *sample, qa_mde_design *design)
{
    double events = 0, sum = 0, squares = 0;
    int e;
    qa_member_scale_exponents(sample->x, sample->n, 1, &e);
    for (size_t i = 0; i < sample->n; i++) {
        events += sample->status[i] == 1;
        sum += e ? ldexp(sample->x[i], e) : sample->x[i];
    }
    double mean = sample->n ? sum / (double)sample->n : NAN;
    for (size_t i = 0; i < sample->n; i++) {
        double d = (e ? ldexp(sample->x[i], e) : sample->x[i]) - mean;
        squares += d * d;
    }
    design->cox_exponent = e;
    design->cox_events = events;
    design->cox_variance = sample->n ? squares / (double)sample->n : NAN;
    design->cox_sd = sample->n > 1 ? sqrt(squares / (double)(sample->n - 1)) : NAN;
}

qa_status qa_primary_survival(const qa_frame *frame, qa_results *results, int *joint_index,
                              qa_mde_design *designs)
{
    qa_sample sample = {0};
    km_scratch km = {0};
    for (int k = 0; k < QA_HYPOTHESIS_COUNT; k++) {
        qa_test_result *test = qa_results_test(results, k, QA_OUTCOME_DURABILITY);
        char name[QA_NAME_TEXT];
        snprintf(name, sizeof name, "cox_%s", qa_measure_name(k));
        if (!frame->measure[k]) {
            test->cox_model = qa_models_add_unavailable(results, name, QA_MODEL_COX,
                                                        QA_OUTCOME_DURABILITY, 0, "measure absent");
            continue;
        }
        if (qa_sample_gather(frame, QA_SAMPLE_COX, k, &sample) != QA_OK) {
            qa_sample_free(&sample);
            km_scratch_free(&km);
            return QA_ERR_MEMORY;
        }
        if (frame->controls_all) {
            /* --controls-in all: the measure's hazard ratio adjusted for the controls */
            qa_design design;
            if (qa_design_measure(frame, QA_SAMPLE_COX, k, &design) != QA_OK) {
                qa_design_free(&design);
                qa_sample_free(&sample);
                km_scratch_free(&km);
                return QA_ERR_MEMORY;
            }
            qa_cox_data data = {design.n,    design.p,      design.x,
                                design.time, design.status, design.weights};
            qa_model_rows rows; /* the measure's Cox cases complete on the controls */
            qa_model_rows_univariate(frame, QA_SAMPLE_COX, k, &rows);
            for (size_t c = 0; c < frame->control_count && rows.count < QA_HYPOTHESIS_COUNT + 64;
                 c++)
                rows.columns[rows.count++] = frame->control_values[c];
            test->cox_model = cox_run(results, name, &data, NULL, 0, design.names, frame, &rows);
            qa_design_free(&design);
        } else {
            const char *names[1] = {qa_measure_name(k)};
            qa_cox_data data = {sample.n, 1, sample.x, sample.time, sample.status, NULL};
            qa_model_rows rows;
            qa_model_rows_univariate(frame, QA_SAMPLE_COX, k, &rows);
            rows.keys = sample.keyed ? sample.key : NULL;
            test->cox_model = cox_run(results, name, &data, &sample, frame->measure_radix[k], names,
                                      frame, &rows);
        }
        /* the effect per SD (METHODS §4.14): SD over the Cox sample, the model's cases */
        qa_models_set_measure_sd(results, test->cox_model, k, qa_sample_sd(&sample));
        if (designs)
            cox_mde_design(&sample, &designs[k * 2 + QA_OUTCOME_DURABILITY]);
        qa_status status = km_run(&sample, &km, &test->km, results->km_curves[k]);
        if (status != QA_OK || test->cox_model < 0) {
            qa_sample_free(&sample);
            km_scratch_free(&km);
            return QA_ERR_MEMORY;
        }
    }
    qa_sample_free(&sample);
    km_scratch_free(&km);
    qa_design design;
    if (qa_design_joint(frame, QA_SAMPLE_COX, &design) != QA_OK) {
        qa_design_free(&design);
        return QA_ERR_MEMORY;
    }
    if (design.p == 0)
        *joint_index = qa_models_add_unavailable(results, "cox_joint", QA_MODEL_COX,
                                                 QA_OUTCOME_DURABILITY, 0, "no measures");
    else {
        qa_cox_data data = {design.n,    design.p,      design.x,
                            design.time, design.status, design.weights};
        qa_model_rows rows;
        qa_model_rows_joint(frame, QA_SAMPLE_COX, &rows);
        *joint_index = cox_run(results, "cox_joint", &data, NULL, 0, design.names, frame, &rows);
    }
    qa_design_free(&design);
    return *joint_index < 0 ? QA_ERR_MEMORY : QA_OK;
}
