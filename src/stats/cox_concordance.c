/* Harrell's concordance (Harrell et al. 1982) as survival::concordance for a Cox fit, in
 * O(n log n): cases sorted by time, a Fenwick tree over the ranks of the risk score counts how
 * many comparable partners score lower, higher or the same. The standard error is the
 * infinitesimal jackknife of Somers' d that survival's concordancefit reports as var. */
#include "qareport/survival.h"
#include "survival_internal.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Fenwick (binary indexed) tree of counts over ranks 0..size-1, plus the count of each rank
 * itself so that a comparison needs one prefix query. 32-bit counts keep the tree small in
 * cache (n < 2^32 is checked by the caller). */
typedef struct {
    uint32_t *tree, *at_rank;
    size_t size;
    double total;
} rank_tree;

static void tree_add(rank_tree *t, size_t rank)
{
    for (size_t k = rank + 1; k <= t->size; k += k & (~k + 1))
        t->tree[k - 1]++;
    t->at_rank[rank]++;
    t->total += 1.0;
}

/* Pairs of one case with partners in the tree: partners scoring lower, higher, the same. */
typedef struct {
    double lower, higher, same;
} pair_counts;

static pair_counts tree_compare(const rank_tree *t, size_t rank)
{
    uint64_t below = 0;
    for (size_t k = rank; k > 0; k -= k & (~k + 1))
        below += t->tree[k - 1];
    pair_counts c;
    c.lower = (double)below;
    c.same = (double)t->at_rank[rank];
    c.higher = t->total - c.lower - c.same;
    return c;
}

/* rank[k] = rank of score[k] (equal scores share a rank), from order = the positions sorted by
 * score; returns the number of distinct ranks. */
static size_t score_ranks(const double *score, size_t n, const size_t *order, uint32_t *rank)
{
    size_t distinct = 0;
    for (size_t k = 0; k < n; k++) {
        if (k > 0 && score[order[k]] != score[order[k - 1]])
            distinct++;
        rank[order[k]] = (uint32_t)distinct;
    }
    return n > 0 ? distinct + 1 : 0;
}

/* Cases in time order: time ascending, event flag and score rank of each position. */
typedef struct {
    const double *time;
    const unsigned char *event;
    const uint32_t *rank;
    size_t n;
    double *per_case; /* 3n: concordant, discordant, tied pairs of each case; NULL if not wanted */
} concordance_input;

/* One past the last position with the time of position low. */
static size_t tie_end(const concordance_input *in, size_t low)
{
    size_t high = low;
    while (high < in->n && in->time[high] == in->time[low])
        high++;
    return high;
}

/* Backward in time: each event against the cases still at risk after it (and those censored at
 * its time). A higher score on the event is concordant. Returns the totals. */
static pair_counts count_as_earlier(const concordance_input *in, rank_tree *tree)
{
    pair_counts total = {0, 0, 0};
    size_t i = in->n;
    while (i > 0) {
        size_t low = i - 1;
        while (low > 0 && in->time[low - 1] == in->time[i - 1])
            low--;
        for (size_t k = low; k < i; k++) /* censored at t are at risk for events at t */
            if (!in->event[k])
                tree_add(tree, in->rank[k]);
        for (size_t k = low; k < i; k++) {
            if (!in->event[k])
                continue;
            pair_counts c = tree_compare(tree, in->rank[k]);
            total.lower += c.lower;
            total.higher += c.higher;
            total.same += c.same;
            if (in->per_case) {
                in->per_case[3 * k] += c.lower;
                in->per_case[3 * k + 1] += c.higher;
                in->per_case[3 * k + 2] += c.same;
            }
        }
        for (size_t k = low; k < i; k++)
            if (in->event[k])
                tree_add(tree, in->rank[k]);
        i = low;
    }
    return total;
}

/* Forward in time: each case against the events before it (for a censored case, also those at
 * its own time), adding to the case's own counts for the jackknife. */
static void count_as_later(const concordance_input *in, rank_tree *tree)
{
    for (size_t low = 0, high; low < in->n; low = high) {
        high = tie_end(in, low);
        for (int pass = 0; pass < 2; pass++) { /* events at t first, then the censored */
            for (size_t k = low; k < high; k++) {
                if ((in->event[k] != 0) != (pass == 0))
                    continue;
                pair_counts c = tree_compare(tree, in->rank[k]);
                in->per_case[3 * k] += c.higher; /* the earlier event scored higher */
                in->per_case[3 * k + 1] += c.lower;
                in->per_case[3 * k + 2] += c.same;
            }
            if (pass == 0)
                for (size_t k = low; k < high; k++)
                    if (in->event[k])
                        tree_add(tree, in->rank[k]);
        }
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

static void rank_tree_clear(rank_tree *tree)
{
    memset(tree->tree, 0, tree->size * sizeof *tree->tree);
    memset(tree->at_rank, 0, tree->size * sizeof *tree->at_rank);
    tree->total = 0.0;
}

qa_status qa_concordance_sorted(const double *time, const unsigned char *event,
                                const double *score, size_t n, double *concordance, double *se,
                                qa_error *error)
{
    *concordance = NAN;
    if (se)
        *se = NAN;
    if (n >= UINT32_MAX)
        return qa_error_set(error, QA_ERR_NUMERIC, NULL, 0, NULL, NULL,
                            "too many cases for the concordance (%zu)", n);
    size_t *by_score = malloc(n * sizeof *by_score + 1);
    uint32_t *rank = malloc(n * sizeof *rank + 1);
    rank_tree tree = {calloc(n + 1, sizeof(uint32_t)), calloc(n + 1, sizeof(uint32_t)), 0, 0.0};
    double *per_case = se ? calloc(3 * n + 1, sizeof *per_case) : NULL;
    qa_status status = QA_OK;
    if (!by_score || !rank || !tree.tree || !tree.at_rank || (se && !per_case))
        status = qa_error_set(error, QA_ERR_MEMORY, NULL, 0, NULL, NULL,
                              "out of memory for the concordance of %zu cases", n);
    if (status == QA_OK)
        status = qa_survival_sort_order(score, n, by_score, error);
    if (status == QA_OK) {
        tree.size = score_ranks(score, n, by_score, rank);
        concordance_input in = {time, event, rank, n, per_case};
        pair_counts total = count_as_earlier(&in, &tree);
        double pairs = total.lower + total.higher + total.same;
        if (pairs == 0.0) {
            status = qa_error_set(error, QA_ERR_NUMERIC, NULL, 0, NULL, NULL,
                                  "no comparable pairs for the concordance (no event before "
                                  "another case's time)");
        } else {
            *concordance = (total.lower + 0.5 * total.same) / pairs;
            if (se) {
                rank_tree_clear(&tree);
                count_as_later(&in, &tree);
                *se = jackknife_se(per_case, n, pairs, (total.lower - total.higher) / pairs);
            }
        }
    }
    free(by_score);
    free(rank);
    free(tree.tree);
    free(tree.at_rank);
    free(per_case);
    return status;
}

qa_status qa_concordance(const double *time, const double *status, const double *score, size_t n,
                         double *concordance, double *se, qa_error *error)
{
    *concordance = NAN;
    if (se)
        *se = NAN;
    qa_status code = qa_survival_check(time, status, n, error);
    if (code != QA_OK)
        return code;
    for (size_t i = 0; i < n; i++)
        if (!isfinite(score[i]))
            return qa_error_set(error, QA_ERR_INPUT, NULL, 0, NULL, NULL,
                                "risk score of row %zu is not a finite number", i + 1);
    size_t *order = malloc(n * sizeof *order + 1);
    double *sorted = malloc(2 * n * sizeof *sorted + 1);
    unsigned char *event = malloc(n + 1);
    if (!order || !sorted || !event)
        code = qa_error_set(error, QA_ERR_MEMORY, NULL, 0, NULL, NULL,
                            "out of memory for the concordance of %zu cases", n);
    if (code == QA_OK)
        code = qa_survival_sort_order(time, n, order, error);
    if (code == QA_OK) {
        double *sorted_score = sorted + n;
        for (size_t k = 0; k < n; k++) {
            sorted[k] = time[order[k]];
            event[k] = status[order[k]] == 1.0;
            sorted_score[k] = score[order[k]];
        }
        code = qa_concordance_sorted(sorted, event, sorted_score, n, concordance, se, error);
    }
    free(order);
    free(sorted);
    free(event);
    return code;
}
