/* Pearson and Spearman correlation with the tests of R's cor.test (Kendall is in kendall.c),
 * and all three at once, from one contingency table when the data are integer codes.
 * Pearson makes one pass over memory with centred sums (accurate when the mean is large
 * against the SD, years say, unlike raw sums of squares). */
#include "qareport/correlation.h"
#include "column_scale.h"
#include "correlation_internal.h"

#include <gsl/gsl_cdf.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    double r;
    double sxx, syy; /* sums of squared deviations */
} pearson_moments;

enum { BLOCK = 256 };

/* Moments of one block, two-pass while the block sits in cache. */
static void block_moments(const double *x, const double *y, size_t n, double *mean_x,
                          double *mean_y, double *sxx, double *syy, double *sxy)
{
    double sum_x = 0, sum_y = 0;
    for (size_t i = 0; i < n; i++) {
        sum_x += x[i];
        sum_y += y[i];
    }
    double mx = sum_x / (double)n, my = sum_y / (double)n, xx = 0, yy = 0, xy = 0;
    for (size_t i = 0; i < n; i++) {
        double dx = x[i] - mx, dy = y[i] - my;
        xx += dx * dx;
        yy += dy * dy;
        xy += dx * dy;
    }
    *mean_x = mx;
    *mean_y = my;
    *sxx = xx;
    *syy = yy;
    *sxy = xy;
}

typedef struct {
    double count, mean_x, mean_y, sxx, syy, sxy;
} moments_accumulator;

/* Merges a block's moments into the running ones by the pairwise update of Chan, Golub &
 * LeVeque (1979): one pass over memory, as accurate as Welford's update and much faster. */
static void accumulate_block(moments_accumulator *a, const double *x, const double *y, size_t m)
{
    double bx, by, bxx, byy, bxy;
    block_moments(x, y, m, &bx, &by, &bxx, &byy, &bxy);
    double total = a->count + (double)m;
    double dx = bx - a->mean_x, dy = by - a->mean_y, weight = a->count * (double)m / total;
    a->mean_x += dx * (double)m / total;
    a->mean_y += dy * (double)m / total;
    a->sxx += bxx + dx * dx * weight;
    a->syy += byy + dy * dy * weight;
    a->sxy += bxy + dx * dy * weight;
    a->count = total;
}

/* r from the accumulated moments; false when a value was not finite. */
static bool moments_finish(const moments_accumulator *a, pearson_moments *out)
{
    out->sxx = a->sxx;
    out->syy = a->syy;
    out->r = NAN;
    if (!isfinite(a->sxx) || !isfinite(a->syy) || !isfinite(a->sxy))
        return false;
    if (a->sxx > 0 && a->syy > 0) {
        double r = a->sxy / sqrt(a->sxx * a->syy);
        out->r = r > 1 ? 1 : (r < -1 ? -1 : r);
    }
    return true;
}

static bool pearson_moments_compute(const double *x, const double *y, size_t n,
                                    pearson_moments *out)
{
    moments_accumulator a = {0};
    for (size_t start = 0; start < n; start += BLOCK)
        accumulate_block(&a, x + start, y + start, n - start < BLOCK ? n - start : BLOCK);
    return moments_finish(&a, out);
}

/* Pearson moments of the average ranks of two ranked variables, gathered block by block. */
static void ranked_moments(const qa_ranked *x, const qa_ranked *y, pearson_moments *out)
{
    moments_accumulator a = {0};
    double bx[BLOCK], by[BLOCK];
    for (size_t start = 0; start < x->n; start += BLOCK) {
        size_t m = x->n - start < BLOCK ? x->n - start : BLOCK;
        for (size_t k = 0; k < m; k++) {
            bx[k] = x->average_rank[x->level[start + k]];
            by[k] = y->average_rank[y->level[start + k]];
        }
        accumulate_block(&a, bx, by, m);
    }
    moments_finish(&a, out);
}

/* Two-sided p of Student's t with df degrees of freedom: 2 min(P, Q) as cor.test. */
static double t_two_sided_p(double t, double df)
{
    if (isinf(t))
        return 0;
    double p = 2 * gsl_cdf_tdist_Q(fabs(t), df);
    return p > 1 ? 1 : p;
}

/* Upper-tail p of Student's t: cor.test's alternative = "greater". */
static double t_upper_p(double t, double df)
{
    if (isinf(t))
        return t > 0 ? 0 : 1;
    return gsl_cdf_tdist_Q(t, df);
}

/* t = r sqrt(df / (1 - r²)), df = n - 2 (cor.test). */
static double pearson_t(double r, size_t n)
{
    double df = (double)n - 2;
    if (fabs(r) == 1)
        return r > 0 ? INFINITY : -INFINITY;
    return r * sqrt(df / (1 - r * r));
}

static void correlation_clear(qa_correlation *out, size_t n)
{
    out->n = n;
    out->estimate = out->statistic = out->p = NAN;
    out->ci_lower = out->ci_upper = out->p_greater = NAN;
}

/* Checks shared by the three coefficients. */
static qa_status check_size(size_t n, const char *method, qa_error *error)
{
    if (n < 3)
        return qa_error_set(error, QA_ERR_NUMERIC, NULL, 0, NULL, NULL,
                            "%s correlation needs at least 3 cases, got %zu", method, n);
    return QA_OK;
}

static qa_status no_variation(const pearson_moments *m, size_t n, const char *method,
                              qa_error *error)
{
    if (!(m->sxx > 0) || !(m->syy > 0))
        return qa_error_set(error, QA_ERR_NUMERIC, NULL, 0, NULL, NULL,
                            "%s correlation: %s has no variation (all %zu values equal)", method,
                            m->sxx > 0 ? "the second variable" : "the first variable", n);
    return QA_OK;
}

static qa_status moments_or_error(const double *x, const double *y, size_t n, const char *method,
                                  pearson_moments *m, qa_error *error)
{
    if (!pearson_moments_compute(x, y, n, m))
        return qa_error_set(error, QA_ERR_NUMERIC, NULL, 0, NULL, NULL,
                            "%s correlation: the data hold a missing or infinite value", method);
    return no_variation(m, n, method, error);
}

static qa_status check_confidence(double confidence, qa_error *error)
{
    if (!(confidence > 0 && confidence < 1))
        return qa_error_set(error, QA_ERR_USAGE, NULL, 0, NULL, NULL,
                            "confidence level must be between 0 and 1, got %g", confidence);
    return QA_OK;
}

/* r, t, p and the Fisher-z CI from the moments. */
static void pearson_result(const pearson_moments *m, size_t n, double confidence,
                           qa_correlation *out)
{
    out->estimate = m->r;
    out->statistic = pearson_t(m->r, n);
    out->p = t_two_sided_p(out->statistic, (double)n - 2);
    out->p_greater = t_upper_p(out->statistic, (double)n - 2);
    if (n > 3) {
        /* Fisher z: atanh(r) ± z_(1+c)/2 / sqrt(n - 3) (cor.test). */
        double z = atanh(m->r);
        double half = gsl_cdf_ugaussian_Pinv((1 + confidence) / 2) / sqrt((double)n - 3);
        out->ci_lower = tanh(z - half);
        out->ci_upper = tanh(z + half);
    }
}

/* rho, S and p from the moments of the ranks. */
static void spearman_result(const pearson_moments *m, size_t n, qa_correlation *out)
{
    double nd = (double)n;
    out->estimate = m->r;
    /* S = (n³ - n)(1 - rho) / 6; p by the t approximation (cor.test, exact = FALSE). */
    out->statistic = (nd * nd * nd - nd) * (1 - m->r) / 6;
    out->p = t_two_sided_p(pearson_t(m->r, n), nd - 2);
    out->p_greater = t_upper_p(pearson_t(m->r, n), nd - 2);
}

static qa_status pearson_plain(const double *x, const double *y, size_t n, double confidence,
                               qa_correlation *out, qa_error *error)
{
    correlation_clear(out, n);
    qa_status status = check_confidence(confidence, error);
    if (status == QA_OK)
        status = check_size(n, "Pearson", error);
    pearson_moments m;
    if (status == QA_OK)
        status = moments_or_error(x, y, n, "Pearson", &m, error);
    if (status == QA_OK)
        pearson_result(&m, n, confidence, out);
    return status;
}

/* The complete pairs of one correlation, gathered block by block into the one-pass
 * accumulator (nothing of size n is copied). Every row is written at the next place and
 * kept by advancing m: no branch on missing values. */
typedef struct {
    moments_accumulator a;
    size_t m, used;
    double bx[BLOCK + 1], by[BLOCK + 1];
} complete_pairs;

static void complete_pairs_add(complete_pairs *c, const double *x, const double *y, size_t from,
                               size_t to)
{
    for (size_t i = from; i < to; i++) {
        double xi = x[i], yi = y[i];
        c->bx[c->m] = xi;
        c->by[c->m] = yi;
        c->m += !(isnan(xi) || isnan(yi));
        if (c->m == BLOCK) {
            accumulate_block(&c->a, c->bx, c->by, BLOCK);
            c->used += BLOCK;
            c->m = 0;
        }
    }
}

static qa_status complete_pairs_finish(complete_pairs *c, double confidence, qa_correlation *out,
                                       qa_error *error)
{
    if (c->m > 0)
        accumulate_block(&c->a, c->bx, c->by, c->m);
    size_t used = c->used + c->m;
    correlation_clear(out, used);
    qa_status status = check_confidence(confidence, error);
    if (status == QA_OK)
        status = check_size(used, "Pearson", error);
    pearson_moments moments;
    if (status == QA_OK && !moments_finish(&c->a, &moments))
        status = qa_error_set(error, QA_ERR_NUMERIC, NULL, 0, NULL, NULL,
                              "Pearson correlation: the data hold an infinite value");
    if (status == QA_OK)
        status = no_variation(&moments, used, "Pearson", error);
    if (status == QA_OK)
        pearson_result(&moments, used, confidence, out);
    return status;
}

/* Pairwise-complete Pearson (R's cor.test on the rows where both are present). */
static qa_status pearson_complete_plain(const double *x, const double *y, size_t n,
                                        double confidence, qa_correlation *out, qa_error *error)
{
    complete_pairs c;
    memset(&c, 0, sizeof c);
    complete_pairs_add(&c, x, y, 0, n);
    return complete_pairs_finish(&c, confidence, out, error);
}

/* Moments of the level scores score_x[a], score_y[b] weighted by the table counts. With
 * the values as scores this is Pearson; with the levels' average ranks, Spearman. */
static void table_moments(const qa_code_table *table, const double *score_x, const double *score_y,
                          pearson_moments *m)
{
    size_t kx = table->kx, ky = table->ky;
    double count = 0, sum_x = 0, sum_y = 0;
    for (size_t a = 0; a < kx; a++)
        for (size_t b = 0; b < ky; b++) {
            double c = (double)table->cell[a * ky + b];
            count += c;
            sum_x += c * score_x[a];
            sum_y += c * score_y[b];
        }
    double mean_x = sum_x / count, mean_y = sum_y / count, sxx = 0, syy = 0, sxy = 0;
    for (size_t a = 0; a < kx; a++)
        for (size_t b = 0; b < ky; b++) {
            double c = (double)table->cell[a * ky + b];
            double dx = score_x[a] - mean_x, dy = score_y[b] - mean_y;
            sxx += c * dx * dx;
            syy += c * dy * dy;
            sxy += c * dx * dy;
        }
    m->sxx = sxx;
    m->syy = syy;
    m->r = NAN;
    if (sxx > 0 && syy > 0) {
        double r = sxy / sqrt(sxx * syy);
        m->r = r > 1 ? 1 : (r < -1 ? -1 : r);
    }
}

/* Level scores: the values (rank = false) or the average ranks of the levels. */
static void level_scores(const qa_code_table *table, bool x_axis, bool rank, double *score)
{
    size_t levels = x_axis ? table->kx : table->ky, ky = table->ky;
    double below = 0;
    for (size_t level = 0; level < levels; level++) {
        double count = 0;
        for (size_t other = 0; other < (x_axis ? table->ky : table->kx); other++)
            count += (double)table->cell[x_axis ? level * ky + other : other * ky + level];
        if (rank)
            score[level] = below + (count + 1) / 2; /* ranks below+1 .. below+count */
        else
            score[level] = (x_axis ? table->min_x : table->min_y) + (double)level;
        below += count;
    }
}

static qa_status table_correlation_moments(const qa_code_table *table, bool rank,
                                           const char *method, pearson_moments *m, qa_error *error)
{
    double *score = malloc((table->kx + table->ky) * sizeof *score);
    if (!score)
        return qa_error_set(error, QA_ERR_MEMORY, NULL, 0, NULL, NULL,
                            "out of memory for %s correlation", method);
    level_scores(table, true, rank, score);
    level_scores(table, false, rank, score + table->kx);
    table_moments(table, score, score + table->kx, m);
    free(score);
    return no_variation(m, table->n, method, error);
}

/* Both variables ranked once; the message when that fails. */
static qa_status rank_both(const double *x, const double *y, size_t n, const char *method,
                           qa_ranked *rx, qa_ranked *ry, qa_error *error)
{
    if (n > UINT32_MAX)
        return qa_error_set(error, QA_ERR_NUMERIC, NULL, 0, NULL, NULL,
                            "%s correlation: %zu cases are more than it handles", method, n);
    qa_status status = qa_ranked_build(x, n, true, rx);
    if (status == QA_OK) {
        status = qa_ranked_build(y, n, true, ry);
        if (status != QA_OK)
            qa_ranked_free(rx);
    }
    if (status == QA_ERR_MEMORY)
        return qa_error_set(error, status, NULL, 0, NULL, NULL, "out of memory ranking %zu cases",
                            n);
    if (status != QA_OK)
        return qa_error_set(error, status, NULL, 0, NULL, NULL,
                            "%s correlation: the data hold a missing value", method);
    return QA_OK;
}

/* Spearman from the average ranks: the table for codes, else Pearson of the rank arrays. */
static qa_status spearman_moments(const double *x, const double *y, size_t n, pearson_moments *m,
                                  qa_error *error)
{
    qa_code_table table;
    qa_status status = qa_code_table_build(x, y, n, &table);
    if (status == QA_OK) {
        status = table_correlation_moments(&table, true, "Spearman", m, error);
        qa_code_table_free(&table);
        return status;
    }
    double *ranks = malloc(2 * n * sizeof *ranks);
    if (!ranks)
        return qa_error_set(error, QA_ERR_MEMORY, NULL, 0, NULL, NULL,
                            "out of memory ranking %zu cases", n);
    status = qa_rank_average(x, n, ranks);
    if (status == QA_OK)
        status = qa_rank_average(y, n, ranks + n);
    if (status == QA_OK)
        status = moments_or_error(ranks, ranks + n, n, "Spearman", m, error);
    else if (status == QA_ERR_MEMORY)
        qa_error_set(error, status, NULL, 0, NULL, NULL, "out of memory ranking %zu cases", n);
    else
        qa_error_set(error, status, NULL, 0, NULL, NULL,
                     "Spearman correlation: the data hold a missing value");
    free(ranks);
    return status;
}

qa_status qa_spearman(const double *x, const double *y, size_t n, qa_correlation *out,
                      qa_error *error)
{
    correlation_clear(out, n);
    qa_status status = check_size(n, "Spearman", error);
    pearson_moments m;
    if (status == QA_OK)
        status = spearman_moments(x, y, n, &m, error);
    if (status == QA_OK)
        spearman_result(&m, n, out);
    return status;
}

/* The three from one table of codes. */
static qa_status correlation_all_from_table(const qa_code_table *table, double confidence,
                                            qa_correlation *pearson, qa_correlation *spearman,
                                            qa_correlation *kendall, qa_error *error)
{
    pearson_moments m;
    qa_status status = table_correlation_moments(table, false, "Pearson", &m, error);
    if (status != QA_OK)
        return status;
    pearson_result(&m, table->n, confidence, pearson);
    status = table_correlation_moments(table, true, "Spearman", &m, error);
    if (status != QA_OK)
        return status;
    spearman_result(&m, table->n, spearman);
    return qa_kendall_from_table(table, kendall, error);
}

/* The three results cleared for n cases, and the checks every correlation makes first. */
static qa_status all_begin(size_t n, double confidence, qa_correlation *pearson,
                           qa_correlation *spearman, qa_correlation *kendall, qa_error *error)
{
    correlation_clear(pearson, n);
    correlation_clear(spearman, n);
    correlation_clear(kendall, n);
    qa_status status = check_confidence(confidence, error);
    if (status == QA_OK)
        status = check_size(n, "Pearson", error);
    return status;
}

static qa_status correlation_all(const double *x, const double *y, size_t n, double confidence,
                                 qa_correlation *pearson, qa_correlation *spearman,
                                 qa_correlation *kendall, qa_error *error)
{
    qa_status status = all_begin(n, confidence, pearson, spearman, kendall, error);
    if (status != QA_OK)
        return status;
    qa_code_table table;
    status = qa_code_table_build(x, y, n, &table);
    if (status == QA_OK) {
        status = correlation_all_from_table(&table, confidence, pearson, spearman, kendall, error);
        qa_code_table_free(&table);
        return status;
    }
    status = pearson_plain(x, y, n, confidence, pearson, error);
    if (status != QA_OK)
        return status;
    /* Rank once for Spearman and Kendall. */
    qa_ranked rx, ry;
    status = rank_both(x, y, n, "Spearman", &rx, &ry, error);
    if (status != QA_OK)
        return status;
    pearson_moments m;
    ranked_moments(&rx, &ry, &m);
    status = no_variation(&m, n, "Spearman", error);
    if (status == QA_OK) {
        spearman_result(&m, n, spearman);
        status = qa_kendall_from_ranked(&rx, &ry, kendall, error);
    }
    qa_ranked_free(&rx);
    qa_ranked_free(&ry);
    return status;
}

/* --- any finite scale -------------------------------------------------------------------
 * A variable whose magnitude is far from 1 is multiplied by a power of two first
 * (column_scale.h): exact, so correlations, which do not depend on scale, are those of the
 * data, without sums of squares that overflow (values ~1e155) or underflow (~1e-160). Values
 * of ordinary magnitude are used as they are. */

typedef struct {
    const double *x, *y;
    double *copy;
} scaled_pair;

/* The pair to use; false when out of memory. */
static bool scale_pair(const double *x, const double *y, size_t n, scaled_pair *pair)
{
    pair->x = x;
    pair->y = y;
    pair->copy = NULL;
    int ex = qa_column_scale_exponent(x, n, 1), ey = qa_column_scale_exponent(y, n, 1);
    if (ex == 0 && ey == 0)
        return true;
    pair->copy = malloc(2 * n * sizeof *pair->copy + 1);
    if (!pair->copy)
        return false;
    for (size_t i = 0; i < n; i++) {
        pair->copy[i] = ldexp(x[i], ex);
        pair->copy[n + i] = ldexp(y[i], ey);
    }
    pair->x = pair->copy;
    pair->y = pair->copy + n;
    return true;
}

static qa_status out_of_memory(qa_error *error)
{
    return qa_error_set(error, QA_ERR_MEMORY, NULL, 0, NULL, NULL, "out of memory");
}

qa_status qa_pearson(const double *x, const double *y, size_t n, double confidence,
                     qa_correlation *out, qa_error *error)
{
    scaled_pair pair;
    if (!scale_pair(x, y, n, &pair)) {
        correlation_clear(out, n);
        return out_of_memory(error);
    }
    qa_status status = pearson_plain(pair.x, pair.y, n, confidence, out, error);
    free(pair.copy);
    return status;
}

qa_status qa_pearson_complete(const double *x, const double *y, size_t n, double confidence,
                              qa_correlation *out, qa_error *error)
{
    scaled_pair pair;
    if (!scale_pair(x, y, n, &pair)) {
        correlation_clear(out, 0);
        return out_of_memory(error);
    }
    qa_status status = pearson_complete_plain(pair.x, pair.y, n, confidence, out, error);
    free(pair.copy);
    return status;
}

qa_status qa_pearson_complete_pairs(const double *const *columns, size_t count, size_t n,
                                    double confidence, qa_correlation *out, bool *ok)
{
    enum { MOST = 64 };
    const double *used[MOST];
    double *copies[MOST] = {0};
    if (count > MOST)
        return QA_ERR_USAGE;
    qa_status status = QA_OK;
    for (size_t i = 0; i < count && status == QA_OK; i++) {
        used[i] = columns[i];
        int e = qa_column_scale_exponent(columns[i], n, 1);
        if (e == 0)
            continue;
        if (!(copies[i] = malloc(n * sizeof *copies[i] + 1))) {
            status = QA_ERR_MEMORY;
            break;
        }
        for (size_t r = 0; r < n; r++)
            copies[i][r] = ldexp(columns[i][r], e);
        used[i] = copies[i];
    }
    /* All pairs gathered chunk by chunk of rows while the chunk of every column is in cache:
     * each column is read from memory once instead of once per pair (8 columns of a million
     * rows: 64 MB read instead of 450 MB). Each pair's blocks, and so its result, are those
     * of pearson_complete_plain. */
    size_t pairs = count * (count - 1) / 2;
    complete_pairs *state = status == QA_OK && pairs ? calloc(pairs, sizeof *state) : NULL;
    if (status == QA_OK && pairs && !state)
        status = QA_ERR_MEMORY;
    enum { CHUNK = 2048 };
    for (size_t from = 0; from < n && state; from += CHUNK) {
        size_t to = n - from < CHUNK ? n : from + CHUNK;
        for (size_t i = 0, k = 0; i < count; i++)
            for (size_t j = i + 1; j < count; j++, k++)
                complete_pairs_add(&state[k], used[i], used[j], from, to);
    }
    for (size_t i = 0, k = 0; i < count && state; i++)
        for (size_t j = i + 1; j < count; j++, k++) {
            qa_error ignored;
            qa_correlation c;
            bool defined = complete_pairs_finish(&state[k], confidence, &c, &ignored) == QA_OK;
            out[i * count + j] = out[j * count + i] = c;
            ok[i * count + j] = ok[j * count + i] = defined;
        }
    free(state);
    for (size_t i = 0; i < count; i++)
        free(copies[i]);
    return status;
}

qa_status qa_correlation_all(const double *x, const double *y, size_t n, double confidence,
                             qa_correlation *pearson, qa_correlation *spearman,
                             qa_correlation *kendall, qa_error *error)
{
    scaled_pair pair;
    if (!scale_pair(x, y, n, &pair)) {
        correlation_clear(pearson, n);
        correlation_clear(spearman, n);
        correlation_clear(kendall, n);
        return out_of_memory(error);
    }
    qa_status status =
        correlation_all(pair.x, pair.y, n, confidence, pearson, spearman, kendall, error);
    free(pair.copy);
    return status;
}

qa_status qa_correlation_all_counts(const double *counts, size_t levels, double confidence,
                                    qa_correlation *pearson, qa_correlation *spearman,
                                    qa_correlation *kendall, qa_error *error)
{
    /* the table qa_code_table_build counts on the cases: x from its smallest level to its
     * largest, y likewise (values of ordinary size: no scaling, as on the cases) */
    double n = 0;
    size_t low_x = SIZE_MAX, high_x = 0, low_y = 2, high_y = 0;
    for (size_t v = 0; v < levels && levels <= QA_CODE_TABLE_LEVEL_LIMIT; v++)
        for (size_t y = 0; y < 2; y++)
            if (counts[2 * v + y] > 0) {
                n += counts[2 * v + y];
                low_x = v < low_x ? v : low_x;
                high_x = v;
                low_y = y < low_y ? y : low_y;
                high_y = y > high_y ? y : high_y;
            }
    if (n == 0 || n > (double)SIZE_MAX / 2)
        return QA_ERR_NUMERIC;
    size_t cases = (size_t)n, kx = high_x - low_x + 1, ky = high_y - low_y + 1;
    size_t cells_limit = cases > QA_CODE_TABLE_CELLS_MIN ? cases : QA_CODE_TABLE_CELLS_MIN;
    if (kx * ky > cells_limit)
        return QA_ERR_NUMERIC;
    qa_code_table table = {cases, kx, ky, (double)low_x, (double)low_y, NULL};
    table.cell = calloc(kx * ky, sizeof *table.cell);
    if (!table.cell)
        return out_of_memory(error);
    for (size_t a = 0; a < kx; a++)
        for (size_t b = 0; b < ky; b++)
            table.cell[a * ky + b] = (int64_t)counts[2 * (low_x + a) + low_y + b];
    qa_status status = all_begin(cases, confidence, pearson, spearman, kendall, error);
    if (status == QA_OK)
        status = correlation_all_from_table(&table, confidence, pearson, spearman, kendall, error);
    qa_code_table_free(&table);
    return status;
}
