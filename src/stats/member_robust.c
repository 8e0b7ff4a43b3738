/* Member-robust ("dyadic" or network) sandwich variance without the n × n dependence matrix
 * (Aronow, Samii & Assenova 2015, Political Analysis 23(4)). For cases i ~ j (sharing a
 * member) the meat is B = Σ_i Σ_{j~i} u_i u_j′. By inclusion–exclusion over the subsets T of
 * S_i ∩ S_j, 1[S_i ∩ S_j ≠ ∅] = Σ_{∅≠T⊆S_i∩S_j} (−1)^{|T|+1}, so
 *     B = Σ_T (−1)^{|T|+1} G_T G_T′ + Σ_{i: S_i = ∅} u_i u_i′,  G_T = Σ_{i: T ⊆ S_i} u_i,
 * over the subsets T of the member sets that occur: a pair sharing several members counts
 * once. Cases with the same member set are summed first, so a model costs one pass over its
 * cases plus work per distinct set. Sets with more than QA_MEMBER_SUBSET_MAX members are not
 * enumerated: for such a set s, its row v_s = Σ_{s'~s} g_{s'} is summed over the neighbouring
 * sets found at plan time, and the pairs (small, big) enter as w_s g_s′ with w_s the part of
 * v_s from small sets. */
#include "column_scale.h"
#include "qareport/member_robust.h"
#include "qareport/whole.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

#define NO_SET UINT32_MAX

/* Interned tuples of ascending ids (member sets, subsets), by open addressing. */
typedef struct {
    uint32_t *slot; /* 0 = empty, else id + 1 */
    size_t capacity, count;
    size_t *offset; /* count + 1 */
    size_t offset_capacity;
    uint32_t *pool;
    size_t pool_capacity;
} tuple_table;

struct qa_member_plan {
    size_t cases, member_count;
    uint32_t *set_of;        /* per case, NO_SET for a case without members */
    uint32_t *private_count; /* per case: members left out as named by it alone; or NULL */
    tuple_table sets;        /* set s: sets.pool[sets.offset[s] .. sets.offset[s + 1]) */
    size_t *subset_offset;   /* per set; empty range for a big set */
    uint32_t *subset_key;    /* member id (a singleton) or member_count + subset id */
    size_t key_count;
    tuple_table subsets; /* subsets of two or more members */
    size_t big_count;
    uint32_t *big_set;
    size_t *neighbour_offset; /* big_count + 1 */
    uint32_t *neighbour;      /* sets sharing a member with the big set, itself included */
};

static uint64_t mix64(uint64_t z)
{
    z += 0x9e3779b97f4a7c15u;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

static uint64_t tuple_hash(const uint32_t *tuple, size_t length)
{
    uint64_t h = length;
    for (size_t k = 0; k < length; k++)
        h = mix64(h ^ tuple[k]);
    return h;
}

static void tuple_table_free(tuple_table *t)
{
    free(t->slot);
    free(t->offset);
    free(t->pool);
    memset(t, 0, sizeof *t);
}

static bool tuple_table_init(tuple_table *t)
{
    memset(t, 0, sizeof *t);
    t->capacity = 1024;
    t->slot = calloc(t->capacity, sizeof *t->slot);
    t->offset_capacity = 1024;
    t->offset = malloc(t->offset_capacity * sizeof *t->offset);
    t->pool_capacity = 2048;
    t->pool = malloc(t->pool_capacity * sizeof *t->pool);
    if (!t->slot || !t->offset || !t->pool) {
        tuple_table_free(t);
        return false;
    }
    t->offset[0] = 0;
    return true;
}

static bool tuple_equal(const tuple_table *t, uint32_t id, const uint32_t *tuple, size_t length)
{
    size_t begin = t->offset[id], end = t->offset[id + 1];
    return end - begin == length && memcmp(t->pool + begin, tuple, length * sizeof *tuple) == 0;
}

static bool tuple_table_grow(tuple_table *t)
{
    size_t capacity = t->capacity * 2;
    uint32_t *slot = calloc(capacity, sizeof *slot);
    if (!slot)
        return false;
    for (uint32_t id = 0; id < t->count; id++) {
        size_t begin = t->offset[id];
        size_t h = tuple_hash(t->pool + begin, t->offset[id + 1] - begin) & (capacity - 1);
        while (slot[h])
            h = (h + 1) & (capacity - 1);
        slot[h] = id + 1;
    }
    free(t->slot);
    t->slot = slot;
    t->capacity = capacity;
    return true;
}

/* The id of tuple (ascending ids), added when new. */
static bool tuple_intern(tuple_table *t, const uint32_t *tuple, size_t length, uint32_t *id)
{
    size_t mask = t->capacity - 1, h = tuple_hash(tuple, length) & mask;
    for (; t->slot[h]; h = (h + 1) & mask)
        if (tuple_equal(t, t->slot[h] - 1, tuple, length)) {
            *id = t->slot[h] - 1;
            return true;
        }
    if (t->count + 2 > t->offset_capacity) {
        size_t *offset = realloc(t->offset, 2 * t->offset_capacity * sizeof *offset);
        if (!offset)
            return false;
        t->offset = offset;
        t->offset_capacity *= 2;
    }
    size_t used = t->offset[t->count];
    while (used + length > t->pool_capacity) {
        uint32_t *pool = realloc(t->pool, 2 * t->pool_capacity * sizeof *pool);
        if (!pool)
            return false;
        t->pool = pool;
        t->pool_capacity *= 2;
    }
    memcpy(t->pool + used, tuple, length * sizeof *tuple);
    *id = (uint32_t)t->count;
    t->offset[t->count + 1] = used + length;
    t->slot[h] = (uint32_t)++t->count;
    return 2 * t->count <= t->capacity || tuple_table_grow(t);
}

static int compare_ids(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

/* Sorts the ids ascending and drops repeats; returns the new length. */
static size_t sort_unique(uint32_t *ids, size_t length)
{
    if (length <= 16) {
        for (size_t i = 1; i < length; i++)
            for (size_t k = i; k > 0 && ids[k - 1] > ids[k]; k--) {
                uint32_t t = ids[k];
                ids[k] = ids[k - 1];
                ids[k - 1] = t;
            }
    } else {
        qsort(ids, length, sizeof *ids, compare_ids);
    }
    size_t kept = 0;
    for (size_t i = 0; i < length; i++)
        if (kept == 0 || ids[kept - 1] != ids[i])
            ids[kept++] = ids[i];
    return kept;
}

static size_t set_size(const qa_member_plan *plan, size_t s)
{
    return plan->sets.offset[s + 1] - plan->sets.offset[s];
}

static qa_status intern_cases(const qa_members *members, qa_member_plan *plan, qa_error *error)
{
    size_t longest = 0;
    for (size_t i = 0; i < members->cases; i++) {
        if (members->offset[i + 1] < members->offset[i])
            return qa_error_set(error, QA_ERR_INPUT, NULL, 0, NULL, NULL,
                                "member offsets decrease at case %zu", i);
        size_t length = members->offset[i + 1] - members->offset[i];
        longest = length > longest ? length : longest;
    }
    uint32_t *scratch = malloc((longest ? longest : 1) * sizeof *scratch);
    if (!scratch)
        return qa_error_set(error, QA_ERR_MEMORY, NULL, 0, NULL, NULL, "out of memory");
    /* Single members and pairs (dyads) by direct index while the table stays small (about 200
     * states: 160 kB), without hashing: the hash table's cache misses dominate at 1e6 cases. */
    size_t m = members->member_count;
    bool direct = m > 0 && m <= 2048;
    uint32_t *single = direct ? calloc(m, sizeof *single) : NULL;
    uint32_t *pair = direct ? calloc(m * m, sizeof *pair) : NULL;
    qa_status status = QA_OK;
    if (direct && (!single || !pair))
        status = qa_error_set(error, QA_ERR_MEMORY, NULL, 0, NULL, NULL, "out of memory");
    for (size_t i = 0; i < members->cases && status == QA_OK; i++) {
        size_t begin = members->offset[i], length = members->offset[i + 1] - begin;
        for (size_t k = 0; k < length; k++) {
            scratch[k] = members->member[begin + k];
            if (scratch[k] >= members->member_count)
                status = qa_error_set(error, QA_ERR_INPUT, NULL, 0, NULL, NULL,
                                      "case %zu: member id %u out of range (%zu members)", i,
                                      (unsigned)scratch[k], members->member_count);
        }
        if (status != QA_OK)
            break;
        length = sort_unique(scratch, length);
        plan->set_of[i] = NO_SET;
        uint32_t *known = !direct || length == 0 || length > 2 ? NULL
                          : length == 1                        ? &single[scratch[0]]
                                        : &pair[(size_t)scratch[0] * m + scratch[1]];
        if (known && *known) {
            plan->set_of[i] = *known - 1;
            continue;
        }
        if (length > 0 && !tuple_intern(&plan->sets, scratch, length, &plan->set_of[i]))
            status = qa_error_set(error, QA_ERR_MEMORY, NULL, 0, NULL, NULL, "out of memory");
        else if (known)
            *known = plan->set_of[i] + 1;
    }
    free(scratch);
    free(single);
    free(pair);
    return status;
}

/* Every non-empty subset of each small set, as key ids; singletons are the member ids. */
static qa_status enumerate_subsets(qa_member_plan *plan, qa_error *error)
{
    size_t set_count = plan->sets.count, total = 0;
    plan->subset_offset = malloc((set_count + 1) * sizeof *plan->subset_offset);
    if (!plan->subset_offset)
        return qa_error_set(error, QA_ERR_MEMORY, NULL, 0, NULL, NULL, "out of memory");
    for (size_t s = 0; s < set_count; s++) {
        plan->subset_offset[s] = total;
        size_t k = set_size(plan, s);
        if (k <= QA_MEMBER_SUBSET_MAX)
            total += ((size_t)1 << k) - 1;
        else
            plan->big_count++;
    }
    plan->subset_offset[set_count] = total;
    plan->subset_key = malloc((total ? total : 1) * sizeof *plan->subset_key);
    if (!plan->subset_key || !tuple_table_init(&plan->subsets))
        return qa_error_set(error, QA_ERR_MEMORY, NULL, 0, NULL, NULL, "out of memory");
    uint32_t tuple[QA_MEMBER_SUBSET_MAX];
    for (size_t s = 0; s < set_count; s++) {
        size_t k = set_size(plan, s);
        if (k > QA_MEMBER_SUBSET_MAX)
            continue;
        const uint32_t *set = plan->sets.pool + plan->sets.offset[s];
        uint32_t *key = plan->subset_key + plan->subset_offset[s];
        for (size_t mask = 1; mask < ((size_t)1 << k); mask++) {
            size_t length = 0;
            for (size_t b = 0; b < k; b++)
                if (mask >> b & 1)
                    tuple[length++] = set[b];
            uint32_t id = tuple[0];
            if (length > 1) {
                if (!tuple_intern(&plan->subsets, tuple, length, &id))
                    return qa_error_set(error, QA_ERR_MEMORY, NULL, 0, NULL, NULL, "out of memory");
                id += (uint32_t)plan->member_count;
            }
            *key++ = id;
        }
    }
    plan->key_count = plan->member_count + plan->subsets.count;
    return QA_OK;
}

/* For each big set, the distinct sets sharing a member with it (through the member → sets
 * index), itself included. */
static qa_status find_neighbours(qa_member_plan *plan, qa_error *error)
{
    size_t set_count = plan->sets.count, members = plan->member_count;
    if (plan->big_count == 0) /* dyads and small alliances: nothing to index */
        return (plan->neighbour_offset = calloc(1, sizeof *plan->neighbour_offset))
                   ? QA_OK
                   : qa_error_set(error, QA_ERR_MEMORY, NULL, 0, NULL, NULL, "out of memory");
    size_t *start = calloc(members + 1, sizeof *start);
    uint32_t *holder = malloc((plan->sets.offset[set_count] + 1) * sizeof *holder);
    uint32_t *stamp = malloc((set_count + 1) * sizeof *stamp);
    plan->big_set = malloc((plan->big_count + 1) * sizeof *plan->big_set);
    plan->neighbour_offset = malloc((plan->big_count + 1) * sizeof *plan->neighbour_offset);
    qa_status status = QA_OK;
    if (!start || !holder || !stamp || !plan->big_set || !plan->neighbour_offset) {
        status = qa_error_set(error, QA_ERR_MEMORY, NULL, 0, NULL, NULL, "out of memory");
        goto done;
    }
    for (size_t e = 0; e < plan->sets.offset[set_count]; e++)
        start[plan->sets.pool[e] + 1]++;
    for (size_t m = 0; m < members; m++)
        start[m + 1] += start[m];
    for (size_t s = 0; s < set_count; s++)
        for (size_t e = plan->sets.offset[s]; e < plan->sets.offset[s + 1]; e++)
            holder[start[plan->sets.pool[e]]++] = (uint32_t)s;
    for (size_t m = members; m > 0; m--) /* back to the starts */
        start[m] = start[m - 1];
    start[0] = 0;
    size_t total = 0, b = 0;
    for (size_t s = 0; s < set_count; s++)
        if (set_size(plan, s) > QA_MEMBER_SUBSET_MAX)
            for (size_t e = plan->sets.offset[s]; e < plan->sets.offset[s + 1]; e++)
                total += start[plan->sets.pool[e] + 1] - start[plan->sets.pool[e]];
    plan->neighbour = malloc((total + 1) * sizeof *plan->neighbour);
    if (!plan->neighbour) {
        status = qa_error_set(error, QA_ERR_MEMORY, NULL, 0, NULL, NULL, "out of memory");
        goto done;
    }
    for (size_t s = 0; s < set_count; s++)
        stamp[s] = NO_SET;
    size_t used = 0;
    for (size_t s = 0; s < set_count; s++) {
        if (set_size(plan, s) <= QA_MEMBER_SUBSET_MAX)
            continue;
        plan->big_set[b] = (uint32_t)s;
        plan->neighbour_offset[b] = used;
        for (size_t e = plan->sets.offset[s]; e < plan->sets.offset[s + 1]; e++) {
            uint32_t m = plan->sets.pool[e];
            for (size_t h = start[m]; h < start[m + 1]; h++)
                if (stamp[holder[h]] != b) {
                    stamp[holder[h]] = (uint32_t)b;
                    plan->neighbour[used++] = holder[h];
                }
        }
        b++;
    }
    plan->neighbour_offset[b] = used;
done:
    free(start);
    free(holder);
    free(stamp);
    return status;
}

qa_status qa_member_plan_build(const qa_members *members, qa_member_plan **out, qa_error *error)
{
    *out = NULL;
    qa_member_plan *plan = calloc(1, sizeof *plan);
    if (!plan)
        return qa_error_set(error, QA_ERR_MEMORY, NULL, 0, NULL, NULL, "out of memory");
    plan->cases = members->cases;
    plan->member_count = members->member_count;
    plan->set_of = malloc((members->cases ? members->cases : 1) * sizeof *plan->set_of);
    qa_status status =
        plan->set_of && tuple_table_init(&plan->sets)
            ? QA_OK
            : qa_error_set(error, QA_ERR_MEMORY, NULL, 0, NULL, NULL, "out of memory");
    if (status == QA_OK && members->private_count) {
        plan->private_count = malloc((members->cases ? members->cases : 1) * sizeof(uint32_t));
        if (plan->private_count)
            memcpy(plan->private_count, members->private_count, members->cases * sizeof(uint32_t));
        else
            status = qa_error_set(error, QA_ERR_MEMORY, NULL, 0, NULL, NULL, "out of memory");
    }
    if (status == QA_OK && members->member_count >= NO_SET)
        status = qa_error_set(error, QA_ERR_INPUT, NULL, 0, NULL, NULL, "too many members");
    if (status == QA_OK)
        status = intern_cases(members, plan, error);
    if (status == QA_OK)
        status = enumerate_subsets(plan, error);
    if (status == QA_OK)
        status = find_neighbours(plan, error);
    if (status != QA_OK) {
        qa_member_plan_free(plan);
        return status;
    }
    *out = plan;
    return QA_OK;
}

void qa_member_plan_free(qa_member_plan *plan)
{
    if (!plan)
        return;
    free(plan->set_of);
    free(plan->private_count);
    tuple_table_free(&plan->sets);
    free(plan->subset_offset);
    free(plan->subset_key);
    tuple_table_free(&plan->subsets);
    free(plan->big_set);
    free(plan->neighbour_offset);
    free(plan->neighbour);
    free(plan);
}

size_t qa_member_plan_set_count(const qa_member_plan *plan)
{
    return plan->sets.count;
}

const uint32_t *qa_member_plan_case_members(const qa_member_plan *plan, size_t case_index,
                                            size_t *count)
{
    uint32_t s = case_index < plan->cases ? plan->set_of[case_index] : NO_SET;
    *count = s == NO_SET ? 0 : set_size(plan, s);
    return s == NO_SET ? NULL : plan->sets.pool + plan->sets.offset[s];
}

/* meat += sign a b′ */
static void add_outer(double *meat, size_t p, double sign, const double *a, const double *b)
{
    for (size_t j = 0; j < p; j++) {
        double s = sign * a[j];
        for (size_t l = 0; l < p; l++)
            meat[j * p + l] += s * b[l];
    }
}

enum { SCRATCH_SETS = 8 };

struct qa_member_sums {
    const qa_member_plan *plan;
    size_t p;
    double *set_sum;         /* set_count × p: Σ w u over the cases added with that set */
    double *set_weight;      /* set_count */
    double *empty_meat;      /* p × p: Σ w u u′ over member-less cases */
    double empty_weight;     /* their number */
    double private_clusters; /* Σ w private_count over the cases added */
    double *key_sum;         /* key_count × p */
    unsigned char *seen;     /* member_count */
};

qa_status qa_member_sums_alloc(const qa_member_plan *plan, size_t p, qa_member_sums **out,
                               qa_error *error)
{
    qa_member_sums *sums = calloc(1, sizeof *sums);
    if (sums) {
        sums->plan = plan;
        sums->p = p;
        /* (SCRATCH_SETS more rows for qa_member_sums_add_coded) */
        sums->set_sum = calloc((plan->sets.count + SCRATCH_SETS) * p + 1, sizeof(double));
        sums->set_weight = calloc(plan->sets.count + SCRATCH_SETS, sizeof(double));
        sums->empty_meat = calloc(p * p + 1, sizeof(double));
        sums->key_sum = calloc(plan->key_count * p + 1, sizeof(double));
        sums->seen = calloc(plan->member_count + 1, 1);
    }
    if (!sums || !sums->set_sum || !sums->set_weight || !sums->empty_meat || !sums->key_sum ||
        !sums->seen) {
        qa_member_sums_free(sums);
        *out = NULL;
        return qa_error_set(error, QA_ERR_MEMORY, NULL, 0, NULL, NULL, "out of memory");
    }
    *out = sums;
    return QA_OK;
}

void qa_member_sums_reset(qa_member_sums *sums)
{
    const qa_member_plan *plan = sums->plan;
    size_t p = sums->p;
    memset(sums->set_sum, 0, plan->sets.count * p * sizeof(double));
    memset(sums->set_weight, 0, plan->sets.count * sizeof(double));
    memset(sums->empty_meat, 0, p * p * sizeof(double));
    sums->empty_weight = 0;
    sums->private_clusters = 0;
}

void qa_member_sums_free(qa_member_sums *sums)
{
    if (!sums)
        return;
    free(sums->set_sum);
    free(sums->set_weight);
    free(sums->empty_meat);
    free(sums->key_sum);
    free(sums->seen);
    free(sums);
}

/* Adds weight × u for case i (in range, weight valid): to its member set's sum, or for a
 * member-less case to the meat directly. */
static void sums_add_case(qa_member_sums *sums, size_t i, double weight, const double *u)
{
    const qa_member_plan *plan = sums->plan;
    size_t p = sums->p;
    uint32_t s = plan->set_of[i];
    uint32_t private_count = plan->private_count ? plan->private_count[i] : 0;
    sums->private_clusters += weight * private_count;
    if (s == NO_SET) {
        add_outer(sums->empty_meat, p, weight, u, u);
        if (private_count == 0)
            sums->empty_weight += weight;
        return;
    }
    double *sum = sums->set_sum + (size_t)s * p;
    for (size_t j = 0; j < p; j++)
        sum[j] += weight * u[j];
    sums->set_weight[s] += weight;
}

bool qa_member_sums_add(qa_member_sums *sums, size_t case_index, double weight, const double *u)
{
    if (case_index >= sums->plan->cases || !(weight >= 0) || !isfinite(weight))
        return false;
    sums_add_case(sums, case_index, weight, u);
    return true;
}

/* A coded column prepared for the passes below. */
typedef struct {
    const double *values;
    double low, radix;
    size_t radix_count;
} coded_column;

typedef struct {
    coded_column column[QA_MEMBER_CODED_COLUMNS_MOST];
    size_t columns;
    const unsigned char *flags;
    unsigned char flag;
    const double *outcome;
} coded_plan;

static bool coded_plan_make(const qa_member_coded_cases *cases, coded_plan *plan)
{
    if (cases->columns == 0 || cases->columns > QA_MEMBER_CODED_COLUMNS_MOST)
        return false;
    plan->columns = cases->columns;
    for (size_t c = 0; c < cases->columns; c++)
        plan->column[c] = (coded_column){cases->values[c], cases->low ? cases->low[c] : 0.0,
                                         (double)cases->radix[c], cases->radix[c]};
    plan->flags = cases->flags;
    plan->flag = cases->flag;
    plan->outcome = cases->outcome;
    return true;
}

/* 1 + the key of case i, 0 when it is not in the model; *valid &= the case, when in, has
 * whole digits in range and a 0/1 outcome. Without branches (half the cases of a durability
 * sample are out: a coin flip to the processor); `columns` is plan->columns, a constant
 * where the caller is specialised. */
static inline size_t coded_key(const coded_plan *plan, size_t columns, size_t i, bool *valid)
{
    bool in = (plan->flags[i] & plan->flag) != 0, whole = true;
    size_t number = 0;
    for (size_t c = columns; c-- > 0;) {
        const coded_column *column = &plan->column[c];
        double digit = column->values[i] - column->low;
        in &= digit == digit;
        bool fits = (digit >= 0) & (digit < column->radix);
        int64_t d = qa_whole_or_zero(digit, fits); /* (masks, not jumps: whole.h) */
        whole &= fits & ((double)d == digit);
        number = number * column->radix_count + (size_t)d;
    }
    double y = plan->outcome[i];
    *valid &= (!in) | (whole & ((y == 0) | (y == 1)));
    return (number * 2 + (y == 1) + 1) & (0 - (size_t)in);
}

static bool coded_keys_pass(const coded_plan *plan, size_t columns, size_t count, uint32_t *key,
                            unsigned char *present)
{
    bool valid = true;
    for (size_t i = 0; i < count; i++) {
        size_t k = coded_key(plan, columns, i, &valid);
        key[i] = (uint32_t)k;
        present[k] = 1;
    }
    return valid;
}

bool qa_member_coded_keys(const qa_member_coded_cases *cases, size_t count, uint32_t *key,
                          unsigned char *present)
{
    coded_plan plan;
    if (!coded_plan_make(cases, &plan))
        return false;
    switch (plan.columns) { /* the loop over columns unrolled for one or two */
    case 1:
        return coded_keys_pass(&plan, 1, count, key, present);
    case 2:
        return coded_keys_pass(&plan, 2, count, key, present);
    default:
        return coded_keys_pass(&plan, plan.columns, count, key, present);
    }
}

/* Adds case i's score row for `key` (1 + its row of scores, 0 when the case is not in the
 * model) without a branch on whether it is in: a case outside adds to one of SCRATCH_SETS
 * rows past the real sets, in turn, so that runs of such cases do not wait on each other's
 * adds; private members are counted in an integer (exact, as their double sum is); a
 * member-less case in the model takes the general path. The passes below end with
 * sums->private_clusters += *private_count. */
static inline void add_case_by_key(qa_member_sums *sums, size_t i, size_t key, const double *scores,
                                   size_t p, uint64_t *private_count)
{
    const qa_member_plan *plan = sums->plan;
    size_t in = key != 0;
    const double *u = scores + (key - in) * p;
    uint32_t s = plan->set_of[i];
    if (__builtin_expect(in & (s == NO_SET), 0)) {
        sums_add_case(sums, i, 1.0, u);
        return;
    }
    uint32_t count = plan->private_count ? plan->private_count[i] : 0; /* (invariant branch) */
    *private_count += count & (0u - (uint32_t)in);
    size_t mask = 0 - in; /* (a select by masks: a jump here is mispredicted half the time) */
    size_t target = ((size_t)s & mask) | ((plan->sets.count + (i & (SCRATCH_SETS - 1))) & ~mask);
    double *sum = sums->set_sum + target * p;
    for (size_t j = 0; j < p; j++)
        sum[j] += u[j];
    sums->set_weight[target] += 1.0;
}

static inline void add_keyed_pass(qa_member_sums *sums, const uint32_t *key, const double *scores,
                                  size_t p)
{
    uint64_t private_count = 0;
    for (size_t i = 0; i < sums->plan->cases; i++)
        add_case_by_key(sums, i, key[i], scores, p, &private_count);
    sums->private_clusters += (double)private_count;
}

void qa_member_sums_add_keyed(qa_member_sums *sums, const uint32_t *key, const double *scores)
{
    switch (sums->p) { /* the common shapes specialised: a univariate logit, a Cox model */
    case 1:
        return add_keyed_pass(sums, key, scores, 1);
    case 2:
        return add_keyed_pass(sums, key, scores, 2);
    default:
        return add_keyed_pass(sums, key, scores, sums->p);
    }
}

/* The pass of qa_member_sums_add_coded for p score terms: each case's key computed as it
 * goes. */
static inline bool add_coded_pass(qa_member_sums *sums, const coded_plan *coded, size_t columns,
                                  const double *scores, size_t p)
{
    uint64_t private_count = 0;
    bool valid = true;
    for (size_t i = 0; i < sums->plan->cases; i++)
        add_case_by_key(sums, i, coded_key(coded, columns, i, &valid), scores, p, &private_count);
    sums->private_clusters += (double)private_count;
    return valid;
}

bool qa_member_sums_add_coded(qa_member_sums *sums, const qa_member_coded_cases *cases,
                              const double *scores)
{
    size_t p = sums->p;
    coded_plan plan;
    if (!coded_plan_make(cases, &plan) || p > QA_MEMBER_CODED_TERMS_MOST)
        return false;
    /* the common shapes specialised: a univariate logit (one column, p = 2) and a univariate
     * Cox model (the measure and the time, p = 1) */
    if (plan.columns == 1 && p == 2)
        return add_coded_pass(sums, &plan, 1, scores, 2);
    if (plan.columns == 2 && p == 1)
        return add_coded_pass(sums, &plan, 2, scores, 1);
    return add_coded_pass(sums, &plan, plan.columns, scores, p);
}

/* Pairs among the sets of at most QA_MEMBER_SUBSET_MAX members, by inclusion–exclusion. */
static void small_sets_meat(const qa_member_sums *w, double *meat)
{
    const qa_member_plan *plan = w->plan;
    size_t p = w->p;
    memset(w->key_sum, 0, plan->key_count * p * sizeof(double));
    for (size_t s = 0; s < plan->sets.count; s++) {
        if (w->set_weight[s] == 0 || set_size(plan, s) > QA_MEMBER_SUBSET_MAX)
            continue;
        const double *sum = w->set_sum + s * p;
        for (size_t k = plan->subset_offset[s]; k < plan->subset_offset[s + 1]; k++) {
            double *key = w->key_sum + (size_t)plan->subset_key[k] * p;
            for (size_t j = 0; j < p; j++)
                key[j] += sum[j];
        }
    }
    for (size_t key = 0; key < plan->key_count; key++) {
        const double *g = w->key_sum + key * p;
        bool zero = true;
        for (size_t j = 0; j < p && zero; j++)
            zero = g[j] == 0;
        if (zero)
            continue;
        size_t length = key < plan->member_count
                            ? 1
                            : plan->subsets.offset[key - plan->member_count + 1] -
                                  plan->subsets.offset[key - plan->member_count];
        add_outer(meat, p, length % 2 ? 1.0 : -1.0, g, g);
    }
}

/* Rows of the big sets: g_s v_s′ + w_s g_s′ (see the file comment). */
static qa_status big_sets_meat(const qa_member_sums *w, double *meat, qa_error *error)
{
    const qa_member_plan *plan = w->plan;
    size_t p = w->p;
    double *v = malloc(2 * p * sizeof *v);
    if (!v)
        return qa_error_set(error, QA_ERR_MEMORY, NULL, 0, NULL, NULL, "out of memory");
    double *small = v + p;
    for (size_t b = 0; b < plan->big_count; b++) {
        uint32_t s = plan->big_set[b];
        if (w->set_weight[s] == 0)
            continue;
        memset(v, 0, 2 * p * sizeof *v);
        for (size_t e = plan->neighbour_offset[b]; e < plan->neighbour_offset[b + 1]; e++) {
            uint32_t t = plan->neighbour[e];
            const double *sum = w->set_sum + (size_t)t * p;
            bool is_small = set_size(plan, t) <= QA_MEMBER_SUBSET_MAX;
            for (size_t j = 0; j < p; j++) {
                v[j] += sum[j];
                small[j] += is_small ? sum[j] : 0;
            }
        }
        const double *g = w->set_sum + (size_t)s * p;
        add_outer(meat, p, 1.0, g, v);
        add_outer(meat, p, 1.0, small, g);
    }
    free(v);
    return QA_OK;
}

static size_t count_clusters(const qa_member_sums *w)
{
    const qa_member_plan *plan = w->plan;
    size_t clusters = 0;
    memset(w->seen, 0, plan->member_count);
    for (size_t s = 0; s < plan->sets.count; s++) {
        if (w->set_weight[s] == 0)
            continue;
        for (size_t e = plan->sets.offset[s]; e < plan->sets.offset[s + 1]; e++) {
            clusters += !w->seen[plan->sets.pool[e]];
            w->seen[plan->sets.pool[e]] = 1;
        }
    }
    return clusters + (size_t)llround(w->empty_weight) + (size_t)llround(w->private_clusters);
}

qa_status qa_member_sums_meat(qa_member_sums *sums, double *meat, size_t *clusters, qa_error *error)
{
    size_t p = sums->p;
    memcpy(meat, sums->empty_meat, p * p * sizeof *meat);
    small_sets_meat(sums, meat);
    qa_status status = big_sets_meat(sums, meat, error);
    if (status != QA_OK)
        return status;
    for (size_t j = 0; j < p; j++) /* exactly symmetric */
        for (size_t l = 0; l < j; l++)
            meat[j * p + l] = meat[l * p + j] = 0.5 * (meat[j * p + l] + meat[l * p + j]);
    if (clusters)
        *clusters = count_clusters(sums);
    return QA_OK;
}

qa_status qa_member_meat(const qa_member_plan *plan, const qa_member_sample *sample,
                         const double *u, size_t rows, size_t p, double *meat, size_t *clusters,
                         qa_error *error)
{
    qa_member_sums *sums;
    qa_status status = qa_member_sums_alloc(plan, p, &sums, error);
    for (size_t i = 0; status == QA_OK && i < sample->n; i++) {
        size_t c = sample->case_of ? sample->case_of[i] : i;
        size_t r = sample->row_of ? sample->row_of[i] : i;
        double weight = sample->weights ? sample->weights[i] : 1.0;
        if (r >= rows || !qa_member_sums_add(sums, c, weight, u + r * p))
            status = qa_error_set(error, QA_ERR_INPUT, NULL, 0, NULL, NULL,
                                  "sample position %zu: case %zu, row %zu or weight %g invalid "
                                  "(%zu cases, %zu rows)",
                                  i, c, r, weight, plan->cases, rows);
    }
    if (status == QA_OK)
        status = qa_member_sums_meat(sums, meat, clusters, error);
    qa_member_sums_free(sums);
    return status;
}

qa_status qa_member_sandwich(const qa_member_plan *plan, const qa_member_sample *sample,
                             const double *u, size_t rows, size_t p, const double *bread,
                             double *variance, size_t *clusters, qa_error *error)
{
    double *meat = malloc((2 * p * p + 1) * sizeof *meat);
    if (!meat)
        return qa_error_set(error, QA_ERR_MEMORY, NULL, 0, NULL, NULL, "out of memory");
    qa_status status = qa_member_meat(plan, sample, u, rows, p, meat, clusters, error);
    if (status == QA_OK && !bread)
        memcpy(variance, meat, p * p * sizeof *meat);
    else if (status == QA_OK) {
        double *half = meat + p * p; /* bread · meat */
        for (size_t j = 0; j < p; j++)
            for (size_t l = 0; l < p; l++) {
                double sum = 0;
                for (size_t k = 0; k < p; k++)
                    sum += bread[j * p + k] * meat[k * p + l];
                half[j * p + l] = sum;
            }
        for (size_t j = 0; j < p; j++)
            for (size_t l = 0; l < p; l++) {
                double sum = 0;
                for (size_t k = 0; k < p; k++)
                    sum += half[j * p + k] * bread[k * p + l];
                variance[j * p + l] = sum;
            }
    }
    free(meat);
    return status;
}

void qa_member_wald(const double *b, const double *variance, size_t p, double *se, double *z,
                    double *p_value)
{
    for (size_t j = 0; j < p; j++) {
        double v = variance[j * p + j];
        se[j] = v > 0 ? sqrt(v) : NAN;
        z[j] = b[j] / se[j];
        p_value[j] = isnan(z[j]) ? NAN : 2 * gsl_cdf_ugaussian_Q(fabs(z[j]));
    }
}

void qa_member_scale_exponents(const double *x, size_t n, size_t p, int *exponent)
{
    for (size_t j = 0; j < p; j++)
        exponent[j] = qa_column_scale_exponent(x + j, n, p);
}
