/* Fitted models into results: logit and Cox fits become qa_model_result rows with named
 * terms (SPEC "Term names"), and the joint designs are assembled here. */
#include "models.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static qa_term_result *terms_alloc(size_t count)
{
    qa_term_result *terms = calloc(count ? count : 1, sizeof *terms);
    for (size_t j = 0; terms && j < count; j++)
        terms[j].vif = terms[j].ratio_boot_lower = terms[j].ratio_boot_upper = NAN;
    return terms;
}

static void model_blank(qa_model_result *model, const char *name, qa_model_kind kind,
                        qa_outcome outcome)
{
    memset(model, 0, sizeof *model);
    snprintf(model->name, sizeof model->name, "%s", name);
    model->kind = kind;
    model->outcome = outcome;
    model->loglik = model->null_loglik = model->aic = model->bic = NAN;
    model->lr_chi2 = model->lr_p = model->lr_df = NAN;
    model->mcfadden_r2 = model->cox_snell_r2 = model->nagelkerke_r2 = NAN;
    model->hl_chi2 = model->hl_p = model->auc = model->concordance = NAN;
}

int qa_models_add_unavailable(qa_results *results, const char *name, qa_model_kind kind,
                              qa_outcome outcome, size_t n, const char *reason)
{
    qa_model_result model;
    model_blank(&model, name, kind, outcome);
    model.n = n;
    snprintf(model.reason, sizeof model.reason, "%s", reason);
    return qa_results_add_model(results, &model);
}

int qa_models_add_logit(qa_results *results, const char *name, qa_outcome outcome,
                        const qa_logit_result *fit, const char *const *term_names,
                        bool separated)
{
    qa_model_result model;
    model_blank(&model, name, QA_MODEL_LOGIT, outcome);
    model.available = true;
    model.method = fit->method;
    model.separated = separated;
    model.n = fit->n;
    model.events = fit->events;
    model.predictors = fit->p - 1;
    model.iterations = fit->iterations;
    model.converged = fit->converged;
    model.tn = fit->tn;
    model.fp = fit->fp;
    model.fn = fit->fn;
    model.tp = fit->tp;
    model.terms = terms_alloc(fit->p);
    if (!model.terms)
        return -1;
    model.term_count = fit->p;
    for (size_t j = 0; j < fit->p; j++) {
        qa_term_result *term = &model.terms[j];
        snprintf(term->term, sizeof term->term, "%s", term_names[j]);
        term->b = fit->b[j];
        term->se = fit->se[j];
        term->z = fit->z[j];
        term->p = fit->p_value[j];
        term->wald_p = fit->wald_p[j];
        term->ratio = exp(fit->b[j]);
        term->ci_lower = fit->ci_lower[j];
        term->ci_upper = fit->ci_upper[j];
        term->vif = fit->vif ? fit->vif[j] : NAN;
    }
    model.loglik = fit->loglik;
    model.null_loglik = fit->null_loglik;
    model.aic = fit->aic;
    model.bic = fit->bic;
    model.lr_chi2 = fit->lr_chi2;
    model.lr_p = fit->lr_p;
    model.lr_df = (double)(fit->p - 1);
    model.mcfadden_r2 = fit->mcfadden_r2;
    model.cox_snell_r2 = fit->cox_snell_r2;
    model.nagelkerke_r2 = fit->nagelkerke_r2;
    model.hl_chi2 = fit->hl_chi2;
    model.hl_df = fit->hl_df;
    model.hl_p = fit->hl_p;
    model.auc = fit->auc;
    int index = qa_results_add_model(results, &model);
    if (index < 0)
        free(model.terms);
    return index;
}

int qa_models_add_cox(qa_results *results, const char *name, const qa_cox_result *fit,
                      const char *const *term_names)
{
    qa_model_result model;
    model_blank(&model, name, QA_MODEL_COX, QA_OUTCOME_DURABILITY);
    model.available = true;
    model.n = fit->n;
    model.events = fit->events;
    model.predictors = fit->p;
    model.iterations = fit->iterations;
    model.converged = fit->converged;
    model.terms = terms_alloc(fit->p);
    if (!model.terms)
        return -1;
    model.term_count = fit->p;
    for (size_t j = 0; j < fit->p; j++) {
        qa_term_result *term = &model.terms[j];
        snprintf(term->term, sizeof term->term, "%s", term_names[j]);
        term->b = fit->b[j];
        term->se = fit->se[j];
        term->z = fit->z[j];
        term->p = term->wald_p = fit->p_value[j];
        term->ratio = exp(fit->b[j]);
        term->ci_lower = fit->ci_lower[j];
        term->ci_upper = fit->ci_upper[j];
    }
    model.loglik = fit->loglik;
    model.null_loglik = fit->null_loglik;
    model.aic = fit->aic;
    model.bic = fit->bic;
    model.lr_chi2 = fit->lr_chi2;
    model.lr_p = fit->lr_p;
    model.lr_df = (double)fit->p;
    model.cox_snell_r2 = fit->cox_snell_r2;
    model.nagelkerke_r2 = fit->nagelkerke_r2;
    model.concordance = fit->concordance;
    int index = qa_results_add_model(results, &model);
    if (index < 0)
        free(model.terms);
    return index;
}

void qa_design_free(qa_design *design)
{
    free(design->x);
    free(design->y);
    free(design->time);
    free(design->status);
    free(design->names);
    memset(design, 0, sizeof *design);
}

/* Joint design: the five measures present plus the control terms, on the rows where the
 * outcome and every column are present. Logit designs get the intercept as column 0. */
qa_status qa_design_joint(const qa_frame *frame, qa_sample_kind kind, qa_design *design)
{
    memset(design, 0, sizeof *design);
    bool logit = kind != QA_SAMPLE_COX;
    const double *columns[QA_HYPOTHESIS_COUNT + 64];
    size_t count = 0;
    design->names = calloc(QA_HYPOTHESIS_COUNT + frame->control_count + 1, sizeof(const char *));
    if (!design->names)
        return QA_ERR_MEMORY;
    if (logit)
        design->names[design->p++] = "(Intercept)";
    for (int k = 0; k < QA_HYPOTHESIS_COUNT; k++)
        if (frame->measure[k]) {
            columns[count++] = frame->measure[k];
            design->names[design->p++] = qa_measure_name(k);
        }
    for (size_t c = 0; c < frame->control_count && count < 64 + QA_HYPOTHESIS_COUNT; c++) {
        columns[count++] = frame->control_values[c];
        design->names[design->p++] = frame->control_names[c];
    }
    int any_measure = -1;
    for (int k = 0; k < QA_HYPOTHESIS_COUNT && any_measure < 0; k++)
        if (frame->measure[k])
            any_measure = k;
    if (any_measure < 0)
        return QA_OK;
    size_t n = 0;
    for (size_t row = 0; row < frame->rows; row++) {
        bool complete = qa_frame_in_sample(frame, kind, any_measure, row);
        for (size_t c = 0; c < count && complete; c++)
            complete = !isnan(columns[c][row]);
        n += complete;
    }
    design->x = malloc((n ? n : 1) * design->p * sizeof(double));
    design->y = malloc((n ? n : 1) * sizeof(double));
    if (!logit) {
        design->time = malloc((n ? n : 1) * sizeof(double));
        design->status = malloc((n ? n : 1) * sizeof(double));
    }
    if (!design->x || !design->y || (!logit && (!design->time || !design->status)))
        return QA_ERR_MEMORY;
    qa_outcome outcome = kind == QA_SAMPLE_FORMATION ? QA_OUTCOME_FORMATION
                                                     : QA_OUTCOME_DURABILITY;
    for (size_t row = 0; row < frame->rows; row++) {
        bool complete = qa_frame_in_sample(frame, kind, any_measure, row);
        for (size_t c = 0; c < count && complete; c++)
            complete = !isnan(columns[c][row]);
        if (!complete)
            continue;
        double *x = design->x + design->n * design->p;
        size_t j = 0;
        if (logit)
            x[j++] = 1.0;
        for (size_t c = 0; c < count; c++)
            x[j++] = columns[c][row];
        design->y[design->n] = qa_frame_outcome(frame, outcome, row);
        if (!logit) {
            design->time[design->n] = frame->derived.duration[row];
            design->status[design->n] = frame->derived.event[row];
        }
        design->n++;
    }
    return QA_OK;
}
