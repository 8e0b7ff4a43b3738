/* Harrell's concordance (Harrell et al. 1982) as survival::concordance for a Cox fit, in
 * O(n log G) for G distinct times: the cases are swept in order of their risk score while a
 * Fenwick tree over the time order counts, for each case, the comparable partners already seen
 * (lower score) and, after its tie batch is added, those with the same score. Durations in
 * years have few distinct times, so the tree stays in cache. The standard error is the
 * infinitesimal jackknife of Somers' d that survival's concordancefit reports as var. */
#include "qareport/survival.h"
#include "survival_internal.h"
#include "stats_internal.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Time slots: the events of the g-th distinct time (ascending) are slot 2g, the cases censored
 * at it slot 2g + 1. An event at slot s is comparable with every case in a slot above s (later,
 * or censored at its time); a case at slot s with every event in a slot below s. */

/* Fenwick (binary indexed) tree of weighted counts over slots 0..size-1. The weights are whole
 * numbers with a sum below 2^53, so the double sums are exact. */
typedef struct {
    double *count;
    size_t size;
} slot_tree;

static void tree_add(slot_tree *t, size_t slot, double weight)
{
    for (size_t k = slot + 1; k <= t->size; k += k & (~k + 1))
        t->count[k - 1] += weight;
}

/* Weight of the entries in slots below limit. */
static double tree_below(const slot_tree *t, size_t limit)
{
    double total = 0.0;
    for (size_t k = limit; k > 0; k -= k & (~k + 1))
        total += t->count[k - 1];
    return total;
}

/* Everything the sweep reads, in score order (k = 0..n-1, ascending score). */
typedef struct {
    size_t n, slots;
    const double *score;      /* sorted */
    const uint32_t *slot;     /* slot of the k-th case */
    const double *weight;     /* frequency weight of the k-th case: its copies are never
                               * comparable with each other (same time and status) */
    const double *above;      /* per slot: cases in higher slots (partners of an event) */
    const double *events_below; /* per slot: events in lower slots (partners of any case) */
    double *lower;            /* scratch, 2n: partners scoring lower, as earlier / as later */
    double *per_case;         /* 3n: concordant, discordant, tied pairs of one copy of each case,
                               * or NULL */
} sweep_input;

typedef struct {
    double concordant, discordant, tied;
} pair_totals;

/* Counts for one batch of equal scores [low, high): the partners already in the trees score
 * lower; after the batch is added, the increase is the partners with the same score. */
static void sweep_batch(const sweep_input *in, size_t low, size_t high, slot_tree *all,
                        slot_tree *events, double *inserted, pair_totals *total)
{
    for (size_t k = low; k < high; k++) {
        size_t s = in->slot[k];
        if (s % 2 == 0)
            in->lower[2 * k] = *inserted - tree_below(all, s + 1);
        if (in->per_case)
            in->lower[2 * k + 1] = tree_below(events, s);
    }
    for (size_t k = low; k < high; k++) {
        tree_add(all, in->slot[k], in->weight[k]);
        if (in->slot[k] % 2 == 0)
            tree_add(events, in->slot[k], in->weight[k]);
        *inserted += in->weight[k];
    }
    bool single = high - low == 1; /* a score of its own: no partner has the same */
    for (size_t k = low; k < high; k++) {
        size_t s = in->slot[k];
        double *mine = in->per_case ? in->per_case + 3 * k : NULL;
        if (s % 2 == 0) { /* as the earlier case: an event with a higher score is concordant */
            double not_above = single ? in->lower[2 * k] : *inserted - tree_below(all, s + 1);
            double lower = in->lower[2 * k], same = not_above - lower;
            double higher = in->above[s] - not_above, w = in->weight[k];
            total->concordant += w * lower;
            total->discordant += w * higher;
            total->tied += w * same;
            if (mine)
                mine[0] += lower, mine[1] += higher, mine[2] += same;
        }
        if (mine) { /* as the later case: concordant when the earlier event scored higher */
            double lower = in->lower[2 * k + 1];
            double not_above = single ? lower : tree_below(events, s);
            mine[0] += in->events_below[s] - not_above;
            mine[1] += lower;
            mine[2] += not_above - lower;
        }
    }
}

static pair_totals sweep(const sweep_input *in, slot_tree *all, slot_tree *events)
{
    pair_totals total = {0, 0, 0};
    double inserted = 0.0;
    for (size_t low = 0, high; low < in->n; low = high) {
        for (high = low + 1; high < in->n && in->score[high] == in->score[low]; high++)
            ;
        sweep_batch(in, low, high, all, events, &inserted, &total);
    }
    return total;
}

/* survival's concordancefit: dfbeta_i = (c_i - d_i)/N - (somers_d/N)(c_i + d_i + t_i),
 * var = sum dfbeta_i^2 / 4, each case counted weight times. */
static double jackknife_se(const double *per_case, const double *weight, size_t n, double pairs,
                           double somers_d)
{
    double sum = 0.0;
    for (size_t i = 0; i < n; i++) {
        const double *c = per_case + 3 * i;
        double dfbeta = (c[0] - c[1]) / pairs - (somers_d / pairs) * (c[0] + c[1] + c[2]);
        sum += weight[i] * dfbeta * dfbeta;
    }
    return sqrt(sum / 4.0);
}

/* Slot of each case in time order; per slot the partner totals. Returns the number of slots. */
static size_t time_slots(const double *time, const unsigned char *event, const double *weight,
                         size_t n, uint32_t *slot_by_time, double *above, double *events_below)
{
    size_t group = 0;
    for (size_t k = 0; k < n; k++) {
        if (k > 0 && time[k] != time[k - 1])
            group++;
        slot_by_time[k] = (uint32_t)(2 * group + (event[k] ? 0 : 1));
    }
    size_t slots = n > 0 ? 2 * group + 2 : 0;
    memset(above, 0, (slots + 1) * sizeof *above);
    memset(events_below, 0, (slots + 1) * sizeof *events_below);
    for (size_t k = 0; k < n; k++) { /* counts per slot, then turned into the totals */
        double w = weight ? weight[k] : 1.0;
        above[slot_by_time[k]] += w;
        if (event[k])
            events_below[slot_by_time[k]] += w;
    }
    double cases_above = 0.0, events_so_far = 0.0;
    for (size_t s = slots; s-- > 0;) {
        double here = above[s];
        above[s] = cases_above;
        cases_above += here;
    }
    for (size_t s = 0; s < slots; s++) {
        double here = events_below[s];
        events_below[s] = events_so_far;
        events_so_far += here;
    }
    return slots;
}

typedef struct {
    size_t *by_score;
    uint32_t *slot_by_time, *slot;
    double *score, *weight, *above, *events_below, *lower, *per_case;
    double *all_count, *event_count;
} sweep_memory;

static bool sweep_memory_alloc(sweep_memory *m, size_t n, bool with_se)
{
    m->by_score = malloc(n * sizeof *m->by_score + 1);
    m->slot_by_time = malloc(n * sizeof *m->slot_by_time + 1);
    m->slot = malloc(n * sizeof *m->slot + 1);
    m->score = malloc(n * sizeof *m->score + 1);
    m->weight = malloc(n * sizeof *m->weight + 1);
    m->above = malloc((2 * n + 3) * sizeof *m->above);
    m->events_below = malloc((2 * n + 3) * sizeof *m->events_below);
    m->lower = malloc(2 * n * sizeof *m->lower + 1);
    m->per_case = with_se ? calloc(3 * n + 1, sizeof *m->per_case) : NULL;
    m->all_count = calloc(2 * n + 3, sizeof *m->all_count);
    m->event_count = calloc(2 * n + 3, sizeof *m->event_count);
    return m->by_score && m->slot_by_time && m->slot && m->score && m->weight && m->above &&
           m->events_below && m->lower && (!with_se || m->per_case) && m->all_count &&
           m->event_count;
}

static void sweep_memory_free(sweep_memory *m)
{
    free(m->by_score);
    free(m->slot_by_time);
    free(m->slot);
    free(m->score);
    free(m->weight);
    free(m->above);
    free(m->events_below);
    free(m->lower);
    free(m->per_case);
    free(m->all_count);
    free(m->event_count);
}

qa_status qa_concordance_sorted(const double *time, const unsigned char *event,
                                const double *score, const double *weight, size_t n,
                                double *concordance, double *se, qa_error *error)
{
    *concordance = NAN;
    if (se)
        *se = NAN;
    if (n >= UINT32_MAX / 2)
        return qa_error_set(error, QA_ERR_NUMERIC, NULL, 0, NULL, NULL,
                            "too many cases for the concordance (%zu)", n);
    sweep_memory m;
    qa_status status = QA_OK;
    if (!sweep_memory_alloc(&m, n, se != NULL))
        status = qa_error_set(error, QA_ERR_MEMORY, NULL, 0, NULL, NULL,
                              "out of memory for the concordance of %zu cases", n);
    if (status == QA_OK)
        status = qa_survival_sort_order(score, n, m.by_score, error);
    if (status == QA_OK) {
        size_t slots =
            time_slots(time, event, weight, n, m.slot_by_time, m.above, m.events_below);
        for (size_t k = 0; k < n; k++) {
            m.slot[k] = m.slot_by_time[m.by_score[k]];
            m.score[k] = score[m.by_score[k]];
            m.weight[k] = weight ? weight[m.by_score[k]] : 1.0;
        }
        sweep_input in = {n, slots, m.score, m.slot, m.weight, m.above, m.events_below, m.lower,
                          m.per_case};
        slot_tree all = {m.all_count, slots}, events = {m.event_count, slots};
        pair_totals total = sweep(&in, &all, &events);
        double pairs = total.concordant + total.discordant + total.tied;
        if (pairs == 0.0)
            status = qa_error_set(error, QA_ERR_NUMERIC, NULL, 0, NULL, NULL,
                                  "no comparable pairs for the concordance (no event before "
                                  "another case's time)");
        else {
            *concordance = (total.concordant + 0.5 * total.tied) / pairs;
            if (se)
                *se = jackknife_se(m.per_case, m.weight, n, pairs,
                                   (total.concordant - total.discordant) / pairs);
        }
    }
    sweep_memory_free(&m);
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
        code = qa_concordance_sorted(sorted, event, sorted_score, NULL, n, concordance, se,
                                     error);
    }
    free(order);
    free(sorted);
    free(event);
    return code;
}
