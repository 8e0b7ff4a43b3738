/* Harrell's concordance (Harrell et al. 1982) as survival::concordance for a Cox fit, in
 * O(n log n): cases sorted by time, a Fenwick tree over the ranks of the risk score counts how
 * many comparable partners score lower, higher or the same. The standard error is the
 * infinitesimal jackknife of Somers' d that survival's concordancefit reports as var. */
#include "qareport/survival.h"
#include "survival_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Fenwick (binary indexed) tree of counts over ranks 0..size-1. */
typedef struct {
    double *count;
    size_t size;
} rank_tree;

static void tree_add(rank_tree *tree, size_t rank)
{
    for (size_t k = rank + 1; k <= tree->size; k += k & (~k + 1))
        tree->count[k - 1] += 1.0;
}

/* Number of entries with rank < limit. */
static double tree_below(const rank_tree *tree, size_t limit)
{
    double total = 0.0;
    for (size_t k = limit; k > 0; k -= k & (~k + 1))
        total += tree->count[k - 1];
    return total;
}

/* Pairs of one case with partners in the tree: partners scoring lower, higher, the same. */
typedef struct {
    double lower, higher, same;
} pair_counts;

static pair_counts tree_compare(const rank_tree *tree, size_t rank, double in_tree)
{
    pair_counts c;
    c.lower = tree_below(tree, rank);
    double not_above = tree_below(tree, rank + 1);
    c.same = not_above - c.lower;
    c.higher = in_tree - not_above;
    return c;
}

/* Ranks of the scores, equal scores sharing a rank; returns the number of distinct ranks. */
static size_t score_ranks(const double *score, size_t n, size_t *order, size_t *rank)
{
    size_t distinct = 0;
    for (size_t k = 0; k < n; k++) {
        if (k > 0 && score[order[k]] != score[order[k - 1]])
            distinct++;
        rank[order[k]] = distinct;
    }
    return n > 0 ? distinct + 1 : 0;
}

typedef struct {
    const double *time, *status;
    const size_t *by_time, *rank;
    size_t n;
    double *per_case; /* 3n: concordant, discordant, tied pairs of each case; NULL if not wanted */
} concordance_input;

/* Backward in time: each event against the cases still at risk after it (and those censored at
 * its time). A higher score on the event is concordant. Returns the totals. */
static pair_counts count_as_earlier(const concordance_input *in, rank_tree *tree)
{
    pair_counts total = {0, 0, 0};
    double in_tree = 0.0;
    size_t i = in->n;
    while (i > 0) {
        double t = in->time[in->by_time[i - 1]];
        size_t low = i;
        while (low > 0 && in->time[in->by_time[low - 1]] == t)
            low--;
        for (size_t k = low; k < i; k++) /* censored at t are at risk for events at t */
            if (in->status[in->by_time[k]] == 0.0)
                tree_add(tree, in->rank[in->by_time[k]]), in_tree += 1.0;
        for (size_t k = low; k < i; k++) {
            size_t row = in->by_time[k];
            if (in->status[row] == 0.0)
                continue;
            pair_counts c = tree_compare(tree, in->rank[row], in_tree);
            total.lower += c.lower;
            total.higher += c.higher;
            total.same += c.same;
            if (in->per_case) {
                in->per_case[3 * row] += c.lower;
                in->per_case[3 * row + 1] += c.higher;
                in->per_case[3 * row + 2] += c.same;
            }
        }
        for (size_t k = low; k < i; k++)
            if (in->status[in->by_time[k]] != 0.0)
                tree_add(tree, in->rank[in->by_time[k]]), in_tree += 1.0;
        i = low;
    }
    return total;
}

/* Forward in time: each case against the events before it (for a censored case, also those at
 * its own time), adding to the case's own counts for the jackknife. */
static void count_as_later(const concordance_input *in, rank_tree *tree)
{
    double in_tree = 0.0;
    size_t low = 0;
    while (low < in->n) {
        double t = in->time[in->by_time[low]];
        size_t high = low;
        while (high < in->n && in->time[in->by_time[high]] == t)
            high++;
        for (int pass = 0; pass < 2; pass++) { /* events at t first, then the censored */
            for (size_t k = low; k < high; k++) {
                size_t row = in->by_time[k];
                if ((in->status[row] != 0.0) != (pass == 0))
                    continue;
                pair_counts c = tree_compare(tree, in->rank[row], in_tree);
                in->per_case[3 * row] += c.higher; /* the earlier event scored higher */
                in->per_case[3 * row + 1] += c.lower;
                in->per_case[3 * row + 2] += c.same;
            }
            if (pass == 0)
                for (size_t k = low; k < high; k++)
                    if (in->status[in->by_time[k]] != 0.0)
                        tree_add(tree, in->rank[in->by_time[k]]), in_tree += 1.0;
        }
        low = high;
    }
}

/* survival's concordancefit: dfbeta_i = (c_i - d_i)/N - (somers_d/N)(c_i + d_i + t_i),
 * var = sum dfbeta_i^2 / 4. */
static double jackknife_se(const double *per_case, size_t n, double pairs, double somers_d)
{
    double sum = 0.0;
    for (size_t i = 0; i < n; i++) {
        const double *c = per_case + 3 * i;
        double dfbeta = (c[0] - c[1]) / pairs - (somers_d / pairs) * (c[0] + c[1] + c[2]);
        sum += dfbeta * dfbeta;
    }
    return sqrt(sum / 4.0);
}

qa_status qa_concordance(const double *time, const double *status, const double *score, size_t n,
                         double *concordance, double *se, qa_error *error)
{
    *concordance = NAN;
    if (se)
        *se = NAN;
    qa_status status_code = qa_survival_check(time, status, n, error);
    if (status_code != QA_OK)
        return status_code;
    for (size_t i = 0; i < n; i++)
        if (!isfinite(score[i]))
            return qa_error_set(error, QA_ERR_INPUT, NULL, 0, NULL, NULL,
                                "risk score of row %zu is not a finite number", i + 1);
    size_t *by_time = malloc(n * sizeof *by_time + 1);
    size_t *by_score = malloc(n * sizeof *by_score + 1);
    size_t *rank = malloc(n * sizeof *rank + 1);
    rank_tree tree = {calloc(n + 1, sizeof(double)), 0};
    double *per_case = se ? calloc(3 * n + 1, sizeof *per_case) : NULL;
    if (!by_time || !by_score || !rank || !tree.count || (se && !per_case))
        status_code = qa_error_set(error, QA_ERR_MEMORY, NULL, 0, NULL, NULL,
                                   "out of memory for the concordance of %zu cases", n);
    if (status_code == QA_OK)
        status_code = qa_survival_sort_order(time, n, by_time, error);
    if (status_code == QA_OK)
        status_code = qa_survival_sort_order(score, n, by_score, error);
    if (status_code == QA_OK) {
        tree.size = score_ranks(score, n, by_score, rank);
        concordance_input in = {time, status, by_time, rank, n, per_case};
        pair_counts total = count_as_earlier(&in, &tree);
        double pairs = total.lower + total.higher + total.same;
        if (pairs == 0.0) {
            status_code = qa_error_set(error, QA_ERR_NUMERIC, NULL, 0, NULL, NULL,
                                       "no comparable pairs for the concordance (no event "
                                       "before another case's time)");
        } else {
            *concordance = (total.lower + 0.5 * total.same) / pairs;
            if (se) {
                memset(tree.count, 0, tree.size * sizeof *tree.count);
                count_as_later(&in, &tree);
                *se = jackknife_se(per_case, n, pairs, (total.lower - total.higher) / pairs);
            }
        }
    }
    free(by_time);
    free(by_score);
    free(rank);
    free(tree.count);
    free(per_case);
    return status_code;
}
