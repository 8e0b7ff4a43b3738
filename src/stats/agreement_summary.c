/* qa_agreement_compute: every agreement statistic of one coded column in two codings, as
 * `qareport compare` reports it. A statistic that the data leave undefined (one category, one
 * value) becomes NaN with a flag and a sentence, so the other statistics are still reported. */
#include "qareport/agreement.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void agreement_clear(qa_agreement *out)
{
    memset(out, 0, sizeof *out);
    out->percent = out->cohen_kappa = out->weighted_kappa = out->gwet_ac1 = NAN;
    out->krippendorff_alpha = out->alpha_ci_lower = out->alpha_ci_upper = NAN;
}

/* A QA_ERR_NUMERIC from one statistic marks it undefined and keeps its message; any other
 * failure is passed up. */
static qa_status note_undefined(qa_agreement *out, qa_status status, unsigned flag,
                                const qa_error *piece, qa_error *error)
{
    if (status == QA_OK)
        return QA_OK;
    if (status != QA_ERR_NUMERIC) {
        if (error)
            *error = *piece;
        return status;
    }
    out->undefined |= flag;
    size_t used = strlen(out->note);
    snprintf(out->note + used, sizeof out->note - used, "%s%s.", used ? " " : "",
             piece->message);
    return QA_OK;
}

static qa_status compute_alpha(const double *a, const double *b, size_t n,
                               qa_measurement_level level, size_t bootstrap_replicates,
                               unsigned long seed, double confidence, qa_agreement *out,
                               qa_error *error)
{
    double *data = malloc(2 * n * sizeof *data);
    if (!data)
        return qa_error_set(error, QA_ERR_MEMORY, NULL, 0, NULL, NULL,
                            "out of memory for %zu units", n);
    memcpy(data, a, n * sizeof *data);
    memcpy(data + n, b, n * sizeof *data);
    qa_error piece;
    qa_status status = qa_krippendorff_alpha(data, 2, n, level, &out->krippendorff_alpha, &piece);
    status = note_undefined(out, status, QA_AGREEMENT_ALPHA_UNDEFINED, &piece, error);
    bool alpha_defined = status == QA_OK && !(out->undefined & QA_AGREEMENT_ALPHA_UNDEFINED);
    if (alpha_defined && bootstrap_replicates > 0) {
        status = qa_krippendorff_alpha_bootstrap(data, 2, n, level, bootstrap_replicates, seed,
                                                 confidence, &out->alpha_ci_lower,
                                                 &out->alpha_ci_upper,
                                                 &out->alpha_bootstrap_used, &piece);
        status = note_undefined(out, status, QA_AGREEMENT_ALPHA_CI_UNDEFINED, &piece, error);
    } else if (status == QA_OK && bootstrap_replicates > 0) {
        out->undefined |= QA_AGREEMENT_ALPHA_CI_UNDEFINED; /* no alpha, so no interval */
    }
    free(data);
    return status;
}

qa_status qa_agreement_compute(const double *a, const double *b, size_t n,
                               qa_measurement_level level, size_t bootstrap_replicates,
                               unsigned long seed, double confidence, qa_agreement *out,
                               qa_error *error)
{
    agreement_clear(out);
    if (bootstrap_replicates > 0 && !(confidence > 0 && confidence < 1))
        return qa_error_set(error, QA_ERR_USAGE, NULL, 0, NULL, NULL,
                            "confidence level must be between 0 and 1 (got %g)", confidence);
    qa_status status = qa_percent_agreement(a, b, n, &out->percent, &out->n, error);
    if (status != QA_OK)
        return status;
    qa_error piece;
    status = qa_cohen_kappa(a, b, n, &out->cohen_kappa, &piece);
    status = note_undefined(out, status, QA_AGREEMENT_KAPPA_UNDEFINED, &piece, error);
    if (status == QA_OK && level == QA_LEVEL_ORDINAL) {
        status = qa_weighted_kappa_quadratic(a, b, n, &out->weighted_kappa, &piece);
        status = note_undefined(out, status, QA_AGREEMENT_WEIGHTED_KAPPA_UNDEFINED, &piece, error);
    }
    if (status == QA_OK) {
        status = qa_gwet_ac1(a, b, n, &out->gwet_ac1, &piece);
        status = note_undefined(out, status, QA_AGREEMENT_AC1_UNDEFINED, &piece, error);
    }
    if (status == QA_OK)
        status = compute_alpha(a, b, n, level, bootstrap_replicates, seed, confidence, out,
                               error);
    return status;
}
