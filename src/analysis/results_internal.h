/* results_internal.h (internal to src/analysis): filling a qa_results (results.h) while the
 * analysis runs; the layers above only read it. */
#ifndef QAREPORT_ANALYSIS_RESULTS_INTERNAL_H
#define QAREPORT_ANALYSIS_RESULTS_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "qareport/results.h"

/* Appends a model (takes ownership of its terms) and returns its index, or -1. */
int qa_results_add_model(qa_results *results, const qa_model_result *model);
/* printf-style warning; returns false when out of memory. */
bool qa_results_warn(qa_results *results, const char *format, ...)
    __attribute__((format(printf, 2, 3)));
/* Records a case left out of some test (Diagnostics). false when out of memory. */
bool qa_results_drop(qa_results *results, size_t row, long line, const char *case_id,
                     const char *reason);
/* Appends a proportional-hazards test row. false when out of memory. */
bool qa_results_add_ph_test(qa_results *results, const char *model, const char *term, double chi2,
                            int df, double p);
qa_test_result *qa_results_test(qa_results *results, int hypothesis, qa_outcome outcome);

#endif
