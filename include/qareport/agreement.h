/* agreement.h: how well two codings of the same cases agree (`qareport compare`), and
 * Krippendorff's alpha for any number of coders. Percent agreement, Cohen's kappa (Cohen 1960),
 * quadratic-weighted kappa (Cohen 1968), Gwet's AC1 (Gwet 2008) and Krippendorff's alpha
 * (Krippendorff 2011) with a seeded bootstrap confidence interval.
 * Pure functions over arrays: no CSV, no workbook. NaN marks a missing value.
 *
 *     qa_agreement result;
 *     qa_error error;
 *     if (qa_agreement_compute(a, b, n, QA_LEVEL_ORDINAL, 1000, seed, 0.95, &result, &error)
 *         != QA_OK) ... report error.message ...
 *     // result.cohen_kappa may be NaN: then result.undefined says why (result.note). */
#ifndef QAREPORT_AGREEMENT_H
#define QAREPORT_AGREEMENT_H

#include <stddef.h>

#include "qareport/error.h"

typedef enum { QA_LEVEL_NOMINAL = 0, QA_LEVEL_ORDINAL, QA_LEVEL_INTERVAL } qa_measurement_level;

/* Bits of qa_agreement.undefined: statistics left NaN because they cannot be computed on these
 * data (not because they were not asked for). */
enum {
    QA_AGREEMENT_KAPPA_UNDEFINED = 1u << 0,          /* one category only: chance agreement 1 */
    QA_AGREEMENT_WEIGHTED_KAPPA_UNDEFINED = 1u << 1, /* ordinal level, one category only */
    QA_AGREEMENT_AC1_UNDEFINED = 1u << 2,            /* one category only: K - 1 = 0 */
    QA_AGREEMENT_ALPHA_UNDEFINED = 1u << 3,          /* one value only: expected disagreement 0 */
    QA_AGREEMENT_ALPHA_CI_UNDEFINED = 1u << 4        /* too few bootstrap replicates with an alpha */
};

typedef struct {
    size_t n;               /* units coded by both */
    double percent;         /* 0–100 */
    double cohen_kappa;     /* nominal */
    double weighted_kappa;  /* quadratic weights (ordinal columns; NaN otherwise) */
    double gwet_ac1;        /* Gwet 2008 */
    double krippendorff_alpha;   /* at the given level */
    double alpha_ci_lower, alpha_ci_upper; /* bootstrap CI (NaN without bootstrap) */
    size_t alpha_bootstrap_used; /* replicates with a defined alpha, from which the CI comes */
    unsigned undefined;     /* QA_AGREEMENT_*_UNDEFINED bits */
    char note[QA_ERROR_TEXT]; /* why each undefined statistic is NaN; "" when none is */
} qa_agreement;

/* Everything for two codings a[i], b[i] of n units. Pairs with a missing value are left out.
 * Krippendorff's alpha is computed at `level`; the weighted kappa only for QA_LEVEL_ORDINAL.
 * With bootstrap_replicates > 0, a percentile CI of alpha at `confidence` (0 < c < 1) from
 * qa_krippendorff_alpha_bootstrap with `seed`; with 0 the CI is NaN (and not flagged).
 * A statistic that cannot be computed on these data is NaN with its bit in `undefined` and a
 * sentence in `note`: the call still returns QA_OK. Errors: QA_ERR_NUMERIC when no unit is
 * coded by both, QA_ERR_INPUT for an infinite value, QA_ERR_USAGE for a bad confidence,
 * QA_ERR_MEMORY. */
qa_status qa_agreement_compute(const double *a, const double *b, size_t n,
                               qa_measurement_level level, size_t bootstrap_replicates,
                               unsigned long seed, double confidence, qa_agreement *out,
                               qa_error *error);

/* The pieces. Each leaves out pairs with a missing value; categories are the distinct values
 * observed (either coder) in the remaining pairs. QA_ERR_NUMERIC with a message when no pair is
 * left or only one category is observed (chance agreement is then 1 and the coefficient 0/0). */

/* Cohen 1960: (p_o - p_e) / (1 - p_e), p_e from the two coders' marginal shares. */
qa_status qa_cohen_kappa(const double *a, const double *b, size_t n, double *kappa, qa_error *e);

/* Cohen 1968 with quadratic agreement weights 1 - (i - j)^2 / (k - 1)^2, where i, j are the
 * RANKS (1..k) of the categories in the sorted union of observed values, not the values: as
 * R's irr::kappa2(weight = "squared"). Codes 1, 2, 5 are therefore treated as equally spaced. */
qa_status qa_weighted_kappa_quadratic(const double *a, const double *b, size_t n, double *kappa,
                                      qa_error *e);

/* Gwet 2008 AC1 for two coders: p_e = sum_k pi_k (1 - pi_k) / (K - 1), pi_k the share of
 * category k over both coders, K the number of categories observed (the codebook's full list of
 * categories is not known here; an unused category would lower p_e). */
qa_status qa_gwet_ac1(const double *a, const double *b, size_t n, double *ac1, qa_error *e);

/* Percent agreement (0–100) over pairs without a missing value; *pairs gets their number
 * (may be NULL). QA_ERR_NUMERIC when no pair is left. */
qa_status qa_percent_agreement(const double *a, const double *b, size_t n, double *percent,
                               size_t *pairs, qa_error *e);

/* General reliability data: coders × units matrix, row-major (data[coder * units + unit]),
 * NaN = missing. Krippendorff 2011: alpha = 1 - D_o / D_e from the coincidence matrix, using
 * every value of every unit coded at least twice ("pairable"). Ordinal differences use the
 * category frequencies (Krippendorff's ordinal metric); interval differences are (c - k)^2.
 * QA_ERR_NUMERIC when fewer than two pairable values exist or all are equal (D_e = 0). */
qa_status qa_krippendorff_alpha(const double *data, size_t coders, size_t units,
                                qa_measurement_level level, double *alpha, qa_error *e);

/* Bootstrap percentile CI of alpha. Scheme (ours, not Krippendorff's): draw the pairable units
 * with replacement (gsl_rng_mt19937 seeded with `seed`, so the same seed gives the same CI),
 * recompute alpha on each of `replicates` resamples, and take the (1 - confidence)/2 and
 * (1 + confidence)/2 quantiles (type 7, as R's quantile()) of the replicate alphas. A resample
 * whose alpha is undefined (all its values equal) is skipped; *used counts the others (may be
 * NULL). Krippendorff's own bootstrap (Hayes & Krippendorff 2007, the KALPHA macro) instead
 * resamples pairs of values from the coincidence matrix, so its intervals differ from these.
 * (GSL's mt19937 maps seed 0 to its default seed 4357, so those two seeds give the same CI.)
 * Cost: one sort of the pairable values per replicate, about 1.4 s for 5000 units × 1000.
 * QA_ERR_NUMERIC when alpha is undefined on the data or fewer than two replicates are usable. */
qa_status qa_krippendorff_alpha_bootstrap(const double *data, size_t coders, size_t units,
                                          qa_measurement_level level, size_t replicates,
                                          unsigned long seed, double confidence, double *lower,
                                          double *upper, size_t *used, qa_error *e);

/* "nominal", "ordinal", "interval" (the JSON spelling). */
const char *qa_measurement_level_name(qa_measurement_level level);

#endif
