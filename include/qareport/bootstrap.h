/* bootstrap.h: the seeded nonparametric bootstrap (resampling cases with replacement,
 * Efron 1979) with percentile confidence intervals, and the z test of the difference of two
 * independent coefficients (used to compare groups and datasets). A qa_bootstrap owns its
 * random number generator (GSL's MT19937), so the same seed gives the same draws. */
#ifndef QAREPORT_BOOTSTRAP_H
#define QAREPORT_BOOTSTRAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct qa_bootstrap qa_bootstrap;

/* NULL when out of memory. Seed 0 means GSL's default seed (4357), as gsl_rng_set. */
qa_bootstrap *qa_bootstrap_alloc(unsigned long seed);
void qa_bootstrap_free(qa_bootstrap *bootstrap);

/* indices[0..n-1]: n draws with replacement from 0..n-1 (one bootstrap replicate);
 * n at most 2^32 (the generator's range).
 *
 *     qa_bootstrap *b = qa_bootstrap_alloc(seed);
 *     for (size_t r = 0; r < replicates; r++) {
 *         qa_bootstrap_sample(b, n, indices);
 *         ... statistic of the cases indices[0..n-1] into values[r] ...
 *     }
 *     qa_bootstrap_percentile_ci(values, replicates, 0.95, &lower, &upper);
 *     qa_bootstrap_free(b);
 */
void qa_bootstrap_sample(qa_bootstrap *bootstrap, size_t n, size_t *indices);

/* counts[0..cells-1]: one bootstrap replicate of n cases over distinct rows whose case counts
 * are weights[0..cells-1] (summing to n): a multinomial draw (GSL's conditional binomial
 * method), which has the distribution of the row counts of n draws with replacement from the
 * n cases, at O(cells) instead of O(n). The same seed gives the same counts; the stream is not
 * that of qa_bootstrap_sample. n at most 2^32 - 1.
 *
 *     qa_bootstrap_multinomial(b, cells, weights, n, counts);
 *     ... statistic of the rows weighted by counts into values[r] ...
 */
void qa_bootstrap_multinomial(qa_bootstrap *bootstrap, size_t cells, const double *weights,
                              size_t n, double *counts);

/* Spearman's rho (Pearson of mid-ranks) and Kendall's tau-b of frequency-weighted distinct
 * rows: row i has x level x_level[i] < x_levels and y level y_level[i] < y_levels (levels
 * numbered in the order of the values) and counts[i] cases (whole numbers >= 0). Both are
 * those of the expanded data (R's cor(rep(x, w), rep(y, w), method = ...)). False (both NaN)
 * when fewer than 3 cases or x or y has no variation. No allocation: `scratch` holds
 * x_levels * y_levels + 2 * x_levels + 3 * y_levels doubles. Cost O(cells + x_levels y_levels). */
bool qa_rank_correlations_weighted(const uint32_t *x_level, size_t x_levels,
                                   const uint32_t *y_level, size_t y_levels, const double *counts,
                                   size_t cells, double *scratch, double *rho, double *tau);

/* Percentile CI: the type-7 quantiles (1 - confidence)/2 and (1 + confidence)/2 of the
 * finite replicate values (a replicate whose statistic could not be computed is NaN and is
 * skipped). Reorders `replicates`. Both bounds NaN when fewer than 2 values are finite or
 * confidence is not in (0, 1). */
void qa_bootstrap_percentile_ci(double *replicates, size_t count, double confidence, double *lower,
                                double *upper);

/* z = (b1 - b2) / sqrt(se1² + se2²) and its two-sided normal p (e.g. Paternoster et al.
 * 1998). Both NaN when an input is not finite or both SEs are 0. */
void qa_coefficient_difference(double b1, double se1, double b2, double se2, double *z, double *p);

#endif
