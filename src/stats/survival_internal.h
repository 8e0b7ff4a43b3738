/* survival_internal.h: pieces shared by the survival sources (not part of the public API):
 * input checks, sorting by time, and the time-sorted, centered copy of a Cox design. */
#ifndef QAREPORT_SURVIVAL_INTERNAL_H
#define QAREPORT_SURVIVAL_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "qareport/error.h"
#include "qareport/survival.h"

/* order[k] = the row with the k-th smallest value (ascending), by qa_rank_order (linear time),
 * with a message on failure (QA_ERR_MEMORY; QA_ERR_NUMERIC for a NaN). */
qa_status qa_survival_sort_order(const double *values, size_t n, size_t *order, qa_error *error);

/* Whole-number times are counted instead of sorted (Kaplan–Meier, log-rank): cases tied at a
 * time need no order among themselves, as every sum over a tie is of whole numbers, so the
 * counts per time, taken in ascending order of time, give the sorted pass's results bit for
 * bit. True when every time (finite, as qa_survival_check makes sure) is a whole number
 * >= 0, not -0, and their range largest - smallest + 1 is at most `most`: *low = the
 * smallest, *range = that range, and time[i] - *low is the whole number of i's bin. */
enum { QA_SURVIVAL_BINS_MOST = 1 << 20 };
bool qa_survival_time_range(const double *time, size_t n, size_t most, double *low, size_t *range);

/* QA_ERR_INPUT unless every time is finite and every status is 0 or 1. */
qa_status qa_survival_check(const double *time, const double *status, size_t n, qa_error *error);

/* QA_ERR_INPUT unless weights is NULL or each weight is a whole number >= 0 with a sum below
 * QA_COX_MAX_WEIGHT; *total is the sum (n when weights is NULL). */
#define QA_COX_MAX_WEIGHT 4294967296.0 /* 2^32: Efron's loop runs over the expanded deaths */
qa_status qa_cox_check_weights(const double *weights, size_t n, double *total, qa_error *error);

/* A Cox design sorted by time, covariates centered at their weighted means (as coxph does, for
 * stable sums of exp(eta)). Frequency weights: every sum counts a row w times. */
typedef struct {
    size_t n, p;     /* rows */
    size_t cases, events; /* weighted: sum w, sum w status */
    size_t *order;   /* sorted position -> caller's row */
    double *time;    /* ascending */
    unsigned char *event;
    double *weight;  /* frequency weight of each sorted row (1 when the data have none) */
    double *x;       /* n×p row-major, centered */
    double *mean;    /* length p */
    double *reported_center; /* centering of the reported linear predictor, as R's fit$means:
                              * the mean, but 0 for a 0/1 covariate */
} qa_cox_sorted;

/* qa_concordance on data already sorted by time (event 0/1, score and weight in the same
 * order; weight NULL = 1): pairs counted as among the rows repeated weight times. */
qa_status qa_concordance_sorted(const double *time, const unsigned char *event,
                                const double *score, const double *weight, size_t n,
                                double *concordance, double *se, qa_error *error);

qa_status qa_cox_sorted_init(const qa_cox_data *data, qa_cox_sorted *sorted, qa_error *error);
void qa_cox_sorted_free(qa_cox_sorted *sorted);

/* Weighted sums (risk = w exp(eta)) over the risk set and over the events of the current time,
 * for the backward pass. s2 and e2 hold the upper triangle of p×p. */
typedef struct {
    size_t p;
    double s0, *s1, *s2; /* sum over the risk set of exp(eta), exp(eta) x, exp(eta) x x' */
    double e0, *e1, *e2; /* the same over the events of this time */
    double *x_sum;       /* sum of w x over the events of this time */
    double eta_sum;      /* sum of w eta over them */
    size_t deaths;       /* sum of w over them: Efron runs over the expanded deaths */
    double *block;
} qa_cox_risk_sums;

bool qa_cox_risk_sums_alloc(qa_cox_risk_sums *sums, size_t p);
void qa_cox_risk_sums_free(qa_cox_risk_sums *sums);

/* Called at each time with events, the risk set (S) including them; first_row is the sorted
 * position of the first case with that time. */
typedef void (*qa_cox_event_time)(const qa_cox_risk_sums *sums, size_t first_row, void *context);

/* Backward in time from the last case, eta = x beta on the centered design. */
void qa_cox_backward_pass(const qa_cox_sorted *sorted, const double *beta, qa_cox_risk_sums *sums,
                          qa_cox_event_time on_event_time, void *context);

/* Efron (1977): the d events tied at one time leave the risk set in d equal steps, the k-th
 * (k = 0..d-1, f_k = k/d) denominator being den_k = S0 - f_k E0. The sums over k that the
 * score and information need, so one time costs O(d + p^2), not O(d p^2). */
typedef struct {
    double log_sum;     /* sum log den_k */
    double a0, a1;      /* sum 1/den_k, sum f_k/den_k */
    double b0, b1, b2;  /* sum 1/den_k^2, sum f_k/den_k^2, sum f_k^2/den_k^2 */
} qa_cox_efron;

void qa_cox_efron_weights(double s0, double e0, size_t deaths, qa_cox_efron *weights);

/* With mean_k = (S1 - f_k E1) / den_k: mean_sum = sum_k mean_k (p) and variance_sum =
 * sum_k (S2 - f_k E2) / den_k - mean_k mean_k' (full p×p), in closed form. */
void qa_cox_efron_moments(const qa_cox_risk_sums *sums, const qa_cox_efron *weights,
                          double *mean_sum, double *variance_sum);

/* Small dense symmetric positive definite systems (p×p, row-major), done here rather than with
 * GSL so that a singular matrix is a returned value, not a call to GSL's aborting error handler.
 * qa_survival_cholesky overwrites the lower triangle of a with L (a = L L'); false when a pivot
 * falls below 1e-10 of its diagonal element (singular or not positive definite). */
bool qa_survival_cholesky(double *a, size_t p);
/* Solves L L' x = b in place. */
void qa_survival_cholesky_solve(const double *l, size_t p, double *b);
/* inverse = (L L')^-1, full p×p. */
void qa_survival_cholesky_invert(const double *l, size_t p, double *inverse);

#endif
