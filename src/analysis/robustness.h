/* robustness.h (internal to src/analysis): how far a reader can trust each verdict (docs/METHODS.md
 * §6): the specification matrix (the whole primary analysis rerun with one choice changed), case
 * influence (leave one case out, and leave one shared member out), and the proportional
 * hazards check of every Cox model (scaled Schoenfeld residuals, as cox.zph with the KM
 * transform). Fills results->robustness and results->ph_tests; qa_analysis_run_full
 * (analysis.h) runs it. */
#ifndef QAREPORT_ANALYSIS_ROBUSTNESS_H
#define QAREPORT_ANALYSIS_ROBUSTNESS_H

#include "frame.h"

/* Robustness on the frame the primary analysis used, in parts, so that the first can run
 * while the survival models are still being fitted:
 * - qa_robustness_logit_specifications: the specifications that need only the logistic fits
 *   and correlations (primary .. threshold_10), then case and member influence (which needs
 *   only the primary verdicts). It is qa_robustness_logit_matrix then
 *   qa_robustness_influence; the two may run on two threads at once, after the verdicts:
 *   the matrix writes only the specification fields of results->robustness, influence only
 *   their flipping lists, influence_not_computed and the warnings.
 * - qa_robustness_finish: the Cox specification and the small-sample panel.
 * `cache` (may be NULL): the primary tests' tables (frame.h), which the method switch refits
 * instead of gathering and tabulating each sample again. */
qa_status qa_robustness_logit_specifications(const qa_analysis_options *options,
                                             const qa_frame *frame, qa_results *results,
                                             const qa_sample_cache *cache, qa_error *error);
qa_status qa_robustness_logit_matrix(const qa_analysis_options *options, const qa_frame *frame,
                                     qa_results *results, const qa_sample_cache *cache,
                                     qa_error *error);
qa_status qa_robustness_influence(const qa_analysis_options *options, const qa_frame *frame,
                                  qa_results *results, qa_error *error);
qa_status qa_robustness_finish(const qa_dataset *dataset, const qa_analysis_options *options,
                               const qa_frame *frame, qa_results *results, qa_error *error);

#endif
