/* Fitting rules shared by the primary analysis and the robustness reruns: SPEC's Firth rule
 * with the exact separation check, and the verdict rule with multiplicity adjustment. */
#include "frame.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "qareport/padjust.h"

/* One predictor with an intercept: the data are (quasi-)completely separated exactly when
 * the predictor's ranges in the two outcome groups overlap in at most one point — the
 * Konis (2007) LP reduces to this, and it costs one pass instead of a simplex. */
static bool univariate_separated(const qa_logit_data *data)
{
    double max0 = -INFINITY, min0 = INFINITY, max1 = -INFINITY, min1 = INFINITY;
    for (size_t i = 0; i < data->n; i++) {
        double x = data->x[i * 2 + 1];
        if (data->y[i] == 1) {
            max1 = fmax(max1, x);
            min1 = fmin(min1, x);
        } else {
            max0 = fmax(max0, x);
            min0 = fmin(min0, x);
        }
    }
    return max0 <= min1 || max1 <= min0;
}

/* Separation of the whole data implies separation of every subset (the same direction
 * separates it), so a subset that is not separated proves the whole is not: check an evenly
 * spaced subsample first and the full data only when the subsample is separated. */
static qa_status separated_exact(const qa_logit_data *data, bool *separated, qa_error *error)
{
    enum { SUBSAMPLE = 2000 };
    if (data->p == 2 && data->n > 0) {
        *separated = univariate_separated(data);
        return QA_OK;
    }
    if (data->n > 4 * SUBSAMPLE) {
        size_t step = data->n / SUBSAMPLE;
        double *x = malloc(SUBSAMPLE * data->p * sizeof *x);
        double *y = malloc(SUBSAMPLE * sizeof *y);
        if (!x || !y) {
            free(x);
            free(y);
            return qa_error_set(error, QA_ERR_MEMORY, NULL, 0, NULL, NULL, "out of memory");
        }
        for (size_t i = 0; i < SUBSAMPLE; i++) {
            memcpy(x + i * data->p, data->x + i * step * data->p, data->p * sizeof *x);
            y[i] = data->y[i * step];
        }
        qa_logit_data subsample = {SUBSAMPLE, data->p, x, y, NULL};
        bool sub_separated = true;
        qa_status status = qa_logit_separation(&subsample, &sub_separated, NULL, error);
        free(x);
        free(y);
        if (status != QA_OK)
            return status;
        if (!sub_separated) {
            *separated = false;
            return QA_OK;
        }
    }
    return qa_logit_separation(data, separated, NULL, error);
}

qa_status qa_fit_logit_rule(const qa_logit_data *data, qa_firth_mode mode, bool compute_vif,
                            qa_logit_result *result, bool *separated, qa_error *error)
{
    return qa_fit_logit_rule_options(data, mode, compute_vif, true, result, separated, error);
}

/* Coded data have few distinct (x row, y) pairs: the fit on them with frequency weights is
 * the fit on all rows (logit.h), at a fraction of the cost for large n. */
static qa_status fit_compressed(const qa_logit_data *data, qa_firth_mode mode,
                                const qa_logit_options *options, qa_logit_result *result,
                                bool *separated, qa_error *error)
{
    *separated = false;
    bool firth = mode == QA_FIRTH_ALWAYS;
    if (mode != QA_FIRTH_ALWAYS) {
        qa_status status = separated_exact(data, separated, error);
        if (status != QA_OK)
            return status;
        firth = mode == QA_FIRTH_AUTO && *separated;
    }
    if (firth)
        return qa_logit_firth_fit(data, options, result, error);
    return qa_logit_fit(data, options, result, error);
}

qa_status qa_fit_logit_rule_options(const qa_logit_data *data, qa_firth_mode mode, bool compute_vif,
                                    bool intervals, qa_logit_result *result, bool *separated,
                                    qa_error *error)
{
    enum { COMPRESS_FROM = 32 }; /* small enough that the R-checked test data take this path */
    qa_logit_options options;
    qa_logit_options_default(&options);
    options.compute_vif = compute_vif;
    options.skip_profile = !intervals;
    qa_logit_compressed compressed;
    memset(&compressed, 0, sizeof compressed);
    if (data->n >= COMPRESS_FROM && !data->weights) {
        qa_status status = qa_logit_compress(data, data->n / 4, false, &compressed, error);
        if (status != QA_OK)
            return status;
    }
    const qa_logit_data *fitted = compressed.data.n > 0 ? &compressed.data : data;
    qa_status status = fit_compressed(fitted, mode, &options, result, separated, error);
    qa_logit_compressed_free(&compressed);
    return status;
}

/* The p.adjust method of an --adjust choice. */
static qa_padjust_method padjust_method(qa_adjust_method method)
{
    switch (method) {
    case QA_ADJUST_BH:
        return QA_PADJUST_BH;
    case QA_ADJUST_NONE:
        return QA_PADJUST_NONE;
    case QA_ADJUST_HOLM:
    default:
        return QA_PADJUST_HOLM;
    }
}

/* SPEC "Verdict": supported = B > 0 and adjusted p < alpha; contradicted = B < 0 and
 * adjusted p < alpha; not supported otherwise; adjustment over the testable tests only.
 * One-sided tests in the hypothesised (positive) direction: p/2 when B > 0, 1 - p/2 when not. */
void qa_judge(const qa_analysis_options *options, const double *b, const double *p,
              const bool *testable, double *p_adjusted, qa_verdict *verdicts)
{
    double tested[QA_TEST_COUNT];
    for (int t = 0; t < QA_TEST_COUNT; t++) {
        tested[t] = NAN;
        if (!testable[t])
            continue;
        double two_sided = isnan(p[t]) ? 1.0 : p[t];
        tested[t] = options->one_sided ? (b[t] > 0 ? two_sided / 2 : 1 - two_sided / 2) : two_sided;
    }
    qa_p_adjust(tested, QA_TEST_COUNT, padjust_method(options->adjust), p_adjusted);
    for (int t = 0; t < QA_TEST_COUNT; t++) {
        if (!testable[t]) {
            verdicts[t] = QA_VERDICT_NOT_TESTABLE;
            p_adjusted[t] = NAN;
        } else if (p_adjusted[t] < options->alpha && b[t] > 0) {
            verdicts[t] = QA_VERDICT_SUPPORTED;
        } else if (p_adjusted[t] < options->alpha && b[t] < 0) {
            verdicts[t] = QA_VERDICT_CONTRADICTED;
        } else {
            verdicts[t] = QA_VERDICT_NOT_SUPPORTED;
        }
    }
}
