/* logit.h: binary logistic regression. Maximum likelihood by IRLS (qa_logit_fit) and Firth's
 * penalized likelihood (qa_logit_firth_fit, Heinze & Schemper 2002, as R's logistf), the
 * exact separation check of Konis (2007) (qa_logit_separation, GLPK), and the model-fit
 * statistics reported for each model (Hosmer–Lemeshow, classification, AUC, VIF).
 * Pure functions over arrays: no CSV, no workbook. */
#ifndef QAREPORT_LOGIT_H
#define QAREPORT_LOGIT_H

#include <stdbool.h>
#include <stddef.h>

#include "qareport/error.h"

typedef enum { QA_LOGIT_ML = 0, QA_LOGIT_FIRTH = 1 } qa_logit_method;

/* Design: n rows, p columns, row-major x[i*p + j]; the caller includes the intercept column
 * (all ones) as column 0 when wanted. y[i] is 0 or 1. Rows with NaN must be removed first.
 * weights (length n, may be NULL = all 1) are frequency weights: whole numbers >= 0, and every
 * computation is as if row i were repeated weights[i] times (a row of weight 0 is left out).
 * Coded data have few distinct rows, so qa_logit_compress + a weighted fit gives the full
 * data's results at a fraction of the cost. */
typedef struct {
    size_t n, p;
    const double *x;
    const double *y;
    const double *weights;
} qa_logit_data;

typedef struct {
    int max_iterations;   /* default 100 */
    double tolerance;     /* relative change in deviance; default 1e-12 (METHODS §5.5) */
    double confidence;    /* CI level; default 0.95 */
    bool compute_vif;     /* VIF for each non-intercept term (joint models) */
    bool skip_profile;    /* Firth: leave Wald CIs instead of profile-likelihood ones (default
                             false), for reruns that need only B and p */
} qa_logit_options;

void qa_logit_options_default(qa_logit_options *options);

typedef struct {
    qa_logit_method method;
    size_t n, p;
    /* per term (length p) */
    double *b, *se, *z;
    double *p_value;      /* ML: Wald p. Firth: penalized likelihood-ratio p (as logistf) */
    double *wald_p;       /* Wald p for both methods */
    double *ci_lower, *ci_upper; /* for b: ML Wald; Firth profile penalized likelihood */
    double *vif;          /* NaN for the intercept or when not requested / not computable */
    /* fit */
    double loglik;        /* ML: log-likelihood. Firth: penalized log-likelihood */
    double null_loglik;   /* intercept-only (Firth: penalty from the full design, as logistf) */
    double deviance, null_deviance; /* -2 loglik, -2 null_loglik */
    double lr_chi2, lr_p; /* 2 (loglik - null_loglik), df = p - 1 (p without intercept) */
    double aic, bic;      /* NaN for Firth. With weights: aic = R's AIC(glm(..., weights = w))
                             (y is 0/1); bic uses n = cases, as the expanded data's BIC (R's
                             BIC of the weighted glm counts the rows of non-zero weight) */
    double mcfadden_r2, cox_snell_r2, nagelkerke_r2; /* NaN for Firth */
    double hl_chi2, hl_p; /* Hosmer–Lemeshow; NaN when df < 1 */
    int hl_df;
    double auc;           /* Mann–Whitney, ties 1/2 */
    size_t tn, fp, fn, tp;/* classification at 0.5 (predicted 1 when fitted > 0.5), in cases */
    size_t events;        /* cases with y == 1 (sum of the weights of those rows) */
    int iterations;
    bool converged;
    /* n above is the number of cases (the sum of the weights; data->n without weights), the
     * sample size of BIC and the pseudo-R²; the statistics are those of the expanded data. */
    size_t rows;          /* data rows: data->n */
    double *fitted;       /* length rows: one probability per data row */
} qa_logit_result;

/* Maximum likelihood by Newton-Raphson (IRLS) with step-halving, until the relative change
 * in deviance |dev - dev_old| / (|dev| + 0.1) falls below options->tolerance (as glm's
 * criterion, METHODS §5.5's 1e-12); SEs from the information at the final estimate. options may be
 * NULL (defaults). The null model is intercept-only when column 0 is all ones (LR df p - 1),
 * else eta = 0 as glm (df p). QA_ERR_NUMERIC with a message naming the problem for: fewer
 * than 2 rows or n < p + 1, an outcome without variation, a constant (or, without intercept,
 * all-zero) column or a column that is a linear combination of the ones before it (its index
 * is named), a singular information matrix, and no convergence within max_iterations.
 * QA_ERR_INPUT for an outcome other than 0/1, a non-finite x or a weight that is not a whole
 * number >= 0 (the counts above are of cases: sums of weights). On non-convergence the result
 * is still filled from the last iterate, with converged = false; after any other error it is
 * empty. Always call qa_logit_result_free (safe on an empty result). Separated data are not
 * detected here: the estimate then runs off until the deviance stops changing; call
 * qa_logit_separation first. Cost: about 5 passes over the data plus one sort of the fitted
 * values (Hosmer-Lemeshow, AUC): n = 1e6, p = 2: ~70 ms directly, ~10 ms compressed first
 * (qa_logit_compress, 10 distinct rows) with a 0.2 ms fit; p = 7 (~6,600 distinct rows):
 * ~200 ms directly, ~25 + 2 ms compressed. */
qa_status qa_logit_fit(const qa_logit_data *data, const qa_logit_options *options,
                       qa_logit_result *result, qa_error *error);
/* Firth's penalized likelihood as logistf (see the fields above for what differs from ML):
 * scoring on the modified score with step-halving on the penalized log-likelihood l*, until
 * the relative change in l* is below options->tolerance and the step below 1e-9 (relative).
 * p_value: penalized LR test of b_j = 0 (refit with b_j fixed, df 1); CIs at the
 * options->confidence level by profile penalized likelihood (roots bracketed, then Illinois
 * regula falsi). Same input checks and statuses as qa_logit_fit; on any error the result is
 * empty. Cost: 1 + 1 + p + ~2p * 10 restricted fits, each a few passes (n = 1e6 rows, p = 2:
 * ~1.2 s, ~0.45 s with skip_profile; p = 7: ~12 s, ~4 s). Compressed first, the same fits
 * take the compression (~10 ms, p = 7 ~25 ms) plus 0.1 ms (p = 2) or ~90 ms (p = 7, ~30 ms
 * with skip_profile). */
qa_status qa_logit_firth_fit(const qa_logit_data *data, const qa_logit_options *options,
                             qa_logit_result *result, qa_error *error);
/* All arrays allocated by the fit; qa_logit_result_free releases them and empties result. */
void qa_logit_result_free(qa_logit_result *result);

/* Konis (2007) linear program (as R's detectseparation): *separated is true when the data
 * are completely or quasi-completely separated; infinite[j] (length p, may be NULL) is
 * +1/-1 for a coefficient whose ML estimate is +inf/-inf, 0 when finite. A huge but finite
 * estimate is not separation. infinite[] is the sign of each coefficient on an interior
 * direction of the separation cone (the average of the LP solutions maximising and
 * minimising each b_j), so a coefficient the cone leaves at 0 is finite; when the cone allows
 * both signs for a coefficient (several separating directions) the average's sign is given.
 * QA_ERR_INPUT for an outcome other than 0/1 or a non-finite x; rows of weight 0 are left out,
 * other weights do not change separation. An outcome without variation
 * is separated (not an error), and a rank-deficient design (e.g. a subsample where a rare dummy
 * is constant) is fine for the decision; only with infinite wanted is it refused
 * (QA_ERR_NUMERIC naming the column, as qa_logit_fit). Cost: one LP with n rows and p
 * columns, one row per distinct (x_i, y_i) (coded data: a few hundred rows whatever n; n = 1e5
 * distinct rows: ~0.1 s for p = 2, ~0.3 s for p = 7), plus 2p warm-started LPs when separated
 * and infinite is wanted (n = 1e5 distinct rows, p = 7: ~1.5 s). GLPK's terminal output is
 * switched off during the call. */
qa_status qa_logit_separation(const qa_logit_data *data, bool *separated, int *infinite,
                              qa_error *error);

/* The distinct rows of a design, for weighted fits. */
typedef struct {
    qa_logit_data data; /* the distinct (x row, y) pairs, weights their summed weights */
    double *x, *y, *weights; /* the arrays data points to (owned) */
    size_t *row_of;     /* length in->n when asked for: compressed row of each input row */
} qa_logit_compressed;

/* Merges the rows of in with equal bytes of (x row, y) (-0 taken as +0; NaNs with the same
 * bits match, so data with missing values compress too and the complete rows can be picked
 * from the small table) into one row whose weight is the sum of theirs (in->weights or 1
 * each), in order of first appearance; rows of weight 0 are kept (the map needs them) and
 * count nothing. A fit on out->data gives the fit on in (up to
 * rounding, ~1e-12 relative), except that fitted is per compressed row: fitted of input row
 * i is out->row_of[i]'s. One pass with an open-addressing hash table (n = 1e6: ~10 ms). When
 * more than max_rows distinct rows exist, returns QA_OK with out->data.n == 0 and nothing
 * allocated (compression would not pay; fit in directly). QA_ERR_MEMORY when out of memory.
 * out is always safe to pass to qa_logit_compressed_free. */
qa_status qa_logit_compress(const qa_logit_data *in, size_t max_rows, bool want_map,
                            qa_logit_compressed *out, qa_error *error);
void qa_logit_compressed_free(qa_logit_compressed *compressed);

#endif
