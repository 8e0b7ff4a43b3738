/* logit_internal.h: pieces shared by the ML fit, the Firth fit and the separation check:
 * input checks, result storage, the one-pass likelihood/information accumulation and a small
 * dense Cholesky. Private to src/stats/. */
#ifndef QAREPORT_LOGIT_INTERNAL_H
#define QAREPORT_LOGIT_INTERNAL_H

#include "qareport/logit.h"

#include <stdint.h>

/* Weight of row i: 1 without weights. */
static inline double qa_logit_row_weight(const qa_logit_data *data, size_t i)
{
    return data->weights ? data->weights[i] : 1.0;
}

/* Checks the weights (whole numbers >= 0), the number of cases against p, y in {0,1} with
 * both values present, finite x, and a full-rank design (a constant or collinear column is
 * named by its index). Sets *cases (sum of weights), *events (sum of weights with y = 1) and
 * *has_intercept (column 0 all ones). */
qa_status qa_logit_check_data(const qa_logit_data *data, size_t *cases, size_t *events,
                              bool *has_intercept, qa_error *error);

/* Column `column` is all ones (an intercept) in every row of non-zero weight. */
bool qa_logit_column_is_ones(const qa_logit_data *data, size_t column);
/* The design's rank part of qa_logit_check_data: constant, all-zero or collinear columns. */
qa_status qa_logit_check_rank(const qa_logit_data *data, bool has_intercept, qa_error *error);

/* Allocates every array of result (NaN-filled; fitted has rows entries), sets n (cases),
 * rows, p and method. */
qa_status qa_logit_result_allocate(qa_logit_result *result, size_t cases, size_t rows, size_t p,
                                   qa_logit_method method, qa_error *error);

/* Classification at 0.5, Hosmer–Lemeshow and AUC; the fitted values are computed from
 * result->b first unless fitted_ready. */
void qa_logit_fill_prediction_statistics(const qa_logit_data *data, qa_logit_result *result,
                                         bool fitted_ready);

/* VIF of each non-intercept column: diagonal of the inverse correlation matrix of those
 * columns (equal to car::vif for numeric terms). */
void qa_logit_variance_inflation(const qa_logit_data *data, bool has_intercept, double *vif);

/* One pass at b: log-likelihood, score X'(y - mu), the information X'WX (p*p row-major)
 * and the fitted probabilities (n); each output may be NULL. */
double qa_logit_accumulate(const qa_logit_data *data, const double *b, double *score,
                           double *information, double *fitted);

/* In-place Cholesky of a p*p row-major symmetric matrix (lower triangle used), so that
 * A = L L'. Returns false when A is not numerically positive definite. Our own rather than
 * gsl_linalg_cholesky_decomp1, whose failure would call GSL's aborting error handler. */
bool qa_logit_cholesky(double *a, size_t p);
/* Solves L L' x = rhs in place. */
void qa_logit_cholesky_solve(const double *l, size_t p, double *rhs);
/* Inverse of L L' into inverse (p*p, full). */
void qa_logit_cholesky_invert(const double *l, size_t p, double *inverse);
/* log det (L L'). */
double qa_logit_cholesky_log_determinant(const double *l, size_t p);

/* A distinct score (fitted value) with how many rows have it and how many of those have
 * y = 1: Hosmer–Lemeshow and AUC need only these, in ascending order of score. */
typedef struct {
    double score;
    double count;
    double positives;
} qa_score_run;
/* The runs of the scores, ascending; *count of them. NULL when out of memory. Caller frees.
 * Few distinct values (coded data) are counted in a hash table; otherwise a radix sort.
 * weights (may be NULL = 1 each) count each row that many times; rows of weight 0 are
 * left out. */
qa_score_run *qa_score_runs(const double *y, const double *score, const double *weights, size_t n,
                            size_t *count);
void qa_hosmer_lemeshow_runs(const qa_score_run *runs, size_t count, double *chi2, int *df,
                             double *p);
double qa_auc_runs(const qa_score_run *runs, size_t count);

/* splitmix64's finalizer (Steele, Lea & Flood 2014): every input bit reaches the low bits,
 * which index hash tables (doubles like 0.25 or 3 have all-zero low bits). */
static inline uint64_t qa_logit_mix64(uint64_t z)
{
    z += 0x9e3779b97f4a7c15u;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

/* A fit (ML or Firth) on data whose columns are of ordinary magnitude. */
typedef qa_status (*qa_logit_fit_function)(const qa_logit_data *data,
                                           const qa_logit_options *options, qa_logit_result *result,
                                           qa_error *error);
/* Runs fit on the data with each column scaled by a power of two when its magnitude is far
 * from 1 (column_scale.h: exact, nothing changes for ordinary data), then scales b, se and the
 * limits back; z, p, fitted values and statistics of the fit do not depend on the scale. */
qa_status qa_logit_fit_scaled(const qa_logit_data *data, const qa_logit_options *options,
                              qa_logit_result *result, qa_error *error, qa_logit_fit_function fit);

/* Wald z, p and CI from b and se (normal quantile for options->confidence). */
void qa_logit_wald(qa_logit_result *result, double confidence);

#endif
