/* Firth's penalized-likelihood logistic regression (Firth 1993; Heinze & Schemper 2002), as
 * R's logistf: maximises l*(b) = l(b) + 1/2 log det I(b) by Fisher scoring on the modified
 * score X'(y - mu + h (1/2 - mu)) with step-halving on l*; penalized likelihood-ratio p per
 * term (refit with b_j = 0) and profile penalized-likelihood CIs. The same maximiser, with
 * some coefficients held fixed, gives the null model, the per-term refits and the profiles;
 * the penalty always uses the full design (as logistf). */
#include "logit_internal.h"

#include <gsl/gsl_cdf.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

enum { FIRTH_MAX_HALVINGS = 30 };
/* logistf bounds each step to 5 in every coefficient (maxstep); bounding the change of the
 * linear predictor instead keeps the bound independent of the units of x (x in thousandths
 * would otherwise need hundreds of steps). The maximum is the same; only the path differs. */
static const double FIRTH_MAX_STEP = 5.0;

typedef struct {
    const qa_logit_data *data;
    const qa_logit_options *options;
    size_t p;
    bool *fixed;                   /* p: coefficients held at their value */
    double *factor, *trial_factor; /* p*p: Cholesky factors of I at b and at the trial */
    double *sub;                   /* p*p: I restricted to the free coefficients */
    double *score, *step, *trial_b, *row_solve; /* p each */
    double *warm;                               /* p: start for the next profile fit */
    double *free_score;                         /* p */
    double *previous_step;                      /* p: the last step taken */
    size_t *free_index;                         /* p */
    /* Largest relative step at convergence: tight for the reported estimate; restricted
     * fits only feed their l* value, whose error is second order in the step. */
    double step_tolerance;
    double *column_size; /* p: max_i |x_ij| */
} firth_workspace;

static const double ESTIMATE_STEP_TOLERANCE = 1e-12, RESTRICTED_STEP_TOLERANCE = 1e-6;

static void swap(double **a, double **b)
{
    double *t = *a;
    *a = *b;
    *b = t;
}

/* l*(b); leaves the Cholesky factor of I(b) in factor. -INFINITY when I(b) is singular. */
static double penalized_loglik(const qa_logit_data *data, const double *b, double *factor)
{
    double loglik = qa_logit_accumulate(data, b, NULL, factor, NULL);
    if (!qa_logit_cholesky(factor, data->p))
        return -INFINITY;
    return loglik + 0.5 * qa_logit_cholesky_log_determinant(factor, data->p);
}

/* Modified score U* = X'(y - mu + h (1/2 - mu)), h_i = w_i x_i' I^-1 x_i = w_i |L^-1 x_i|^2
 * (Firth 1993 eq. 4.1 for the logit link); it is the gradient of l*. */
static void modified_score(const qa_logit_data *data, const double *b, const double *factor,
                           double *score, double *solve)
{
    size_t n = data->n, p = data->p;
    memset(score, 0, p * sizeof *score);
    for (size_t i = 0; i < n; i++) {
        const double *row = data->x + i * p;
        double eta = 0;
        for (size_t j = 0; j < p; j++)
            eta += row[j] * b[j];
        double e = exp(-fabs(eta)), inverse = 1 / (1 + e);
        double mu = eta >= 0 ? inverse : e * inverse, w = e * inverse * inverse;
        double leverage = 0;
        for (size_t a = 0; a < p; a++) {
            double sum = row[a];
            for (size_t c = 0; c < a; c++)
                sum -= factor[a * p + c] * solve[c];
            solve[a] = sum / factor[a * p + a];
            leverage += solve[a] * solve[a];
        }
        /* A row of frequency weight f stands for f equal rows, each with this h. */
        double residual =
            qa_logit_row_weight(data, i) * (data->y[i] - mu + w * leverage * (0.5 - mu));
        for (size_t j = 0; j < p; j++)
            score[j] += row[j] * residual;
    }
}

/* The scoring step on the free coefficients: I_ff^-1 U*_f, rebuilt from L L'. */
static bool scoring_step(firth_workspace *w)
{
    size_t p = w->p, k = 0;
    size_t *index = w->free_index;
    double *free_score = w->free_score;
    for (size_t j = 0; j < p; j++)
        if (!w->fixed[j])
            index[k++] = j;
    for (size_t a = 0; a < k; a++)
        for (size_t c = 0; c < k; c++) {
            double sum = 0; /* (L L')[index a, index c] */
            size_t ia = index[a], ic = index[c], last = ia < ic ? ia : ic;
            for (size_t m = 0; m <= last; m++)
                sum += w->factor[ia * p + m] * w->factor[ic * p + m];
            w->sub[a * k + c] = sum;
        }
    if (!qa_logit_cholesky(w->sub, k))
        return false;
    for (size_t a = 0; a < k; a++)
        free_score[a] = w->score[index[a]];
    qa_logit_cholesky_solve(w->sub, k, free_score);
    double eta_bound = 0; /* >= max_i |x_i' step| */
    memset(w->step, 0, p * sizeof *w->step);
    for (size_t a = 0; a < k; a++) {
        w->step[index[a]] = free_score[a];
        eta_bound += fabs(free_score[a]) * w->column_size[index[a]];
    }
    if (eta_bound > FIRTH_MAX_STEP)
        for (size_t j = 0; j < p; j++)
            w->step[j] *= FIRTH_MAX_STEP / eta_bound;
    return true;
}

/* Scoring with the expected information can overshoot by as much as it moves, so that the
 * iterates jump between two points on either side of the maximum whose l* agree to rounding
 * (seen on quasi-separated data given as frequency-weighted rows, where the expanded rows
 * happened to escape by a rounding-driven halving). A step that reverses the last one is
 * halved: for a pure two-cycle that lands on the midpoint, the maximum. */
static void damp_oscillation(firth_workspace *w, int iteration)
{
    if (iteration == 1)
        return;
    double dot = 0, now = 0, before = 0;
    for (size_t j = 0; j < w->p; j++) {
        dot += w->step[j] * w->previous_step[j];
        now += w->step[j] * w->step[j];
        before += w->previous_step[j] * w->previous_step[j];
    }
    if (dot < -0.5 * sqrt(now * before))
        for (size_t j = 0; j < w->p; j++)
            w->step[j] *= 0.5;
}

/* Maximises l* over the free coefficients from b (fixed ones keep their values). On QA_OK,
 * b is the maximum, *value = l*(b) and w->factor the Cholesky factor of I(b). */
static qa_status firth_maximize(firth_workspace *w, double *b, double *value, int *iterations,
                                qa_error *error)
{
    const qa_logit_data *data = w->data;
    size_t p = w->p;
    double current = penalized_loglik(data, b, w->factor);
    for (int iteration = 1; iteration <= w->options->max_iterations && isfinite(current);
         iteration++) {
        *iterations = iteration;
        modified_score(data, b, w->factor, w->score, w->row_solve);
        if (!scoring_step(w))
            break;
        damp_oscillation(w, iteration);
        /* Near the maximum l* changes by less than its rounding (~1e-16 |l*|) while the
         * coefficients still move by ~1e-8: a step whose loss is within rounding is taken,
         * so the scoring steps (exact gradients) carry the estimate the rest of the way. */
        double rounding = 1e-14 * (fabs(current) + 1);
        double trial = -INFINITY, scale = 1.0;
        for (int halving = 0; halving <= FIRTH_MAX_HALVINGS; halving++, scale /= 2) {
            for (size_t j = 0; j < p; j++)
                w->trial_b[j] = b[j] + scale * w->step[j];
            trial = penalized_loglik(data, w->trial_b, w->trial_factor);
            if (trial >= current - rounding)
                break;
        }
        if (!(trial >= current - rounding)) {
            *value = current; /* no step helps: the maximum to rounding */
            return QA_OK;
        }
        double change = fabs(trial - current) / (fabs(trial) + 0.1), largest_step = 0;
        for (size_t j = 0; j < p; j++)
            largest_step = fmax(largest_step, fabs(scale * w->step[j]) / (1 + fabs(b[j])));
        memcpy(b, w->trial_b, p * sizeof *b);
        for (size_t j = 0; j < p; j++)
            w->previous_step[j] = scale * w->step[j];
        swap(&w->factor, &w->trial_factor);
        current = trial;
        /* Scoring with I converges linearly, so a small change in l* alone could stop a
         * step early: the step must be negligible too. */
        if (change < w->options->tolerance && largest_step < w->step_tolerance) {
            *value = current;
            return QA_OK;
        }
    }
    *value = current; /* -INFINITY tells a singular information from slow convergence */
    return qa_error_set(error, QA_ERR_NUMERIC, NULL, 0, NULL, NULL,
                        isfinite(current) ? "Firth logistic regression did not converge in %d "
                                            "iterations"
                                          : "Firth logistic regression: information matrix "
                                            "singular (max. iterations %d)",
                        w->options->max_iterations);
}

/* Everything a profile evaluation needs besides the workspace. */
typedef struct {
    firth_workspace *w;
    const double *estimate; /* the unrestricted maximum */
    double maximum;         /* l* there */
    double quantile;        /* chi-square(1) quantile at the confidence level */
    double *b;              /* p: scratch coefficients */
} profile_context;

/* f(value) = 2 (l*max - l*profile(b_j = value)) - quantile, the restricted fit starting from
 * the last one, and its slope f' = -2 U*_j at the restricted maximum (envelope theorem: the
 * free coefficients are at their optimum; U* there comes from the last scoring step, which
 * is within the convergence tolerance). */
static qa_status profile_excess(profile_context *c, size_t j, double value, double *excess,
                                double *slope, qa_error *error)
{
    firth_workspace *w = c->w;
    memcpy(c->b, w->warm, w->p * sizeof *c->b);
    c->b[j] = value;
    double restricted = NAN;
    int iterations = 0;
    qa_status status = firth_maximize(w, c->b, &restricted, &iterations, error);
    if (status != QA_OK && restricted == -INFINITY) {
        /* So far out that the weights underflow: beyond the limit; the caller bisects. */
        qa_error_clear(error);
        *excess = INFINITY;
        *slope = NAN;
        return QA_OK;
    }
    if (status != QA_OK)
        return status;
    memcpy(w->warm, c->b, w->p * sizeof *c->b);
    *excess = 2 * (c->maximum - restricted) - c->quantile;
    *slope = -2 * w->score[j];
    return QA_OK;
}

/* One end of the profile CI of term j (direction -1 or +1): Newton's method on f from the
 * Wald limit, safeguarded by a bracket [inner, outer] with f(inner) < 0 <= f(outer): a step
 * leaving the bracket is replaced by bisection, or by doubling the distance from the
 * estimate while no outer end is known. Typically 3 or 4 restricted fits. */
static qa_status profile_limit(profile_context *c, size_t j, double se, int direction,
                               double *limit, qa_error *error)
{
    double centre = c->estimate[j], inner = centre, outer = NAN;
    double point = centre + direction * sqrt(c->quantile) * se;
    memcpy(c->w->warm, c->estimate, c->w->p * sizeof *c->w->warm);
    for (int iteration = 0; iteration < 200; iteration++) {
        double f, slope;
        qa_status status = profile_excess(c, j, point, &f, &slope, error);
        if (status != QA_OK)
            return status;
        if (f < 0)
            inner = point;
        else
            outer = point;
        if (fabs(f) < 1e-10 || fabs(outer - inner) <= 1e-12 * (1 + fabs(point))) {
            *limit = point;
            return QA_OK;
        }
        double next = point - f / slope;
        bool inside = isfinite(next) && direction * (next - inner) > 0 &&
                      (isnan(outer) || direction * (outer - next) > 0);
        if (!inside)
            next = isnan(outer) ? centre + 2 * (point - centre) : (inner + outer) / 2;
        point = next;
    }
    return qa_error_set(error, QA_ERR_NUMERIC, NULL, 0, NULL, NULL,
                        "Firth profile likelihood of term %zu does not reach the confidence "
                        "limit",
                        j);
}

static qa_status allocate_workspace(firth_workspace *w, const qa_logit_data *data,
                                    const qa_logit_options *options, double **buffer,
                                    qa_error *error)
{
    size_t p = data->p;
    *buffer = calloc(3 * p * p + 8 * p, sizeof **buffer);
    w->fixed = calloc(p, sizeof *w->fixed);
    w->free_index = calloc(p, sizeof *w->free_index);
    if (!*buffer || !w->fixed || !w->free_index) {
        free(*buffer);
        free(w->fixed);
        free(w->free_index);
        return qa_error_set(error, QA_ERR_MEMORY, NULL, 0, NULL, NULL, "out of memory");
    }
    double *next = *buffer;
    double **arrays[] = {&w->factor, &w->trial_factor, &w->sub};
    for (size_t k = 0; k < 3; k++, next += p * p)
        *arrays[k] = next;
    double **vectors[] = {&w->score, &w->step,       &w->trial_b,     &w->row_solve,
                          &w->warm,  &w->free_score, &w->column_size, &w->previous_step};
    for (size_t k = 0; k < 8; k++, next += p)
        *vectors[k] = next;
    for (size_t i = 0; i < data->n; i++)
        for (size_t j = 0; j < p && qa_logit_row_weight(data, i) != 0; j++)
            w->column_size[j] = fmax(w->column_size[j], fabs(data->x[i * p + j]));
    w->data = data;
    w->options = options;
    w->p = p;
    return QA_OK;
}

/* Restricted fits: the null model (all but the intercept at 0) and b_j = 0 for each term. */
static qa_status restricted_fits(firth_workspace *w, bool has_intercept, qa_logit_result *r,
                                 double *b, qa_error *error)
{
    size_t p = w->p;
    int iterations = 0;
    for (size_t j = 0; j < p; j++) {
        w->fixed[j] = !(has_intercept && j == 0);
        b[j] = 0;
    }
    if (has_intercept)
        b[0] = r->b[0];
    qa_status status = firth_maximize(w, b, &r->null_loglik, &iterations, error);
    if (status != QA_OK)
        return status;
    for (size_t j = 0; j < p; j++) {
        memset(w->fixed, 0, p * sizeof *w->fixed);
        w->fixed[j] = true;
        memcpy(b, r->b, p * sizeof *b);
        b[j] = 0;
        double restricted = NAN;
        status = firth_maximize(w, b, &restricted, &iterations, error);
        if (status != QA_OK)
            return status;
        double statistic = 2 * (r->loglik - restricted);
        r->p_value[j] = gsl_cdf_chisq_Q(statistic > 0 ? statistic : 0, 1);
    }
    return QA_OK;
}

static qa_status profile_intervals(firth_workspace *w, qa_logit_result *r, double *b,
                                   qa_error *error)
{
    profile_context context = {w, r->b, r->loglik, gsl_cdf_chisq_Pinv(w->options->confidence, 1),
                               b};
    for (size_t j = 0; j < w->p; j++) {
        memset(w->fixed, 0, w->p * sizeof *w->fixed);
        w->fixed[j] = true;
        qa_status status = profile_limit(&context, j, r->se[j], -1, &r->ci_lower[j], error);
        if (status == QA_OK)
            status = profile_limit(&context, j, r->se[j], +1, &r->ci_upper[j], error);
        if (status != QA_OK)
            return status;
    }
    return QA_OK;
}

static qa_status firth_fill(firth_workspace *w, bool has_intercept, qa_logit_result *r, double *b,
                            qa_error *error)
{
    size_t p = w->p;
    /* Wald from the inverse information at the estimate (logistf's var). */
    double *inverse = w->sub;
    qa_logit_cholesky_invert(w->factor, p, inverse);
    for (size_t j = 0; j < p; j++)
        r->se[j] = sqrt(inverse[j * p + j]);
    qa_logit_wald(r, w->options->confidence);
    qa_status status = restricted_fits(w, has_intercept, r, b, error);
    if (status == QA_OK && !w->options->skip_profile)
        status = profile_intervals(w, r, b, error);
    if (status != QA_OK)
        return status;
    int df = (int)p - (has_intercept ? 1 : 0);
    r->deviance = -2 * r->loglik;
    r->null_deviance = -2 * r->null_loglik;
    r->lr_chi2 = 2 * (r->loglik - r->null_loglik);
    r->lr_p = df > 0 ? gsl_cdf_chisq_Q(r->lr_chi2 > 0 ? r->lr_chi2 : 0, df) : NAN;
    return QA_OK;
}

static qa_status firth_fit(const qa_logit_data *data, const qa_logit_options *options,
                           qa_logit_result *result, qa_error *error)
{
    memset(result, 0, sizeof *result);
    qa_logit_options defaults;
    if (!options) {
        qa_logit_options_default(&defaults);
        options = &defaults;
    }
    size_t cases = 0, events = 0;
    bool has_intercept = false;
    qa_status status = qa_logit_check_data(data, &cases, &events, &has_intercept, error);
    if (status != QA_OK)
        return status;
    firth_workspace w;
    double *buffer = NULL;
    status = allocate_workspace(&w, data, options, &buffer, error);
    if (status != QA_OK)
        return status;
    status = qa_logit_result_allocate(result, cases, data->n, data->p, QA_LOGIT_FIRTH, error);
    double *b = malloc(data->p * sizeof *b);
    if (status == QA_OK && !b)
        status = qa_error_set(error, QA_ERR_MEMORY, NULL, 0, NULL, NULL, "out of memory");
    if (status == QA_OK) {
        memset(result->b, 0, data->p * sizeof *result->b);
        if (has_intercept)
            result->b[0] = log((double)events / (double)(cases - events));
        w.step_tolerance = ESTIMATE_STEP_TOLERANCE;
        status = firth_maximize(&w, result->b, &result->loglik, &result->iterations, error);
        w.step_tolerance = RESTRICTED_STEP_TOLERANCE;
    }
    if (status == QA_OK) {
        result->converged = true;
        status = firth_fill(&w, has_intercept, result, b, error);
    }
    if (status == QA_OK) {
        qa_logit_fill_prediction_statistics(data, result, false);
        if (options->compute_vif)
            qa_logit_variance_inflation(data, has_intercept, result->vif);
    } else {
        qa_logit_result_free(result);
    }
    free(b);
    free(buffer);
    free(w.fixed);
    free(w.free_index);
    return status;
}

qa_status qa_logit_firth_fit(const qa_logit_data *data, const qa_logit_options *options,
                             qa_logit_result *result, qa_error *error)
{
    return qa_logit_fit_scaled(data, options, result, error, firth_fit);
}
