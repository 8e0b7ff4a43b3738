/* mde.h: minimum detectable effects — the smallest effect a test had a given power to find,
 * a sensitivity analysis of the design (sample, event rate, spread of the measure), not the
 * post-hoc power of the effect observed (Hoenig & Heisey 2001, "The abuse of power", The
 * American Statistician 55(1)). Wald tests at the given level throughout:
 *     power(b) = Φ(b/se(b) − z) + Φ(−b/se(b) − z),  z = Φ⁻¹(1 − level/2)
 * (one-sided: z = Φ⁻¹(1 − level) and the first term alone).
 *
 *     qa_mde result;
 *     qa_mde_logit(x, counts, rows, event_rate, 0.05 / 5, true, 0.80, &result);
 *     if (!isnan(result.b)) ... an odds ratio above result.ratio could have been seen
 *
 * Pure functions over arrays. */
#ifndef QAREPORT_MDE_H
#define QAREPORT_MDE_H

#include <stdbool.h>
#include <stddef.h>

typedef struct {
    double b;     /* the detectable coefficient; NaN when no effect in the range reaches power */
    double ratio; /* exp(b): odds ratio (logit) or, for Cox, the hazard ratio exp(b) of a b < 0 */
    double ratio_sd; /* exp(b sd(x)), sd with n − 1: the effect per standard deviation */
    double sd;       /* sd(x) (n − 1) */
    double z;        /* the critical value used */
} qa_mde;

/* Logit with one measure x on its own sample (x[i] with weights[i] cases, weights NULL = 1),
 * event rate event_rate in (0, 1). For b > 0 the intercept a(b) solves
 * mean(plogis(a + b x)) = event_rate; I(b) = Σ w_i [1 x_i; x_i x_i²], w = p(1 − p) at
 * (a(b), b); se(b) = √[I⁻¹]₂₂ (power 0 where det I <= 1e-300). MDE = the smallest b in
 * (0, 30/sd(x)] with power(b) = target: the first crossing on a grid of 121 points spaced
 * evenly in log b from 1e-6 · 30/sd(x) to 30/sd(x), then bisected to 1e-12 relative. b is NaN
 * when power stays below target, when sd(x) = 0, or when the event rate is 0 or 1.
 * Cost: ~170 power evaluations, each ~6 passes over the n rows (pass distinct values with
 * their counts: a coded measure has at most a few hundred). */
void qa_mde_logit(const double *x, const double *weights, size_t n, double event_rate, double level,
                  bool two_sided, double target, qa_mde *result);

/* Cox with one measure: se = 1/√(d v), d events, v = mean((x − x̄)²) over the Cox sample
 * (weighted by cases); b > 0 solves power(b) = target by bisection, and the result is
 * reported as the protective effect b = −b, ratio = exp(−b) (the hypotheses predict a lower
 * hazard). ratio_sd = exp(−b sd(x)). NaN when d = 0 or v = 0. */
void qa_mde_cox(const double *x, const double *weights, size_t n, double events, double level,
                bool two_sided, double target, qa_mde *result);

/* The same from the Cox sample's summary: events d, variance v = mean((x − x̄)²) and sd(x)
 * (n − 1), so a caller that has them needs no second pass over the cases. */
void qa_mde_cox_moments(double events, double variance, double sd, double level, bool two_sided,
                        double target, qa_mde *result);

/* The Wald power function above at b with standard error se (0 for an infinite se). */
double qa_mde_power(double b, double se, double z, bool two_sided);

#endif
