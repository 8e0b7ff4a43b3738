/* survival.h: survival analysis for the durability hypotheses. Cox proportional hazards with
 * Efron's tie correction (qa_cox_fit, as R's survival::coxph), the proportional-hazards test on
 * scaled Schoenfeld residuals (qa_cox_zph, as cox.zph(transform = "km") in survival 3.x),
 * Kaplan–Meier curves with Greenwood standard errors and the median (qa_km_fit, as survfit),
 * and the two-group log-rank test (qa_logrank, as survdiff). The Cox functions take frequency
 * weights, and qa_cox_compress turns a large design with few distinct rows into weighted
 * distinct rows that give the same results in a fraction of the time.
 * Pure functions over arrays: no CSV, no workbook. Times are right-censored; status is 1 for
 * an event (the quasi-alliance ended) and 0 for a censored case (still ongoing).
 *
 *     qa_cox_data data = {n, 1, measure, duration, ended};
 *     qa_cox_options options;
 *     qa_cox_options_default(&options);
 *     qa_cox_result fit;
 *     qa_cox_zph_result ph;
 *     if (qa_cox_fit(&data, &options, &fit, &error) != QA_OK) return error.status;
 *     double hazard_ratio = exp(fit.b[0]);
 *     if (qa_cox_zph(&data, &fit, &ph, &error) == QA_OK) ... ph.p[ph.terms] is the global p
 *     qa_cox_zph_result_free(&ph);
 *     qa_cox_result_free(&fit); */
#ifndef QAREPORT_SURVIVAL_H
#define QAREPORT_SURVIVAL_H

#include <stdbool.h>
#include <stddef.h>

#include "qareport/error.h"

/* n rows, p covariates, row-major x[i*p + j], no intercept column. time[i] finite,
 * status[i] 0 or 1. Rows with NaN must be removed first.
 * weights: NULL (every row counts once) or n frequency weights, each a whole number >= 0, summing
 * to less than 2^32: row i stands for weights[i] identical cases. Every result is then that of
 * the expanded data (the row repeated w times): Efron's ties run over the expanded deaths,
 * n = sum w, events = sum w status, concordance pairs and cox.zph as on the expanded data. This
 * is not R's coxph(weights =), whose Efron correction counts tied deaths by rows. */
typedef struct {
    size_t n, p;
    const double *x;
    const double *time;
    const double *status;
    const double *weights;
} qa_cox_data;

typedef struct {
    int max_iterations; /* Newton–Raphson steps; default 30 */
    double tolerance;   /* change in the log partial likelihood, relative (absolute when
                         * |loglik| < 1); default 1e-12 */
    double confidence;  /* CI level for b; default 0.95 */
    bool concordance_se; /* compute concordance_se (a second O(n log n) pass); default true */
} qa_cox_options;

void qa_cox_options_default(qa_cox_options *options);

typedef struct {
    size_t n, events, p; /* n and events count weighted cases (sum w, sum w status) */
    /* per covariate (length p) */
    double *b, *se, *z;
    double *p_value;           /* Wald p */
    double *ci_lower, *ci_upper; /* Wald CI of b; exp() of them is the hazard-ratio CI */
    double *variance;          /* p×p row-major inverse information at the estimate */
    /* model */
    double loglik, null_loglik; /* log partial likelihood at b and at b = 0 */
    double lr_chi2, lr_p;       /* df = p */
    double wald_chi2, wald_p;   /* b' I b, df = p */
    double score_chi2, score_p; /* U(0)' I(0)^-1 U(0), df = p (R's "Score (logrank) test") */
    double aic;                 /* -2 loglik + 2p, as AIC(coxph) */
    double bic;                 /* -2 loglik + p log(events), as BIC(coxph) in survival */
    double cox_snell_r2;        /* 1 - exp(-lr_chi2 / n), summary(coxph)$rsq["rsq"] */
    double nagelkerke_r2;       /* cox_snell_r2 / (1 - exp(2 null_loglik / n)), i.e.
                                 * rsq["rsq"] / rsq["maxrsq"] of summary(coxph) */
    double concordance;         /* Harrell's C as survival::concordance(fit) */
    double concordance_se;      /* its standard error, sqrt(concordance(fit)$var); NaN when
                                 * options.concordance_se is false */
    int iterations;
    bool converged;
    /* length data->n (rows, not weighted cases), in the caller's row order: sum_j (x_ij - c_j) b_j
     * with c_j the (weighted) mean of covariate j, or 0 for a 0/1 covariate: R's
     * fit$linear.predictors (centered at fit$means). */
    double *linear_predictor;
} qa_cox_result;

/* Fits the model; options may be NULL for the defaults. On success every array above is
 * allocated (free with qa_cox_result_free). Messages name covariates by 1-based column index.
 * On failure the result holds nothing (freeing it is still safe) and error says why, with
 * QA_ERR_NUMERIC for: n < 2, no events, a constant covariate, a singular information matrix
 * (collinear covariates), a coefficient that diverges to infinity (monotone likelihood, as R's
 * warning "Loglik converged before variable ..."), and no convergence within max_iterations.
 * QA_ERR_INPUT for a status other than 0/1, a non-finite value or a bad weight; QA_ERR_MEMORY.
 * Cost: O(n p^2) per Newton step for n rows; the tied deaths of one time cost O(1) whatever their
 * total weight. */
qa_status qa_cox_fit(const qa_cox_data *data, const qa_cox_options *options,
                     qa_cox_result *result, qa_error *error);
void qa_cox_result_free(qa_cox_result *result);

/* Proportional-hazards test: one row per covariate and a last row GLOBAL. */
typedef struct {
    size_t terms;  /* chi2, p and df have terms + 1 entries, the last the global test */
    double *chi2, *p;
    int *df;
} qa_cox_zph_result;

/* Score test of the time-varying coefficients b_j + g_j (g(t) - mean g), g(t) = 1 - KM(t-)
 * over all cases, holding b at the fit, with the full 2p×2p information matrix (survival 3.x
 * cox.zph(fit, transform = "km", terms = TRUE, global = TRUE); Grambsch & Therneau 1994).
 * fit must come from qa_cox_fit on the same data. */
qa_status qa_cox_zph(const qa_cox_data *data, const qa_cox_result *fit, qa_cox_zph_result *out,
                     qa_error *error);
/* The same with columns grouped into terms, as cox.zph(terms = TRUE) does for the dummies of one
 * factor: term_of_column[j] (0..terms-1) names the term of column j; a term's test has df = its
 * number of columns. The result has terms + 1 rows. qa_cox_zph is this with one term per column. */
qa_status qa_cox_zph_terms(const qa_cox_data *data, const qa_cox_result *fit,
                           const size_t *term_of_column, size_t terms, qa_cox_zph_result *out,
                           qa_error *error);
void qa_cox_zph_result_free(qa_cox_zph_result *zph);

/* Distinct (time, status, x) rows of a Cox design with their summed weights, so that a large
 * design with few distinct rows (whole-year durations, ordinal measures) fits in a fraction of
 * the time with the same results (see qa_cox_data.weights).
 *
 *     qa_cox_compressed small;
 *     if (qa_cox_compress(&data, 100000, &small, &error) != QA_OK) return error.status;
 *     const qa_cox_data *use = small.data.n > 0 ? &small.data : &data;
 *     ... qa_cox_fit(use, ...), qa_cox_zph(use, ...) ...
 *     qa_cox_compressed_free(&small); */
typedef struct {
    qa_cox_data data; /* points into the arrays below, weights always set; data.n = 0 when the
                       * input has more than max_rows distinct rows (then use the input) */
    double *x, *time, *status, *weights;
} qa_cox_compressed;

/* Rows are ordered by time, then status, then x lexicographically (deterministic, independent of
 * the input order); weights sum the input's weights (1 each when it has none); input rows of
 * weight 0 are left out. O(n): whole-numbered columns of small range (years, 0/1, ordinal codes)
 * are summed on a grid, other data by hashing (500,000 rows, p = 1: about 5 ms).
 * QA_ERR_INPUT for a non-finite value, a status other than 0/1 or a bad weight; QA_ERR_MEMORY.
 * On failure out holds nothing (freeing it is still safe). */
qa_status qa_cox_compress(const qa_cox_data *in, size_t max_rows, qa_cox_compressed *out,
                          qa_error *error);
void qa_cox_compressed_free(qa_cox_compressed *compressed);
/* The same for a design held in columns (a frame's): row i of n is in it when flags[i] & flag
 * is set and none of its covariates x[0..p-1][i] is NaN; time[i] and status[i] are its
 * outcome. When those rows are whole-numbered (time, status 0/1 and every covariate) and
 * fit a grid of qa_cox_compress's size, *done is true and out holds what qa_cox_compress
 * gives on the rows gathered (weight 1 each), in one pass over them and no gathered copy;
 * otherwise *done is false and out holds nothing (gather the rows and compress them).
 * QA_ERR_MEMORY. */
qa_status qa_cox_compress_columns(const double *const *x, size_t p, const double *time,
                                  const double *status, size_t n, const unsigned char *flags,
                                  unsigned char flag, bool *done, qa_cox_compressed *out,
                                  qa_error *error);
/* The same for one covariate whose rows were counted by the caller: counts[2 (x + x_radix t)
 * + status] rows with time t, status 0/1 and covariate x, each a whole number from 0 (t
 * below time_radix, x below x_radix). out holds what qa_cox_compress gives on those rows
 * (data.n = 0 beyond max_rows distinct rows), without a pass over them. QA_ERR_MEMORY. */
qa_status qa_cox_compress_counted(const double *counts, size_t x_radix, size_t time_radix,
                                  size_t max_rows, qa_cox_compressed *out, qa_error *error);

/* Kaplan–Meier estimate, one row per distinct time (censoring-only times included), as
 * survfit(Surv(time, status) ~ 1). */
typedef struct {
    size_t count;
    double *time, *n_risk, *n_event, *n_censor, *survival;
    /* Greenwood standard error of S itself: survival × survfit's std.err (which is of log S);
     * 0 where S = 0. */
    double *std_error;
    double median;        /* as quantile(survfit, 0.5) (midpoint rule on a flat 0.5); NaN: not reached */
    double median_lower;  /* 95% CI of the median from the log-transformed band (survfit default); */
    double median_upper;  /* NaN when the band does not reach 0.5 */
} qa_km_result;

qa_status qa_km_fit(const double *time, const double *status, size_t n, qa_km_result *result,
                    qa_error *error);
void qa_km_result_free(qa_km_result *result);

/* Log-rank test of group 0 against group 1, as survdiff(Surv(time, status) ~ group): chi-square
 * with df 1 and its p. QA_ERR_NUMERIC when a group is empty or there are no events. */
qa_status qa_logrank(const double *time, const double *status, const int *group, size_t n,
                     double *chi2, double *p, qa_error *error);

#endif
