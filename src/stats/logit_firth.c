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
static const double FIRTH_MAX_STEP = 5.0; /* logistf's maxstep: bounds the first steps */

typedef struct {
    const qa_logit_data *data;
    const qa_logit_options *options;
    size_t p;
    bool *fixed;                     /* p: coefficients held at their value */
    double *factor, *trial_factor;   /* p*p: Cholesky factors of I at b and at the trial */
    double *sub;                     /* p*p: I restricted to the free coefficients */
    double *score, *step, *trial_b, *row_solve; /* p each */
    double *warm;                    /* p: start for the next profile fit */
    double *free_score;              /* p */
    size_t *free_index;              /* p */
} firth_workspace;

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
        double residual = data->y[i] - mu + w * leverage * (0.5 - mu);
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
    double largest = 0;
    memset(w->step, 0, p * sizeof *w->step);
    for (size_t a = 0; a < k; a++) {
        w->step[index[a]] = free_score[a];
        largest = fmax(largest, fabs(free_score[a]));
    }
    if (largest > FIRTH_MAX_STEP)
        for (size_t j = 0; j < p; j++)
            w->step[j] *= FIRTH_MAX_STEP / largest;
    return true;
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
        double trial = -INFINITY, scale = 1.0, change = INFINITY;
        for (int halving = 0; halving <= FIRTH_MAX_HALVINGS; halving++, scale /= 2) {
            for (size_t j = 0; j < p; j++)
                w->trial_b[j] = b[j] + scale * w->step[j];
            trial = penalized_loglik(data, w->trial_b, w->trial_factor);
            change = fabs(trial - current) / (fabs(trial) + 0.1);
            if (trial >= current || change < w->options->tolerance)
                break;
        }
        double largest_step = 0;
        for (size_t j = 0; j < p; j++)
            largest_step = fmax(largest_step, fabs(scale * w->step[j]) / (1 + fabs(b[j])));
        if (trial >= current) {
            memcpy(b, w->trial_b, p * sizeof *b);
            swap(&w->factor, &w->trial_factor);
            current = trial;
        }
        /* Scoring with I converges linearly, so a small change in l* alone could stop a
         * step early: the step must be negligible too. */
        if (!(trial >= current) || (change < w->options->tolerance && largest_step < 1e-9)) {
            *value = current;
            return QA_OK;
        }
    }
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

/* 2 (l*max - l*profile(b_j = value)) - quantile; the restricted fit starts from the last one. */
static qa_status profile_excess(profile_context *c, size_t j, double value, double *excess,
                                qa_error *error)
{
    firth_workspace *w = c->w;
    memcpy(c->b, w->warm, w->p * sizeof *c->b);
    c->b[j] = value;
    double restricted = NAN;
    int iterations = 0;
    qa_status status = firth_maximize(w, c->b, &restricted, &iterations, error);
    if (status != QA_OK)
        return status;
    memcpy(w->warm, c->b, w->p * sizeof *c->b);
    *excess = 2 * (c->maximum - restricted) - c->quantile;
    return QA_OK;
}

/* One end of the profile CI of term j (direction -1 or +1): bracket the root by doubling the
 * distance from the estimate, then the Illinois variant of regula falsi (Dowell & Jarratt
 * 1971), which keeps the bracket and converges superlinearly. */
static qa_status profile_limit(profile_context *c, size_t j, double se, int direction,
                               double *limit, qa_error *error)
{
    firth_workspace *w = c->w;
    double centre = c->estimate[j];
    memcpy(w->warm, c->estimate, w->p * sizeof *w->warm);
    double inner = centre, f_inner = -c->quantile;
    double distance = sqrt(c->quantile) * se, outer = centre + direction * distance, f_outer;
    for (int doubling = 0;; doubling++) {
        qa_status status = profile_excess(c, j, outer, &f_outer, error);
        if (status != QA_OK)
            return status;
        if (f_outer >= 0)
            break;
        if (doubling == 60)
            return qa_error_set(error, QA_ERR_NUMERIC, NULL, 0, NULL, NULL,
                                "Firth profile likelihood of term %zu does not reach the "
                                "confidence limit",
                                j);
        inner = outer;
        f_inner = f_outer;
        distance *= 2;
        outer = centre + direction * distance;
    }
    int kept_side = 0;
    for (int iteration = 0; iteration < 200; iteration++) {
        double point = outer - f_outer * (outer - inner) / (f_outer - f_inner), f_point;
        qa_status status = profile_excess(c, j, point, &f_point, error);
        if (status != QA_OK)
            return status;
        if ((f_point < 0) == (f_inner < 0)) {
            inner = point;
            f_inner = f_point;
            if (kept_side == 1)
                f_outer /= 2; /* Illinois: the kept end's value halves */
            kept_side = 1;
        } else {
            outer = point;
            f_outer = f_point;
            if (kept_side == -1)
                f_inner /= 2;
            kept_side = -1;
        }
        if (fabs(outer - inner) <= 1e-10 * (1 + fabs(point)) || f_point == 0) {
            *limit = point;
            return QA_OK;
        }
    }
    return qa_error_set(error, QA_ERR_NUMERIC, NULL, 0, NULL, NULL,
                        "Firth profile likelihood limit of term %zu not found", j);
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
    double **vectors[] = {&w->score, &w->step, &w->trial_b, &w->row_solve, &w->warm,
                          &w->free_score};
    for (size_t k = 0; k < 6; k++, next += p)
        *vectors[k] = next;
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
    profile_context context = {w, r->b, r->loglik,
                               gsl_cdf_chisq_Pinv(w->options->confidence, 1), b};
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

static qa_status firth_fill(firth_workspace *w, bool has_intercept, qa_logit_result *r,
                            double *b, qa_error *error)
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

qa_status qa_logit_firth_fit(const qa_logit_data *data, const qa_logit_options *options,
                             qa_logit_result *result, qa_error *error)
{
    memset(result, 0, sizeof *result);
    qa_logit_options defaults;
    if (!options) {
        qa_logit_options_default(&defaults);
        options = &defaults;
    }
    size_t events = 0;
    bool has_intercept = false;
    qa_status status = qa_logit_check_data(data, &events, &has_intercept, error);
    if (status != QA_OK)
        return status;
    firth_workspace w;
    double *buffer = NULL;
    status = allocate_workspace(&w, data, options, &buffer, error);
    if (status != QA_OK)
        return status;
    status = qa_logit_result_allocate(result, data->n, data->p, QA_LOGIT_FIRTH, error);
    double *b = malloc(data->p * sizeof *b);
    if (status == QA_OK && !b)
        status = qa_error_set(error, QA_ERR_MEMORY, NULL, 0, NULL, NULL, "out of memory");
    if (status == QA_OK) {
        memset(result->b, 0, data->p * sizeof *result->b);
        if (has_intercept)
            result->b[0] = log((double)events / (double)(data->n - events));
        status = firth_maximize(&w, result->b, &result->loglik, &result->iterations, error);
    }
    if (status == QA_OK) {
        result->converged = true;
        status = firth_fill(&w, has_intercept, result, b, error);
    }
    if (status == QA_OK) {
        qa_logit_fill_prediction_statistics(data, result);
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
