/* correlation.h: Pearson, Spearman and Kendall tau-b correlation with two-sided tests,
 * defined exactly as R's cor.test (docs/METHODS.md §5.2-§5.4), and ranks with ties
 * averaged. Pure functions over complete arrays (no NaN), built for a million cases:
 * Pearson in one pass, ranks by radix or counting sort, Kendall in O(n log n) (Knight 1966)
 * or O(n + k²) for data with few distinct integer values. */
#ifndef QAREPORT_CORRELATION_H
#define QAREPORT_CORRELATION_H

#include <stdbool.h>
#include <stddef.h>

#include "qareport/error.h"

typedef struct {
    size_t n;
    double estimate;           /* r, rho or tau-b */
    double statistic;          /* as cor.test reports it: Pearson t, Spearman S, Kendall z */
    double p;                  /* two-sided */
    double ci_lower, ci_upper; /* Pearson: Fisher z CI (NaN when n == 3); others NaN */
    double p_greater;          /* one-sided p for a positive association, as cor.test(...,
                                * alternative = "greater"); for a negative one use 1 - p_greater */
} qa_correlation;

/* Pearson r with t-test p (df = n - 2) and Fisher-z CI at `confidence` (e.g. 0.95),
 * as cor.test(x, y). Errors (QA_ERR_NUMERIC with a message): n < 3, NaN in the data,
 * no variation in x or y. A binary y gives the point-biserial correlation.
 *
 *     qa_correlation c;
 *     qa_error error;
 *     if (qa_pearson(security, formed, n, 0.95, &c, &error) != QA_OK) return error.status;
 */
qa_status qa_pearson(const double *x, const double *y, size_t n, double confidence,
                     qa_correlation *out, qa_error *error);

/* Pearson on the pairs where neither x[i] nor y[i] is NaN (pairwise-complete, as
 * cor.test after dropping incomplete pairs); out->n is the number of pairs used. */
qa_status qa_pearson_complete(const double *x, const double *y, size_t n, double confidence,
                              qa_correlation *out, qa_error *error);

/* qa_pearson_complete of every pair i < j of `count` columns of n values, into out[i·count + j]
 * and out[j·count + i]; ok[...] is whether that pair's correlation was defined (out->n is set
 * either way). Each column's magnitude is examined once, not once per pair. The diagonal is
 * left as it is. QA_ERR_MEMORY only when a column of extreme magnitude could not be copied. */
qa_status qa_pearson_complete_pairs(const double *const *columns, size_t count, size_t n,
                                    double confidence, qa_correlation *out, bool *ok);

/* Spearman rho = Pearson r of the average ranks; statistic S = (n³ - n)(1 - rho) / 6 and p
 * from the t approximation, as cor.test(x, y, method = "spearman", exact = FALSE).
 * Errors as qa_pearson, plus QA_ERR_MEMORY. */
qa_status qa_spearman(const double *x, const double *y, size_t n, qa_correlation *out,
                      qa_error *error);

/* Kendall tau-b; z = S / sqrt(Var S) with the tie-corrected variance and no continuity
 * correction, normal p, as cor.test(x, y, method = "kendall", exact = FALSE).
 * Errors: n < 3, NaN in the data, all pairs tied in x or in y (QA_ERR_NUMERIC);
 * QA_ERR_MEMORY. */
qa_status qa_kendall(const double *x, const double *y, size_t n, qa_correlation *out,
                     qa_error *error);

/* Pearson (at `confidence`), Spearman and Kendall of one pair of variables, exactly as the
 * three functions above. When both variables are integer codes with few levels (the 0–4
 * scales against a 0/1 outcome) all three come from one contingency table counted in one
 * pass, several times faster than the three calls at a million cases. Returns the first
 * error (the same conditions as above); the results not reached are NaN.
 *
 *     qa_correlation pearson, spearman, kendall;
 *     status = qa_correlation_all(measure, formed, n, 0.95, &pearson, &spearman, &kendall,
 *                                 &error);
 */
qa_status qa_correlation_all(const double *x, const double *y, size_t n, double confidence,
                             qa_correlation *pearson, qa_correlation *spearman,
                             qa_correlation *kendall, qa_error *error);
/* The same for a code against a 0/1 outcome counted in advance: counts[2 v + y] cases have
 * x = v (a whole number below `levels`, at most 1024) and the outcome y. The results of
 * qa_correlation_all on those cases, bit for bit, without them; QA_ERR_NUMERIC with nothing
 * computed when the counts hold no case or their table would not be used (call
 * qa_correlation_all on the cases then). */
qa_status qa_correlation_all_counts(const double *counts, size_t levels, double confidence,
                                    qa_correlation *pearson, qa_correlation *spearman,
                                    qa_correlation *kendall, qa_error *error);

/* How qa_kendall_using counts concordant and discordant pairs; all give the same result. */
typedef enum {
    QA_KENDALL_AUTO = 0,       /* the table when the table is small, else merge sort */
    QA_KENDALL_MERGE_SORT = 1, /* Knight (1966), O(n log n) */
    QA_KENDALL_TABLE = 2,      /* contingency table, O(n + kx ky); at most 1024 levels each */
    QA_KENDALL_PAIRS = 3       /* every pair, O(n²): the definition, for tests */
} qa_kendall_algorithm;

/* qa_kendall with a chosen algorithm (qa_kendall is QA_KENDALL_AUTO). QA_ERR_USAGE when
 * the table is asked for with more than 1024 distinct values in x or y. */
qa_status qa_kendall_using(const double *x, const double *y, size_t n,
                           qa_kendall_algorithm algorithm, qa_correlation *out, qa_error *error);

/* ranks[i] = 1-based rank of x[i] among x[0..n-1], ties given their average rank, as R's
 * rank(). Returns QA_ERR_NUMERIC when x holds NaN, QA_ERR_MEMORY when out of memory. */
qa_status qa_rank_average(const double *x, size_t n, double *ranks);

/* order[k] = index of the k-th smallest x, ties in their original order, as R's order()
 * (0-based). Linear time: counting for integer codes, radix sort otherwise, so survival
 * times and fitted values of a million cases sort fast. QA_ERR_NUMERIC when x holds NaN,
 * QA_ERR_MEMORY when out of memory. */
qa_status qa_rank_order(const double *x, size_t n, size_t *order);

#endif
