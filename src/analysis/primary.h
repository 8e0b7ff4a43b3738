/* primary.h (internal to src/analysis): the pieces of the primary analysis. */
#ifndef QAREPORT_ANALYSIS_PRIMARY_H
#define QAREPORT_ANALYSIS_PRIMARY_H

#include "frame.h"
#include "member_inference.h"
#include "models.h"

/* Correlations, univariate logit, sample panel of the five tests of one outcome; designs
 * (QA_TEST_COUNT, may be NULL) get each test's detectable-effect design, and cache (may be
 * NULL) each coded sample's table (frame.h). */
qa_status qa_primary_logit_tests(const qa_frame *frame, const qa_analysis_options *options,
                                 qa_outcome outcome, qa_results *results, qa_mde_design *designs,
                                 qa_sample_cache *cache);
/* The joint logit of one outcome (all five measures plus controls). */
qa_status qa_primary_joint_logit(const qa_frame *frame, const qa_analysis_options *options,
                                 qa_outcome outcome, qa_results *results, int *model_index);
/* Cox models (each measure, joint) and Kaplan–Meier comparisons of the durability tests. */
/* designs (may be NULL): the Cox samples' events and variance of the measure. */
qa_status qa_primary_survival(const qa_frame *frame, qa_results *results, int *joint_index,
                              qa_mde_design *designs);
/* Descriptives, category counts, dropped cases (Descriptives and Diagnostics sheets). */
qa_status qa_summaries_fill(const qa_frame *frame, qa_results *results);
/* The pairwise correlation matrix of the Correlations sheet. */
qa_status qa_correlation_matrix_fill(const qa_frame *frame, qa_results *results);
/* --bootstrap N: percentile CIs of Spearman, Kendall and the univariate odds ratios. */
qa_status qa_bootstrap_fill(const qa_frame *frame, const qa_analysis_options *options,
                            qa_results *results);

/* The analysis without the robustness checks (qa_analysis_run_full runs both). */
qa_status qa_analysis_run(const qa_dataset *dataset, const qa_analysis_options *options,
                          qa_results *results, qa_error *error);

/* The analysis of the rows with extra[row] != 0 (NULL: all) that pass --where. */
qa_status qa_analysis_run_subset(const qa_dataset *dataset, const qa_analysis_options *options,
                                 const unsigned char *extra, bool robustness, qa_results *results,
                                 qa_error *error);

#endif
