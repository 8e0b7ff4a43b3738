/* member_inference.h (internal to src/analysis): member-robust standard errors of the fitted
 * models (member_robust.h) and the minimum detectable effects of the tests (mde.h), computed
 * case by case over the frame's rows of each model. */
#ifndef QAREPORT_ANALYSIS_MEMBER_INFERENCE_H
#define QAREPORT_ANALYSIS_MEMBER_INFERENCE_H

#include "frame.h"
#include "members.h"
#include "qareport/survival.h"

/* The rows and design columns of one model: a row of the frame is in it when its
 * eligibility bit for `kind` holds and no column is NaN; its design row is [1 (logit),
 * columns...]. */
typedef struct {
    qa_sample_kind kind;
    size_t count;
    const double *columns[QA_HYPOTHESIS_COUNT + 64];
    /* NULL, or the logit model's keys already computed for these columns (qa_design.keys,
     * qa_sample.key): per frame row, 0 when the row is not in the model, else 1 + its
     * qa_member_coded_keys key (low 0); the member sums then need not compute them again */
    const uint32_t *keys;
} qa_model_rows;

/* The rows of the univariate model of measure k / of the joint model of `kind`. */
void qa_model_rows_univariate(const qa_frame *frame, qa_sample_kind kind, int k,
                              qa_model_rows *rows);
void qa_model_rows_joint(const qa_frame *frame, qa_sample_kind kind, qa_model_rows *rows);

/* terms[j].member for every coefficient of a logit fitted on `data` (the model's cases,
 * compressed or not) whose cases are `rows`; nothing when frame->members is NULL. The only
 * failure is QA_ERR_MEMORY; a singular bread leaves the terms NaN. */
qa_status qa_member_logit_terms(const qa_frame *frame, const qa_model_rows *rows,
                                const qa_logit_data *data, const qa_logit_result *fit,
                                qa_term_result *terms);
/* The member-robust Wald p of the measure in a univariate logit of measure k on the cases of
 * `kind` (the --se member verdict rule); NaN when it cannot be computed (no members index,
 * a singular bread, a variance that is not positive). */
double qa_member_univariate_p(const qa_frame *frame, qa_sample_kind kind, int k,
                              const qa_logit_data *data, const qa_logit_result *fit);
/* The same for a Cox fit (dfbeta, Efron ties). */
qa_status qa_member_cox_terms(const qa_frame *frame, const qa_model_rows *rows,
                              const qa_cox_data *data, const qa_cox_result *fit,
                              qa_term_result *terms);

/* What a test's detectable effect needs once the level is known (after all ten are fitted):
 * the measure's distinct values with their case counts and the event rate (logit), and the
 * Cox sample's events, variance (n denominator) and sd (n − 1). */
typedef struct {
    double *x, *weights; /* owned */
    size_t rows;
    double event_rate;
    double cox_events, cox_variance, cox_sd; /* of the measure times 2^cox_exponent */
    int cox_exponent;
} qa_mde_design;

/* From a univariate logit design [1, x] (weights may be NULL). QA_ERR_MEMORY. */
qa_status qa_mde_design_logit(const qa_logit_data *data, qa_mde_design *design);
void qa_mde_design_free(qa_mde_design *design);

/* Fills tests[t].mde and (durability) cox_mde for every testable test at level alpha / m
 * under holm or bh (m testable tests), alpha under none; power 0.80 (issue 11 §2). */
void qa_mde_fill(const qa_analysis_options *options, const qa_mde_design *designs,
                 qa_results *results);

#endif
