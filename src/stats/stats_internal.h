/* stats_internal.h (internal to src/stats): statistics the fits compute inside (or that the
 * bootstrap and descriptives use) which no other layer calls; the tests check them against
 * R through this header. */
#ifndef QAREPORT_STATS_INTERNAL_H
#define QAREPORT_STATS_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "qareport/error.h"
#include "qareport/logit.h"

/* out[i] = values[indices[i]], i < n: a variable of the resampled cases, for handing to
 * qa_pearson and the like. */
void qa_bootstrap_gather(const double *values, const size_t *indices, size_t n, double *out);

/* counts[c] = number of codes equal to c, for c in 0..level_count-1; *missing counts the
 * codes outside that range (negative codes mark missing values). */
void qa_category_counts(const int32_t *codes, size_t n, size_t level_count, size_t *counts,
                        size_t *missing);

/* The distinct rows of a sub-design: the given columns (count of them, indices into in's
 * columns, in that order) of the rows whose chosen columns and y are not NaN, merged as
 * qa_logit_compress does (weights summed). Meant for a wide table compressed once (e.g. an
 * intercept, every measure and the outcome, NaN = missing): each model's design is then
 * taken from the small table instead of another pass over all cases. row_of (when wanted)
 * has in->n entries, SIZE_MAX for a dropped row. max_rows and an empty result as
 * qa_logit_compress; QA_ERR_INTERNAL for a column index out of range. */
qa_status qa_logit_compress_columns(const qa_logit_data *in, const size_t *columns, size_t count,
                                    size_t max_rows, bool want_map, qa_logit_compressed *out,
                                    qa_error *error);

/* Hosmer–Lemeshow: 10 groups cut at type-7 quantiles of fitted, lowest included, duplicate
 * cut points merged, empty groups dropped, df = groups - 2 (docs/METHODS.md §5.8). */
void qa_hosmer_lemeshow(const double *y, const double *fitted, size_t n, double *chi2, int *df,
                        double *p);
/* ROC AUC by the Mann–Whitney statistic with ties counted 1/2; NaN without both classes. */
double qa_auc(const double *y, const double *score, size_t n);

/* Harrell's concordance of a risk score with right-censored times, as survival::concordance
 * with reverse = TRUE (a higher score predicts an earlier event): pairs where the shorter time is
 * an event are comparable (an event and a censoring at the same time too; two events at the same
 * time not); score ties count 1/2. O(n log n). *se may be NULL; it is the infinitesimal-jackknife
 * standard error as sqrt(concordance(fit)$var). */
qa_status qa_concordance(const double *time, const double *status, const double *score, size_t n,
                         double *concordance, double *se, qa_error *error);

#endif
