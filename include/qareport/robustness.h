/* robustness.h: how far a reader can trust each verdict (SPEC "Robustness"): the
 * specification matrix (the whole primary analysis rerun with one choice changed), case
 * influence (leave one case out, and leave one shared member out), and the proportional
 * hazards check of every Cox model (scaled Schoenfeld residuals, as cox.zph with the KM
 * transform). Fills results->robustness and results->ph_tests. */
#ifndef QAREPORT_ROBUSTNESS_H
#define QAREPORT_ROBUSTNESS_H

#include "qareport/dataset.h"
#include "qareport/error.h"
#include "qareport/results.h"

/* Runs after qa_analysis_run on the same dataset and options (qa_analysis_run_full does
 * both on one frame). */
qa_status qa_robustness_run(const qa_dataset *dataset, const qa_analysis_options *options,
                            qa_results *results, qa_error *error);

#endif
