/* measure.h (internal to src/analysis): the values of one of the five measures for every row,
 * a dataset column or a composite index of several indicator columns (SPEC "Data",
 * composite measures), with the composite's internal consistency (Cronbach 1951). */
#ifndef QAREPORT_ANALYSIS_MEASURE_H
#define QAREPORT_ANALYSIS_MEASURE_H

#include "qareport/dataset.h"
#include "qareport/error.h"

/* Measure k (0..4) for every row into out (length rows): the column itself, or for a
 * composite the row mean of the indicators' z-scores (n - 1 SD), each indicator
 * standardised over the rows with include[row] != 0 (include NULL = all rows; rows left out
 * get NaN). alpha_raw/alpha_standardized (may be NULL) get Cronbach's alpha of the
 * indicators (NaN for a single column). Returns QA_ERR_INPUT when the measure is absent. */
qa_status qa_measure_values(const qa_dataset *dataset, int k, const unsigned char *include,
                            double *out, double *alpha_raw, double *alpha_standardized,
                            qa_error *error);

#endif
