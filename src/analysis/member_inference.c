/* Member-robust inference and detectable effects of the primary analysis (issue 11): each
 * model's score contributions are computed case by case from the frame (a coded measure's
 * few values from a table), summed per distinct member set, and turned into the sandwich
 * V = Bread · U′AU · Bread (member_robust.h); never an n × p or n × n array. */
#include "member_inference.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "models.h"
#include "qareport/mde.h"
#include "qareport/member_robust.h"

void qa_model_rows_univariate(const qa_frame *frame, qa_sample_kind kind, int k,
                              qa_model_rows *rows)
{
    rows->kind = kind;
    rows->count = 1;
    rows->columns[0] = frame->measure[k];
    rows->keys = NULL;
}

void qa_model_rows_joint(const qa_frame *frame, qa_sample_kind kind, qa_model_rows *rows)
{
    rows->kind = kind;
    rows->count = qa_design_columns(frame, rows->columns);
    rows->keys = NULL;
}

/* The design row of `row` (x[0] = 1 when intercept); false when the row is not in the model. */
static bool design_row(const qa_frame *frame, const qa_model_rows *rows, size_t row, bool intercept,
                       double *x)
{
    if (!(frame->eligible[row] >> rows->kind & 1))
        return false;
    size_t j = 0;
    if (intercept)
        x[j++] = 1.0;
    for (size_t c = 0; c < rows->count; c++) {
        double v = rows->columns[c][row];
        if (isnan(v))
            return false;
        x[j++] = v;
    }
    return true;
}

/* b and variance of the scaled problem (see scaled_design); the standard errors are scaled
 * back, z and p do not depend on the scale. */
static void terms_store(const double *b, const double *variance, size_t p, size_t clusters,
                        const int *exponent, qa_term_result *terms)
{
    double se[QA_HYPOTHESIS_COUNT + 65], z[QA_HYPOTHESIS_COUNT + 65], pv[QA_HYPOTHESIS_COUNT + 65];
    qa_member_wald(b, variance, p, se, z, pv);
    for (size_t j = 0; j < p; j++)
        terms[j].member = (qa_member_inference){ldexp(se[j], exponent[j]), z[j], pv[j], clusters};
}

/* Data of extreme magnitude (x ~ 1e-160 or 1e155) are scaled by powers of two as the fits
 * scale them inside (qa_member_scale_exponents), so that scores, bread and meat neither
 * overflow nor underflow: the exponents of the design's columns, and the scaled copy of x
 * (NULL when every exponent is 0: ordinary data are used as they are). */
static bool scaled_design(const double *x, size_t n, size_t p, int *exponent, double **copy)
{
    *copy = NULL;
    qa_member_scale_exponents(x, n, p, exponent);
    bool any = false;
    for (size_t j = 0; j < p; j++)
        any |= exponent[j] != 0;
    if (!any)
        return true;
    *copy = malloc(n * p * sizeof **copy + 1);
    if (!*copy)
        return false;
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < p; j++)
            (*copy)[i * p + j] = ldexp(x[i * p + j], exponent[j]);
    return true;
}

static void scale_row(double *x, size_t p, const int *exponent)
{
    for (size_t j = 0; j < p; j++)
        x[j] = ldexp(x[j], exponent[j]);
}

/* A coded measure (whole numbers 0–255) has few (x, y) pairs: their scores are computed once. */
typedef struct {
    double u[256][2][2];
    bool known[256][2];
} score_cache;

static const double *univariate_score(score_cache *cache, const qa_logit_result *fit,
                                      const double *bread, const double *x, double y, double *u)
{
    double v = x[1];
    if (cache && v >= 0 && v < 256 && v == (int)v && (y == 0 || y == 1)) {
        int code = (int)v, outcome = (int)y;
        if (!cache->known[code][outcome]) {
            qa_logit_case_score(fit, bread, x, y, cache->u[code][outcome]);
            cache->known[code][outcome] = true;
        }
        return cache->u[code][outcome];
    }
    qa_logit_case_score(fit, bread, x, y, u);
    return u;
}

/* Any other model: a direct-mapped memo of the scores by the exact bits of the case's key
 * (design row and outcome, or covariates, time and status). Coded measures give few distinct
 * keys (a joint model of five 0–4 measures: at most 3,125 rows × 2 outcomes), so most cases
 * are a lookup instead of an exp and a p × p product; a collision only costs a recomputation
 * (the score is a function of the key alone, so results are the same bits either way). */
enum { MEMO_BITS = 13 };

typedef struct {
    size_t key_length, p;
    int bits;             /* slots = 1 << bits */
    unsigned char *valid; /* slots */
    double *keys;         /* slots × key_length */
    double *values;       /* slots × p */
} score_memo;

static bool memo_init(score_memo *m, size_t key_length, size_t p, size_t cases)
{
    /* at most 1 << MEMO_BITS slots, at least twice the cases: a small sample (thousands of
     * them are fitted by the influence reruns) gets a small memo */
    m->bits = 4;
    while (m->bits < MEMO_BITS && ((size_t)1 << m->bits) < 2 * cases)
        m->bits++;
    size_t slots = (size_t)1 << m->bits;
    m->key_length = key_length;
    m->p = p;
    m->valid = calloc(slots, 1);
    m->keys = malloc(slots * key_length * sizeof *m->keys);
    m->values = malloc(slots * p * sizeof *m->values);
    return m->valid && m->keys && m->values;
}

static void memo_free(score_memo *m)
{
    free(m->valid);
    free(m->keys);
    free(m->values);
}

/* The slot of a key; *hit when it holds that key (compared bit for bit). */
static size_t memo_slot(const score_memo *m, const double *key, bool *hit)
{
    uint64_t h = 0x9E3779B97F4A7C15ull;
    for (size_t j = 0; j < m->key_length; j++) {
        uint64_t bits;
        memcpy(&bits, &key[j], sizeof bits);
        h = (h ^ bits) * 0xBF58476D1CE4E5B9ull;
        h ^= h >> 31;
    }
    size_t slot = (size_t)(h >> (64 - m->bits));
    *hit = false;
    if (m->valid[slot]) { /* bit for bit, inline (a libc memcmp call costs more here) */
        const double *stored = m->keys + slot * m->key_length;
        bool same = true;
        for (size_t j = 0; j < m->key_length && same; j++) {
            uint64_t a, b;
            memcpy(&a, &stored[j], sizeof a);
            memcpy(&b, &key[j], sizeof b);
            same = a == b;
        }
        *hit = same;
    }
    return slot;
}

static void memo_store(score_memo *m, size_t slot, const double *key, const double *value)
{
    memcpy(m->keys + slot * m->key_length, key, m->key_length * sizeof *key);
    memcpy(m->values + slot * m->p, value, m->p * sizeof *value);
    m->valid[slot] = 1;
}

/* A model whose covariates are all coded measures (frame.h measure_radix), with a 0/1
 * outcome, has few distinct cases: their design rows are numbered in mixed radix (column c
 * has radix 1 + its largest code; a Cox model adds its whole-number times as a digit of
 * radix their range, member_robust.h qa_member_coded_cases) with the outcome (the event for
 * Cox) as the last digit, and each key's score is computed once: up to CODED_SCORES_MOST
 * keys the score of every key, then one pass numbers each case and adds its score
 * (qa_member_sums_add_coded); beyond, a pass writes the keys, the scores of those that occur
 * are computed, and a second pass adds them (qa_member_sums_add_keyed). Keys at hand
 * (qa_model_rows.keys: the design's or the sample's, written as they were built) are not
 * computed again: a pass that only reads them adds the scores. The same sums, bit for bit,
 * as case by case. False when a value is not a code (or a time not whole), an
 * outcome is not 0/1 or the keys would be too many (the caller then goes case by case), or
 * out of memory. */
enum { CODED_KEYS_MOST = 1 << 20, CODED_SCORES_MOST = 4096 };

/* What a key's score is: a logit's score (fit, bread) or a Cox model's dfbeta (table). */
typedef struct {
    const qa_logit_result *fit;
    const double *bread;
    const qa_cox_score_table *table;
} key_scorer;

/* The score of key (2 × number + outcome) into u: the design row decoded from its digits. */
static void key_score(const key_scorer *scorer, const qa_member_coded_cases *cases, size_t key,
                      double *u)
{
    double design[QA_MEMBER_CODED_COLUMNS_MOST + 1];
    size_t number = key / 2, j = 0;
    if (!scorer->table)
        design[j++] = 1.0;
    for (size_t c = 0; c < cases->columns; c++) {
        design[j++] = (cases->low ? cases->low[c] : 0.0) + (double)(number % cases->radix[c]);
        number /= cases->radix[c];
    }
    double outcome = (double)(key % 2);
    if (scorer->table) /* the last digit is the time */
        qa_cox_case_dfbeta(scorer->table, design, design[cases->columns - 1], outcome, u);
    else
        qa_logit_case_score(scorer->fit, scorer->bread, design, outcome, u);
}

static bool coded_design_sums(const qa_frame *frame, const qa_model_rows *rows,
                              const key_scorer *scorer, const qa_cox_data *cox, size_t p,
                              qa_member_sums *sums)
{
    size_t measures = rows->count, columns = measures + (cox != NULL);
    if (frame->members->rows != frame->rows || measures + (cox == NULL) != p ||
        columns > QA_MEMBER_CODED_COLUMNS_MOST)
        return false;
    const double *values[QA_MEMBER_CODED_COLUMNS_MOST];
    size_t radix[QA_MEMBER_CODED_COLUMNS_MOST], keys = 2;
    double low[QA_MEMBER_CODED_COLUMNS_MOST];
    bool coded = true;
    for (size_t c = 0; c < measures && coded; c++) { /* each a coded measure */
        values[c] = rows->columns[c];
        low[c] = 0.0;
        radix[c] = qa_frame_column_radix(frame, rows->columns[c]);
        keys *= radix[c];
        coded = radix[c] > 0 && keys <= CODED_KEYS_MOST;
    }
    if (coded && cox) { /* the times: their range over the model's (compressed) data */
        double smallest = INFINITY, largest = -INFINITY;
        for (size_t i = 0; i < cox->n; i++) {
            smallest = fmin(smallest, cox->time[i]);
            largest = fmax(largest, cox->time[i]);
        }
        if (rows->keys) /* (keys given: time digits count from 0, qa_sample.key) */
            smallest = fmin(smallest, 0.0);
        coded = cox->n > 0 && largest - smallest < (double)CODED_KEYS_MOST;
        values[measures] = frame->derived.duration;
        low[measures] = smallest;
        radix[measures] = coded ? (size_t)(largest - smallest) + 1 : 0;
        keys *= radix[measures];
        coded = coded && radix[measures] > 0 && keys <= CODED_KEYS_MOST;
    }
    if (!coded)
        return false;
    const double *outcome = rows->kind == QA_SAMPLE_COX         ? frame->derived.event
                            : rows->kind == QA_SAMPLE_FORMATION ? frame->derived.formed
                                                                : frame->derived.durable;
    qa_member_coded_cases cases = {
        columns, values, radix, low, frame->eligible, (unsigned char)(1u << rows->kind), outcome};
    double *scores = malloc(keys * p * sizeof *scores);
    if (!scores)
        return false;
    if (keys <= CODED_SCORES_MOST) { /* one pass: every key's score first */
        for (size_t k = 0; k < keys; k++)
            key_score(scorer, &cases, k, scores + k * p);
        if (rows->keys) /* the keys at hand: a pass that only reads them */
            qa_member_sums_add_keyed(sums, rows->keys, scores);
        else
            coded = qa_member_sums_add_coded(sums, &cases, scores);
        free(scores);
        if (!coded)
            qa_member_sums_reset(sums);
        return coded;
    }
    uint32_t *key = rows->keys ? NULL : malloc((frame->rows ? frame->rows : 1) * sizeof *key);
    unsigned char *present = calloc(keys + 1, 1);
    if ((!key && !rows->keys) || !present) {
        free(key);
        free(present);
        free(scores);
        return false;
    }
    /* the keys, then the scores of those that occur (present[0] is never read) */
    if (key) {
        coded = qa_member_coded_keys(&cases, frame->rows, key, present);
    } else {
        for (size_t row = 0; row < frame->rows; row++)
            present[rows->keys[row]] = 1;
    }
    for (size_t k = 1; coded && k <= keys; k++)
        if (present[k])
            key_score(scorer, &cases, k - 1, scores + (k - 1) * p);
    if (coded)
        qa_member_sums_add_keyed(sums, key ? key : rows->keys, scores);
    free(key);
    free(present);
    free(scores);
    return coded;
}

/* The sums case by case: the score of each case's design row and outcome (cached by code for
 * a univariate model, memoised otherwise). */
static void case_by_case_logit_sums(const qa_frame *frame, const qa_model_rows *rows,
                                    const qa_logit_result *fit, const double *bread, bool scaled,
                                    const int *exponent, size_t p, qa_member_sums *sums)
{
    score_cache *cache = p == 2 && !scaled ? calloc(1, sizeof *cache) : NULL;
    score_memo memo = {0};
    bool memoised = p != 2 && memo_init(&memo, p + 1, p, frame->rows);
    qa_outcome outcome =
        rows->kind == QA_SAMPLE_FORMATION ? QA_OUTCOME_FORMATION : QA_OUTCOME_DURABILITY;
    double x[QA_HYPOTHESIS_COUNT + 66], u[QA_HYPOTHESIS_COUNT + 65];
    for (size_t row = 0; row < frame->rows; row++) {
        if (!design_row(frame, rows, row, true, x))
            continue;
        if (scaled)
            scale_row(x, p, exponent);
        double y = qa_frame_outcome(frame, outcome, row);
        const double *score = u;
        if (p == 2) {
            score = univariate_score(cache, fit, bread, x, y, u);
        } else if (memoised) {
            x[p] = y; /* the key: design row and outcome */
            bool hit;
            size_t slot = memo_slot(&memo, x, &hit);
            if (hit) {
                score = memo.values + slot * p;
            } else {
                qa_logit_case_score(fit, bread, x, y, u);
                memo_store(&memo, slot, x, u);
            }
        } else {
            qa_logit_case_score(fit, bread, x, y, u);
        }
        qa_member_sums_add(sums, row, 1.0, score);
    }
    memo_free(&memo);
    free(cache);
}

qa_status qa_member_logit_terms(const qa_frame *frame, const qa_model_rows *rows,
                                const qa_logit_data *data, const qa_logit_result *fit,
                                qa_term_result *terms)
{
    if (!frame->members)
        return QA_OK;
    size_t p = data->p;
    qa_error error;
    double bread[(QA_HYPOTHESIS_COUNT + 65) * (QA_HYPOTHESIS_COUNT + 65)];
    int exponent[QA_HYPOTHESIS_COUNT + 65];
    double b[QA_HYPOTHESIS_COUNT + 65], *x_scaled;
    if (p > QA_HYPOTHESIS_COUNT + 65)
        return QA_OK;
    if (!scaled_design(data->x, data->n, p, exponent, &x_scaled))
        return QA_ERR_MEMORY;
    qa_logit_data scaled_data = *data;
    qa_logit_result scaled_fit = *fit;
    if (x_scaled) {
        scaled_data.x = x_scaled;
        for (size_t j = 0; j < p; j++)
            b[j] = ldexp(fit->b[j], -exponent[j]);
        scaled_fit.b = b;
    }
    data = &scaled_data;
    fit = &scaled_fit;
    qa_status bread_status = qa_logit_bread(data, fit, bread, &error);
    bool scaled = x_scaled != NULL;
    free(x_scaled);
    if (bread_status != QA_OK)
        return QA_OK; /* singular at the estimate: no member-robust se */
    qa_member_sums *sums;
    if (qa_member_sums_alloc(frame->members->plan, p, &sums, &error) != QA_OK)
        return QA_ERR_MEMORY;
    /* the cache is keyed by whole-number codes, which a scaled measure no longer has */
    key_scorer scorer = {fit, bread, NULL};
    if (scaled || !coded_design_sums(frame, rows, &scorer, NULL, p, sums))
        case_by_case_logit_sums(frame, rows, fit, bread, scaled, exponent, p, sums);
    double meat[(QA_HYPOTHESIS_COUNT + 65) * (QA_HYPOTHESIS_COUNT + 65)];
    double variance[(QA_HYPOTHESIS_COUNT + 65) * (QA_HYPOTHESIS_COUNT + 65)];
    size_t clusters = 0;
    qa_status status = qa_member_sums_meat(sums, meat, &clusters, &error);
    qa_member_sums_free(sums);
    if (status != QA_OK)
        return status;
    for (size_t j = 0; j < p; j++) /* bread · meat · bread */
        for (size_t l = 0; l < p; l++) {
            double sum = 0;
            for (size_t a = 0; a < p; a++)
                for (size_t c = 0; c < p; c++)
                    sum += bread[j * p + a] * meat[a * p + c] * bread[c * p + l];
            variance[j * p + l] = sum;
        }
    terms_store(fit->b, variance, p, clusters, exponent, terms);
    return QA_OK;
}

qa_status qa_member_cox_terms(const qa_frame *frame, const qa_model_rows *rows,
                              const qa_cox_data *data, const qa_cox_result *fit,
                              qa_term_result *terms)
{
    if (!frame->members)
        return QA_OK;
    size_t p = data->p;
    qa_error error;
    qa_cox_score_table table;
    if (p > QA_HYPOTHESIS_COUNT + 64)
        return QA_OK;
    int exponent[QA_HYPOTHESIS_COUNT + 64];
    double *x_scaled;
    if (!scaled_design(data->x, data->n, p, exponent, &x_scaled))
        return QA_ERR_MEMORY;
    /* At an extreme scale the fit's variance may hold infinities (a variance of b ~ 1e160 is
     * ~1e320): the scores come from a fit of the scaled data, which has none. */
    qa_cox_data scaled_data = *data;
    qa_cox_result refit = {0};
    qa_status status = QA_OK;
    if (x_scaled) {
        scaled_data.x = x_scaled;
        qa_cox_options options;
        qa_cox_options_default(&options);
        options.concordance_se = false;
        status = qa_cox_fit(&scaled_data, &options, &refit, &error);
        data = &scaled_data;
        fit = &refit;
    }
    if (status == QA_OK)
        status = qa_cox_score_table_build(data, fit, &table, &error);
    double b[QA_HYPOTHESIS_COUNT + 64];
    if (status == QA_OK)
        memcpy(b, fit->b, p * sizeof *b);
    qa_cox_result_free(&refit);
    bool scaled = x_scaled != NULL;
    free(x_scaled);
    if (status != QA_OK)
        return status == QA_ERR_MEMORY ? status : QA_OK;
    qa_member_sums *sums;
    if (qa_member_sums_alloc(frame->members->plan, p, &sums, &error) != QA_OK) {
        qa_cox_score_table_free(&table);
        return QA_ERR_MEMORY;
    }
    key_scorer scorer = {NULL, NULL, &table};
    bool coded = !scaled && coded_design_sums(frame, rows, &scorer, data, p, sums);
    score_memo memo = {0};
    bool memoised = !coded && memo_init(&memo, p + 2, p, frame->rows);
    double x[QA_HYPOTHESIS_COUNT + 66], d[QA_HYPOTHESIS_COUNT + 64];
    for (size_t row = 0; !coded && row < frame->rows; row++) {
        if (!design_row(frame, rows, row, false, x))
            continue;
        if (scaled)
            scale_row(x, p, exponent);
        double time = frame->derived.duration[row], event = frame->derived.event[row];
        const double *score = d;
        if (memoised) {
            x[p] = time; /* the key: covariates, time and status */
            x[p + 1] = event;
            bool hit;
            size_t slot = memo_slot(&memo, x, &hit);
            if (hit) {
                score = memo.values + slot * p;
            } else {
                qa_cox_case_dfbeta(&table, x, time, event, d);
                memo_store(&memo, slot, x, d);
            }
        } else {
            qa_cox_case_dfbeta(&table, x, time, event, d);
        }
        qa_member_sums_add(sums, row, 1.0, score);
    }
    memo_free(&memo);
    qa_cox_score_table_free(&table);
    double variance[(QA_HYPOTHESIS_COUNT + 64) * (QA_HYPOTHESIS_COUNT + 64)];
    size_t clusters = 0;
    status = qa_member_sums_meat(sums, variance, &clusters, &error);
    qa_member_sums_free(sums);
    if (status == QA_OK)
        terms_store(b, variance, p, clusters, exponent, terms);
    return status;
}

double qa_member_univariate_p(const qa_frame *frame, qa_sample_kind kind, int k,
                              const qa_logit_data *data, const qa_logit_result *fit)
{
    qa_model_rows rows;
    qa_model_rows_univariate(frame, kind, k, &rows);
    qa_term_result terms[2];
    terms[1].member = (qa_member_inference){NAN, NAN, NAN, 0};
    if (qa_member_logit_terms(frame, &rows, data, fit, terms) != QA_OK)
        return NAN;
    return terms[1].member.p;
}

static int compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

qa_status qa_mde_design_logit(const qa_logit_data *data, qa_mde_design *design)
{
    size_t n = data->n;
    double *pairs = malloc((2 * n + 2) * sizeof *pairs); /* (x, w) sorted by x */
    if (!pairs)
        return QA_ERR_MEMORY;
    double cases = 0, events = 0;
    for (size_t i = 0; i < n; i++) {
        double w = data->weights ? data->weights[i] : 1;
        pairs[2 * i] = data->x[i * 2 + 1];
        pairs[2 * i + 1] = w;
        cases += w;
        events += w * data->y[i];
    }
    qsort(pairs, n, 2 * sizeof *pairs, compare_doubles);
    free(design->x);
    free(design->weights);
    design->x = malloc((n + 1) * sizeof *design->x);
    design->weights = malloc((n + 1) * sizeof *design->weights);
    if (!design->x || !design->weights) {
        free(pairs);
        return QA_ERR_MEMORY;
    }
    size_t rows = 0;
    for (size_t i = 0; i < n; i++) {
        if (rows > 0 && design->x[rows - 1] == pairs[2 * i]) {
            design->weights[rows - 1] += pairs[2 * i + 1];
            continue;
        }
        design->x[rows] = pairs[2 * i];
        design->weights[rows++] = pairs[2 * i + 1];
    }
    free(pairs);
    design->rows = rows;
    design->event_rate = cases > 0 ? events / cases : NAN;
    return QA_OK;
}

void qa_mde_design_free(qa_mde_design *design)
{
    free(design->x);
    free(design->weights);
    memset(design, 0, sizeof *design);
}

static void effect_store(const qa_mde *m, double level, qa_detectable_effect *out)
{
    *out = (qa_detectable_effect){level, 0.80, m->b, m->ratio, m->ratio_sd};
}

void qa_mde_fill(const qa_analysis_options *options, const qa_mde_design *designs,
                 qa_results *results)
{
    size_t testable = 0;
    for (int t = 0; t < QA_TEST_COUNT; t++)
        testable += results->tests[t].testable;
    double level = options->adjust == QA_ADJUST_NONE || testable == 0
                       ? options->alpha
                       : options->alpha / (double)testable;
    bool two_sided = !options->one_sided;
    for (int t = 0; t < QA_TEST_COUNT; t++) {
        qa_test_result *test = &results->tests[t];
        const qa_mde_design *d = &designs[t];
        if (!test->testable)
            continue;
        qa_mde m;
        qa_mde_logit(d->x, d->weights, d->rows, d->event_rate, level, two_sided, 0.80, &m);
        effect_store(&m, level, &test->mde);
        if (test->outcome == QA_OUTCOME_DURABILITY && test->cox_model >= 0 &&
            results->models[test->cox_model].available) {
            qa_mde_cox_moments(d->cox_events, d->cox_variance, d->cox_sd, level, two_sided, 0.80,
                               &m);
            m.b = ldexp(m.b, d->cox_exponent); /* per unit of the measure itself */
            m.ratio = exp(m.b);
            effect_store(&m, level, &test->cox_mde);
        }
    }
}
