/* models.h (internal to src/analysis): fitted models into qa_results, and joint designs. */
#ifndef QAREPORT_ANALYSIS_MODELS_H
#define QAREPORT_ANALYSIS_MODELS_H

#include "frame.h"
#include "member_inference.h"
#include "qareport/survival.h"

int qa_models_add_unavailable(qa_results *results, const char *name, qa_model_kind kind,
                              qa_outcome outcome, size_t n, const char *reason);
int qa_models_add_logit(qa_results *results, const char *name, qa_outcome outcome,
                        const qa_logit_result *fit, const char *const *term_names, bool separated);
int qa_models_add_cox(qa_results *results, const char *name, const qa_cox_result *fit,
                      const char *const *term_names);
/* Records the measure's SD on the model's sample on its measure term (qa_term_result.sd);
 * nothing when the model is absent or has no such term. */
void qa_models_set_measure_sd(qa_results *results, int index, int measure, double sd);
/* Marks the terms of model `index` whose column is of type interval (qa_term_result.interval)
 * and gives each its SD over the model's cases `rows` with the ratio per SD (METHODS §4.14);
 * a term whose SD is already set keeps it. */
void qa_models_set_interval_sds(qa_results *results, int index, const qa_frame *frame,
                                const qa_model_rows *rows);

/* A design matrix with its outcome (logit: y; Cox: time and status), frequency weights
 * (distinct rows of the cases) and term names. */
typedef struct {
    size_t n, p;  /* rows (distinct), terms */
    size_t cases; /* the sum of the weights */
    double *x, *y, *time, *status, *weights;
    const char **names; /* p names (pointers into the frame or static strings) */
    /* a logit design of coded columns only: per frame row, 0 when the row is not in the
     * model, else 1 + its mixed-radix key (qa_model_rows.keys); otherwise NULL */
    uint32_t *keys;
} qa_design;
qa_status qa_design_joint(const qa_frame *frame, qa_sample_kind kind, qa_design *design);
/* The joint design's columns without the intercept, in its order (at most
 * QA_HYPOTHESIS_COUNT + 64); returns their count. */
size_t qa_design_columns(const qa_frame *frame, const double **columns);
/* The design of one measure with the control terms (--controls-in all), on the rows of that
 * measure's sample: logit [1, measure, controls], Cox [measure, controls]. */
qa_status qa_design_measure(const qa_frame *frame, qa_sample_kind kind, int measure,
                            qa_design *design);
void qa_design_free(qa_design *design);

/* The primary logit of one test: the univariate fit of the sample, or with
 * frame->controls_all the fit on [1, measure, controls] of the same rows. `names` (room for
 * QA_DESIGN_MAX_TERMS) receives the term names, valid while the frame lives. With `kept`
 * (may be NULL), a univariate fit's data (qa_univariate_build of the sample) are handed to
 * the caller, who frees them, instead of being built again; *kept is all zero otherwise. */
enum { QA_DESIGN_MAX_TERMS = 1 + QA_HYPOTHESIS_COUNT + 64 };
qa_status qa_fit_measure_logit(const qa_frame *frame, qa_outcome outcome, int measure,
                               const qa_sample *sample, qa_firth_mode mode, bool intervals,
                               qa_logit_result *fit, bool *separated, const char **names,
                               qa_univariate *kept, qa_error *error);

#endif
