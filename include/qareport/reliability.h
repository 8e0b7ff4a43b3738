/* reliability.h: internal consistency of a composite index, Cronbach's alpha (Cronbach 1951),
 * raw (from variances) and standardized (from the mean inter-item correlation). Pure
 * functions over column arrays; rows with any item missing (NaN) are left out. */
#ifndef QAREPORT_RELIABILITY_H
#define QAREPORT_RELIABILITY_H

#include <stddef.h>

#include "qareport/error.h"

/* items[j][row] for j < item_count (at least 2), row < rows; include NULL = every row.
 * Uses the complete rows among the included ones (at least 2 needed). QA_ERR_NUMERIC when an
 * item or the total has no variance (alpha undefined). */
qa_status qa_cronbach_alpha(const double *const *items, size_t item_count, size_t rows,
                            const unsigned char *include, double *alpha_raw,
                            double *alpha_standardized, qa_error *error);

#endif
