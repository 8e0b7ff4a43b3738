/* Rank correlations of frequency-weighted distinct rows (bootstrap.h): a bootstrap replicate
 * drawn as counts over the distinct rows of a sample is a contingency table, and Spearman's
 * rho and Kendall's tau-b of the expanded cases follow from its margins and cells. */
#include "qareport/bootstrap.h"

#include <math.h>
#include <string.h>

/* Mid-ranks of levels from their counts: the average of the ranks a tie group occupies. */
static void mid_ranks(const double *counts, size_t levels, double *ranks)
{
    double before = 0;
    for (size_t a = 0; a < levels; a++) {
        ranks[a] = before + (counts[a] + 1) / 2;
        before += counts[a];
    }
}

/* Pairs tied within the groups of a margin: sum t (t - 1) / 2. */
static double tied_pairs(const double *margin, size_t levels)
{
    double tied = 0;
    for (size_t a = 0; a < levels; a++)
        tied += margin[a] * (margin[a] - 1) / 2;
    return tied;
}

bool qa_rank_correlations_weighted(const uint32_t *x_level, size_t x_levels,
                                   const uint32_t *y_level, size_t y_levels, const double *counts,
                                   size_t cells, double *scratch, double *rho, double *tau)
{
    double *table = scratch, *x_margin = table + x_levels * y_levels, *x_rank = x_margin + x_levels,
           *y_margin = x_rank + x_levels, *y_rank = y_margin + y_levels,
           *column = y_rank + y_levels;
    memset(scratch, 0, (x_levels * y_levels + 2 * x_levels + 3 * y_levels) * sizeof *scratch);
    double n = 0;
    for (size_t i = 0; i < cells; i++) {
        table[(size_t)x_level[i] * y_levels + y_level[i]] += counts[i];
        x_margin[x_level[i]] += counts[i];
        y_margin[y_level[i]] += counts[i];
        n += counts[i];
    }
    *rho = *tau = NAN;
    double pairs = n * (n - 1) / 2, x_tied = tied_pairs(x_margin, x_levels),
           y_tied = tied_pairs(y_margin, y_levels);
    if (n < 3 || x_tied == pairs || y_tied == pairs)
        return false;
    /* Kendall: S = concordant - discordant, with column[b] the cases of y level b at lower x
     * levels (Kendall 1945's tau-b = S / sqrt((n0 - n1)(n0 - n2))). */
    double s = 0;
    for (size_t a = 0; a < x_levels; a++) {
        const double *row = table + a * y_levels;
        double below = 0, lower_total = 0;
        for (size_t b = 0; b < y_levels; b++)
            lower_total += column[b];
        for (size_t b = 0; b < y_levels; b++) {
            double above = lower_total - below - column[b];
            s += row[b] * (below - above);
            below += column[b];
        }
        for (size_t b = 0; b < y_levels; b++)
            column[b] += row[b];
    }
    *tau = s / sqrt((pairs - x_tied) * (pairs - y_tied));
    /* Spearman: Pearson of the mid-ranks, centred at their mean (n + 1) / 2. */
    mid_ranks(x_margin, x_levels, x_rank);
    mid_ranks(y_margin, y_levels, y_rank);
    double mean = (n + 1) / 2, sxx = 0, syy = 0, sxy = 0;
    for (size_t a = 0; a < x_levels; a++)
        sxx += x_margin[a] * (x_rank[a] - mean) * (x_rank[a] - mean);
    for (size_t b = 0; b < y_levels; b++)
        syy += y_margin[b] * (y_rank[b] - mean) * (y_rank[b] - mean);
    for (size_t a = 0; a < x_levels; a++)
        for (size_t b = 0; b < y_levels; b++)
            sxy += table[a * y_levels + b] * (x_rank[a] - mean) * (y_rank[b] - mean);
    double r = sxy / sqrt(sxx * syy);
    *rho = r > 1 ? 1 : r < -1 ? -1 : r;
    return true;
}
