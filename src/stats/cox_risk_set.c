/* The backward pass over a time-sorted Cox design shared by the fit and the
 * proportional-hazards test: the risk set grows as time decreases, and at each event time the
 * caller gets the sums it needs for Efron's terms. */
#include "survival_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

bool qa_cox_risk_sums_alloc(qa_cox_risk_sums *sums, size_t p)
{
    memset(sums, 0, sizeof *sums);
    sums->p = p;
    sums->block = calloc(3 * p + 2 * p * p + 1, sizeof *sums->block);
    if (!sums->block)
        return false;
    sums->s1 = sums->block;
    sums->s2 = sums->s1 + p;
    sums->e1 = sums->s2 + p * p;
    sums->e2 = sums->e1 + p;
    sums->x_sum = sums->e2 + p * p;
    return true;
}

void qa_cox_risk_sums_free(qa_cox_risk_sums *sums)
{
    free(sums->block);
    memset(sums, 0, sizeof *sums);
}

/* Adds risk, risk x and risk x x' (upper triangle) of one case. */
static inline void add_case(size_t p, const double *restrict x, double risk,
                            double *restrict sum0, double *restrict sum1, double *restrict sum2)
{
    *sum0 += risk;
    for (size_t j = 0; j < p; j++) {
        double rx = risk * x[j];
        sum1[j] += rx;
        for (size_t l = j; l < p; l++)
            sum2[j * p + l] += rx * x[l];
    }
}

/* The cases of the time of sorted row i - 1 (rows low..i-1), any p: a censored case joins S
 * directly, the events gather in E and join S afterwards. Returns low. */
static size_t add_time_group(const qa_cox_sorted *s, const double *beta, qa_cox_risk_sums *w,
                             size_t i)
{
    size_t p = s->p;
    double t = s->time[i - 1];
    w->e0 = w->eta_sum = 0.0;
    w->deaths = 0;
    memset(w->e1, 0, p * sizeof *w->e1);
    memset(w->e2, 0, p * p * sizeof *w->e2);
    memset(w->x_sum, 0, p * sizeof *w->x_sum);
    for (; i > 0 && s->time[i - 1] == t; i--) {
        const double *x = s->x + (i - 1) * p;
        double eta = 0.0, weight = s->weight[i - 1];
        for (size_t j = 0; j < p; j++)
            eta += x[j] * beta[j];
        double risk = weight * exp(eta);
        if (!s->event[i - 1]) {
            add_case(p, x, risk, &w->s0, w->s1, w->s2);
            continue;
        }
        w->deaths += (size_t)weight;
        w->eta_sum += weight * eta;
        for (size_t j = 0; j < p; j++)
            w->x_sum[j] += weight * x[j];
        add_case(p, x, risk, &w->e0, w->e1, w->e2);
    }
    w->s0 += w->e0;
    for (size_t j = 0; j < p; j++) {
        w->s1[j] += w->e1[j];
        for (size_t l = j; l < p; l++)
            w->s2[j * p + l] += w->e2[j * p + l];
    }
    return i;
}

enum { SMALL_P = 8 };

/* The same for p <= SMALL_P with local sums. Always inlined with a constant p, so the compiler
 * unrolls the loops and keeps the sums out of memory that could alias the data. */
static inline __attribute__((always_inline)) size_t
add_time_group_small(const qa_cox_sorted *s, const double *beta, qa_cox_risk_sums *w, size_t i,
                     const size_t p)
{
    double b[SMALL_P], c1[SMALL_P] = {0}, e1[SMALL_P] = {0}, x_sum[SMALL_P] = {0};
    double c2[SMALL_P * SMALL_P] = {0}, e2[SMALL_P * SMALL_P] = {0};
    double c0 = 0.0, e0 = 0.0, eta_sum = 0.0;
    size_t deaths = 0;
    for (size_t j = 0; j < p; j++)
        b[j] = beta[j];
    double t = s->time[i - 1];
    for (; i > 0 && s->time[i - 1] == t; i--) {
        const double *x = s->x + (i - 1) * p;
        double eta = 0.0, weight = s->weight[i - 1];
        for (size_t j = 0; j < p; j++)
            eta += x[j] * b[j];
        double risk = weight * exp(eta);
        if (s->event[i - 1]) {
            deaths += (size_t)weight;
            eta_sum += weight * eta;
            e0 += risk;
            for (size_t j = 0; j < p; j++) {
                double rx = risk * x[j];
                x_sum[j] += weight * x[j];
                e1[j] += rx;
                for (size_t l = j; l < p; l++)
                    e2[j * p + l] += rx * x[l];
            }
        } else {
            c0 += risk;
            for (size_t j = 0; j < p; j++) {
                double rx = risk * x[j];
                c1[j] += rx;
                for (size_t l = j; l < p; l++)
                    c2[j * p + l] += rx * x[l];
            }
        }
    }
    w->s0 += c0 + e0;
    w->e0 = e0;
    w->eta_sum = eta_sum;
    w->deaths = deaths;
    for (size_t j = 0; j < p; j++) {
        w->s1[j] += c1[j] + e1[j];
        w->e1[j] = e1[j];
        w->x_sum[j] = x_sum[j];
        for (size_t l = j; l < p; l++) {
            w->s2[j * p + l] += c2[j * p + l] + e2[j * p + l];
            w->e2[j * p + l] = e2[j * p + l];
        }
    }
    return i;
}

static size_t add_time_group_any(const qa_cox_sorted *s, const double *beta, qa_cox_risk_sums *w,
                                 size_t i)
{
    switch (s->p) {
    case 1: return add_time_group_small(s, beta, w, i, 1);
    case 2: return add_time_group_small(s, beta, w, i, 2);
    case 3: return add_time_group_small(s, beta, w, i, 3);
    case 4: return add_time_group_small(s, beta, w, i, 4);
    case 5: return add_time_group_small(s, beta, w, i, 5);
    case 6: return add_time_group_small(s, beta, w, i, 6);
    case 7: return add_time_group_small(s, beta, w, i, 7);
    case 8: return add_time_group_small(s, beta, w, i, 8);
    default: return add_time_group(s, beta, w, i);
    }
}

void qa_cox_backward_pass(const qa_cox_sorted *s, const double *beta, qa_cox_risk_sums *w,
                          qa_cox_event_time on_event_time, void *context)
{
    size_t p = s->p;
    w->s0 = 0.0;
    memset(w->s1, 0, p * sizeof *w->s1);
    memset(w->s2, 0, p * p * sizeof *w->s2);
    size_t i = s->n;
    while (i > 0) {
        i = add_time_group_any(s, beta, w, i);
        if (w->deaths > 0)
            on_event_time(w, i, context);
    }
}

/* The sums by a loop over the d steps: exact, O(d). */
static void efron_by_loop(double s0, double e0, size_t deaths, qa_cox_efron *w)
{
    /* sum log den_k as the log of their product, rescaled by frexp now and then: one log per
     * time instead of one per event, and no less accurate */
    double product = 1.0;
    int exponent_sum = 0;
    double share = 1.0 / (double)deaths;
    for (size_t k = 0; k < deaths; k++) {
        double f = (double)k * share, denominator = s0 - f * e0;
        double inverse = 1.0 / denominator, inverse2 = inverse * inverse;
        if (denominator > 1e100 || denominator < 1e-100) {
            w->log_sum += log(denominator);
        } else {
            product *= denominator;
            if (product > 1e150 || product < 1e-150) {
                int exponent;
                product = frexp(product, &exponent);
                exponent_sum += exponent;
            }
        }
        w->a0 += inverse;
        w->a1 += f * inverse;
        w->b0 += inverse2;
        w->b1 += f * inverse2;
        w->b2 += f * f * inverse2;
    }
    w->log_sum += log(product) + exponent_sum * 0.693147180559945309417; /* ln 2 */
}

enum { EFRON_LOOP_MAX = 64 };  /* up to this many deaths at a time: the loop */
#define ASYMPTOTIC_FROM 16.0   /* smallest argument of the asymptotic series below */

/* Over i = 0..count-1 with y_i = m + i (m >= 1): h1 = sum 1/y_i, h2 = sum 1/y_i^2 and
 * lg = sum log y_i, as differences of digamma, trigamma and log-gamma between m + count and m
 * (Abramowitz & Stegun 6.1.41, 6.3.18, 6.4.12), each difference written so that it does not
 * cancel: log1p(count/m) and d/(m(m + count)) for the leading terms. The first terms below
 * ASYMPTOTIC_FROM are summed directly, where the series would not yet be accurate. */
static void shifted_sums(double m, double count, double *h1, double *h2, double *lg)
{
    *h1 = *h2 = *lg = 0.0;
    while (count > 0.0 && m < ASYMPTOTIC_FROM) {
        *h1 += 1.0 / m;
        *h2 += 1.0 / (m * m);
        *lg += log(m);
        m += 1.0;
        count -= 1.0;
    }
    if (count <= 0.0)
        return;
    double top = m + count;
    /* Bernoulli numbers B_2 .. B_12 */
    static const double bernoulli[6] = {1.0 / 6.0, -1.0 / 30.0, 1.0 / 42.0,
                                        -1.0 / 30.0, 5.0 / 66.0, -691.0 / 2730.0};
    double digamma = log1p(count / m) + 0.5 * count / (m * top);
    double trigamma = count / (m * top) + 0.5 * count * (m + top) / (m * m * top * top);
    double lgamma_difference = (m - 0.5) * log1p(count / m) + count * log(top) - count;
    double m2 = 1.0 / (m * m), t2 = 1.0 / (top * top), mp = 1.0, tp = 1.0;
    for (int k = 1; k <= 6; k++) { /* mp = m^(-2k + 2), tp = top^(-2k + 2) before the update */
        double b = bernoulli[k - 1];
        lgamma_difference += b / (2.0 * k * (2.0 * k - 1.0)) * (tp / top - mp / m);
        mp *= m2, tp *= t2;
        digamma -= b / (2.0 * k) * (tp - mp);
        trigamma += b * (mp / m - tp / top);
    }
    *h1 += digamma;
    *h2 += trigamma;
    *lg += lgamma_difference;
}

/* The same sums in closed form, O(1) per time, for the thousands of tied deaths of a
 * frequency-weighted design. With c = e0/d and A = d s0/e0, den_k = c (A - k), and
 * k = A - (A - k) turns the f_k sums into the plain ones. */
static void efron_closed_form(double s0, double e0, size_t deaths, qa_cox_efron *w)
{
    double d = (double)deaths, c = e0 / d, a = d * s0 / e0;
    double m = a - d + 1.0;
    if (m < 1.0) { /* s0 >= e0, but rounding may leave a just below d */
        m = 1.0;
        a = d;
    }
    double h1, h2, lg;
    shifted_sums(m, d, &h1, &h2, &lg);
    w->log_sum = d * log(c) + lg;
    w->a0 = h1 / c;
    w->a1 = (a * h1 - d) / (d * c);
    w->b0 = h2 / (c * c);
    w->b1 = (a * h2 - h1) / (d * c * c);
    w->b2 = (a * a * h2 - 2.0 * a * h1 + d) / (d * d * c * c);
}

void qa_cox_efron_weights(double s0, double e0, size_t deaths, qa_cox_efron *w)
{
    memset(w, 0, sizeof *w);
    if (deaths <= EFRON_LOOP_MAX)
        efron_by_loop(s0, e0, deaths, w);
    else
        efron_closed_form(s0, e0, deaths, w);
}

void qa_cox_efron_moments(const qa_cox_risk_sums *w, const qa_cox_efron *k, double *mean_sum,
                          double *variance_sum)
{
    size_t p = w->p;
    const double *s1 = w->s1, *e1 = w->e1;
    for (size_t j = 0; j < p; j++) {
        mean_sum[j] = s1[j] * k->a0 - e1[j] * k->a1;
        for (size_t l = j; l < p; l++)
            variance_sum[j * p + l] =
                w->s2[j * p + l] * k->a0 - w->e2[j * p + l] * k->a1 -
                (s1[j] * s1[l] * k->b0 - (s1[j] * e1[l] + e1[j] * s1[l]) * k->b1 +
                 e1[j] * e1[l] * k->b2);
    }
    for (size_t j = 0; j < p; j++)
        for (size_t l = 0; l < j; l++)
            variance_sum[j * p + l] = variance_sum[l * p + j];
}
