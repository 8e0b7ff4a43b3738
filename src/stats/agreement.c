/* Agreement of two codings of the same units: percent agreement, Cohen's kappa (Cohen 1960),
 * quadratic-weighted kappa (Cohen 1968), Gwet's AC1 (Gwet 2008), and the summary that adds
 * Krippendorff's alpha (krippendorff.c) for `qareport compare`.
 *
 * All of them need only each pair's category ranks and the two coders' marginal counts, so no
 * k × k table is built (k can be the number of cases for an interval column such as a year). */
#include "qareport/agreement.h"

#include <gsl/gsl_sort.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The pairs without a missing value, as 0-based ranks in the sorted union of their values. */
typedef struct {
    size_t n;            /* pairs */
    size_t k;            /* categories */
    size_t *rank_a, *rank_b;
    double *count_a, *count_b; /* marginal counts per category (length k) */
    double *categories;  /* sorted distinct values (length k) */
} paired_codes;

static void paired_codes_free(paired_codes *p)
{
    free(p->rank_a);
    free(p->rank_b);
    free(p->count_a);
    free(p->count_b);
    free(p->categories);
    memset(p, 0, sizeof *p);
}

static int compare_doubles(const void *left, const void *right)
{
    double x = *(const double *)left, y = *(const double *)right;
    return (x > y) - (x < y);
}

static qa_status check_values(const double *a, const double *b, size_t n, qa_error *e)
{
    if (n > SIZE_MAX / 2 / sizeof(double))
        return qa_error_set(e, QA_ERR_MEMORY, NULL, 0, NULL, NULL, "too many units (%zu)", n);
    for (size_t i = 0; i < n; i++)
        if (isinf(a[i]) || isinf(b[i]))
            return qa_error_set(e, QA_ERR_INPUT, NULL, 0, NULL, NULL,
                                "unit %zu: value is infinite", i + 1);
    return QA_OK;
}

/* Sorted distinct values of both codings' complete pairs into p->categories. */
static void collect_categories(const double *a, const double *b, size_t n, paired_codes *p)
{
    size_t count = 0;
    for (size_t i = 0; i < n; i++)
        if (!isnan(a[i]) && !isnan(b[i])) {
            p->categories[count++] = a[i];
            p->categories[count++] = b[i];
        }
    gsl_sort(p->categories, 1, count);
    size_t distinct = 0;
    for (size_t i = 0; i < count; i++)
        if (distinct == 0 || p->categories[i] != p->categories[distinct - 1])
            p->categories[distinct++] = p->categories[i];
    p->k = distinct;
}

static size_t rank_of(const paired_codes *p, double value)
{
    const double *hit = bsearch(&value, p->categories, p->k, sizeof *p->categories,
                                compare_doubles);
    return (size_t)(hit - p->categories);
}

/* QA_ERR_NUMERIC when no pair is complete. */
static qa_status paired_codes_build(const double *a, const double *b, size_t n, paired_codes *p,
                                    qa_error *e)
{
    memset(p, 0, sizeof *p);
    qa_status status = check_values(a, b, n, e);
    if (status != QA_OK)
        return status;
    size_t pairs = 0;
    for (size_t i = 0; i < n; i++)
        pairs += !isnan(a[i]) && !isnan(b[i]);
    if (pairs == 0)
        return qa_error_set(e, QA_ERR_NUMERIC, NULL, 0, NULL, NULL,
                            "no unit is coded by both (%zu units, each missing in one coding)",
                            n);
    p->rank_a = malloc(pairs * sizeof *p->rank_a);
    p->rank_b = malloc(pairs * sizeof *p->rank_b);
    p->categories = malloc(2 * pairs * sizeof *p->categories);
    p->count_a = calloc(2 * pairs, sizeof *p->count_a);
    p->count_b = calloc(2 * pairs, sizeof *p->count_b);
    if (!p->rank_a || !p->rank_b || !p->categories || !p->count_a || !p->count_b) {
        paired_codes_free(p);
        return qa_error_set(e, QA_ERR_MEMORY, NULL, 0, NULL, NULL,
                            "out of memory for %zu coded pairs", pairs);
    }
    collect_categories(a, b, n, p);
    for (size_t i = 0; i < n; i++)
        if (!isnan(a[i]) && !isnan(b[i])) {
            size_t ra = rank_of(p, a[i]), rb = rank_of(p, b[i]);
            p->rank_a[p->n] = ra;
            p->rank_b[p->n] = rb;
            p->count_a[ra] += 1;
            p->count_b[rb] += 1;
            p->n++;
        }
    return QA_OK;
}

static double observed_agreement(const paired_codes *p)
{
    size_t agree = 0;
    for (size_t i = 0; i < p->n; i++)
        agree += p->rank_a[i] == p->rank_b[i];
    return (double)agree / (double)p->n;
}

static qa_status single_category(const paired_codes *p, const char *statistic, qa_error *e)
{
    return qa_error_set(e, QA_ERR_NUMERIC, NULL, 0, NULL, NULL,
                        "%s is undefined: both codings use only the value %g, so chance "
                        "agreement is 1",
                        statistic, p->categories[0]);
}

/* Cohen 1960. */
static qa_status kappa_from_pairs(const paired_codes *p, double *kappa, qa_error *e)
{
    if (p->k < 2)
        return single_category(p, "Cohen's kappa", e);
    double n = (double)p->n, chance = 0;
    for (size_t c = 0; c < p->k; c++)
        chance += p->count_a[c] * p->count_b[c];
    chance /= n * n;
    *kappa = (observed_agreement(p) - chance) / (1 - chance);
    return QA_OK;
}

/* Cohen 1968 with agreement weights 1 - (i - j)^2 / (k - 1)^2 on ranks, written as
 * 1 - observed / expected squared rank difference (the (k - 1)^2 cancels). The expected one is
 * sum_ij a_i b_j (i - j)^2 / n^2 = mean_a(i^2) + mean_b(j^2) - 2 mean_a(i) mean_b(j). */
static qa_status weighted_kappa_from_pairs(const paired_codes *p, double *kappa, qa_error *e)
{
    if (p->k < 2)
        return single_category(p, "quadratic-weighted kappa", e);
    double n = (double)p->n, observed = 0;
    for (size_t i = 0; i < p->n; i++) {
        double d = (double)p->rank_a[i] - (double)p->rank_b[i];
        observed += d * d;
    }
    observed /= n;
    double mean_a = 0, mean_b = 0, square_a = 0, square_b = 0;
    for (size_t c = 0; c < p->k; c++) {
        double r = (double)c;
        mean_a += p->count_a[c] * r / n;
        mean_b += p->count_b[c] * r / n;
        square_a += p->count_a[c] * r * r / n;
        square_b += p->count_b[c] * r * r / n;
    }
    double expected = square_a + square_b - 2 * mean_a * mean_b;
    *kappa = 1 - observed / expected;
    return QA_OK;
}

/* Gwet 2008, two coders. */
static qa_status ac1_from_pairs(const paired_codes *p, double *ac1, qa_error *e)
{
    if (p->k < 2)
        return qa_error_set(e, QA_ERR_NUMERIC, NULL, 0, NULL, NULL,
                            "Gwet's AC1 is undefined: both codings use only the value %g "
                            "(one category, K - 1 = 0)",
                            p->categories[0]);
    double chance = 0;
    for (size_t c = 0; c < p->k; c++) {
        double share = (p->count_a[c] + p->count_b[c]) / (2.0 * (double)p->n);
        chance += share * (1 - share);
    }
    chance /= (double)(p->k - 1);
    *ac1 = (observed_agreement(p) - chance) / (1 - chance);
    return QA_OK;
}

typedef qa_status (*pair_statistic)(const paired_codes *p, double *value, qa_error *e);

static qa_status compute_piece(const double *a, const double *b, size_t n,
                               pair_statistic statistic, double *value, qa_error *e)
{
    *value = NAN;
    paired_codes p;
    qa_status status = paired_codes_build(a, b, n, &p, e);
    if (status != QA_OK)
        return status;
    status = statistic(&p, value, e);
    paired_codes_free(&p);
    return status;
}

qa_status qa_cohen_kappa(const double *a, const double *b, size_t n, double *kappa, qa_error *e)
{
    return compute_piece(a, b, n, kappa_from_pairs, kappa, e);
}

qa_status qa_weighted_kappa_quadratic(const double *a, const double *b, size_t n, double *kappa,
                                      qa_error *e)
{
    return compute_piece(a, b, n, weighted_kappa_from_pairs, kappa, e);
}

qa_status qa_gwet_ac1(const double *a, const double *b, size_t n, double *ac1, qa_error *e)
{
    return compute_piece(a, b, n, ac1_from_pairs, ac1, e);
}

qa_status qa_percent_agreement(const double *a, const double *b, size_t n, double *percent,
                               size_t *pairs, qa_error *e)
{
    *percent = NAN;
    if (pairs)
        *pairs = 0;
    paired_codes p;
    qa_status status = paired_codes_build(a, b, n, &p, e);
    if (status != QA_OK)
        return status;
    *percent = 100 * observed_agreement(&p);
    if (pairs)
        *pairs = p.n;
    paired_codes_free(&p);
    return QA_OK;
}
