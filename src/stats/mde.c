/* Minimum detectable effects of the primary tests (mde.h): the Wald power function of a
 * univariate logit under the design's own x and event rate, and of a Cox model through the
 * Schoenfeld (1983) approximation se = 1/√(d var(x)). */
#include "qareport/mde.h"
#include "column_scale.h"

#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_cdf.h>

double qa_mde_power(double b, double se, double z, bool two_sided)
{
    if (!(se < INFINITY))
        return 0;
    double power = gsl_cdf_ugaussian_P(b / se - z);
    return two_sided ? power + gsl_cdf_ugaussian_P(-b / se - z) : power;
}

static double critical_value(double level, bool two_sided)
{
    return gsl_cdf_ugaussian_Qinv(two_sided ? level / 2 : level);
}

typedef struct {
    const double *x, *weights;
    size_t n;
    double cases, event_rate;
    double x_min, x_max, mean, sd;
} logit_design;

static void design_moments(logit_design *d)
{
    double cases = 0, sum = 0;
    d->x_min = INFINITY;
    d->x_max = -INFINITY;
    for (size_t i = 0; i < d->n; i++) {
        double w = d->weights ? d->weights[i] : 1;
        if (w == 0)
            continue;
        cases += w;
        sum += w * d->x[i];
        d->x_min = fmin(d->x_min, d->x[i]);
        d->x_max = fmax(d->x_max, d->x[i]);
    }
    d->cases = cases;
    d->mean = sum / cases;
    double squares = 0;
    for (size_t i = 0; i < d->n; i++) {
        double w = d->weights ? d->weights[i] : 1, e = d->x[i] - d->mean;
        squares += w * e * e;
    }
    d->sd = cases > 1 ? sqrt(squares / (cases - 1)) : NAN;
}

static double plogis(double eta)
{
    return eta >= 0 ? 1 / (1 + exp(-eta)) : exp(eta) / (1 + exp(eta));
}

/* mean(plogis(a + b x)) − event_rate and its derivative in a. */
static double rate_gap(const logit_design *d, double a, double b, double *slope)
{
    double sum = 0, derivative = 0;
    for (size_t i = 0; i < d->n; i++) {
        double w = d->weights ? d->weights[i] : 1, mu = plogis(a + b * d->x[i]);
        sum += w * mu;
        derivative += w * mu * (1 - mu);
    }
    *slope = derivative / d->cases;
    return sum / d->cases - d->event_rate;
}

/* a(b): the gap rises in a from −rate to 1 − rate, and a(b) lies between logit(rate) − b max x
 * and logit(rate) − b min x; Newton steps kept inside the shrinking bracket, else bisection. */
static double intercept_for(const logit_design *d, double b)
{
    double center = log(d->event_rate / (1 - d->event_rate));
    double low = center - b * d->x_max, high = center - b * d->x_min;
    double a = center - b * d->mean;
    for (int iteration = 0; iteration < 200; iteration++) {
        double slope, gap = rate_gap(d, a, b, &slope);
        if (gap == 0)
            return a;
        if (gap > 0)
            high = a;
        else
            low = a;
        double next = slope > 0 ? a - gap / slope : NAN;
        if (!(next > low && next < high))
            next = 0.5 * (low + high);
        if (fabs(next - a) <= 1e-15 * (1 + fabs(a)) || high - low <= 1e-15 * (1 + fabs(a)))
            return next;
        a = next;
    }
    return a;
}

static double logit_power(const logit_design *d, double b, double z, bool two_sided)
{
    double a = intercept_for(d, b), i00 = 0, i01 = 0, i11 = 0;
    for (size_t i = 0; i < d->n; i++) {
        double f = d->weights ? d->weights[i] : 1, x = d->x[i], mu = plogis(a + b * x);
        double w = f * mu * (1 - mu);
        i00 += w;
        i01 += w * x;
        i11 += w * x * x;
    }
    double determinant = i00 * i11 - i01 * i01;
    if (!(determinant > 1e-300))
        return 0;
    return qa_mde_power(b, sqrt(i00 / determinant), z, two_sided);
}

static void mde_empty(qa_mde *result, double z, double sd)
{
    result->b = result->ratio = result->ratio_sd = NAN;
    result->z = z;
    result->sd = sd;
}

static void mde_logit(const double *x, const double *weights, size_t n, double event_rate,
                      double level, bool two_sided, double target, qa_mde *result)
{
    enum { GRID = 120 };
    logit_design d = {x, weights, n, 0, event_rate, 0, 0, 0, 0};
    design_moments(&d);
    double z = critical_value(level, two_sided);
    mde_empty(result, z, d.sd);
    if (!(d.sd > 0) || !(event_rate > 0 && event_rate < 1))
        return;
    double top = 30 / d.sd, low = 0, high = NAN;
    for (int k = 0; k <= GRID && isnan(high); k++) {
        double b = top * pow(10, -6.0 + 6.0 * k / GRID);
        if (logit_power(&d, b, z, two_sided) >= target)
            high = b;
        else
            low = b;
    }
    if (isnan(high))
        return;
    while (high - low > 1e-12 * high) {
        double middle = 0.5 * (low + high);
        if (logit_power(&d, middle, z, two_sided) >= target)
            high = middle;
        else
            low = middle;
    }
    result->b = 0.5 * (low + high);
    result->ratio = exp(result->b);
    result->ratio_sd = exp(result->b * d.sd);
}

void qa_mde_cox_moments(double events, double variance, double sd, double level, bool two_sided,
                        double target, qa_mde *result)
{
    double z = critical_value(level, two_sided);
    mde_empty(result, z, sd);
    if (!(events > 0) || !(variance > 0))
        return;
    double se = 1 / sqrt(events * variance), low = 0, high = se * (z + 10);
    while (high - low > 1e-12 * high) {
        double middle = 0.5 * (low + high);
        if (qa_mde_power(middle, se, z, two_sided) >= target)
            high = middle;
        else
            low = middle;
    }
    result->b = -0.5 * (low + high);
    result->ratio = exp(result->b);
    result->ratio_sd = exp(result->b * sd);
}

static void mde_cox(const double *x, const double *weights, size_t n, double events, double level,
                    bool two_sided, double target, qa_mde *result)
{
    logit_design d = {x, weights, n, 0, 0, 0, 0, 0, 0};
    design_moments(&d);
    double variance = d.cases > 1 ? d.sd * d.sd * (d.cases - 1) / d.cases : NAN;
    qa_mde_cox_moments(events, variance, d.sd, level, two_sided, target, result);
}

/* --- any finite scale -------------------------------------------------------------------
 * A measure of extreme magnitude is multiplied by a power of two first (column_scale.h:
 * exact), so that its moments neither overflow nor underflow; b and sd are scaled back, the
 * effect per standard deviation does not depend on the scale. */

typedef void (*mde_function)(const double *x, const double *weights, size_t n, double rate,
                             double level, bool two_sided, double target, qa_mde *result);

static void mde_scaled(mde_function mde, const double *x, const double *weights, size_t n,
                       double rate, double level, bool two_sided, double target, qa_mde *result)
{
    int e = qa_column_scale_exponent(x, n, 1);
    double *scaled = e ? malloc(n * sizeof *scaled + 1) : NULL;
    if (!e || !scaled) { /* out of memory: computed as it stands */
        mde(x, weights, n, rate, level, two_sided, target, result);
        return;
    }
    for (size_t i = 0; i < n; i++)
        scaled[i] = ldexp(x[i], e);
    mde(scaled, weights, n, rate, level, two_sided, target, result);
    free(scaled);
    result->b = ldexp(result->b, e);
    result->ratio = exp(result->b);
    result->sd = ldexp(result->sd, -e);
}

void qa_mde_logit(const double *x, const double *weights, size_t n, double event_rate, double level,
                  bool two_sided, double target, qa_mde *result)
{
    mde_scaled(mde_logit, x, weights, n, event_rate, level, two_sided, target, result);
}

void qa_mde_cox(const double *x, const double *weights, size_t n, double events, double level,
                bool two_sided, double target, qa_mde *result)
{
    mde_scaled(mde_cox, x, weights, n, events, level, two_sided, target, result);
}
