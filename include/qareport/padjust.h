/* padjust.h: multiplicity adjustment of p-values, as R's p.adjust (Holm 1979;
 * Benjamini & Hochberg 1995). NaN entries are holes: they are not counted in the number of
 * tests m and stay NaN, as p.adjust does with NA. */
#ifndef QAREPORT_PADJUST_H
#define QAREPORT_PADJUST_H

#include <stddef.h>

#include "qareport/error.h"

typedef enum { QA_PADJUST_HOLM = 0, QA_PADJUST_BH = 1, QA_PADJUST_NONE = 2 } qa_padjust_method;

/* adjusted[i] for p[i], i < n; adjusted may be the same array as p.
 * Returns QA_OK, or QA_ERR_MEMORY (adjusted then all NaN).
 *
 *     double p[10] = {...}, adjusted[10];
 *     qa_p_adjust(p, 10, QA_PADJUST_HOLM, adjusted);
 */
qa_status qa_p_adjust(const double *p, size_t n, qa_padjust_method method, double *adjusted);

#endif
