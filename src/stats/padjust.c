/* p-value adjustment as R's p.adjust: Holm (1979) step-down and Benjamini & Hochberg (1995)
 * step-up, over the non-NaN entries only (m = their number). */
#include "qareport/padjust.h"

#include <math.h>
#include <stdlib.h>

typedef struct {
    double p;
    size_t index;
} indexed_p;

/* Ascending p; equal p by index, so the result does not depend on qsort's whims. */
static int compare_indexed_p(const void *a, const void *b)
{
    const indexed_p *x = a, *y = b;
    if (x->p != y->p)
        return x->p < y->p ? -1 : 1;
    return (x->index > y->index) - (x->index < y->index);
}

static double at_most_one(double v)
{
    return v < 1 ? v : 1;
}

qa_status qa_p_adjust(const double *p, size_t n, qa_padjust_method method, double *adjusted)
{
    indexed_p *sorted = malloc((n ? n : 1) * sizeof *sorted);
    if (!sorted) {
        for (size_t i = 0; i < n; i++)
            adjusted[i] = NAN;
        return QA_ERR_MEMORY;
    }
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (!isnan(p[i]))
            sorted[m++] = (indexed_p){p[i], i};
    /* adjusted may alias p: every p is in `sorted` now. */
    for (size_t i = 0; i < n; i++)
        if (isnan(p[i]))
            adjusted[i] = NAN;
    qsort(sorted, m, sizeof *sorted, compare_indexed_p);
    double md = (double)m;
    if (method == QA_PADJUST_HOLM) {
        /* cummax((m - i + 1) p_(i)) over ascending p, capped at 1. */
        double running = 0;
        for (size_t i = 0; i < m; i++) {
            double v = (md - (double)i) * sorted[i].p;
            running = v > running ? v : running;
            adjusted[sorted[i].index] = at_most_one(running);
        }
    } else if (method == QA_PADJUST_BH) {
        /* cummin(m / i * p_(i)) from the largest p down, capped at 1. */
        double running = INFINITY;
        for (size_t i = m; i-- > 0;) {
            double v = md / (double)(i + 1) * sorted[i].p;
            running = v < running ? v : running;
            adjusted[sorted[i].index] = at_most_one(running);
        }
    } else {
        for (size_t i = 0; i < m; i++)
            adjusted[sorted[i].index] = sorted[i].p;
    }
    free(sorted);
    return QA_OK;
}
